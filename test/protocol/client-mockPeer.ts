/**
 * A scripted raw `ws` server for the client tests that need a peer misbehaving in ways the emulator never does
 * (malformed frames, silence, HTTP 403, a self-signed certificate of its own). It is a mock peer, on purpose:
 * the real emulator is used everywhere else.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { waitFor } from '../support/waitFor';

export interface MockRequest { id: number | string; method: string; params?: any }

export interface MockPeerOptions {
  /** Answer the upgrade with this HTTP status instead of 101. */
  rejectWith?: number;
  /** TLS with this certificate/key. */
  tls?: { cert: string; key: string };
  /** Answers a request: return a frame object (sent as JSON), a raw string, or undefined for silence. */
  onRequest?: (req: MockRequest, ws: WebSocket) => unknown;
  /** Answer WebSocket pings (default true); false simulates a link that died silently. */
  autoPong?: boolean;
}

export interface MockPeer {
  url: string;
  port: number;
  /** Upgrade attempts seen (including rejected ones). */
  upgrades: number;
  /** Every parsed request, in arrival order. */
  requests: MockRequest[];
  sockets: Set<WebSocket>;
  /** Authorization headers seen (to check how credentials travel). */
  authHeaders: string[];
  protocols: string[];
  /** Kill every connection abruptly (no close frame). */
  dropAll(): void;
  broadcast(frame: unknown): void;
  close(): Promise<void>;
}

export async function startMockPeer(opts: MockPeerOptions = {}): Promise<MockPeer> {
  const server = opts.tls ? https.createServer({ cert: opts.tls.cert, key: opts.tls.key }) : http.createServer();
  const wss = new WebSocketServer({ noServer: true, autoPong: opts.autoPong ?? true, handleProtocols: p => [...p][0] ?? false });
  const peer: MockPeer = {
    url: '', port: 0, upgrades: 0, requests: [], sockets: new Set(), authHeaders: [], protocols: [],
    dropAll() { for (const s of peer.sockets) s.terminate(); },
    broadcast(frame) { for (const s of peer.sockets) s.send(typeof frame === 'string' ? frame : JSON.stringify(frame)); },
    close() {
      for (const s of peer.sockets) s.terminate();
      return new Promise(r => { wss.close(); server.close(() => r()); server.closeAllConnections?.(); });
    },
  };
  server.on('upgrade', (req, socket, head) => {
    peer.upgrades++;
    peer.authHeaders.push(String(req.headers.authorization ?? ''));
    peer.protocols.push(String(req.headers['sec-websocket-protocol'] ?? ''));
    if (opts.rejectWith) {
      socket.end(`HTTP/1.1 ${opts.rejectWith} ${http.STATUS_CODES[opts.rejectWith] ?? ''}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, ws => {
      peer.sockets.add(ws);
      ws.on('close', () => peer.sockets.delete(ws));
      ws.on('message', data => {
        let req: MockRequest;
        try { req = JSON.parse(String(data)); } catch { return; }
        peer.requests.push(req);
        const answer = opts.onRequest ? opts.onRequest(req, ws) : { jsonrpc: '2.0', id: req.id, result: { status: 'OK' } };
        if (answer !== undefined) ws.send(typeof answer === 'string' ? answer : JSON.stringify(answer));
      });
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  peer.port = (server.address() as AddressInfo).port;
  peer.url = `${opts.tls ? 'wss' : 'ws'}://127.0.0.1:${peer.port}/ws`;
  return peer;
}

export const ok = (req: MockRequest, result: unknown = { status: 'OK' }) => ({ jsonrpc: '2.0', id: req.id, result });

/** Waits until `cond` holds (polling, bounded); for conditions reached through sockets. */
export async function until(cond: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  await waitFor(what, cond, { timeoutMs, pollMs: 5 });
}
