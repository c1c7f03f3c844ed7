/**
 * One JSON-RPC frame in, at most one response out (plus any feedback): envelope checks (§2, §12.1),
 * then the methods xCommand/…, xGet, xQuery, xSet, xFeedback/Subscribe|Unsubscribe, xDoc.
 */
import { eventPayloadPath } from '../schema/eventFields';
import { Role } from '../schema/model';
import { feedbackKindOfWord, STATE_KINDS, StateKind, stateKindOfWord } from '../schema/kinds';
import { ErrorCode, ErrorMessage, Id, JSONRPC_VERSION, Method } from '../xapi/protocol';
import type { Device, Session } from './device';
import { RpcError } from './errors';
import { mayRead } from './feedback';
import { checkParams } from './commands';
import { CompiledQuery, compileQuery, Location, matches, queryRoot } from './query';
import { insertAt, Json, renderNode } from './render';
import { isHidden, leafValue, leavesOf, readRolesOf, TreeNode } from './state';
import { checkValue } from './values';
import { xdocFor } from './xdoc';
import { HIDDEN_VALUE } from '../xapi/protocol';

type Params = Record<string, unknown>;

/** How many received commands `Device.commandsReceived` keeps. */
export const COMMAND_LOG_LIMIT = 10_000;

interface Outcome {
  result: unknown;
  /** Work to do after the response went out (feedback that must follow the result, timed behaviours). */
  after: (() => void)[];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isId(v: unknown): v is Id | null {
  return v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

export function handleFrame(device: Device, session: Session, frame: string): void {
  let msg: unknown;
  try {
    msg = JSON.parse(frame);
  } catch {
    replyError(session, null, new RpcError(ErrorCode.ParseError, ErrorMessage.ParseError));
    return;
  }
  if (!isPlainObject(msg)) {
    replyError(session, null, new RpcError(ErrorCode.InvalidRequest, ErrorMessage.InvalidRequest));
    return;
  }
  const hasId = Object.prototype.hasOwnProperty.call(msg, 'id');
  const id = msg.id;
  if ((hasId && !isId(id)) || typeof msg.method !== 'string' || msg.jsonrpc !== JSONRPC_VERSION) {
    replyError(session, hasId && isId(id) ? id : null, new RpcError(ErrorCode.InvalidRequest, ErrorMessage.InvalidRequest));
    return;
  }
  const respond = hasId;
  if (device.initializing) {
    if (respond) replyError(session, id as Id | null, RpcError.notReady());
    return;
  }
  let outcome: Outcome;
  try {
    if (msg.params !== undefined && !isPlainObject(msg.params)) throw RpcError.badUsage();
    outcome = dispatch(device, session, msg.method, (msg.params as Params | undefined) ?? {});
  } catch (e) {
    if (respond) replyError(session, id as Id | null, e instanceof RpcError ? e : new RpcError(ErrorCode.InternalError, ErrorMessage.InternalError));
    return;
  }
  if (respond) session.sendResult(id, outcome.result);
  // The answer is out: a failing step can no longer be answered, and must not stop the steps after it
  // nor escape into the transport's message handler.
  for (const fn of outcome.after) {
    try {
      fn();
    } catch (e) {
      device.reportError(e, `after ${msg.method}`);
    }
  }
}

function replyError(session: Session, id: Id | null, e: RpcError): void {
  session.sendError(id, e.toObject());
}

function dispatch(device: Device, session: Session, method: string, params: Params): Outcome {
  const m = method.toLowerCase();
  if (m.startsWith(Method.CommandPrefix.toLowerCase())) return runCommand(device, session, method.slice(Method.CommandPrefix.length), params);
  switch (m) {
    case Method.Get.toLowerCase(): return { result: xGet(device, session, params), after: [] };
    case Method.Query.toLowerCase(): return { result: xQuery(device, session, params), after: [] };
    case Method.Set.toLowerCase(): return xSet(device, session, params);
    case Method.Subscribe.toLowerCase(): return subscribe(device, session, params);
    case Method.Unsubscribe.toLowerCase(): return { result: unsubscribe(session, params), after: [] };
    case Method.Doc.toLowerCase(): return { result: xDoc(device, session, params), after: [] };
    default: throw RpcError.methodNotFound();
  }
}

function hasRole(user: readonly Role[], allowed: readonly Role[]): boolean {
  return allowed.length === 0 || allowed.some(r => user.includes(r));
}

// ---- xCommand -------------------------------------------------------------------------------------

function runCommand(device: Device, session: Session, path: string, params: Params): Outcome {
  const names = path.split('/').filter(Boolean);
  if (!names.length || names.length !== path.split('/').length) throw RpcError.methodNotFound();
  const node = device.index.lookup('Command', names);
  const variant = node && device.index.variantFor(node, device.product);
  if (!node || !variant) throw RpcError.methodNotFound();
  if (!hasRole(session.user.roles, variant.writeRoles)) throw RpcError.permissionDenied();
  const checked = checkParams(variant, params);
  device.commandsReceived.push({
    path: node.normPath, params: checked.values, body: checked.body, user: session.user.username, at: device.clock.now(),
  });
  // A long-running emulator must not grow without bound: keep the most recent commands only.
  if (device.commandsReceived.length > COMMAND_LOG_LIMIT) device.commandsReceived.splice(0, device.commandsReceived.length - COMMAND_LOG_LIMIT);
  const after: (() => void)[] = [];
  const handler = device.handlerFor(node.normPath);
  let result: Record<string, unknown> = {};
  if (handler) {
    const r = device.transaction(() => handler({ device, params: checked.values, body: checked.body, user: session.user, after: fn => after.push(fn) }));
    if (r) result = r;
  }
  return { result: { ...result, status: 'OK' }, after: after.map(fn => () => device.transaction(fn)) };
}

// ---- reads ----------------------------------------------------------------------------------------

function pathParam(params: Params, key: 'Path' | 'Query'): unknown {
  if (!(key in params)) throw RpcError.badUsage();
  return params[key];
}

function stateRootOf(q: CompiledQuery): StateKind {
  const root = stateKindOfWord(queryRoot(q));
  if (!root) throw RpcError.noMatch();
  return root;
}

function readable(session: Session) {
  return (leaf: { meta: { readRoles: readonly Role[] } }) => mayRead(session.user.roles, leaf.meta.readRoles);
}

function xGet(device: Device, session: Session, params: Params): Json {
  const raw = pathParam(params, 'Path');
  const q = compileQuery(raw, false);
  stateRootOf(q);
  const path = (raw as unknown[]).map(x => (typeof x === 'string' && /^\d+$/.test(x) ? Number(x) : x)) as (string | number)[];
  const found = device.state.find(path);
  if (!found) throw RpcError.noMatch();
  const out = renderNode(found.node, readable(session));
  // A list with no items (`Status Call` on an idle device), or a read across a list without an item id (state.ts
  // `find`) that no item has, answers []: real macros read `(await xapi.Status.Call.get()).length` to tell whether
  // a call is up (Cisco's Big_Red_Button and Child_safe_call samples; see docs/emulator.md).
  if (out === undefined && found.node.t === 'list' && found.node.items.size === 0) return [];
  if (out === undefined) {
    if (renderNode(found.node, () => true) !== undefined) throw RpcError.permissionDenied();
    throw RpcError.noMatch();
  }
  return out;
}

/** Leaves of a root that a query selects, rendered into a tree rooted at the top node. */
function collect(device: Device, session: Session, q: CompiledQuery, roots: readonly StateKind[]): { [k: string]: Json } | undefined {
  const tree: { [k: string]: Json } = {};
  let any = false;
  let denied = false;
  for (const root of roots) {
    for (const { loc, leaf } of leavesOf(device.state.roots[root], [root])) {
      if (!matches(q, loc)) continue;
      if (!mayRead(session.user.roles, leaf.meta.readRoles)) { denied = true; continue; }
      insertAt(tree, loc, isHidden(leaf) ? HIDDEN_VALUE : leafValue(leaf));
      any = true;
    }
  }
  if (!any && denied) throw RpcError.permissionDenied();
  return any ? tree : undefined;
}

function xQuery(device: Device, session: Session, params: Params): Json {
  const q = compileQuery(pathParam(params, 'Query'), true);
  const root = stateRootOf(q);
  // ["Status", "**"] alone is the whole tree; a bare ["**"] is refused (D15427), handled by stateRootOf.
  const tree = collect(device, session, q, [root]);
  if (!tree) throw RpcError.noMatch();
  return tree;
}

// ---- xSet -----------------------------------------------------------------------------------------

function xSet(device: Device, session: Session, params: Params): Outcome {
  const raw = pathParam(params, 'Path');
  const q = compileQuery(raw, false);
  if (stateRootOf(q) !== 'Configuration') throw RpcError.noMatch();
  if (!('Value' in params)) throw RpcError.badUsage();
  const path = (raw as unknown[]).map(x => (typeof x === 'string' && /^\d+$/.test(x) ? Number(x) : x)) as (string | number)[];
  const found = device.state.find(path);
  if (!found || found.node.t !== 'leaf') throw RpcError.noMatch();
  const variant = found.node.meta.variant;
  if (!hasRole(session.user.roles, variant.writeRoles)) throw RpcError.permissionDenied();
  const value = variant.valueSpace ? checkValue(variant.valueSpace, params.Value) : undefined;
  if (value === undefined) throw RpcError.illegalValue();
  const loc = found.loc;
  return { result: true, after: [() => { device.writeConfiguration(loc, value); }] };
}

// ---- feedback -------------------------------------------------------------------------------------

/** A query names something the schema has (with `**`, anything goes). */
function querySchemaExists(device: Device, q: CompiledQuery): boolean {
  if (q.hasWildcard) return true;
  const kind = feedbackKindOfWord(queryRoot(q));
  if (!kind) return false;
  const names = q.tokens.slice(1).map(t => (t.any ? '' : t.name));
  if (device.index.entry(kind, names) !== undefined) return true;
  // An event's payload fields are part of its path (`Event … Panel Clicked PanelId`), as on a device.
  if (kind !== 'Event') return false;
  return eventPayloadPath(n => device.index.lookup('Event', n), names, device.product)?.failAt === -1;
}

/** The user may read at least one node the query names (a `**` query is checked per change instead). */
function queryReadable(device: Device, session: Session, q: CompiledQuery): boolean {
  if (q.hasWildcard) return true;
  const kind = feedbackKindOfWord(queryRoot(q));
  const names = q.tokens.slice(1).map(t => (t.any ? '' : t.name));
  let any = false;
  for (const node of device.index.nodes(kind, names)) {
    const variant = device.index.variantFor(node, device.product);
    if (!variant) continue;
    if (mayRead(session.user.roles, readRolesOf(variant))) return true;
    any = true;
  }
  return !any;
}

function subscribe(device: Device, session: Session, params: Params): Outcome {
  const q = compileQuery(pathParam(params, 'Query'), true);
  const root = queryRoot(q);
  if (root !== undefined && !feedbackKindOfWord(root)) throw RpcError.noMatch();
  if (!querySchemaExists(device, q)) throw RpcError.noMatch();
  if (!queryReadable(device, session, q)) throw RpcError.permissionDenied();
  const notify = params.NotifyCurrentValue;
  if (notify !== undefined && typeof notify !== 'boolean' && notify !== 'True' && notify !== 'False') throw RpcError.badArgument('NotifyCurrentValue');
  if (session.subscriptions.size >= device.subscriptionLimit) {
    throw new RpcError(ErrorCode.SubscriberCountExceeded, ErrorMessage.SubscriberCountExceeded);
  }
  const id = session.nextSubscriptionId++;
  session.subscriptions.set(id, { id, query: q });
  const after: (() => void)[] = [];
  if (notify === true || notify === 'True') {
    after.push(() => {
      const roots = STATE_KINDS.filter(r => root === undefined || r === stateKindOfWord(root));
      for (const r of roots) {
        let tree: { [k: string]: Json } | undefined;
        try { tree = collect(device, session, q, [r]); } catch { tree = undefined; }
        if (tree && session.subscriptions.has(id)) {
          session.sendFeedback({ Id: id, ...tree });
        }
      }
    });
  }
  return { result: { Id: id }, after };
}

function unsubscribe(session: Session, params: Params): true {
  const id = params.Id;
  if (typeof id !== 'number' || !session.subscriptions.has(id)) {
    throw new RpcError(ErrorCode.InvalidParams, ErrorMessage.UnknownSubscription, { Id: id === undefined ? null : id });
  }
  session.subscriptions.delete(id);
  return true;
}

// ---- xDoc -----------------------------------------------------------------------------------------

function xDoc(device: Device, _session: Session, params: Params): unknown {
  const raw = pathParam(params, 'Path');
  if (params.Type !== undefined && params.Type !== 'Schema') throw RpcError.badArgument('Type');
  if (!Array.isArray(raw) || raw.length === 0 || raw.some(x => typeof x !== 'string' && typeof x !== 'number')) throw RpcError.noMatch();
  const doc = xdocFor(device, raw as (string | number)[]);
  if (doc === undefined) throw RpcError.noMatch();
  return doc;
}

export type { Location, TreeNode };
