/**
 * Emulator throughput vs a raw `ws` echo server, measured in the same run.
 * 50 clients (in a child process, so client work does not share the server's event loop) each loop
 * request → response for a fixed time: against the emulator an `xGet` of a status, against the echo
 * server the same frame echoed back. Prints both rates and the ratio (goal ≥ 0.7×).
 *
 *   npx tsx bench/emulator.ts [seconds-per-run=3] [pairs=5]
 */
import { fork } from 'node:child_process';
import { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { startEmulator } from '../emulator';
import { coreSchema } from '../schema/core';

const CLIENTS = 50;
const FRAME = (id: number) => `{"jsonrpc":"2.0","id":${id},"method":"xGet","params":{"Path":["Status","Audio","Volume"]}}`;

async function clientMain(url: string, ms: number, auth: string | undefined): Promise<void> {
  const sockets = await Promise.all(Array.from({ length: CLIENTS }, () => new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url, { headers: auth ? { Authorization: auth } : {}, perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  })));
  let done = 0;
  let running = true;
  const start = process.hrtime.bigint();
  await Promise.all(sockets.map((ws, i) => new Promise<void>(resolve => {
    let id = i * 1e9;
    ws.on('message', () => {
      done++;
      if (running) ws.send(FRAME(++id));
      else resolve();
    });
    ws.send(FRAME(++id));
  })).concat(new Promise<void>(resolve => setTimeout(() => { running = false; resolve(); }, ms))));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  for (const ws of sockets) ws.terminate();
  process.send!({ rate: done / seconds, done });
}

function runClients(url: string, ms: number, auth?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--client', url, String(ms), auth ?? ''], { execArgv: ['--import', 'tsx'] });
    child.once('message', (m: { rate: number }) => resolve(m.rate));
    child.once('error', reject);
    child.once('exit', code => { if (code) reject(new Error(`client process exited with ${code}`)); });
  });
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 3);
  const emu = await startEmulator({ tls: false, schema: coreSchema(), users: [{ username: 'admin', password: 'bench', roles: ['Admin'] }] });
  const echo = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  echo.on('connection', ws => ws.on('message', data => ws.send(data.toString())));
  await new Promise<void>(resolve => echo.once('listening', () => resolve()));
  const echoUrl = `ws://127.0.0.1:${(echo.address() as AddressInfo).port}`;
  const auth = 'Basic ' + Buffer.from('admin:bench').toString('base64');
  const ms = seconds * 1000;
  const rounds = Number(process.argv[3] ?? 5);
  const pairs: { echo: number; emulator: number; ratio: number }[] = [];
  // Alternate the two servers in pairs so machine noise (2 shared cores) hits both alike; report the median pair.
  for (let round = 0; round < rounds; round++) {
    const echoRate = await runClients(echoUrl, ms);
    const emuRate = await runClients(emu.url, ms, auth);
    pairs.push({ echo: echoRate, emulator: emuRate, ratio: emuRate / echoRate });
  }
  pairs.sort((a, b) => a.ratio - b.ratio);
  const median = pairs[Math.floor(pairs.length / 2)];
  console.log(`clients: ${CLIENTS}, ${seconds}s per run, ${rounds} alternating pairs`);
  console.log(`ratios per pair: ${pairs.map(p => p.ratio.toFixed(2)).join(' ')}`);
  console.log(`raw ws echo server:  ${Math.round(median.echo)} req/s (median pair)`);
  console.log(`emulator (xGet):     ${Math.round(median.emulator)} req/s`);
  console.log(`ratio emulator/echo: ${median.ratio.toFixed(2)}x (goal >= 0.7x)`);
  echo.close();
  await emu.stop();
}

if (process.argv[2] === '--client') {
  clientMain(process.argv[3], Number(process.argv[4]), process.argv[5] || undefined).catch(e => { console.error(e); process.exit(1); });
} else {
  main().catch(e => { console.error(e); process.exitCode = 1; });
}
