/**
 * JSON-RPC session over whatever transport is current: request ids, the pending map, per-call timeouts,
 * a queue for calls made while (re)connecting, and failing everything pending when the link dies.
 * Hot path: one JSON.stringify out, one JSON.parse and one Map lookup in.
 */
import { ClientErrorCode, ConnectionClosedError, TimeoutError, XapiError, fromErrorObject } from './errors';
import { describePath } from './paths';
import {
  JSONRPC_VERSION, Method, isErrorResponse, type FeedbackParams, type GetParams, type MethodParams, type MethodResult,
  type QueryParams, type Request, type RequestMethod, type Response, type UnsubscribeParams,
} from './protocol';

interface Pending {
  id: number;
  method: string;
  params: unknown;
  frame: string;
  deadline: number;
  timeoutMs: number;
  sent: boolean;
  resolve(value: unknown): void;
  reject(err: Error): void;
}

export interface RpcHooks {
  /** Sends a frame on the open connection (throws if it cannot). */
  send(frame: string): void;
  onFeedback(params: FeedbackParams): void;
  /** Malformed or unexpected frames, errors without id: reported, never thrown. */
  onError(err: XapiError): void;
  /** Every frame in/out, when tracing is on. */
  trace?: (direction: 'in' | 'out', frame: string) => void;
  /** Error messages are the device's text alone (ClientOptions.errorMessages). */
  deviceErrorText?: boolean;
}

/** Describes a request for error messages (`xCommand Dial`, `xGet Status Audio Volume`) without storing a string per call. */
export function describeRequest(method: string, params: unknown): string {
  if (method.startsWith(Method.CommandPrefix)) return 'xCommand ' + method.slice(Method.CommandPrefix.length).split('/').join(' ');
  const p = params as Partial<GetParams & QueryParams & UnsubscribeParams> | undefined;
  const path = p?.Path ?? p?.Query;
  if (Array.isArray(path) && path.length) return `${method} ${describePath(path).slice(1)}`;
  if (p?.Id !== undefined) return `${method} Id ${p.Id}`;
  return method;
}

export class Rpc {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private queue: Pending[] = [];
  private connected = false;
  /** When false, calls made while disconnected fail at once instead of waiting for a reconnect. */
  private waitForConnection = true;
  private closedReason = 'not connected';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = Infinity;

  constructor(private readonly hooks: RpcHooks, private readonly defaultTimeoutMs: number) {}

  get pendingCount(): number { return this.pending.size; }

  /** Sends one request; its params and result are typed by method (protocol.ts MethodParams/MethodResult). */
  request<M extends RequestMethod>(method: M, params: MethodParams[M], timeoutMs = this.defaultTimeoutMs): Promise<MethodResult[M]> {
    if (!this.connected && !this.waitForConnection) {
      return Promise.reject(new ConnectionClosedError(`${describeRequest(method, params)}: not connected (${this.closedReason})`, ClientErrorCode.ConnectionClosed));
    }
    const id = this.nextId++;
    const request: Request<MethodParams[M]> = params === undefined
      ? { jsonrpc: JSONRPC_VERSION, id, method }
      : { jsonrpc: JSONRPC_VERSION, id, method, params };
    const frame = JSON.stringify(request);
    return new Promise<MethodResult[M]>((resolve, reject) => {
      const deadline = timeoutMs > 0 && timeoutMs < Infinity ? Date.now() + timeoutMs : Infinity;
      const p: Pending = { id, method, params, frame, deadline, timeoutMs, sent: false, resolve: resolve as (v: unknown) => void, reject };
      this.pending.set(id, p);
      if (deadline < this.timerAt) this.arm(deadline);
      if (this.connected) this.transmit(p);
      else this.queue.push(p);
    });
  }

  private transmit(p: Pending): void {
    p.sent = true;
    if (this.hooks.trace) this.hooks.trace('out', p.frame);
    try {
      this.hooks.send(p.frame);
    } catch (e) {
      this.pending.delete(p.id);
      p.reject(new ConnectionClosedError(`${describeRequest(p.method, p.params)}: could not send (${(e as Error).message})`, ClientErrorCode.ConnectionClosed, undefined, { cause: e }));
    }
  }

