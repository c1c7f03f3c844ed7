/**
 * Feedback subscriptions, shared and ref-counted per path: ten listeners on one path make one
 * `xFeedback/Subscribe`; the last one leaving sends `xFeedback/Unsubscribe`. Feedback is routed by the
 * subscription `Id` the device puts in every event, so overlapping subscriptions never deliver twice.
 * Subscriptions live per connection: after a reconnect every path with listeners is subscribed again, once.
 */
import { ClientErrorCode, ConnectionClosedError, XapiError } from './errors';
import { formatPath } from './paths';
import { GHOST_KEY, Method, type FeedbackParams, type MethodParams, type MethodResult, type PathSegment, type RequestMethod } from './protocol';
import type { Subscription } from './typed';

/**
 * A feedback listener, called as jsxapi and the RoomOS macro runtime call it: `(value, root)`, where `root` is the
 * whole notification (`{ Id, Status|Configuration|Event: … }`, rooted at the top). Third, an addition of ours:
 * `id`, the list item's id when the path runs through a list without an index (`'Call Status'` → the call's id).
 */
export type FeedbackListener = (value: any, root: FeedbackParams, id?: number) => void;

type State = 'idle' | 'subscribing' | 'active';

interface Entry {
  key: string;
  path: PathSegment[];
  listeners: FeedbackListener[];
  state: State;
  subId: number | undefined;
  /** Connection epoch of the in-flight Subscribe. */
  epoch: number;
  registered: Promise<void>;
  settle: (err?: Error) => void;
  settled: boolean;
}

export interface FeedbackHooks {
  request<M extends RequestMethod>(method: M, params: MethodParams[M]): Promise<MethodResult[M]>;
  isConnected(): boolean;
  onError(err: XapiError): void;
  /** A listener threw: reported, never allowed to break dispatch to the others. */
  onListenerError(err: unknown, path: PathSegment[]): void;
}

export class FeedbackRegistry {
  private readonly byKey = new Map<string, Entry>();
  private readonly byId = new Map<number, Entry>();
  private epoch = 0;

  constructor(private readonly hooks: FeedbackHooks) {}

  /** Number of distinct subscribed paths (for tests and diagnostics). */
  get size(): number { return this.byKey.size; }

  on(path: PathSegment[], listener: FeedbackListener, once = false): Subscription {
    if (typeof listener !== 'function') throw new TypeError(`on(${formatPath(path)}): the listener must be a function`);
    // The device matches paths case-insensitively, so `AUDIO VOLUME` and `Audio Volume` share one subscription.
    const key = path.join('/').toLowerCase();
    let entry = this.byKey.get(key);
    if (!entry) {
      let settle!: (err?: Error) => void;
      const registered = new Promise<void>((res, rej) => { settle = (err?: Error) => (err ? rej(err) : res()); });
      // Callers often ignore `registered`; a failure is also reported as an `error` event, never as an unhandled rejection.
      registered.catch(() => undefined);
      entry = { key, path, listeners: [], state: 'idle', subId: undefined, epoch: -1, registered, settle, settled: false };
      this.byKey.set(key, entry);
    }
    const e = entry;
    let active = true;
    let fn: FeedbackListener = listener;
    const unsubscribe = () => {
      if (!active) return;
      active = false;
      this.remove(e, fn);
    };
    if (once) fn = (value: any, root: FeedbackParams, id?: number) => { unsubscribe(); listener(value, root, id); };
    // Copy on write: dispatch may be iterating the old array.
    e.listeners = [...e.listeners, fn];
    if (e.state === 'idle' && this.hooks.isConnected()) this.subscribe(e);
    const sub = unsubscribe as Subscription;
    Object.defineProperty(sub, 'registered', { value: e.registered, enumerable: true });
    const registration = e.registered.then(() => ({ Id: e.subId as number }));
    registration.catch(() => undefined);
    Object.defineProperty(sub, 'registration', { value: registration, enumerable: true });
    return sub;
  }

  private remove(e: Entry, fn: FeedbackListener): void {
    const i = e.listeners.indexOf(fn);
    if (i < 0) return;
    const next = e.listeners.slice();
    next.splice(i, 1);
    e.listeners = next;
    if (next.length > 0) return;
    this.byKey.delete(e.key);
    if (e.subId !== undefined) {
      this.byId.delete(e.subId);
      this.unsubscribeId(e.subId);
      e.subId = undefined;
    }
    // A Subscribe still in flight is undone when its Id arrives (see subscribe()).
  }

  private unsubscribeId(id: number): void {
    if (!this.hooks.isConnected()) return;
    this.hooks.request(Method.Unsubscribe, { Id: id }).catch(err => {
      if (!(err instanceof ConnectionClosedError)) this.hooks.onError(err);
    });
  }

