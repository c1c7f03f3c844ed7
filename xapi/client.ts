/**
 * The client core, shared by Node, browsers and the in-process simulator: connection state, reconnect,
 * heartbeat, tracing, and the two API styles over one RPC session and one feedback registry.
 * Platform specifics live only in the TransportFactory it is given.
 */
import { commandParams, configValue } from './commandArgs';
import {
  ClientErrorCode, ConnectionClosedError, InvalidParameterError, TimeoutError, XapiError,
} from './errors';
import { FeedbackRegistry, type FeedbackListener } from './feedback';
import type { CallOptions, XapiOps } from './ops';
import { formatPath, normalizePath, rootOf, type PathInput } from './paths';
import { BODY_PARAM, Method, commandMethod, type PathSegment } from './protocol';
import { backoffDelay, isRetryable, resolveReconnect, type ReconnectOptions, type ResolvedReconnect } from './reconnect';
import { redactCredentials, type Redactor } from './redact';
import { Rpc } from './rpc';
import { queryPath, type StringApi } from './stringApi';
import { DEFAULT_HEARTBEAT, type HeartbeatOptions, type Transport, type TransportFactory } from './transport';
import type { ActiveSchema, CommandResult, Subscription } from './typed';
import { XapiSurface } from './surface';

export type TraceOption = boolean | ((direction: 'in' | 'out', frame: string) => void);

export interface ClientOptions {
  /** Default timeout of every request in ms (0 = none). Default 30 s. */
  timeoutMs?: number;
  /** Log every frame in and out: `true` prints to the console; a function receives them. Credential fields and
   * headers are shown as `***`; everything else as it is on the wire. */
  trace?: TraceOption;
  /** Reconnect after the link drops (on by default): `false`, or backoff settings. */
  reconnect?: boolean | ReconnectOptions;
  /** How a dead link is noticed (WebSocket ping in Node, a light request in browsers). */
  heartbeat?: HeartbeatOptions;
  /**
   * `'device'`: an error's `message` is the device's own text (`No such macro`), as jsxapi gives it and as code
   * written for a device compares it (`err.message === 'No such macro'`). Default `'described'`: the text after
   * what failed (`xCommand Macros Macro Get: No such macro`). The class, `code` and `data` are the same either way.
   */
  errorMessages?: 'described' | 'device';
}

export interface ReconnectingInfo {
  attempt: number;
  delayMs: number;
  /** Why the previous attempt failed, if one did. */
  lastError?: XapiError;
}

export interface XapiEvents {
  connected: () => void;
  disconnected: (reason: string) => void;
  reconnecting: (info: ReconnectingInfo) => void;
  /** A listener threw, a frame was bad, a reconnect attempt failed (with its reason), or reconnecting stopped. */
  error: (err: XapiError) => void;
}

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** The xAPI client: proxy style (`xapi.Command.Dial(...)`) and string style (`xapi.command('Dial', ...)`). */
export interface Xapi extends StringApi {
  readonly Command: ActiveSchema['Command'];
  readonly Configuration: ActiveSchema['Configuration'];
  /** Alias of `Configuration`. */
  readonly Config: ActiveSchema['Configuration'];
  readonly Status: ActiveSchema['Status'];
  readonly Event: ActiveSchema['Event'];
  /** xDoc: the schema subtree at `path` (e.g. `'Configuration Audio'`). */
  doc(path: PathInput, opts?: CallOptions): Promise<any>;
  /** xQuery: read with `*`/`**` wildcards; the result is rooted at Status/Configuration. */
  query(path: PathInput, opts?: CallOptions): Promise<any>;
  readonly isConnected: boolean;
  readonly state: ConnectionState;
  /**
   * How it reaches the device: its own WebSocket, or the Webex cloud xAPI (`webex://`), which has no feedback and
   * no events (`.on()` throws UnsupportedError there).
   */
  readonly via: 'websocket' | 'webex';
  /** Where it connects (never with credentials). */
  readonly url: string;
  on<K extends keyof XapiEvents>(name: K, listener: XapiEvents[K]): () => void;
  once<K extends keyof XapiEvents>(name: K, listener: XapiEvents[K]): () => void;
  off<K extends keyof XapiEvents>(name: K, listener: XapiEvents[K]): void;
  /** Closes the connection, stops reconnecting and rejects everything pending with ConnectionClosedError. */
  close(): Promise<void>;
  /** Same as close(). */
  dispose(): Promise<void>;
  /** `await using xapi = await connect(…)` closes the connection when the block ends (CSxAPI's `await using`). */
  [Symbol.asyncDispose](): Promise<void>;
}

const HEARTBEAT_PATH: PathSegment[] = ['Status', 'SystemUnit', 'Uptime'];

export class XapiClient extends XapiSurface implements Xapi {

