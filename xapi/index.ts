/**
 * Node entry of the client: `connect('room-kit.local', { username, password })`.
 * Browsers use `xapi/browser.ts` (same API, native WebSocket, no `ws`).
 */
// The emitted .d.ts uses Node's types (Buffer, NodeJS.*) and ES2022 built-ins: say so, so a user project with
// `"types": []` and no `lib` setting compiles as is (`preserve` keeps the directives in the declaration output).
/// <reference types="node" preserve="true" />
/// <reference lib="es2022" preserve="true" />
import { XapiClient, type Xapi } from './client';
import { cloudDeviceId, connectCloud } from './cloud/cloudClient';
import type { RefreshGrant } from './cloud/http';
import type { ConnectOptions } from './common';
import { resolveUrl } from './transport';
import { createNodeTransport } from './transport-node';

export * from './common';
export type { CloudXapi } from './cloud/cloudClient';
export { listCloudDevices } from './cloud/devices';
export type { RefreshGrant } from './cloud/http';
export type { CloudDevice } from './cloud/webexApi';

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
  /** `webex://DEVICE_ID`: the Webex access token (a bearer secret: from the environment or the user, never a file). */
  token?: string;
  /** `webex://DEVICE_ID`: a refresh grant instead of a token; the client gets and renews its access token. */
  refresh?: RefreshGrant;
  /** `webex://DEVICE_ID`: the cloud's base URL (default https://webexapis.com/v1; not loopback → HTTPS only). */
  baseUrl?: string;
  /** `webex://DEVICE_ID`: a proxy for its requests; default `HTTPS_PROXY`/`HTTP_PROXY` (with `NO_PROXY`). */
  proxy?: string;
}

/**
 * Connects to a device: `host`, `host:port` (→ `wss://host/ws`) or a full `ws://`/`wss://` URL.
 * Resolves when the socket is open; rejects with AuthenticationError, TlsError or ConnectionError.
 *
 * `webex://DEVICE_ID` with `{ token }` reaches a cloud-registered device through the Webex cloud xAPI instead: the
 * same `Xapi` for commands, statuses and configurations; feedback and events fail at once with UnsupportedError,
 * since the cloud has none (docs/webex-cloud.md).
 */
export async function connect(urlOrHost: string, options: NodeConnectOptions = {}): Promise<Xapi> {
  const deviceId = cloudDeviceId(urlOrHost);
  if (deviceId !== undefined) {
    const { token, refresh, baseUrl, proxy, timeoutMs } = options;
    return connectCloud(deviceId, { token, refresh, baseUrl, proxy, timeoutMs });
  }
  const target = resolveUrl(urlOrHost);
  const username = options.username ?? target.username ?? 'admin';
  const password = options.password ?? target.password ?? '';
  const { allowSelfSignedTls = false, ca, connectTimeoutMs, heartbeat } = options;
  const factory = () => createNodeTransport({ url: target.url, username, password, allowSelfSignedTls, ca, connectTimeoutMs, heartbeat });
  const client = new XapiClient(factory, target.url, options);
  return client.start();
}
