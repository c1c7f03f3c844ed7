/**
 * Events panel benchmark: the extension host's side of the pipeline (EventTail subscriptions + ring buffer + the
 * timer-batched posts to the webview, each batch structured-cloned as `postMessage` does) in this process, against the
 * simulated device in its own process (dist/simulator.js, as "Start Simulated Device" runs it; run
 * `node scripts/build.mjs` first), under the same event storm three times:
 *   closed  — connected, panel never opened: no subscription (the baseline);
 *   hidden  — subscribed and buffering, no posts (a hidden webview gets none);
 *   visible — subscribed, buffering, batches posted at most 4 a second.
 * Prints events sent / received / shown, posts, this process's CPU and heap, and the ratios to the baseline.
 * It measures the pipeline in-process, not a whole VS Code extension host (the e2e storm test covers that).
 *
 *   npm run bench bench/events.ts [--rate 3000] [--seconds 60] [--buffer 10000]
 */
import { systemClock } from '../xapi/clock';
import { connect, type Xapi } from '../xapi/index';
import type { SimulatedDeviceControl } from '../client/simulatedDevice/messages';
import { startDevice } from './device';
import { EventTail } from '../client/views/events/eventTail';
import { FlushScheduler } from '../client/shared/flushScheduler';
import type { HostToWebview } from '../client/views/events/messages';
import { option } from './support/numbers';

const RATE = option('--rate', 3000);
const SECONDS = option('--seconds', 60);
const BUFFER = option('--buffer', 10_000);
const WIDGET = 'UserInterface Extensions Widget Action';

type Mode = 'closed' | 'hidden' | 'visible';
interface Result { mode: Mode; sent: number; received: number; shown: number; posts: number; held: number; dropped: number; cpuMs: number; heapMB: number; rssMB: number }

const gcNow = () => (globalThis as { gc?: () => void }).gc?.();
const mb = (n: number) => n / (1024 * 1024);

async function run(mode: Mode, xapi: Xapi, control: (c: SimulatedDeviceControl) => Promise<number | undefined>): Promise<Result> {
  const tail = new EventTail({ capacity: BUFFER, schema: undefined });
  let posts = 0;
  let shown = 0;
  let sentSeq = 0;
  // The view's flush (client/views/events/eventsView.ts), with postMessage's cost: a structured clone of the batch.
  const scheduler = new FlushScheduler(() => {
    const rows = tail.rowsAfter(sentSeq) ?? tail.ring.toArray();
    if (!rows.length) return;
    sentSeq = tail.newestSeq;
    const m: HostToWebview = { type: 'append', rows, dropped: tail.ring.dropped };
    structuredClone(m);
    posts++;
    shown += rows.length;
  }, systemClock);
  if (mode === 'visible') tail.onDidAppend(() => scheduler.signal());
  if (mode !== 'closed') {
    tail.attach(xapi);
    // Registered once an event emitted now arrives.
    while (tail.received === 0) await control({ op: 'emitEvent', path: WIDGET, payload: { WidgetId: 'warm', Type: 'clicked', Value: '' } });
    tail.clear();
    tail.received = 0;
    sentSeq = tail.newestSeq;
  }
  gcNow();
  const heap0 = process.memoryUsage().heapUsed;
  const cpu0 = process.cpuUsage();
  const sent = (await control({ op: 'storm', target: 'event', path: WIDGET, perSecond: RATE, seconds: SECONDS, payload: { WidgetId: 'storm', Type: 'clicked', Value: '' }, counterField: 'Value' })) ?? 0;
  // The storm's last frames may still be on the wire: a request round trip on the same socket comes after them.
  await xapi.status.get('Audio Volume');
  if (mode === 'visible') await new Promise<void>(res => { const check = () => (scheduler.armed ? setTimeout(check, 20) : res()); check(); });
  const cpu = process.cpuUsage(cpu0);
  const rss = process.memoryUsage().rss;
  gcNow();
  const heap = process.memoryUsage().heapUsed - heap0;
  const r: Result = {
    mode, sent, received: tail.received, shown, posts, held: tail.ring.length, dropped: tail.ring.dropped,
    cpuMs: (cpu.user + cpu.system) / 1000, heapMB: mb(heap), rssMB: mb(rss),
  };
  scheduler.cancel();
  tail.detach();
  return r;
}

async function main(): Promise<void> {
  const device = await startDevice();
  const { ready } = device;
  const xapi = await connect(ready.url, { username: ready.username, password: ready.password, ca: ready.certificate });
  console.log(`events storm: ${RATE}/s for ${SECONDS} s (${RATE * SECONDS} events), buffer ${BUFFER}; device in its own process`);
  const results: Result[] = [];
  for (const mode of ['closed', 'hidden', 'visible'] as const) {
    const r = await run(mode, xapi, c => device.control(c));
    results.push(r);
    console.log(`${mode.padEnd(8)} sent ${r.sent}  received ${r.received}  shown ${r.shown} (${r.posts} posts, ${(r.posts / SECONDS).toFixed(1)}/s)  held ${r.held}  dropped ${r.dropped}  cpu ${r.cpuMs.toFixed(0)} ms  heap +${r.heapMB.toFixed(1)} MB  rss ${r.rssMB.toFixed(0)} MB`);
  }
  const base = results[0];
  for (const r of results.slice(1)) {
    console.log(`${r.mode} / closed: cpu ${(r.cpuMs / Math.max(1, base.cpuMs)).toFixed(2)}x, heap +${(r.heapMB - base.heapMB).toFixed(1)} MB; shown/sent ${(r.shown / Math.max(1, r.sent)).toFixed(3)}; cpu per 1,000 events ${(r.cpuMs / (r.sent / 1000)).toFixed(1)} ms`);
  }
  const [, hidden, visible] = results;
  console.log(`visible / hidden (what showing the panel adds to tailing): cpu ${(visible.cpuMs / Math.max(1, hidden.cpuMs)).toFixed(2)}x`);
  await xapi.close();
  device.stop();
}

main().catch(e => { console.error(e); process.exitCode = 1; });
