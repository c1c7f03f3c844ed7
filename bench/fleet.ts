/**
 * Fleet benchmark: the runner (fleet/) against a simulated fleet in a process of its own (its devices sharing one
 * schema index per software version, each taking every request `--latency` ms after it comes).
 *   1. local WebSocket: a 10-line script on every device, gated (each device's schema checked first), at a concurrency
 *      of 64; the total time against the ideal — one device's time alone × N ÷ 64, measured in the same run — and, in a
 *      second run, the runner's memory per device in flight: its live heap and external memory (sampled after a full
 *      collection, so garbage not yet collected does not count) over its baseline with the gating schemas loaded, ÷ 64;
 *   2. the same through the simulated Webex cloud, 1% of its requests answered 429 with Retry-After 1 s (no
 *      organisation rules, which would refuse two of the script's lines); then without 429s, the floor;
 *   3. a fault mix (5% offline, 2% a wrong password, 1% slow past the per-device timeout): every device accounted for
 *      with its reason, and the run ends on its own.
 *
 *   npm run bench -- bench/fleet.ts [--devices 1000] [--latency 50] [--concurrency 64] [--timeout 5]
 */
import { spawn } from 'node:child_process';
import * as readline from 'node:readline';
import { coreSchema } from '../schema/core';
import { SchemaIndex } from '../schema/schemaIndex';
import { startSimulatedFleet, type FleetFaults } from '../emulator/simulatedFleet';
import type { InventoryDevice } from '../fleet/inventory';
import { SchemasByModel } from '../fleet/gating';
import { environmentAccess, planScript, scriptTask } from '../fleet/operations';
import { runFleet, type FleetReport } from '../fleet/runner';
import { option } from './support/numbers';

const DEVICES = option('--devices', 1000);
const LATENCY = option('--latency', 50);
const CONCURRENCY = option('--concurrency', 64);
const TIMEOUT_S = option('--timeout', 5);
const PASSWORD = 'bench-pw';

/** Ten lines an integrator would run on every room: commands, configurations, and a read. */
const SCRIPT = [
  'xCommand Audio Volume Set Level: 40',
  'xConfiguration Audio DefaultVolume: 45',
  'xCommand Standby Deactivate',
  'xConfiguration Standby Delay: 10',
  'xCommand Audio Volume Mute',
  'xCommand Audio Volume Unmute',
  'xConfiguration Audio Ultrasound MaxVolume: 70',
  'xCommand UserInterface Message Alert Display Text: "Maintenance tonight" Duration: 5',
  'xCommand UserInterface Message Alert Clear',
  'xStatus Audio Volume',
].join('\n');

/** What the fleet's process says of itself on its stdout: one JSON line. */
interface Served {
  readonly devices: readonly { name: string; url: string; webexId?: string; fault?: string }[];
  readonly cloud?: { baseUrl: string; token: string };
}

/** `--serve`: the simulated fleet's own process; it prints where it is and serves until its stdin closes. */
async function serve(): Promise<void> {
  const faults: Partial<FleetFaults> = process.argv.includes('--faults')
    ? { offlineEvery: 20, wrongPasswordEvery: 50, slowEvery: 100, changedCertificateEvery: 0 }
    : { offlineEvery: 0, wrongPasswordEvery: 0, slowEvery: 0, changedCertificateEvery: 0 };
  const fleet = await startSimulatedFleet(DEVICES, PASSWORD, {
    tls: false, latencyMs: LATENCY, faults, slowMs: 60_000,
    ...(process.argv.includes('--cloud') ? { cloud: { rateLimit: { rate: process.argv.includes('--no-429') ? 0 : 0.01, retryAfterSeconds: 1 }, rules: {}, record: false } } : {}),
  });
  const served: Served = {
    devices: fleet.devices.map(d => ({ name: d.name, url: d.url, ...(d.webexId ? { webexId: d.webexId } : {}), ...(d.fault ? { fault: d.fault } : {}) })),
    ...(fleet.cloud ? { cloud: { baseUrl: fleet.cloud.baseUrl, token: fleet.cloud.tokens[0].token } } : {}),
  };
  process.stdout.write(JSON.stringify(served) + '\n');
  // Asked "counts": how many calls the cloud took and answered 429 so far. Its stdin closed: stop.
  readline.createInterface({ input: process.stdin }).on('line', line => {
    if (line === 'counts') process.stdout.write(JSON.stringify(fleet.cloud?.counts() ?? { calls: 0, rateLimited: 0 }) + '\n');
  }).on('close', () => { void fleet.stop().then(() => process.exit(0)); });
}

