/**
 * Client benchmark: this client vs jsxapi vs raw `ws` JSON request/response, against the same emulator running
 * in a separate process (this file re-runs itself with `--server`). Prints medians of several rounds and the
 * ratios to raw ws (goals: ≥ 0.95× sequential, ≥ 0.9× 1,000 in flight, ≥ 0.8× feedback).
 *
 *   node --import tsx bench/client.ts [--rounds 9] [--seq 1000] [--inflight 1000] [--batches 3] [--events 10000]
 */
import { fork, type ChildProcess } from 'node:child_process';
import WebSocket from 'ws';
import { connect } from '../xapi/index';
import { JSONRPC_VERSION, Method, type GetParams, type MethodParams, type RequestMethod } from '../xapi/protocol';
import { median, option } from './support/numbers';

interface Opts { rounds: number; seq: number; inflight: number; batches: number; events: number }

// ---- server process ----------------------------------------------------------------------------------------

async function serve(): Promise<void> {
  const { startEmulator } = require('../emulator/index') as typeof import('../emulator/index');
  const emu = await startEmulator({ tls: false, maxBufferedBytes: 256 * 1024 * 1024 });
  process.on('message', (m: { burst?: number }) => {
    if (m.burst) {
      // One status change per event; alternate values so every set really changes.
      for (let i = 0; i < m.burst; i++) emu.setStatus('Audio Volume', i % 2 ? 10 : 20);
      process.send!({ burstDone: true });
    }
  });
  process.send!({ url: emu.url });
}

// ---- clients -----------------------------------------------------------------------------------------------

interface Bench {
  name: string;
  seq(n: number): Promise<void>;
  inflight(n: number): Promise<void>;
  /** Subscribes; `wait(n)` resolves after `n` events; `off()` unsubscribes. */
  subscribe(): Promise<{ wait(n: number): Promise<void>; off(): Promise<void> }>;
  close(): Promise<void>;
}

const GET: GetParams = { Path: ['Status', 'Audio', 'Volume'] };

async function rawBench(url: string): Promise<Bench> {
  const ws = new WebSocket(url, { headers: { Authorization: 'Basic ' + Buffer.from('admin:').toString('base64') }, perMessageDeflate: false });
  await new Promise((res, rej) => { ws.once('open', res); ws.once('error', rej); });
  let id = 0;
  let onFrame: (msg: any) => void = () => undefined;
  ws.on('message', data => onFrame(JSON.parse(data.toString())));
  const send = <M extends RequestMethod>(method: M, params: MethodParams[M]) => ws.send(JSON.stringify({ jsonrpc: JSONRPC_VERSION, id: ++id, method, params }));
  const request = () => send(Method.Get, GET);
  return {
    name: 'raw ws',
    async seq(n) {
      for (let i = 0; i < n; i++) {
        await new Promise<void>(res => { onFrame = () => res(); request(); });
      }
    },
    async inflight(n) {
      await new Promise<void>(res => {
        let left = n;
        onFrame = msg => { if (msg.id !== undefined && --left === 0) res(); };
        for (let i = 0; i < n; i++) request();
      });
    },
    async subscribe() {
      const sub = await new Promise<number>(res => {
        onFrame = msg => res(msg.result.Id);
        send(Method.Subscribe, { Query: GET.Path });
      });
      return {
        wait: n => new Promise<void>(res => {
          let left = n;
          onFrame = msg => { if (msg.method === Method.FeedbackEvent && --left === 0) res(); };
        }),
        off: () => new Promise<void>(res => {
          onFrame = msg => { if (msg.id !== undefined) res(); };
          send(Method.Unsubscribe, { Id: sub });
        }),
      };
    },
    async close() { ws.close(); },
  };
}

async function ourBench(url: string): Promise<Bench> {
  const xapi = await connect(url, { password: '', heartbeat: { intervalMs: 0 } });
  return {
    name: 'xapi-workbench',
    async seq(n) { for (let i = 0; i < n; i++) await xapi.status.get(GET.Path); },
    async inflight(n) {
      const all: Promise<unknown>[] = new Array(n);
      for (let i = 0; i < n; i++) all[i] = xapi.status.get(GET.Path);
      await Promise.all(all);
    },
    async subscribe() {
      let left = 0;
      let done: () => void = () => undefined;
      const sub = xapi.Status.Audio.Volume.on(() => { if (--left === 0) done(); });
      await sub.registered;
      return {
        wait: n => new Promise<void>(res => { left = n; done = res; }),
        // One round-trip after unsubscribing: the Unsubscribe (sent first) has been handled.
        off: async () => { sub(); await xapi.status.get(GET.Path); },
      };
    },
    close: () => xapi.close(),
  };
}

