/**
 * Status tree benchmark: a storm of status changes on an expanded node, through the tree's own data path in this
 * process, against the simulated device in its own process (dist/simulator.js, as "Start Simulated Device" runs it;
 * run `node scripts/build.mjs` first). client/views/tree/liveTree.ts needs `vscode`, so what runs here is its
 * pure part, the part a storm loads: one feedback subscription on `Status Audio` from a real client over TLS (what
 * expanding Audio makes), the subtree read into the Mirror (client/views/tree/mirror.ts), every notification merged
 * into it, and the changed keys handed to the Coalescer (coalescer.ts) with the tree's refresh interval; each
 * refresh then does what VS Code's getTreeItem does with the mirror for the nodes it names (the value, as text).
 * VS Code's own rendering is not in it (the e2e storm test in test/e2e/vscode/views covers the real view).
 * The same storm twice:
 *   closed  — connected, the view closed or hidden: no subscription (the baseline; a hidden tree holds none and
 *             reads its expanded nodes once when shown again);
 *   visible — Audio expanded: subscribed, mirror kept current, partial refreshes at most 4 a second.
 * Prints changes sent, notifications, refreshes (and per second), this process's CPU, heap growth and event-loop
 * delay (sampled every 20 ms, which costs little CPU; shown beyond that interval), and the ratios to the baseline.
 *
 *   npm run bench bench/trees.ts [--rate 3000] [--seconds 60]
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Coalescer, TREE_REFRESH_INTERVAL_MS } from '../client/views/tree/coalescer';
import { leafText } from '../client/views/tree/format';
import { Mirror } from '../client/views/tree/mirror';
import type { SimulatedDeviceControl } from '../client/simulatedDevice/messages';
import { connect, type Xapi } from '../xapi/index';
import type { PathSegment } from '../xapi/protocol';
import { startDevice } from './device';
import { option } from './support/numbers';

const RATE = option('--rate', 3000);
const SECONDS = option('--seconds', 60);
const NODE: PathSegment[] = ['Status', 'Audio'];
const LEAF = 'Audio Volume';
const VALUES = [10, 20, 30, 40, 50];

type Mode = 'closed' | 'visible';
interface Result {
  mode: Mode; sent: number; notifications: number; changes: number; refreshes: number; refreshedNodes: number;
  cpuMs: number; heapMB: number; rssMB: number; loopP99Ms: number; loopMaxMs: number;
}

const gcNow = () => (globalThis as { gc?: () => void }).gc?.();
const mb = (n: number) => n / (1024 * 1024);
/** Event-loop sampling interval: fine enough to see a stall, coarse enough not to load the CPU it measures. */
const LOOP_SAMPLE_MS = 20;
const signed = (n: number) => `${n < 0 ? '-' : '+'}${Math.abs(n).toFixed(1)}`;
/** A mirror key (`status/audio/volume`) as a path the mirror reads (it matches case-insensitively). */
const keyPath = (key: string): PathSegment[] => key.split('/').map(s => (/^\d+$/.test(s) ? Number(s) : s));

