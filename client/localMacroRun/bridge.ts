/**
 * The loopback bridge of a local macro run: a WebSocket server on 127.0.0.1 that the macro's child process
 * connects to with a one-time token, and that relays each of its connections, frame for frame, to the device
 * the extension is connected to — over a connection of its own made with the session's credentials. So the
 * child never holds the device's password, and when a child connection ends (the run stops, the process dies)
 * its upstream connection ends too, which ends every feedback subscription the macro made on the device.
 * No `vscode` here: tests drive it over real sockets.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { WS_PATH } from '../../xapi/protocol';
import type { Transport } from '../../xapi/transport';
import { BRIDGE_ENV, BRIDGE_USER } from './bridgeEnv';

export interface MacroBridgeOptions {
  /** A fresh upstream transport to the device, or undefined when no device is connected. Asked once per child connection. */
  upstream(): Transport | undefined;
  /** Where the bridge says what happens (never with the token). */
  log?(message: string): void;
}

export interface MacroBridge {
  /** `ws://127.0.0.1:PORT/ws`. */
  readonly url: string;
  /** What the child process needs, and all it gets: the bridge's address and this run's token. */
  readonly env: Readonly<Record<string, string>>;
  /** Child connections open now. */
  readonly connections: number;
  /** Ends every relayed connection (child and upstream) and stops listening. */
  close(): Promise<void>;
}

/** Constant-time check of `Authorization: Basic macro:TOKEN`. */
function authorized(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const m = /^Basic\s+(.+)$/i.exec(header);
  if (!m) return false;
  const given = Buffer.from(Buffer.from(m[1], 'base64').toString('utf8'));
  const expected = Buffer.from(`${BRIDGE_USER}:${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
}

export async function startMacroBridge(options: MacroBridgeOptions): Promise<MacroBridge> {
  const token = randomBytes(24).toString('base64url');
  const log = options.log ?? (() => undefined);
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const relays = new Set<{ child: WebSocket; upstream: Transport }>();
  const http = createServer((_req, res) => { res.writeHead(404).end(); });

  http.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    if ((req.url ?? '').split('?')[0] !== WS_PATH) return refuse(socket, 404, 'Not Found');
    if (!authorized(req, token)) return refuse(socket, 401, 'Unauthorized');
    const upstream = options.upstream();
    // 502 as a device answers while it boots: the macro's client keeps retrying until a device is connected.
    if (!upstream) return refuse(socket, 502, 'No device connected in VS Code');
    // The child's handshake completes only once the device's does, so no frame of the child waits for it.
    let relay: { child: WebSocket; upstream: Transport } | undefined;
    let ended = false;
    const end = (why: string) => {
      if (ended) return;
      ended = true;
      log(`macro connection closed: ${why}`);
      upstream.close();
      if (relay) {
        relays.delete(relay);
        if (relay.child.readyState <= 1) relay.child.close(1000, why.slice(0, 120));
      }
    };
    upstream.open({
      message: frame => { if (relay?.child.readyState === 1) relay.child.send(frame); },
      close: info => end(`device closed the connection (${info.reason})`),
      error: err => log(`device connection: ${err.message}`),
    }).then(() => {
      if (socket.destroyed || ended) { upstream.close(); return; }
      wss.handleUpgrade(req, socket, head, ws => {
        relay = { child: ws, upstream };
        relays.add(relay);
        log(`macro connected through the bridge to ${upstream.description}`);
        ws.on('message', (data, isBinary) => { if (!isBinary) upstream.send(data.toString()); });
        ws.on('close', () => end('the macro process disconnected'));
        ws.on('error', () => ws.terminate());
      });
    }, (err: Error) => {
      ended = true;
      log(`cannot reach the device for the macro: ${err.message}`);
      refuse(socket, 502, `Cannot reach the device: ${err.message}`);
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => { http.off('error', reject); resolve(); });
  });
  const { port } = http.address() as AddressInfo;
  const url = `ws://127.0.0.1:${port}${WS_PATH}`;
  return {
    url,
    env: { [BRIDGE_ENV.url]: url, [BRIDGE_ENV.token]: token },
    get connections() { return relays.size; },
    async close() {
      for (const r of [...relays]) { r.upstream.close(); r.child.terminate(); }
      relays.clear();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>(resolve => http.close(() => resolve()));
    },
  };
}
