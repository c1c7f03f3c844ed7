/**
 * Node entry of the client: `connect('room-kit.local', { username, password })`.
 * Browsers use `xapi/browser.ts` (same API, native WebSocket, no `ws`).
 */
// The emitted .d.ts uses Node's types (Buffer, NodeJS.*) and ES2022 built-ins: say so, so a user project with
// `"types": []` and no `lib` setting compiles as is (`preserve` keeps the directives in the declaration output).
/// <reference types="node" preserve="true" />
/// <reference lib="es2022" preserve="true" />
import { XapiClient, type Xapi } from './client';
import type { ConnectOptions } from './common';
import { resolveUrl } from './transport';
import { createNodeTransport } from './transport-node';

export * from './common';

export interface NodeConnectOptions extends ConnectOptions {
  /**
   * Turns off certificate verification for this connection: any certificate is accepted, so nothing proves the
   * peer is the device (a man in the middle goes unnoticed). Off by default; prefer `ca` with the device's own
   * (usually self-signed) certificate, which keeps verification on.
   */
  allowSelfSignedTls?: boolean;
  /** CA certificate(s) (PEM) to trust in addition to the system's, e.g. the device's own certificate. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Timeout of the WebSocket handshake; default 10 s. */
  connectTimeoutMs?: number;
}

/**
 * Connects to a device: `host`, `host:port` (→ `wss://host/ws`) or a full `ws://`/`wss://` URL.
 * Resolves when the socket is open; rejects with AuthenticationError, TlsError or ConnectionError.
 */
export async function connect(urlOrHost: string, options: NodeConnectOptions = {}): Promise<Xapi> {
  const target = resolveUrl(urlOrHost);
  const username = options.username ?? target.username ?? 'admin';
  const password = options.password ?? target.password ?? '';
  const { allowSelfSignedTls = false, ca, connectTimeoutMs, heartbeat } = options;
  const factory = () => createNodeTransport({ url: target.url, username, password, allowSelfSignedTls, ca, connectTimeoutMs, heartbeat });
  const client = new XapiClient(factory, target.url, options);
  return client.start();
}
