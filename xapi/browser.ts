/**
 * Browser entry of the client (bundle this one): native WebSocket, credentials in the `auth-` sub-protocol.
 * Browsers hide why a connection failed, so connect errors are ConnectionError with a hint; a light periodic
 * request is the heartbeat. Imports nothing from Node.
 */
import { XapiClient, type Xapi } from './client';
import type { ConnectOptions } from './common';
import { resolveUrl } from './transport';
import { createBrowserTransport } from './transport-browser';

export * from './common';

export interface BrowserConnectOptions extends ConnectOptions {
  /** A WebSocket constructor other than the global one. */
  WebSocketImpl?: typeof WebSocket;
  /** Give up connecting after this long; default 10 s. */
  connectTimeoutMs?: number;
}

export async function connect(urlOrHost: string, options: BrowserConnectOptions = {}): Promise<Xapi> {
  const target = resolveUrl(urlOrHost);
  const username = options.username ?? target.username ?? 'admin';
  const password = options.password ?? target.password ?? '';
  const factory = () => createBrowserTransport({ url: target.url, username, password, WebSocketImpl: options.WebSocketImpl, connectTimeoutMs: options.connectTimeoutMs });
  const client = new XapiClient(factory, target.url, options);
  return client.start();
}