  /**
   * The connection is open: `first` sends what must reach the device before the requests that waited (it sends at
   * once: the device runs a connection's requests in order), then those requests go, in the order they were made.
   */
  connectedNow(first: () => void): void {
    this.connected = true;
    const queue = this.queue;
    this.queue = [];
    first();
    for (const p of queue) if (this.pending.has(p.id)) this.transmit(p);
  }

  /**
   * The connection is gone. Requests already sent are rejected (the device may or may not have run them, so they
   * are never re-sent); queued ones keep waiting when `willReconnect`, else they are rejected too.
   */
  disconnected(reason: string, willReconnect: boolean, cause?: unknown): void {
    this.connected = false;
    this.waitForConnection = willReconnect;
    this.closedReason = reason;
    const failed: Pending[] = [];
    for (const p of this.pending.values()) if (p.sent || !willReconnect) failed.push(p);
    for (const p of failed) {
      this.pending.delete(p.id);
      p.reject(new ConnectionClosedError(`${describeRequest(p.method, p.params)}: connection closed ${p.sent ? 'before the answer arrived' : 'before it could be sent'} (${reason})`, ClientErrorCode.ConnectionClosed, undefined, cause === undefined ? undefined : { cause }));
    }
    if (!willReconnect) this.queue = [];
    if (this.pending.size === 0) this.disarm();
  }

  /** Handles one frame from the device. Never throws. */
  receive(frame: string): void {
    if (this.hooks.trace) this.hooks.trace('in', frame);
    let parsed: unknown;
    try {
      parsed = JSON.parse(frame);
    } catch {
      this.hooks.onError(new XapiError(`Malformed frame from the device (not JSON): ${frame.length > 200 ? frame.slice(0, 200) + '…' : frame}`, ClientErrorCode.Protocol, { frame }));
      return;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      this.hooks.onError(new XapiError('Malformed frame from the device (not a JSON-RPC object)', ClientErrorCode.Protocol, { frame }));
      return;
    }
    const msg = parsed as Partial<Request<unknown>> & Response;
    const id = msg.id;
    if (id !== undefined && id !== null) {
      const p = this.pending.get(typeof id === 'number' ? id : Number(id));
      if (p === undefined) {
        this.hooks.onError(new XapiError(`Response for unknown request id ${JSON.stringify(id)} ignored`, ClientErrorCode.Protocol, { frame }));
        return;
      }
      this.pending.delete(p.id);
      if (isErrorResponse(msg)) p.reject(fromErrorObject(msg.error, this.hooks.deviceErrorText ? undefined : describeRequest(p.method, p.params)));
      else if ('result' in msg) p.resolve(msg.result);
      else p.reject(new XapiError(`${describeRequest(p.method, p.params)}: malformed response (neither result nor error)`, ClientErrorCode.Protocol, { frame }));
      return;
    }
    if (msg.method === Method.FeedbackEvent) {
      const params = msg.params;
      if (params === null || typeof params !== 'object') {
        this.hooks.onError(new XapiError('Malformed feedback from the device (no params)', ClientErrorCode.Protocol, { frame }));
        return;
      }
      this.hooks.onFeedback(params as FeedbackParams);
      return;
    }
    if (isErrorResponse(msg)) {
      this.hooks.onError(fromErrorObject(msg.error, 'device'));
      return;
    }
    this.hooks.onError(new XapiError(`Unexpected frame from the device${typeof msg.method === 'string' ? ` (method ${msg.method})` : ''}`, ClientErrorCode.Protocol, { frame }));
  }

  private arm(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => this.sweep(), Math.max(0, at - Date.now()));
    // Keep the process alive only for real work, not for a far-off deadline (Node only).
    (this.timer as { unref?: () => void }).unref?.();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  private sweep(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = Date.now();
    let next = Infinity;
    const expired: Pending[] = [];
    for (const p of this.pending.values()) {
      if (p.deadline <= now) expired.push(p);
      else if (p.deadline < next) next = p.deadline;
    }
    for (const p of expired) {
      this.pending.delete(p.id);
      p.reject(new TimeoutError(`${describeRequest(p.method, p.params)}: no answer within ${p.timeoutMs} ms${p.sent ? '' : ' (still waiting for a connection)'}`, ClientErrorCode.Timeout));
    }
    if (next < Infinity) this.arm(next);
  }

  /** Rejects everything and stops accepting calls (disposal). */
  dispose(reason: string): void {
    this.disconnected(reason, false);
    this.disarm();
  }
}
