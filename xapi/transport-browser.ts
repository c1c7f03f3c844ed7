/**
 * Browser transport over the native WebSocket. Browsers cannot set headers, so credentials travel in the
 * `auth-<base64url>` sub-protocol. They also hide the upgrade's HTTP status and TLS failures, so every failed
 * connect is a ConnectionError that says so. There is no ping API: the client core runs a request heartbeat.
 */
import { ClientErrorCode, ConnectionError, XapiError } from './errors';
import { authSubprotocol } from './protocol';
import type { Transport, TransportHandlers } from './transport';

export interface BrowserTransportOptions {
  url: string;
  username: string;
  password: string;
  /** The WebSocket constructor; defaults to `globalThis.WebSocket`. */
  WebSocketImpl?: typeof WebSocket;
  /** Give up connecting after this long; default 10 s (a black-holed host would otherwise hang for minutes). */
  connectTimeoutMs?: number;
}

/** base64 of the UTF-8 bytes (btoa alone only takes Latin-1). */
function base64Utf8(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
  return btoa(bin);
}

export function createBrowserTransport(opts: BrowserTransportOptions): Transport {
  const Impl = opts.WebSocketImpl ?? globalThis.WebSocket;
  let ws: WebSocket | undefined;
  let closedByClient = false;
  const protocol = authSubprotocol(opts.username, opts.password, base64Utf8);
  return {
    heartbeat: 'request',
    description: opts.url,
    open(handlers: TransportHandlers): Promise<void> {
      if (!Impl) return Promise.reject(new ConnectionError('No WebSocket implementation in this environment', ClientErrorCode.Connection));
      return new Promise<void>((resolve, reject) => {
        let opened = false;
        let socket: WebSocket;
        try {
          socket = new Impl(opts.url, protocol);
        } catch (e) {
          reject(new ConnectionError(`Cannot connect to ${opts.url}: ${(e as Error).message}`, ClientErrorCode.Connection));
          return;
        }
        ws = socket;
        const timer = setTimeout(() => {
          if (opened) return;
          socket.onclose = null;
          socket.close();
          reject(new ConnectionError(`Cannot connect to ${opts.url}: no answer within ${opts.connectTimeoutMs ?? 10_000} ms`, ClientErrorCode.Connection));
        }, opts.connectTimeoutMs ?? 10_000);
        socket.onopen = () => { opened = true; clearTimeout(timer); resolve(); };
        socket.onerror = () => {
          if (opened) handlers.error(new ConnectionError(`WebSocket error on ${opts.url}`, ClientErrorCode.Connection));
        };
        socket.onmessage = (ev: MessageEvent) => {
          if (typeof ev.data === 'string') handlers.message(ev.data);
          else handlers.error(new XapiError(`Binary frame from ${opts.url} ignored (xAPI uses text frames)`, ClientErrorCode.Protocol));
        };
        socket.onclose = (ev: CloseEvent) => {
          if (!opened) {
            clearTimeout(timer);
            reject(new ConnectionError(
              `Cannot connect to ${opts.url}. Browsers do not reveal why: check the address, that the device is reachable, ` +
              'the username and password, and that the browser trusts the device\'s certificate (open https://<device> once to accept it).',
              ClientErrorCode.Connection, { code: ev.code }));
            return;
          }
          handlers.close({ code: ev.code, reason: ev.reason || (ev.code === 1006 ? 'connection lost' : `closed (${ev.code})`), byClient: closedByClient });
        };
      });
    },
    send(frame: string) { ws!.send(frame); },
    close() {
      closedByClient = true;
      if (ws && ws.readyState < 2) ws.close(1000);
    },
  };
}
