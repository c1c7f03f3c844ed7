/**
 * The string style of the RoomOS macro runtime and jsxapi, so macro code runs unchanged:
 * `xapi.command('Dial', {...}, body?)`, `xapi.status.get('Audio Volume')`, `xapi.config.set('SystemUnit Name', 'x')`,
 * `xapi.event.on('UserInterface Extensions Widget Action', cb)`, `xapi.doc(path)`, plus `xapi.query(...)` and
 * `xapi.feedback.on('/Status/Audio/Volume', cb)`. Paths: `'Audio Volume'`, `'Audio/Volume'`, `'Call[3] Status'`, arrays.
 */
import { ClientErrorCode, InvalidParameterError } from './errors';
import type { FeedbackListener } from './feedback';
import type { CallOptions, XapiOps } from './ops';
import { normalizePath, rootOf, rootedPath, type PathInput } from './paths';
import type { PathSegment, Root } from './protocol';
import type { CommandResult, Subscription } from './typed';

export interface StatusApi {
  get(path: PathInput, opts?: CallOptions): Promise<any>;
  on(path: PathInput, listener: FeedbackListener): Subscription;
  once(path: PathInput, listener: FeedbackListener): Subscription;
}
export interface ConfigApi extends StatusApi {
  set(path: PathInput, value: string | number, opts?: CallOptions): Promise<void>;
}
export interface EventApi {
  on(path: PathInput, listener: FeedbackListener): Subscription;
  once(path: PathInput, listener: FeedbackListener): Subscription;
}
/** Feedback on a path that names its root: `'/Status/Audio/Volume'`, `'Event UserInterface'`. */
export type FeedbackApi = EventApi;

export type CommandFn = {
  (path: PathInput, params?: Record<string, unknown>, body?: string, opts?: CallOptions): Promise<CommandResult>;
  (path: PathInput, body: string, opts?: CallOptions): Promise<CommandResult>;
};

export interface StringApi {
  command: CommandFn;
  status: StatusApi;
  config: ConfigApi;
  event: EventApi;
  feedback: FeedbackApi;
}

/** Bad paths become a rejected promise, like every other failure of a call. */
function guard<T>(fn: () => Promise<T>): Promise<T> {
  try { return fn(); } catch (e) { return Promise.reject(e); }
}

function listenApi(ops: XapiOps, root: Root): EventApi {
  return {
    on: (path, listener) => ops.on(rootedPath(root, path), listener, false),
    once: (path, listener) => ops.on(rootedPath(root, path), listener, true),
  };
}

function withRoot(path: PathInput): PathSegment[] {
  const p = normalizePath(path);
  const r = rootOf(p[0]);
  if (!r || r === 'Command') throw new InvalidParameterError(`feedback.on() needs a path starting with Status, Configuration or Event, not "${String(path)}"`, ClientErrorCode.Usage);
  p[0] = r;
  return p;
}

export function createStringApi(ops: XapiOps): StringApi {
  const command = ((path: PathInput, params?: Record<string, unknown> | string, body?: string | CallOptions, opts?: CallOptions) => guard(() => {
    const names = rootedPath('Command', path).slice(1);
    if (typeof params === 'string') return ops.command(names, undefined, params, body as CallOptions | undefined);
    return ops.command(names, params, typeof body === 'string' ? body : undefined, typeof body === 'object' ? body : opts);
  })) as CommandFn;
  const event = listenApi(ops, 'Event');
  return {
    command,
    status: { ...listenApi(ops, 'Status'), get: (path, opts) => guard(() => ops.get(rootedPath('Status', path), opts)) },
    config: {
      ...listenApi(ops, 'Configuration'),
      get: (path, opts) => guard(() => ops.get(rootedPath('Configuration', path), opts)),
      set: (path, value, opts) => guard(() => ops.set(rootedPath('Configuration', path), value, opts)),
    },
    event,
    feedback: {
      on: (path, listener) => ops.on(withRoot(path), listener, false),
      once: (path, listener) => ops.on(withRoot(path), listener, true),
    },
  };
}

/** Query paths may hold `*`/`**` wildcards; the first segment must be a root. */
export function queryPath(path: PathInput): PathSegment[] {
  const parts = typeof path === 'string' ? path.split(/[\s/.]+/).filter(Boolean) : [...path];
  const out: PathSegment[] = [];
  const plain: (string | number)[] = [];
  const flush = () => { if (plain.length) out.push(...normalizePath(plain.splice(0))); };
  for (const p of parts) {
    if (p === '*' || p === '**') { flush(); out.push(p); } else plain.push(p);
  }
  flush();
  const r = rootOf(out[0]);
  if (r === 'Status' || r === 'Configuration') out[0] = r;
  else throw new InvalidParameterError(`query() needs a path starting with Status or Configuration, not "${String(path)}"`, ClientErrorCode.Usage);
  return out;
}
