/**
 * The WebSocket front of the emulator: `/ws` (also `/ws/` and `/ws?legacy`) over TLS or plain HTTP,
 * login by `Authorization: Basic` or the `auth-<base64url>` sub-protocol (echoed in the 101), 403 for wrong
 * credentials, 404 for other paths, 502 while the device boots. Each socket is one DeviceSession.
 *
 * Sends are never awaited: a client that stops reading only fills its own buffer, and is dropped once
 * that buffer passes `maxBufferedBytes`, so it cannot hold up anyone else.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { Duplex } from 'node:stream';
import { AddressInfo } from 'node:net';
import { RawData, WebSocket, WebSocketServer } from 'ws';
import { AUTH_SUBPROTOCOL_PREFIX, WS_PATH } from '../xapi/protocol';
import { Device, DeviceSession, EmulatorUser } from './device';
import { selfSignedCertificate, TlsMaterial } from './tls';

export interface ServerOptions {
  readonly host: string;
  readonly port: number;
  /** true: generate a self-signed certificate; false: plain ws://; or the key and certificate to use. */
  readonly tls: boolean | TlsMaterial;
  readonly maxPayload: number;
  readonly maxBufferedBytes: number;
  /** Each message is taken this long after it arrives (simulated distance); the order is kept, as the delay is the same for all. */
  readonly latencyMs?: number;
  /** Errors after start-up (e.g. accept failing with EMFILE); the server keeps running. Default: device.reportError. */
  readonly onError?: (error: unknown, during: string) => void;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly certificate?: string;
  /** Drop every connection abruptly, as a network failure would. */
  dropConnections(): void;
  connectionCount(): number;
  close(): Promise<void>;
  /** @internal The listening http(s) server, for tests. */
  readonly httpServer: http.Server;
}

/** Credentials from the upgrade request: Basic header first, then an `auth-` sub-protocol. */
export function credentialsOf(req: http.IncomingMessage): { username: string; password: string; subprotocol?: string } | undefined {
  const decode = (b64: string): { username: string; password: string } | undefined => {
    const text = Buffer.from(b64.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    const colon = text.indexOf(':');
    return colon < 0 ? undefined : { username: text.slice(0, colon), password: text.slice(colon + 1) };
  };
  const auth = req.headers.authorization;
  if (auth && /^Basic\s+/i.test(auth)) return decode(auth.replace(/^Basic\s+/i, '').trim());
  const protocols = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map(s => s.trim());
  const sub = protocols.find(p => p.startsWith(AUTH_SUBPROTOCOL_PREFIX));
  if (!sub) return undefined;
  const creds = decode(sub.slice(AUTH_SUBPROTOCOL_PREFIX.length));
  return creds && { ...creds, subprotocol: sub };
}

function refuse(socket: Duplex, status: number, text: string): void {
  if (!socket.writable) { socket.destroy(); return; }
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
}

export async function startServer(device: Device, opts: ServerOptions): Promise<RunningServer> {
  const tls = opts.tls === true ? await selfSignedCertificate(opts.host) : opts.tls || undefined;
  const onRequest = (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
  };
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, onRequest) : http.createServer(onRequest);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: opts.maxPayload,
    perMessageDeflate: false,
    // Echo the auth- sub-protocol the client offered; browsers and `ws` abort the handshake otherwise.
    handleProtocols: (protocols: Set<string>) => [...protocols].find(p => p.startsWith(AUTH_SUBPROTOCOL_PREFIX)) ?? false,
  });
  const sockets = new Set<WebSocket>();
  const report = opts.onError ?? ((e: unknown, during: string) => device.reportError(e, during));
  // With noServer the ws server has no socket of its own, but an 'error' without a listener would throw.
  wss.on('error', e => report(e, 'WebSocket server'));

  function attach(ws: WebSocket, user: EmulatorUser, legacy: boolean): void {
    ws.on('error', () => { /* 1009 and broken sockets end in 'close' */ });
    sockets.add(ws);
    let session: DeviceSession;
    try {
      session = device.openSession(user, frame => {
        if (ws.readyState !== WebSocket.OPEN) return;
        if (ws.bufferedAmount > opts.maxBufferedBytes) { ws.terminate(); return; }
        ws.send(frame);
      }, {
        legacy,
        onClose: reason => {
          if (reason === 'boot' || reason === 'stopped') {
            // Let the last response go out, then go away like a rebooting device.
            ws.close(1012, reason === 'boot' ? 'Device rebooting' : 'Emulator stopped');
            setTimeout(() => ws.terminate(), 1000).unref();
          } else ws.terminate();
        },
      });
    } catch {
      ws.terminate();
      sockets.delete(ws);
      return;
    }
    const receive = (data: RawData) => {
      session.receive(Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8'));
    };
    const latency = opts.latencyMs ?? 0;
    // Messages on their way in: dropped with the socket (a closed server keeps no timer, nor the process alive).
    const arriving = new Set<ReturnType<typeof setTimeout>>();
    ws.on('message', latency > 0 ? (data: RawData) => {
      const t = setTimeout(() => { arriving.delete(t); if (ws.readyState === WebSocket.OPEN) receive(data); }, latency);
      arriving.add(t);
    } : receive);
    ws.on('close', () => { for (const t of arriving) clearTimeout(t); arriving.clear(); });
    ws.on('close', () => { sockets.delete(ws); session.close(); });
  }

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (url.pathname !== WS_PATH && url.pathname !== `${WS_PATH}/`) return refuse(socket, 404, 'Not Found');
    // 502 is what a rebooting device's web proxy answers (§1.3); clients read 503 as a rate limit.
    if (!device.ready) return refuse(socket, 502, 'Bad Gateway');
    const creds = credentialsOf(req);
    const user = creds && device.authenticate(creds.username, creds.password);
    if (!user) return refuse(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, ws => attach(ws, user, url.searchParams.has('legacy')));
  });
  server.on('clientError', (_e, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => { server.off('error', reject); resolve(); });
  });
  // From here on an error (accept failing with EMFILE…) is reported; without a listener it would kill the process.
  server.on('error', e => report(e, 'server'));
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `${tls ? 'wss' : 'ws'}://${hostInUrl}:${port}${WS_PATH}`,
    port,
    certificate: tls?.cert,
    dropConnections() {
      for (const ws of sockets) ws.terminate();
    },
    connectionCount: () => sockets.size,
    httpServer: server,
    close: () => new Promise<void>(resolve => {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.close(() => resolve());
      server.closeAllConnections?.();
    }),
  };
}