/** Starts the fleet's process; resolves with what it serves, its cloud's counts, and a way to end it. */
async function startFleetProcess(args: string[]): Promise<Served & { counts(): Promise<{ calls: number; rateLimited: number }>; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1], '--serve', ...process.argv.slice(2), ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done) throw new Error('the fleet process ended before saying where it is');
  const served = JSON.parse(first.value as string) as Served;
  return {
    ...served,
    counts: async () => { child.stdin.write('counts\n'); return JSON.parse((await lines.next()).value as string); },
    stop: () => new Promise(r => { child.once('exit', () => r()); child.stdin.end(); }),
  };
}

/**
 * The runner's live memory while `work` runs: sampled after a full collection every 250 ms; the peak over the lower
 * of the levels before and after (what the run keeps, such as a connection pool, is not the devices' in flight).
 */
async function peakLiveMemory<T>(work: () => Promise<T>): Promise<{ result: T; peakBytes: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc (npm run bench does)');
  const live = () => { gc(); const m = process.memoryUsage(); return m.heapUsed + m.external; };
  const base = live();
  let peak = base;
  const timer = setInterval(() => { peak = Math.max(peak, live()); }, 250);
  try {
    const result = await work();
    return { result, peakBytes: Math.max(0, peak - Math.min(base, live())) };
  } finally { clearInterval(timer); }
}

const s1 = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const count = (r: FleetReport<unknown>, pred: (o: FleetReport<unknown>['outcomes'][number]) => boolean) => r.outcomes.filter(pred).length;

/** One run of the script on `devices`, through `via`; returns the report, the time and the gating reads. */
async function runScript(devices: InventoryDevice[], cloud: Served['cloud'], concurrency: number, schemas: SchemasByModel) {
  const index = new SchemaIndex(coreSchema());
  const access = environmentAccess({ BENCH_PW: PASSWORD }, cloud ? { token: cloud.token, baseUrl: cloud.baseUrl } : undefined);
  const task = scriptTask(planScript(SCRIPT, index), access, schemas);
  const t0 = performance.now();
  const report = await runFleet(devices, task, { concurrency, timeoutMs: TIMEOUT_S * 1000 });
  return { report, ms: performance.now() - t0 };
}

/** The fleet cycles through this many models (product × software): its first devices cover them all. */
const MODELS = 15;

/**
 * One device's time alone, with its model's schema read already — as for all but the first device of each model in a
 * run: the median over the first MODELS devices, which also reads every model's schema once.
 */