async function jsxapiBench(url: string): Promise<Bench> {
  const jsxapi = require('jsxapi');
  const xapi = jsxapi.connect(url, { username: 'admin', password: '' });
  await new Promise((res, rej) => { xapi.on('ready', res); xapi.on('error', rej); });
  return {
    name: 'jsxapi',
    async seq(n) { for (let i = 0; i < n; i++) await xapi.status.get('Audio Volume'); },
    async inflight(n) {
      const all: Promise<unknown>[] = [];
      for (let i = 0; i < n; i++) all.push(xapi.status.get('Audio Volume'));
      await Promise.all(all);
    },
    async subscribe() {
      let left = 0;
      let done: () => void = () => undefined;
      const off = xapi.status.on('Audio Volume', () => { if (--left === 0) done(); });
      await off.registration;
      return {
        wait: (n: number) => new Promise<void>(res => { left = n; done = res; }),
        off: async () => { off(); await xapi.status.get('Audio Volume'); },
      };
    },
    async close() { xapi.close(); },
  };
}

// ---- measurement -------------------------------------------------------------------------------------------

async function timed(fn: () => Promise<void>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

async function main(): Promise<void> {
  const o: Opts = { rounds: option('--rounds', 9), seq: option('--seq', 1000), inflight: option('--inflight', 1000), batches: option('--batches', 3), events: option('--events', 10000) };
  const child: ChildProcess = fork(__filename, ['--server'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise<string>(res => child.once('message', (m: { url: string }) => res(m.url)));
  const burst = (n: number) => new Promise<void>(res => {
    const on = (m: { burstDone?: boolean }) => { if (m.burstDone) { child.off('message', on); res(); } };
    child.on('message', on);
    child.send({ burst: n });
  });
  const benches = [await rawBench(url), await ourBench(url), await jsxapiBench(url)];
  const seq: Record<string, number[]> = {};
  const pipe: Record<string, number[]> = {};
  const feed: Record<string, number[]> = {};
  /** Events per second of this process's CPU time: the client's own dispatch cost, whatever the server's speed. */
  const feedCpu: Record<string, number[]> = {};
  for (const b of benches) { seq[b.name] = []; pipe[b.name] = []; feed[b.name] = []; feedCpu[b.name] = []; }
  // Warm-up (JIT, sockets).
  for (const b of benches) { await b.seq(200); await b.inflight(200); }
  for (let r = 0; r < o.rounds; r++) {
    // Rotate the order each round so drift does not favour anyone.
    const order = benches.map((_, i) => benches[(i + r) % benches.length]);
    for (const b of order) seq[b.name].push(o.seq / await timed(() => b.seq(o.seq)));
    for (const b of order) pipe[b.name].push((o.inflight * o.batches) / await timed(async () => { for (let k = 0; k < o.batches; k++) await b.inflight(o.inflight); }));
  }
  // Feedback: only the client being measured is subscribed during its burst; rounds rotate the order.
  for (let r = 0; r < o.rounds; r++) {
    const order = benches.map((_, i) => benches[(i + r) % benches.length]);
    for (const b of order) {
      const sub = await b.subscribe();
      const got = sub.wait(o.events);
      const cpu = process.cpuUsage();
      feed[b.name].push(o.events / await timed(async () => { await burst(o.events); await got; }));
      const used = process.cpuUsage(cpu);
      feedCpu[b.name].push(o.events / ((used.user + used.system) / 1e6));
      await sub.off();
    }
  }
  for (const b of benches) await b.close();
  child.kill();

  const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(10);
  const raw = benches[0].name;
  console.log(`\nclient benchmark — medians of ${o.rounds} rounds, emulator in a separate process (${url})`);
  console.log(`${''.padEnd(16)} ${'seq rt/s'.padStart(10)} ${'×raw'.padStart(6)}   ${'1000-inflight/s'.padStart(15)} ${'×raw'.padStart(6)}   ${'feedback ev/s'.padStart(13)} ${'×raw'.padStart(6)}   ${'ev/client-CPU-s'.padStart(15)} ${'×raw'.padStart(6)}`);
  for (const b of benches) {
    const s = median(seq[b.name]); const p = median(pipe[b.name]); const f = median(feed[b.name]); const c = median(feedCpu[b.name]);
    console.log(`${b.name.padEnd(16)} ${fmt(s)} ${(s / median(seq[raw])).toFixed(2).padStart(6)}   ${fmt(p).padStart(15)} ${(p / median(pipe[raw])).toFixed(2).padStart(6)}   ${fmt(f).padStart(13)} ${(f / median(feed[raw])).toFixed(2).padStart(6)}   ${fmt(c).padStart(15)} ${(c / median(feedCpu[raw])).toFixed(2).padStart(6)}`);
  }
  console.log('feedback ev/s is bounded by the emulator producing events; ev/client-CPU-s is the client\'s own cost.');
  console.log('goals for xapi-workbench: ≥ 0.95× sequential, ≥ 0.90× in flight, ≥ 0.80× feedback');
}

if (process.argv.includes('--server')) void serve();
else main().then(() => process.exit(0), e => { console.error(e); process.exit(1); });
