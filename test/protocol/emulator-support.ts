/**
 * Test helpers for the emulator tests: a RAW `ws` client speaking JSON-RPC by hand (deliberately not our
 * client library, so the emulator is checked against the protocol document on its own).
 */
import { WebSocket } from 'ws';
import { coreSchema } from '../../schema/core';
import { ManualClock } from '../../xapi/clock';
import { Emulator, EmulatorOptions, startEmulator } from '../../emulator';

export interface RpcMessage {
  jsonrpc: string;
  id?: unknown;
  method?: string;
  params?: any;
  result?: any;
  error?: { code: number; message: string; data?: any };
}

export function basicHeader(user: string, pass: string): string {
  return 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
}

export function authProtocol(user: string, pass: string): string {
  return 'auth-' + Buffer.from(`${user}:${pass}`).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export class RawClient {
  readonly frames: string[] = [];
  readonly messages: RpcMessage[] = [];
  private waiters: { pred: (m: RpcMessage) => boolean; resolve: (m: RpcMessage) => void }[] = [];
  private nextId = 1;
  closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', data => {
      const text = data.toString();
      this.frames.push(text);
      const msg = JSON.parse(text) as RpcMessage;
      this.messages.push(msg);
      this.waiters = this.waiters.filter(w => {
        if (!w.pred(msg)) return true;
        w.resolve(msg);
        return false;
      });
    });
    this.closed = new Promise(resolve => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static open(url: string, opts: { user?: string; pass?: string; form?: 'basic' | 'subprotocol'; ca?: string; rejectUnauthorized?: boolean } = {}): Promise<RawClient> {
    const user = opts.user ?? 'admin';
    const pass = opts.pass ?? '';
    const form = opts.form ?? 'basic';
    const ws = new WebSocket(url, form === 'subprotocol' ? [authProtocol(user, pass)] : [], {
      headers: form === 'basic' ? { Authorization: basicHeader(user, pass) } : {},
      ca: opts.ca,
      rejectUnauthorized: opts.rejectUnauthorized ?? true,
    });
    const client = new RawClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
    });
  }

  sendRaw(text: string): void {
    this.ws.send(text);
  }

  /** Send a request with the next numeric id and wait for its response. */
  request(method: string, params?: unknown): Promise<RpcMessage> {
    const id = this.nextId++;
    const msg: Record<string, unknown> = { jsonrpc: '2.0', id, method };
    if (params !== undefined) msg.params = params;
    const p = this.waitFor(m => m.id === id && m.method === undefined);
    this.ws.send(JSON.stringify(msg));
    return p;
  }

  /** Resolve with the first message (already received or future) matching `pred` that was not consumed. */
  waitFor(pred: (m: RpcMessage) => boolean): Promise<RpcMessage> {
    return new Promise(resolve => this.waiters.push({ pred, resolve }));
  }

  /** Feedback notifications received so far for a subscription id. */
  events(subId?: number): any[] {
    return this.messages.filter(m => m.method === 'xFeedback/Event' && (subId === undefined || m.params.Id === subId)).map(m => m.params);
  }

  /** Wait until `n` feedback notifications (for subId, if given) have arrived; returns them. */
  async eventCount(n: number, subId?: number): Promise<any[]> {
    while (this.events(subId).length < n) {
      await this.waitFor(m => m.method === 'xFeedback/Event' && (subId === undefined || m.params.Id === subId));
    }
    return this.events(subId);
  }

  /** A round trip: every frame the server sent before the answer to this has arrived. */
  async sync(): Promise<void> {
    await this.request('xGet', { Path: ['Status', 'SystemUnit', 'Uptime'] });
  }

  close(): void {
    this.ws.close();
  }
}

export interface Harness {
  emu: Emulator;
  clock: ManualClock;
  stop(): Promise<void>;
}

/** A plain ws:// emulator on port 0 with the core schema and a manual clock. */
export async function harness(opts: EmulatorOptions = {}): Promise<Harness> {
  const clock = new ManualClock();
  const emu = await startEmulator({ tls: false, schema: coreSchema(), clock, bootDelayMs: 1000, ...opts });
  return { emu, clock, stop: () => emu.stop() };
}

export const USERS = [
  { username: 'admin', password: 'secret', roles: ['Admin', 'User', 'Integrator', 'RoomControl', 'Audit'] },
  { username: 'user', password: 'userpw', roles: ['User'] },
  { username: 'integrator', password: 'intpw', roles: ['Integrator'] },
  /** `plus:pw~~100` encodes with a `+` in standard base64 (and `-` in base64url). */
  { username: 'plus', password: 'pw~~100', roles: ['User'] },
];