  private _state: ConnectionState = 'connecting';
  private transport: Transport | undefined;
  private connId = 0;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private readonly rpc: Rpc;
  private readonly subs: FeedbackRegistry;
  private readonly reconnectOpts: ResolvedReconnect;
  private readonly heartbeatOpts: Required<HeartbeatOptions>;

  constructor(private readonly factory: TransportFactory, readonly url: string, options: ClientOptions = {}, redact: Redactor = redactCredentials) {
    super();
    const timeoutMs = options.timeoutMs ?? 30_000;
    if (!(timeoutMs >= 0)) throw new TypeError(`timeoutMs must be a number ≥ 0, not ${String(options.timeoutMs)}`);
    this.reconnectOpts = resolveReconnect(options.reconnect);
    this.heartbeatOpts = { ...DEFAULT_HEARTBEAT, ...options.heartbeat };
    const trace = options.trace;
    const traceFn = typeof trace === 'function'
      ? (d: 'in' | 'out', f: string) => trace(d, redact(f))
      : trace ? (d: 'in' | 'out', f: string) => console.log(`xapi ${d === 'out' ? '>>' : '<<'} ${redact(f)}`) : undefined;
    this.rpc = new Rpc({
      send: frame => this.transport!.send(frame),
      onFeedback: params => this.subs.dispatch(params),
      onError: err => this.emit('error', err),
      trace: traceFn,
      deviceErrorText: options.errorMessages === 'device',
    }, timeoutMs);
    this.subs = new FeedbackRegistry({
      request: (method, params) => this.rpc.request(method, params),
      isConnected: () => this._state === 'open',
      onError: err => this.emit('error', err),
      onListenerError: (err, path) => this.onListenerError(err, `feedback listener on ${formatPath(path)}`),
    });
    this.exposeApi(this.ops());
  }

  /**
   * A listener of ours threw. It must not break the connection or the other listeners, and must not vanish:
   * it becomes an `error` event, or is printed when nobody listens for errors.
   */
  protected override onListenerError(err: unknown, where = 'event listener'): void {
    const e = new XapiError(`A ${where} threw: ${err instanceof Error ? err.message : String(err)}`, ClientErrorCode.Usage, undefined, { cause: err });
    if (this.listenerCount('error') > 0 && !this.reportingListenerError) {
      this.reportingListenerError = true;
      try { this.emit('error', e); } finally { this.reportingListenerError = false; }
    } else console.error(e);
  }
  private reportingListenerError = false;

  get isConnected(): boolean { return this._state === 'open'; }
  get state(): ConnectionState { return this._state; }
  get via(): 'websocket' { return 'websocket'; }
  /** Requests waiting for an answer or a connection (diagnostics). */
  get pendingCount(): number { return this.rpc.pendingCount; }
  /** Distinct subscribed feedback paths (diagnostics). */
  get subscriptionCount(): number { return this.subs.size; }

  /** First connection: resolves when open, rejects with the typed reason (no retries for the first attempt). */
  async start(): Promise<this> {
    try {
      await this.open();
    } catch (e) {
      this._state = 'closed';
      this.rpc.dispose(`connect failed: ${(e as Error).message}`);
      throw e;
    }
    return this;
  }

  private async open(): Promise<void> {
    const t = this.factory();
    const id = ++this.connId;
    const rpc = this.rpc;
    try {
      await t.open({
        message: frame => { if (this.connId === id) rpc.receive(frame); },
        close: info => { if (this.connId === id) this.lost(info.reason); },
        error: err => this.emit('error', err instanceof XapiError ? err : new XapiError(err.message, ClientErrorCode.Connection)),
      });
    } catch (e) {
      // A failed attempt is over: a late close from its socket must not count as losing a connection (that would
      // schedule a second retry, or a retry after a failed first connect).
      if (this.connId === id) this.connId++;
      throw e;
    }
    if (this._state === 'closed' || this.connId !== id) { t.close(); return; }
    this.transport = t;
    this._state = 'open';
    this.attempt = 0;
    // Subscriptions before the calls that waited for the connection, so feedback those calls cause (or that comes
    // right after their answers) is not missed: a macro's `on(…)` then `await get()` finds its listener live.
    this.rpc.connectedNow(() => this.subs.connected());
    if (t.heartbeat === 'request') this.startRequestHeartbeat(id);
    this.emit('connected');
  }

  private lost(reason: string): void {
    if (this._state === 'closed') return;
    const wasOpen = this._state === 'open';
    this.connId++;
    this.stopHeartbeat();
    this.transport = undefined;
    const retry = this.reconnectOpts.enabled && this.reconnectOpts.maxAttempts > 0;
    this.subs.disconnected();
    this.rpc.disconnected(reason, retry);
    this._state = retry ? 'reconnecting' : 'closed';
    if (wasOpen) this.emit('disconnected', reason);
    if (retry) this.scheduleRetry(undefined);
  }

