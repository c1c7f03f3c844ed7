/**
 * The one platform-specific layer: a single WebSocket-like connection carrying text frames.
 * Node (`transport-node.ts`), browsers (`transport-browser.ts`) and the in-process simulator each implement it;
 * everything above (RPC, feedback, reconnect, proxies) is shared.
 */
import { WS_PATH } from './protocol';

export interface TransportHandlers {
  /** One text frame from the device. */
  message(frame: string): void;
  /** The connection ended (after `open` resolved). `reason` is human-readable. */
  close(info: CloseInfo): void;
  /** A problem that does not by itself close the connection (the transport closes separately if it must). */
  error(err: Error): void;
}

export interface CloseInfo {
  code: number;
  reason: string;
  /** True when `close()` was called on this side. */
  byClient: boolean;
}

export interface Transport {
  /** Resolves once the connection is open; rejects with a typed XapiError (Authentication, Tls, Connection). */
  open(handlers: TransportHandlers): Promise<void>;
  send(frame: string): void;
  close(): void;
  /**
   * How a dead link is noticed. `'transport'`: the transport does it itself (WebSocket ping/pong) and closes.
   * `'request'`: the platform has no ping, so the client sends a light periodic request instead.
   */
  readonly heartbeat: 'transport' | 'request' | 'none';
  /** Where it connects, without credentials, for messages. */
  readonly description: string;
}

/** Makes a fresh transport per connection attempt (reconnects need new sockets). */
export type TransportFactory = () => Transport;

export interface HeartbeatOptions {
  /** How often to probe; 0 disables. Default 15 s. */
  intervalMs?: number;
  /** How long an answer may take before the link is declared dead. Default 10 s. */
  timeoutMs?: number;
}
export const DEFAULT_HEARTBEAT = { intervalMs: 15_000, timeoutMs: 10_000 };

/** Where to connect: `host`, `host:port`, or a full `ws://`/`wss://` (or `http(s)://`) URL; the path defaults to `/ws`. */
export function resolveUrl(urlOrHost: string): { url: string; username?: string; password?: string } {
  if (typeof urlOrHost !== 'string' || !urlOrHost.trim()) throw new TypeError('connect() needs a host name or a ws:// / wss:// URL');
  let text = urlOrHost.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `wss://${text}`;
  let u: URL;
  try { u = new URL(text); } catch { throw new TypeError(`Not a valid host or URL: "${stripUserinfo(urlOrHost)}"`); }
  if (u.protocol === 'https:') u.protocol = 'wss:';
  else if (u.protocol === 'http:') u.protocol = 'ws:';
  if (u.protocol !== 'ws:' && u.protocol !== 'wss:') throw new TypeError(`Unsupported URL scheme "${u.protocol}" (use ws:// or wss://)`);
  if (u.pathname === '' || u.pathname === '/') u.pathname = WS_PATH;
  const username = u.username ? decodeURIComponent(u.username) : undefined;
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.username = '';
  u.password = '';
  return { url: u.toString(), username, password };
}

function stripUserinfo(s: string): string {
  return s.replace(/\/\/[^@/]*@/, '//');
}
