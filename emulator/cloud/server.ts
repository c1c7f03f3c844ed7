/**
 * A simulated Webex cloud: the device APIs of webexapis.com/v1 (devices, xAPI status, command and schema, device
 * configurations, and the token endpoint) over HTTP on loopback, in front of a fleet of simulated devices. Bearer
 * tokens carry scopes, and a call without its scope gets the cloud's 403; a bad token 401; 429s with `Retry-After`
 * can be injected at a rate, and any status for the next calls (faults). Errors have the cloud's body and a
 * `Trackingid` header. Where the cloud's behaviour is not captured, xapi/cloud/assumed.ts says what is guessed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NotFoundError, PermissionDeniedError, XapiError } from '../../xapi/errors';
import { ASSUMED_COMMAND_FAILURE_STATUS, ASSUMED_ENFORCED_WRITE_STATUS, ASSUMED_OFFLINE_STATUS } from '../../xapi/cloud/assumed';
import { dottedKey, mergeTrees, parseDottedKey, treeOf } from '../../xapi/cloud/cloudPaths';
import {
  CONFIGURED_VALUE, CloudHeader, CloudPath, EditReason, JSON_PATCH_TYPE, MAX_SCHEMA_DEVICES, MAX_STATUS_NAMES, ONLINE, Scope, type CloudErrorBody,
  type ConnectionStatus,
} from '../../xapi/cloud/webexApi';
import type { PathSegment } from '../../xapi/protocol';
import { formatKey } from '../../schema/cloudKeys';
import { configurationItems, jsonSchemaOf, keyFilter } from './configurations';
import { generatedFleet, makeFleetDevice, type CloudDeviceSpec, type FleetDevice } from './fleet';

export interface CloudToken {
  readonly token: string;
  readonly scopes: readonly string[];
}

export interface SimulatedCloudOptions {
  /** A number of generated devices (mixed products, versions, some offline), or the devices themselves. Default 3. */
  readonly fleet?: number | readonly CloudDeviceSpec[];
  /** Default: one token with every scope (`cloud.tokens[0]`). */
  readonly tokens?: readonly CloudToken[];
  /** Organisation rules: configuration key → the value every device is held at. Default two rules. */
  readonly rules?: Readonly<Record<string, string | number>>;
  /** Answer this fraction of calls with 429 and `Retry-After` (deterministic: every 1/rate-th call). */
  readonly rateLimit?: { readonly rate: number; readonly retryAfterSeconds?: number };
  /** The refresh grant the token endpoint accepts; it issues a new token with every scope. */
  readonly refresh?: { readonly clientId: string; readonly clientSecret: string; readonly refreshToken: string };
  /** Default page size of `GET /devices` (the cloud's `max`). */
  readonly pageSize?: number;
  /** Latency of every generated device's xAPI calls (ms). */
  readonly latencyMs?: number;
  readonly host?: string;
  readonly port?: number;
  /** Keep every request and answer in `requests` (tests); off for a long-running cloud (`xapi emulator --cloud`). Default on. */
  readonly record?: boolean;
}

/** One recorded request (tests count requests and check what the client sent). */
export interface CloudRequestRecord {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly contentType?: string;
  readonly body?: unknown;
  /** The answer: its status (0: the connection was dropped), body and headers. */
  readonly status: number;
  readonly response?: unknown;
  readonly responseHeaders?: Readonly<Record<string, string>>;
}

export interface SimulatedCloud {
  /** `http://127.0.0.1:PORT/v1`: the base URL to give the client. */
  readonly baseUrl: string;
  readonly devices: readonly FleetDevice[];
  readonly tokens: readonly CloudToken[];
  readonly requests: CloudRequestRecord[];
  device(id: string): FleetDevice | undefined;
  /** Calls to the API so far, and how many were answered 429 by `rateLimit`. */
  counts(): { readonly calls: number; readonly rateLimited: number };
  setConnectionStatus(id: string, status: ConnectionStatus): void;
  /** Every access token stops working (as when they expire): a client must refresh. */
  expireTokens(): void;
  /** The next `times` calls (matching `path` when given) get `status` with the cloud's error body (and `Retry-After` for 429/423). */
  injectFault(fault: { status: number; times?: number; path?: string; retryAfterSeconds?: number; dropConnection?: boolean }): void;
  stop(): Promise<void>;
}