  private scheduleRetry(lastError: XapiError | undefined): void {
    this.attempt++;
    if (this.attempt > this.reconnectOpts.maxAttempts) {
      this.giveUp(lastError ?? new ConnectionClosedError('reconnect attempts exhausted', ClientErrorCode.ConnectionClosed));
      return;
    }
    const delayMs = backoffDelay(this.attempt, this.reconnectOpts);
    this.emit('reconnecting', { attempt: this.attempt, delayMs, lastError });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this._state !== 'reconnecting') return;
      this.open().catch((err: unknown) => {
        if (this._state !== 'reconnecting') return;
        const e = err instanceof XapiError ? err : new XapiError(String(err), ClientErrorCode.Connection);
        if (!isRetryable(e)) return this.giveUp(e);
        // Each failed attempt is reported with its own reason (HTTP 502 while the device reboots), so that what
        // listeners print says why the device is not back yet.
        this.emit('error', e);
        if (this._state === 'reconnecting') this.scheduleRetry(e);
      });
    }, delayMs);
  }

  /** Stops reconnecting for good (bad credentials, untrusted certificate, attempts exhausted). */
  private giveUp(err: XapiError): void {
    this._state = 'closed';
    this.rpc.disconnected(`reconnect stopped: ${err.message}`, false, err);
    this.subs.clear();
    this.emit('error', err);
  }

  private startRequestHeartbeat(id: number): void {
    const { intervalMs, timeoutMs } = this.heartbeatOpts;
    if (!(intervalMs > 0)) return;
    this.heartbeatTimer = setInterval(() => {
      this.rpc.request(Method.Get, { Path: HEARTBEAT_PATH }, timeoutMs).catch(err => {
        // Any answer, even an error, proves the link is alive; only silence means it is dead.
        if (err instanceof TimeoutError && this.connId === id) {
          const t = this.transport;
          this.emit('error', new XapiError(`No answer to heartbeat within ${timeoutMs} ms; reconnecting`, ClientErrorCode.Timeout));
          this.lost('heartbeat timeout');
          t?.close();
        }
      });
    }, intervalMs);
    (this.heartbeatTimer as { unref?: () => void }).unref?.();
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  async close(): Promise<void> {
    if (this._state === 'closed' && !this.transport) { this.rpc.dispose('closed'); return; }
    const wasOpen = this._state === 'open';
    this._state = 'closed';
    this.connId++;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.stopHeartbeat();
    const t = this.transport;
    this.transport = undefined;
    this.rpc.dispose('closed by the client');
    this.subs.clear();
    t?.close();
    if (wasOpen) this.emit('disconnected', 'closed by the client');
  }

  dispose(): Promise<void> { return this.close(); }
  [Symbol.asyncDispose](): Promise<void> { return this.close(); }

  doc(path: PathInput, opts?: CallOptions): Promise<any> {
    try {
      const p = normalizePath(path);
      if (p.length && rootOf(p[0])) p[0] = rootOf(p[0])!;
      return this.rpc.request(Method.Doc, { Path: p, Type: 'Schema' }, opts?.timeoutMs);
    } catch (e) { return Promise.reject(usage(e)); }
  }

  query(path: PathInput, opts?: CallOptions): Promise<any> {
    try {
      return this.rpc.request(Method.Query, { Query: queryPath(path) }, opts?.timeoutMs);
    } catch (e) { return Promise.reject(usage(e)); }
  }

  override toString(): string { return `[Xapi ${this.url} (${this._state})]`; }
  toJSON(): { url: string; state: ConnectionState } { return { url: this.url, state: this._state }; }
  /** util.inspect shows only the summary, never internals. */
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }

  private ops(): XapiOps {
    const rpc = this.rpc;
    const subs = this.subs;
    return {
      command(names: PathSegment[], params: Record<string, unknown> | undefined, body: string | undefined, opts?: CallOptions): Promise<CommandResult> {
        try { params = commandParams(names, params); } catch (e) { return Promise.reject(e); }
        if (body !== undefined) params = { ...params, [BODY_PARAM]: body };
        return rpc.request(commandMethod(names), params, opts?.timeoutMs);
      },
      get(path: PathSegment[], opts?: CallOptions): Promise<any> {
        return rpc.request(Method.Get, { Path: path }, opts?.timeoutMs);
      },
      set(path: PathSegment[], value: unknown, opts?: CallOptions): Promise<void> {
        let checked: string | number;
        try { checked = configValue(path.slice(1), value); } catch (e) { return Promise.reject(e); }
        return rpc.request(Method.Set, { Path: path, Value: checked }, opts?.timeoutMs).then(() => undefined);
      },
      on(path: PathSegment[], listener: FeedbackListener, once: boolean): Subscription {
        return subs.on(path, listener, once);
      },
    };
  }
}

function usage(e: unknown): XapiError {
  return e instanceof XapiError ? e : new InvalidParameterError((e as Error).message, ClientErrorCode.Usage);
}