  private subscribe(e: Entry): void {
    e.state = 'subscribing';
    const epoch = (e.epoch = this.epoch);
    this.hooks.request(Method.Subscribe, { Query: e.path, NotifyCurrentValue: false }).then(
      result => {
        if (e.epoch !== epoch || this.epoch !== epoch) return;
        const id = result?.Id;
        if (typeof id !== 'number') {
          e.state = 'idle';
          this.fail(e, new XapiError(`xFeedback/Subscribe ${formatPath(e.path)}: malformed answer ${JSON.stringify(result)}`, ClientErrorCode.Protocol));
          return;
        }
        if (this.byKey.get(e.key) !== e) { this.unsubscribeId(id); return; }
        e.state = 'active';
        e.subId = id;
        this.byId.set(id, e);
        if (!e.settled) { e.settled = true; e.settle(); }
      },
      (err: Error) => {
        if (e.epoch !== epoch) return;
        e.state = 'idle';
        // Lost with the connection: it is subscribed again on reconnect.
        if (err instanceof ConnectionClosedError) return;
        this.fail(e, err);
      },
    );
  }

  private fail(e: Entry, err: Error): void {
    if (this.byKey.get(e.key) === e) this.byKey.delete(e.key);
    e.listeners = [];
    if (!e.settled) { e.settled = true; e.settle(err); }
    this.hooks.onError(err instanceof XapiError ? err : new XapiError(err.message, ClientErrorCode.Protocol));
  }

  /** A new connection is open: subscribe every path that has listeners, exactly once. */
  connected(): void {
    for (const e of this.byKey.values()) if (e.state === 'idle') this.subscribe(e);
  }

  /** The connection is gone: all subscription ids died with it. */
  disconnected(): void {
    this.epoch++;
    this.byId.clear();
    for (const e of this.byKey.values()) { e.state = 'idle'; e.subId = undefined; }
  }

  /** Disposal: forget everything. */
  clear(): void {
    this.disconnected();
    for (const e of this.byKey.values()) if (!e.settled) { e.settled = true; e.settle(new ConnectionClosedError('closed before the subscription was registered', ClientErrorCode.ConnectionClosed)); }
    this.byKey.clear();
  }

  dispatch(params: FeedbackParams): void {
    const e = this.byId.get(params.Id);
    if (e === undefined) return; // an Unsubscribe in flight, or a subscription from before a reconnect
    const listeners = e.listeners;
    const path = e.path;
    const root = (params as unknown as Record<string, unknown>)[path[0] as string];
    if (root === undefined) return;
    walk(root, path, 1, listeners, undefined, this.hooks, params);
  }
}

function child(node: Record<string, unknown>, name: string): unknown {
  const v = node[name];
  if (v !== undefined) return v;
  // The device matches paths case-insensitively; feedback uses its own spelling.
  const lower = name.toLowerCase();
  for (const k in node) if (k.toLowerCase() === lower) return node[k];
  return undefined;
}

function call(listeners: FeedbackListener[], value: unknown, id: number | undefined, path: PathSegment[], hooks: FeedbackHooks, raw: FeedbackParams): void {
  for (let i = 0; i < listeners.length; i++) {
    try { listeners[i](value, raw, id); } catch (e) { hooks.onListenerError(e, path); }
  }
}

function walk(node: unknown, path: PathSegment[], i: number, listeners: FeedbackListener[], id: number | undefined, hooks: FeedbackHooks, raw: FeedbackParams): void {
  if (Array.isArray(node)) {
    const seg = i < path.length ? path[i] : undefined;
    if (typeof seg === 'number') {
      for (const item of node) if (item && item.id == seg) walk(item, path, i + 1, listeners, seg, hooks, raw);
      return;
    }
    // A list reached without an index: every item, each with its id. Ghosts (removed items) go only to
    // listeners on the list itself, as `{ id, ghost: 'True' }`.
    for (const item of node) {
      if (item === null || typeof item !== 'object') continue;
      const itemId = typeof item.id === 'number' ? item.id : item.id !== undefined ? Number(item.id) : undefined;
      if (seg === undefined) call(listeners, item, itemId, path, hooks, raw);
      else if (item[GHOST_KEY] === undefined) walk(item, path, i, listeners, itemId, hooks, raw);
    }
    return;
  }
  if (i === path.length) { call(listeners, node, id, path, hooks, raw); return; }
  if (node === null || typeof node !== 'object') return;
  const seg = path[i];
  if (typeof seg === 'number') {
    // An indexed path into a node that is not a list (single-item lists are sometimes sent as objects).
    if ((node as { id?: unknown }).id == seg) walk(node, path, i + 1, listeners, seg, hooks, raw);
    return;
  }
  const next = child(node as Record<string, unknown>, seg);
  if (next !== undefined) walk(next, path, i + 1, listeners, id, hooks, raw);
}