const ALL_SCOPES = [Scope.xapiCommands, Scope.xapiStatuses, Scope.devicesRead, Scope.devicesWrite];
const DEFAULT_RULES = { 'Audio.Ultrasound.MaxVolume': 0, 'Standby.Delay': 15 };
const API_PREFIX = '/v1';
const MAX_BODY = 8 * 2 ** 20;

class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly headers: Record<string, string> = {}) { super(message); }
}

interface Fault { status: number; times: number; path?: string; retryAfterSeconds?: number; dropConnection?: boolean }

export async function startSimulatedCloud(options: SimulatedCloudOptions = {}): Promise<SimulatedCloud> {
  const specs = typeof options.fleet === 'number' || options.fleet === undefined ? generatedFleet(options.fleet ?? 3, options.latencyMs) : options.fleet;
  const devices = specs.map((s, i) => makeFleetDevice(s, i + 1));
  const byId = new Map(devices.map(d => [d.id, d]));
  const tokens: CloudToken[] = [...(options.tokens ?? [{ token: `sim-${randomBytes(16).toString('hex')}`, scopes: ALL_SCOPES }])];
  const rules = new Map(Object.entries(options.rules ?? DEFAULT_RULES).map(([k, v]) => [k.toLowerCase(), v]));
  const requests: CloudRequestRecord[] = [];
  const faults: Fault[] = [];
  let calls = 0;
  let limited = 0;

  // The organisation's rules hold every device at their value.
  for (const d of devices) {
    for (const [key, value] of Object.entries(options.rules ?? DEFAULT_RULES)) {
      const names = parseDottedKey(key);
      if (names) await d.xapi.config.set(['Configuration', ...names] as PathSegment[], value).catch(() => undefined);
    }
  }

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(e => {
      if (!res.headersSent) send(res, 500, errorBody(`internal error: ${(e as Error).message}`));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://cloud');
    let body: unknown;
    let status = 200;
    const record = (response?: unknown, responseHeaders?: Record<string, string>) => {
      if (options.record === false) return;
      // The token endpoint's form holds the client secret and the refresh token: not kept.
      const kept = url.pathname.endsWith(CloudPath.accessToken) ? '(form, not kept)' : body;
      requests.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, contentType: req.headers['content-type'], body: kept, status, response, responseHeaders });
    };
    try {
      body = await readBody(req);
      const fault = takeFault(url.pathname);
      if (fault?.dropConnection) { status = 0; record(); req.socket.destroy(); return; }
      if (fault) throw new HttpError(fault.status, `injected fault (HTTP ${fault.status})`, fault.retryAfterSeconds !== undefined ? { [CloudHeader.retryAfter]: String(fault.retryAfterSeconds) } : {});
      const answer = await route(req.method ?? 'GET', url, req, body);
      status = answer.status;
      record(answer.body, send(res, answer.status, answer.body, answer.headers));
    } catch (e) {
      const err = e instanceof HttpError ? e : new HttpError(500, (e as Error).message);
      status = err.status;
      const answer = errorBody(err.message);
      record(answer, send(res, err.status, answer, err.headers));
    }
  }

  function takeFault(path: string): Fault | undefined {
    const i = faults.findIndex(f => !f.path || path.includes(f.path));
    if (i < 0) return undefined;
    const f = faults[i];
    if (--f.times <= 0) faults.splice(i, 1);
    return f;
  }

  function scopesOf(req: IncomingMessage): readonly string[] {
    const auth = req.headers.authorization ?? '';
    const token = /^Bearer (.+)$/.exec(auth)?.[1];
    const t = token && tokens.find(x => x.token === token);
    if (!t) throw new HttpError(401, 'The request requires a valid access token set in the Authorization request header.');
    return t.scopes;
  }

  function need(scopes: readonly string[], scope: string): void {
    // The cloud's 403 does not name the scope (the client names it from its own table).
    if (!scopes.includes(scope)) throw new HttpError(403, 'Access denied: the token is not authorized for this API.');
  }

  function rateLimited(): void {
    const rate = options.rateLimit?.rate ?? 0;
    if (rate <= 0) return;
    calls++;
    if (Math.floor(calls * rate) > limited) {
      limited++;
      throw new HttpError(429, 'Too many requests.', { [CloudHeader.retryAfter]: String(options.rateLimit?.retryAfterSeconds ?? 1) });
    }
  }

  function deviceOf(id: string | null): FleetDevice {
    if (!id) throw new HttpError(400, 'deviceId is required.');
    const d = byId.get(id);
    if (!d) throw new HttpError(404, `Device ${id} not found.`);
    return d;
  }

  /** xAPI reaches only devices connected to Webex (assumed.ts: the status of the refusal). */
  async function reach(d: FleetDevice): Promise<void> {
    if (!ONLINE.has(d.connectionStatus)) throw new HttpError(ASSUMED_OFFLINE_STATUS, `Device ${d.id} is not connected to Webex (connectionStatus: ${d.connectionStatus}).`);
    if (d.latencyMs > 0) await new Promise(r => setTimeout(r, d.latencyMs));
  }

  async function route(method: string, url: URL, req: IncomingMessage, body: unknown): Promise<{ status: number; body?: unknown; headers?: Record<string, string> }> {
    if (!url.pathname.startsWith(API_PREFIX)) throw new HttpError(404, `No resource ${url.pathname}.`);
    const path = url.pathname.slice(API_PREFIX.length);
    const q = url.searchParams;
    if (path === CloudPath.accessToken) {
      if (method !== 'POST') throw new HttpError(405, 'Method not allowed.');
      return issueToken(body);
    }
    const scopes = scopesOf(req);
    rateLimited();
    if (path === CloudPath.devices) {
      if (method !== 'GET') throw new HttpError(405, 'Method not allowed.');
      need(scopes, Scope.devicesRead);
      return listDevices(url);
    }
    if (path.startsWith(`${CloudPath.devices}/`)) {
      if (method !== 'GET') throw new HttpError(405, 'Method not allowed.');
      need(scopes, Scope.devicesRead);
      return { status: 200, body: deviceOf(decodeURIComponent(path.slice(CloudPath.devices.length + 1))).info() };
    }
    if (path === CloudPath.status) {
      if (method !== 'GET') throw new HttpError(405, 'Method not allowed.');
      need(scopes, Scope.xapiStatuses);
      return readStatus(deviceOf(q.get('deviceId')), q.getAll('name'));
    }
    if (path.startsWith(`${CloudPath.command}/`)) {
      if (method !== 'POST') throw new HttpError(405, 'Method not allowed.');
      need(scopes, Scope.xapiCommands);
      return runCommand(decodeURIComponent(path.slice(CloudPath.command.length + 1)), body);
    }
    if (path === CloudPath.schema) {
      if (method !== 'GET') throw new HttpError(405, 'Method not allowed.');
      if (q.getAll('status').length) need(scopes, Scope.xapiStatuses);
      if (q.getAll('command').length) need(scopes, Scope.xapiCommands);
      return schemas(q);
    }
    if (path === CloudPath.configurations) {
      const d = deviceOf(q.get('deviceId'));
      if (method === 'GET') {
        need(scopes, Scope.devicesRead);
        return { status: 200, body: { deviceId: d.id, items: await items(d, q.get('key')) } };
      }
      if (method === 'PATCH') {
        need(scopes, Scope.devicesWrite);
        if (!String(req.headers['content-type'] ?? '').startsWith(JSON_PATCH_TYPE)) throw new HttpError(415, `Content type must be ${JSON_PATCH_TYPE}.`);
        return patchConfigurations(d, body);
      }
      throw new HttpError(405, 'Method not allowed.');
    }
    throw new HttpError(404, `No resource ${url.pathname}.`);
  }

  function issueToken(body: unknown): { status: number; body: unknown } {
    const form = typeof body === 'string' ? new URLSearchParams(body) : new URLSearchParams();
    const grant = options.refresh;
    if (form.get('grant_type') !== 'refresh_token' || !grant || form.get('client_id') !== grant.clientId || form.get('client_secret') !== grant.clientSecret || form.get('refresh_token') !== grant.refreshToken) {
      throw new HttpError(400, 'Invalid refresh token or client credentials.');
    }
    const token = `sim-${randomBytes(16).toString('hex')}`;
    tokens.push({ token, scopes: ALL_SCOPES });
    return { status: 200, body: { access_token: token, expires_in: 1_209_599, refresh_token: grant.refreshToken, refresh_token_expires_in: 7_775_999, token_type: 'Bearer' } };
  }

  function listDevices(url: URL): { status: number; body: unknown; headers: Record<string, string> } {
    const q = url.searchParams;
    const max = Math.max(1, Number(q.get('max') ?? options.pageSize ?? 100) || 100);
    const start = Math.max(0, Number(q.get('start') ?? 0) || 0);
    const tags = q.getAll('tag').flatMap(t => t.split(',')).filter(Boolean);
    const matches = devices.map(d => d.info()).filter(d =>
      (!q.get('displayName') || d.displayName.toLowerCase().includes(q.get('displayName')!.toLowerCase()))
      && (!q.get('connectionStatus') || d.connectionStatus === q.get('connectionStatus'))
      && (!q.get('product') || d.product.toLowerCase().includes(q.get('product')!.toLowerCase()))
      && (!q.get('software') || (d.software ?? '').includes(q.get('software')!))
      && (!q.get('serial') || d.serial === q.get('serial'))
      && tags.every(t => d.tags?.includes(t)));
    const page = matches.slice(start, start + max);
    const headers: Record<string, string> = {};
    if (start + max < matches.length) {
      const next = new URL(url.href);
      next.searchParams.set('start', String(start + max));
      next.searchParams.set('max', String(max));
      headers[CloudHeader.link] = `<${baseUrl.replace(/\/v1$/, '')}${next.pathname}${next.search}>; rel="next"`;
    }
    return { status: 200, body: { items: page }, headers };
  }

  async function readStatus(d: FleetDevice, names: string[]): Promise<{ status: number; body: unknown }> {
    if (!names.length) throw new HttpError(400, 'name is required.');
    if (new Set(names).size > MAX_STATUS_NAMES) throw new HttpError(400, `At most ${MAX_STATUS_NAMES} different status expressions.`);
    await reach(d);
    let result: unknown = {};
    for (const name of new Set(names)) {
      const path = parseDottedKey(name);
      if (!path) continue;
      // Spelled as the schema spells it, as the cloud answers.
      const spelled = path.map((s, i) => typeof s === 'number' ? s : d.device.index.entry('Status', path.slice(0, i + 1).filter((x): x is string => typeof x === 'string'))?.name ?? s);
      const value = await d.xapi.status.get(spelled as PathSegment[]).catch(() => undefined);
      // An invalid or unreadable path answers 200 with nothing for it (captured on a real device).
      // Every name that exists, merged into one tree (xapi/cloud/assumed.ts: multi-name status).
      if (value !== undefined) result = mergeTrees(result, treeOf(spelled, value));
    }
    return { status: 200, body: { deviceId: d.id, result } };
  }

  async function runCommand(name: string, body: unknown): Promise<{ status: number; body: unknown }> {
    const b = body as { deviceId?: unknown; arguments?: unknown; body?: unknown } | undefined;
    if (typeof b?.deviceId !== 'string') throw new HttpError(400, 'deviceId is required.');
    if (typeof b.arguments !== 'object' || b.arguments === null || Array.isArray(b.arguments)) throw new HttpError(400, 'arguments is required.');
    const d = deviceOf(b.deviceId);
    const names = name.split('.');
    await reach(d);
    const text = b.body === undefined ? undefined : typeof b.body === 'string' ? b.body : JSON.stringify(b.body);
    try {
      const result = await d.xapi.command(names, b.arguments as Record<string, unknown>, text);
      return { status: 200, body: { deviceId: d.id, arguments: b.arguments, result: result ?? {} } };
    } catch (e) {
      if (e instanceof NotFoundError) throw new HttpError(400, `[Command '${name}' not supported]`);
      if (e instanceof PermissionDeniedError) throw new HttpError(403, (e as Error).message);
      if (e instanceof XapiError) throw new HttpError(ASSUMED_COMMAND_FAILURE_STATUS, (e as Error).message);
      throw e;
    }
  }

  async function items(d: FleetDevice, key: string | null): Promise<Record<string, unknown>> {
    const filter = key === null ? () => true : keyFilter(key);
    if (!filter) throw new HttpError(400, `Invalid key ${key}.`);
    const tree = await d.xapi.config.get('Configuration');
    const all = configurationItems(d.device.index, d.device.product, tree, rules);
    return Object.fromEntries(Object.entries(all).filter(([k]) => filter(k)));
  }

  async function patchConfigurations(d: FleetDevice, body: unknown): Promise<{ status: number; body: unknown }> {
    if (!Array.isArray(body) || !body.length) throw new HttpError(400, 'The body must be a JSON Patch array.');
    const all = await items(d, null);
    const keys = new Map(Object.keys(all).map(k => [k.toLowerCase(), k]));
    for (const op of body as { op?: unknown; path?: unknown; value?: unknown }[]) {
      if (op?.op !== 'replace' && op?.op !== 'remove') throw new HttpError(400, `Unsupported operation ${String(op?.op)}.`);
      if (typeof op.path !== 'string' || !op.path.endsWith(CONFIGURED_VALUE)) throw new HttpError(400, `Only paths ending in ${CONFIGURED_VALUE} are supported.`);
      const key = keys.get(op.path.slice(0, -CONFIGURED_VALUE.length).toLowerCase());
      if (!key) throw new HttpError(400, `Unknown configuration ${op.path.slice(0, -CONFIGURED_VALUE.length)}.`);
      if (rules.has(key.toLowerCase())) throw new HttpError(ASSUMED_ENFORCED_WRITE_STATUS, `Configuration ${key} is not editable: ${EditReason.rule}.`);
      const names = parseDottedKey(key)!;
      const item = all[key] as { sources: { default: { value: unknown } } };
      const value = op.op === 'remove' ? item.sources.default.value : op.value;
      try {
        await d.xapi.config.set(['Configuration', ...names] as PathSegment[], value as string | number);
      } catch (e) {
        throw new HttpError(400, `Invalid value for ${key}: ${(e as Error).message}`);
      }
    }
    return { status: 201, body: { deviceId: d.id, items: await items(d, null) } };
  }

  function schemas(q: URLSearchParams): { status: number; body: unknown } {
    const ids = q.getAll('deviceId');
    if (!ids.length) throw new HttpError(400, 'deviceId is required.');
    if (ids.length > MAX_SCHEMA_DEVICES) throw new HttpError(400, `At most ${MAX_SCHEMA_DEVICES} device IDs.`);
    const statusFilters = q.getAll('status').map(p => keyFilter(p.replace(/\[1\.\.n\]/g, '[*]')) ?? (() => false));
    const commandFilters = q.getAll('command').map(p => keyFilter(p) ?? (() => false));
    return {
      status: 200,
      body: ids.map(id => {
        const d = deviceOf(id);
        const status: Record<string, unknown> = {};
        const commands: Record<string, unknown> = {};
        for (const node of d.device.schema.nodes) {
          const v = d.device.index.variantFor(node, d.device.product);
          if (!v) continue;
          const key = formatKey(v.path.map(s => (s.index ? { name: s.name, index: { from: s.index.min, to: s.index.max ?? Infinity } } : { name: s.name })));
          const plain = dottedKey(node.names);
          if (node.kind === 'Status' && statusFilters.some(f => f(plain))) status[key] = { schema: jsonSchemaOf(v.valueSpace) };
          if (node.kind === 'Command' && commandFilters.some(f => f(plain))) {
            commands[key] = {
              arguments: Object.fromEntries((v.params ?? []).map(p => [p.name, { required: p.required, schema: jsonSchemaOf(p.valueSpace) }])),
              resultSchema: { type: ['object', 'null'] },
              ...(v.multiline ? { bodySchema: { schema: { type: ['object', 'string'] } } } : {}),
            };
          }
        }
        return { deviceId: d.id, status, commands };
      }),
    };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}${API_PREFIX}`;

  return {
    baseUrl,
    devices,
    tokens,
    requests,
    device: id => byId.get(id),
    setConnectionStatus: (id, s) => { deviceOf(id).connectionStatus = s; },
    expireTokens: () => { tokens.splice(0); },
    injectFault: f => { faults.push({ ...f, times: f.times ?? 1 }); },
    counts: () => ({ calls, rateLimited: limited }),
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>(r => server.close(() => r()));
      await Promise.all(devices.map(d => d.xapi.close()));
    },
  };
}

function errorBody(message: string): CloudErrorBody {
  return { message, errors: [{ description: message }], trackingId: `ROUTERGW_${randomUUID()}` };
}

/** Answers; returns the headers sent. */
function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): Record<string, string> {
  const text = body === undefined ? '' : JSON.stringify(body);
  const trackingId = (body as CloudErrorBody | undefined)?.trackingId ?? `ROUTERGW_${randomUUID()}`;
  const all = { 'content-type': 'application/json', [CloudHeader.trackingId]: trackingId, ...headers };
  res.writeHead(status, all);
  res.end(text);
  return all;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, 'Request entity too large.');
    chunks.push(c as Buffer);
  }
  if (!size) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  const type = String(req.headers['content-type'] ?? '');
  if (type.startsWith('application/x-www-form-urlencoded')) return text;
  try { return JSON.parse(text); } catch { throw new HttpError(400, 'The request body is not valid JSON.'); }
}