async function run(mode: Mode, xapi: Xapi, control: (c: SimulatedDeviceControl) => Promise<number | undefined>): Promise<Result> {
  const mirror = new Mirror();
  let notifications = 0;
  let changes = 0;
  let refreshedNodes = 0;
  let shownVolume: string | undefined;
  // The tree's refresh: for each node it names, the text VS Code asks getTreeItem for.
  const coalescer = new Coalescer(TREE_REFRESH_INTERVAL_MS, keys => {
    for (const k of keys) {
      const text = leafText(mirror.get(keyPath(k)));
      if (k === 'status/audio/volume') shownVolume = text;
    }
    refreshedNodes += keys.size;
  });
  let sub: (() => void) | undefined;
  if (mode === 'visible') {
    const s = xapi.feedback.on(NODE, (_v, root) => {
      notifications++;
      const changed = mirror.applyFeedback(root as unknown as Record<string, unknown>);
      changes += changed.size;
      coalescer.add(changed);
    });
    sub = s;
    // As the tree does: read once the subscription that keeps the subtree current is registered.
    await s.registered;
    mirror.write(NODE, await xapi.status.get(NODE));
  }
  gcNow();
  const heap0 = process.memoryUsage().heapUsed;
  const flushes0 = coalescer.stats.flushes;
  const loop = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_MS });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const sent = (await control({ op: 'storm', target: 'status', path: LEAF, perSecond: RATE, seconds: SECONDS, values: VALUES })) ?? 0;
  // The storm's last frames may still be on the wire: a request round trip on the same socket comes after them.
  await xapi.status.get(LEAF);
  if (mode === 'visible') {
    // The last refresh comes within one interval; it shows the storm's last value.
    const last = String(VALUES[(sent - 1) % VALUES.length]);
    await new Promise<void>(res => { const check = () => (shownVolume === last ? res() : setTimeout(check, 20)); check(); });
  }
  const cpu = process.cpuUsage(cpu0);
  loop.disable();
  const refreshes = coalescer.stats.flushes - flushes0;
  const rss = process.memoryUsage().rss;
  gcNow();
  const heap = process.memoryUsage().heapUsed - heap0;
  sub?.();
  coalescer.dispose();
  return {
    mode, sent, notifications, changes, refreshes, refreshedNodes, cpuMs: (cpu.user + cpu.system) / 1000,
    heapMB: mb(heap), rssMB: mb(rss),
    // The histogram holds whole sampling intervals: the delay is what exceeds one.
    loopP99Ms: Math.max(0, loop.percentile(99) / 1e6 - LOOP_SAMPLE_MS), loopMaxMs: Math.max(0, loop.max / 1e6 - LOOP_SAMPLE_MS),
  };
}

async function main(): Promise<void> {
  const device = await startDevice();
  const { ready } = device;
  const xapi = await connect(ready.url, { username: ready.username, password: ready.password, ca: ready.certificate });
  console.log(`status tree storm: ${LEAF} ${RATE}/s for ${SECONDS} s (${RATE * SECONDS} changes) on the expanded ${NODE.slice(1).join(' ')} node; ` +
    `refresh interval ${TREE_REFRESH_INTERVAL_MS} ms; device in its own process`);
  const results: Result[] = [];
  for (const mode of ['closed', 'visible'] as const) {
    const r = await run(mode, xapi, c => device.control(c));
    results.push(r);
    console.log(`${mode.padEnd(8)} sent ${r.sent}  notifications ${r.notifications}  mirror changes ${r.changes}  ` +
      `refreshes ${r.refreshes} (${(r.refreshes / SECONDS).toFixed(1)}/s, ${r.refreshedNodes} nodes)  cpu ${r.cpuMs.toFixed(0)} ms  ` +
      `heap ${signed(r.heapMB)} MB  rss ${r.rssMB.toFixed(0)} MB  event-loop delay p99 ${r.loopP99Ms.toFixed(1)} ms, max ${r.loopMaxMs.toFixed(1)} ms`);
  }
  const [base, visible] = results;
  console.log(`visible / closed: cpu ${(visible.cpuMs / Math.max(1, base.cpuMs)).toFixed(2)}x, heap ${signed(visible.heapMB - base.heapMB)} MB; ` +
    `cpu per 1,000 changes ${(visible.cpuMs / Math.max(1, visible.sent / 1000)).toFixed(1)} ms; ` +
    `refreshes per notification ${(visible.refreshes / Math.max(1, visible.notifications)).toFixed(4)} ` +
    `(a refresh per notification would be ${(visible.notifications / SECONDS).toFixed(0)}/s)`);
  await xapi.close();
  device.stop();
}

main().catch(e => { console.error(e); process.exitCode = 1; });