async function oneDevice(devices: InventoryDevice[], cloud: Served['cloud'], schemas: SchemasByModel): Promise<number> {
  const times: number[] = [];
  for (const d of devices.slice(0, MODELS)) times.push((await runScript([d], cloud, 1, schemas)).ms);
  times.length = 0;
  for (const d of devices.slice(0, MODELS)) times.push((await runScript([d], cloud, 1, schemas)).ms);
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

async function transport(label: string, cloud: boolean, limited = cloud): Promise<void> {
  const served = await startFleetProcess(cloud ? ['--cloud', ...(limited ? [] : ['--no-429'])] : []);
  try {
    const devices: InventoryDevice[] = served.devices.map(d => ({
      name: d.name, tags: [], url: cloud ? `webex://${d.webexId}` : d.url, ...(cloud ? {} : { password: { kind: 'env' as const, name: 'BENCH_PW' } }),
    }));
    const schemas = new SchemasByModel();
    const single = await oneDevice(devices, served.cloud, schemas);
    const before = await served.counts();
    const { report, ms } = await runScript(devices, served.cloud, CONCURRENCY, schemas);
    const limited = (await served.counts()).rateLimited - before.rateLimited;
    const { peakBytes } = await peakLiveMemory(() => runScript(devices, served.cloud, CONCURRENCY, schemas));
    const ideal = single * DEVICES / CONCURRENCY;
    const ok = count(report, o => o.status === 'ok');
    console.log(`${label}: ${DEVICES} devices, ${LATENCY} ms a request, concurrency ${CONCURRENCY}${limited ? ', 1% of requests 429 (Retry-After 1 s)' : ''}`);
    console.log(`  one device alone ${single.toFixed(0)} ms; ideal ${s1(ideal)}; measured ${s1(ms)}; ratio ${(ms / ideal).toFixed(2)}x of ideal (goal ≤ 1.25x)`);
    if (limited) {
      // Each 429 makes its device wait Retry-After: time no scheduler can win back, spread over the concurrency.
      const waits = limited * 1000 / CONCURRENCY;
      console.log(`  ${limited} requests answered 429: ${s1(limited * 1000)} of Retry-After waits, ${s1(waits)} spread over ${CONCURRENCY}; ratio to the ideal plus those waits ${(ms / (ideal + waits)).toFixed(2)}x`);
    }
    console.log(`  ${ok} ok, ${DEVICES - ok} not${ok < DEVICES ? ` (${[...new Set(report.outcomes.filter(o => o.status !== 'ok').map(o => `${o.kind}: ${o.reason}`))].slice(0, 3).join(' | ')})` : ''}`);
    console.log(`  runner live memory: peak ${(peakBytes / 2 ** 20).toFixed(1)} MB over its baseline, ${(peakBytes / 1024 / CONCURRENCY).toFixed(0)} KB per device in flight (goal ≤ 200 KB)`);
    console.log(`  device schemas read for gating: ${schemas.reads} for ${MODELS * 2 + DEVICES * 2} device runs (one per product and software version)`);
  } finally { await served.stop(); }
}

async function faultMix(): Promise<void> {
  const served = await startFleetProcess(['--faults']);
  try {
    const devices: InventoryDevice[] = served.devices.map(d => ({ name: d.name, tags: [], url: d.url, password: { kind: 'env' as const, name: 'BENCH_PW' } }));
    const { report, ms } = await runScript(devices, undefined, CONCURRENCY, new SchemasByModel());
    const expected: Record<string, string> = { offline: 'offline', 'wrong password': 'auth', slow: 'timeout' };
    const mismatched = served.devices.filter((d, i) => {
      const o = report.outcomes[i];
      return d.fault ? o.status !== 'failed' || o.kind !== expected[d.fault] : o.status !== 'ok';
    });
    const by = (f: string) => served.devices.filter(d => d.fault === f).length;
    console.log(`fault mix: ${DEVICES} devices (${by('offline')} offline, ${by('wrong password')} wrong password, ${by('slow')} slow past the ${TIMEOUT_S} s timeout)`);
    console.log(`  ended on its own in ${s1(ms)}; ${report.outcomes.length} of ${DEVICES} accounted for; ${count(report, o => o.status === 'ok')} ok; ` +
      `failed by kind: ${['offline', 'auth', 'timeout'].map(k => `${k} ${count(report, o => o.kind === k)}`).join(', ')}; ` +
      `${mismatched.length ? `MISMATCHED: ${mismatched.map(d => d.name).join(', ')}` : 'each with its own reason'}; exit ${report.exitCode}`);
    if (mismatched.length || report.outcomes.length !== DEVICES) process.exitCode = 1;
  } finally { await served.stop(); }
}

async function main(): Promise<void> {
  if (process.argv.includes('--serve')) return serve();
  await transport('local WebSocket', false);
  await transport('Webex cloud', true);
  // The floor: the same without 429s, so what the Retry-After waits cost shows apart from what the cloud itself does.
  await transport('Webex cloud without 429s', true, false);
  await faultMix();
}

main().catch(e => { console.error(e); process.exit(1); });
