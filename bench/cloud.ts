/**
 * Webex cloud benchmark, against the simulated Webex cloud on loopback:
 *   1. 50 statuses of one device with a realistic latency per call: read together (the client batches ten names a
 *      request, so five requests in flight) vs one by one (fifty requests in a row) — the ratio is the batching's gain;
 *   2. the client's overhead over raw `fetch` for the same five requests (no latency: only what the client adds
 *      in building, sending, parsing and splitting the answers), medians of several rounds.
 *
 *   npm run bench -- bench/cloud.ts [--latency 200] [--rounds 9] [--reads 50]
 */
import { startSimulatedCloud, type SimulatedCloud } from '../emulator/cloud/server';
import { connect } from '../xapi/index';
import { dottedKey } from '../xapi/cloud/cloudPaths';
import { median, option } from './support/numbers';

const LATENCY = option('--latency', 200);
const ROUNDS = option('--rounds', 9);
const READS = option('--reads', 50);

const f1 = (n: number) => n.toFixed(1);

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** `READS` distinct status leaves the device has: what an integrator's dashboard reads. */
async function statusPaths(cloud: SimulatedCloud): Promise<(string | number)[][]> {
  const { device, xapi } = cloud.devices[0];
  const out: (string | number)[][] = [];
  for (const node of device.schema.nodes) {
    if (out.length >= READS) break;
    const v = node.kind === 'Status' ? device.index.variantFor(node, device.product) : undefined;
    if (!v) continue;
    // A list's first entry stands for the list (`Video Input Connector 1 Connected`).
    const path: (string | number)[] = ['Status', ...v.path.flatMap(seg => (seg.index ? [seg.name, seg.index.min] : [seg.name]))];
    if (await xapi.status.get(path).then(() => true, () => false)) out.push(path);
  }
  if (out.length < READS) throw new Error(`the device has only ${out.length} readable status leaves`);
  return out;
}

async function main(): Promise<void> {
  // 1. Batched vs one by one, with latency.
  const slow = await startSimulatedCloud({ fleet: 1, latencyMs: LATENCY });
  const x = await connect(`webex://${slow.devices[0].id}`, { token: slow.tokens[0].token, baseUrl: slow.baseUrl });
  const paths = await statusPaths(slow);
  const together: number[] = [];
  const oneByOne: number[] = [];
  const rounds = Math.max(1, Math.min(ROUNDS, 3));
  for (let r = 0; r < rounds; r++) {
    slow.requests.length = 0;
    together.push(await time(() => Promise.all(paths.map(p => x.status.get(p)))));
    const batchedRequests = slow.requests.length;
    if (r === 0) console.log(`cloud bench: simulated Webex cloud on loopback, ${LATENCY} ms per device call, ${READS} status reads`);
    if (r === 0) console.log(`  read together: ${batchedRequests} request(s)`);
    oneByOne.push(await time(async () => { for (const p of paths) await x.status.get(p); }));
  }
  await x.close();
  await slow.stop();
  const t = median(together);
  const o = median(oneByOne);
  console.log(`${READS} statuses         together ${f1(t)} ms   one by one ${f1(o)} ms   ratio ${(o / t).toFixed(1)}x faster together   (medians of ${rounds})`);

  // 2. Overhead over raw fetch, no latency.
  const fast = await startSimulatedCloud({ fleet: 1 });
  const y = await connect(`webex://${fast.devices[0].id}`, { token: fast.tokens[0].token, baseUrl: fast.baseUrl });
  const id = fast.devices[0].id;
  const token = fast.tokens[0].token;
  const distinct = paths.map(p => dottedKey(p.slice(1)));
  const urls: string[] = [];
  for (let i = 0; i < distinct.length; i += 10) {
    const q = new URLSearchParams({ deviceId: id });
    for (const n of distinct.slice(i, i + 10)) q.append('name', n);
    urls.push(`${fast.baseUrl}/xapi/status?${q}`);
  }
  const raw = () => Promise.all(urls.map(u => fetch(u, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }).then(r => r.json())));
  const ours = () => Promise.all(paths.map(p => y.status.get(p)));
  for (let i = 0; i < 5; i++) { await raw(); await ours(); } // warm up both
  const rawT: number[] = [];
  const oursT: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    if (r % 2) { rawT.push(await time(raw)); oursT.push(await time(ours)); } else { oursT.push(await time(ours)); rawT.push(await time(raw)); }
  }
  await y.close();
  await fast.stop();
  const rm = median(rawT);
  const om = median(oursT);
  console.log(`client vs raw fetch ours ${f1(om)} ms   raw fetch ${f1(rm)} ms   ratio ${(om / rm).toFixed(2)}x   (${urls.length} requests of ≤10 names, no latency, medians of ${ROUNDS})`);
}

main().catch(e => { console.error(e); process.exit(1); });
