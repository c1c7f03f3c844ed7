/**
 * Schema load benchmark. Run: `node --expose-gc --import tsx bench/schema.ts [runs]`.
 *
 * Baseline and subject are measured in the same process, alternating, each after a full GC:
 *   parse  = JSON.parse(text) of the 11.27 published file
 *   load   = JSON.parse(text) + parsePublishedSchema + new SchemaIndex
 *            (node variants are built when first read, so not here: the fresh-process mode times that separately)
 *   ratio  = median(load) / median(parse)        (goal: ≤ 2, i.e. normalise + index ≤ one more parse)
 * Also: completion lookups per second (`children()` on random known prefixes) and the heap the
 * loaded schema + index keep (heapUsed after GC, minus before), next to the heap of the raw JSON tree.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import * as path from 'node:path';
import { parsePublishedSchema } from '../schema/load/published';
import { NODE_KINDS, NodeKind } from '../schema/model';
import { SchemaIndex } from '../schema/schemaIndex';
import { publishedFileName } from '../schema/sources';
import { schemaDir } from '../test/support/publishedSchemas';

const VERSION = '11.27.2.0';
const runs = process.argv[2] && /^\d+$/.test(process.argv[2]) ? Number(process.argv[2]) : 31;
const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
if (!(globalThis as { gc?: unknown }).gc) console.log('note: run with node --expose-gc for stable numbers and the heap figure');

const file = path.join(schemaDir(), publishedFileName(VERSION));
let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch {
  console.log(`skipped: ${file} not found (set XAPI_SCHEMA_DIR)`);
  process.exit(0);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function load(): SchemaIndex {
  return new SchemaIndex(parsePublishedSchema(JSON.parse(text), VERSION));
}

// The very first load of a process runs mostly in the interpreter, and a CLI pays exactly that:
// measured in fresh child processes, each timing its own JSON.parse, then normalise, then index
// (the ratio is taken per process, then the median over the processes). The loader builds a node's
// variants when they are first read, so each child also times reading every node's variants
// afterwards (what a consumer that touches the whole schema pays later), and reports how much of
// the load window went to young-generation GC (mostly copying the fresh JSON tree, which is live).
if (process.argv[2] === '--cold-child') {
  const gcs: { start: number; duration: number }[] = [];
  const observer = new PerformanceObserver(list => {
    for (const e of list.getEntries()) gcs.push({ start: e.startTime, duration: e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  const t0 = performance.now();
  const json = JSON.parse(text);
  const t1 = performance.now();
  const schema = parsePublishedSchema(json, VERSION);
  const t2 = performance.now();
  new SchemaIndex(schema);
  const t3 = performance.now();
  let variants = 0;
  for (const node of schema.nodes) variants += node.variants.length;
  const t4 = performance.now();
  // GC entries are delivered asynchronously.
  setTimeout(() => {
    const gcIn = (a: number, b: number) => gcs.filter(g => g.start >= a && g.start < b).reduce((sum, g) => sum + g.duration, 0);
    process.stdout.write(JSON.stringify([t1 - t0, t2 - t1, t3 - t2, t4 - t3, gcIn(t1, t3), variants]));
    process.exit(0);
  }, 20);
} else {
  runMain();
}

function runMain(): void {
  const coldRuns = 15;
  const cold = Array.from({ length: coldRuns }, () => {
    const out = execFileSync(process.execPath, [...process.execArgv, __filename, '--cold-child'], { encoding: 'utf8' });
    return JSON.parse(out) as [number, number, number, number, number, number];
  });
  const coldParse = median(cold.map(c => c[0]));
  const coldNormalise = median(cold.map(c => c[1]));
  const coldIndex = median(cold.map(c => c[2]));
  const coldVariants = median(cold.map(c => c[3]));
  const coldGc = median(cold.map(c => c[4]));
  const coldRatio = median(cold.map(([p, n, i]) => (p + n + i) / p));

  // Warm up both paths so the JIT has compiled them before anything is timed. Each timed run
  // starts after a full GC, so no run pays for the garbage of another. One parsed tree and one
  // loaded schema stay alive: when every object of a hidden class dies in a full GC, V8 discards the
  // optimised code that depends on it, and each run would measure re-optimisation instead.
  const keepAlive = [JSON.parse(text), load()];
  for (let i = 0; i < 5; i++) {
    JSON.parse(text);
    load();
  }

  // Wall time suffers when other processes share the cores; process CPU time (user + system, all
  // threads, so GC helper threads count) does not, so both are reported.
  const cpuNow = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const wall = { parse: [] as number[], load: [] as number[] };
  const cpu = { parse: [] as number[], load: [] as number[] };
  function time(what: 'parse' | 'load', fn: () => unknown): void {
    gc();
    const c0 = cpuNow();
    const t0 = performance.now();
    fn();
    wall[what].push(performance.now() - t0);
    cpu[what].push(cpuNow() - c0);
  }
  const phases = { parse: [] as number[], normalise: [] as number[], index: [] as number[] };
  function loadInPhases(): SchemaIndex {
    const t0 = performance.now();
    const json = JSON.parse(text);
    const t1 = performance.now();
    const schema = parsePublishedSchema(json, VERSION);
    const t2 = performance.now();
    const index = new SchemaIndex(schema);
    const t3 = performance.now();
    phases.parse.push(t1 - t0);
    phases.normalise.push(t2 - t1);
    phases.index.push(t3 - t2);
    return index;
  }
  gc();
  for (let i = 0; i < runs; i++) {
    time('parse', () => JSON.parse(text));
    time('load', loadInPhases);
  }
  console.log(`schema ${VERSION} (${(text.length / 1e6).toFixed(2)} MB), ${runs} runs each:`);
  for (const [name, m] of [['wall', wall], ['cpu ', cpu]] as const) {
    const p = median(m.parse);
    const l = median(m.load);
    const pMin = Math.min(...m.parse), lMin = Math.min(...m.load);
    console.log(`  ${name} median: JSON.parse ${p.toFixed(2)} ms | JSON.parse + normalise + index ${l.toFixed(2)} ms | ratio ${(l / p).toFixed(2)}x (goal <= 2.00x)`);
    console.log(`  ${name} min:    JSON.parse ${pMin.toFixed(2)} ms | JSON.parse + normalise + index ${lMin.toFixed(2)} ms | ratio ${(lMin / pMin).toFixed(2)}x`);
  }
  console.log('  (ratio = (parse + normalise + index) / parse)');
  console.log(`  phases of the load (wall medians): parse ${median(phases.parse).toFixed(2)} ms, normalise ${median(phases.normalise).toFixed(2)} ms, index ${median(phases.index).toFixed(2)} ms`);
  console.log(`  first load in a fresh process (cold JIT, wall medians of ${coldRuns} processes): JSON.parse ${coldParse.toFixed(2)} ms, normalise ${coldNormalise.toFixed(2)} ms, index ${coldIndex.toFixed(2)} ms | ratio ${coldRatio.toFixed(2)}x (goal <= 2.00x)`);
  console.log(`    of which young-generation GC in normalise + index: ${coldGc.toFixed(2)} ms; afterwards, first read of all ${cold[0][5]} variants: ${coldVariants.toFixed(2)} ms`);
  void keepAlive;

  // Completion: children() of random prefixes that exist (what a language server asks per keystroke).
  const index = load();
  const prefixes: { kind: NodeKind; names: string[] }[] = [];
  for (const kind of NODE_KINDS) {
    for (const node of index.nodes(kind)) {
      for (let n = 0; n < node.names.length; n++) prefixes.push({ kind, names: node.names.slice(0, n) });
    }
  }
  let seed = 12345;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const sample = Array.from({ length: 4096 }, () => prefixes[Math.floor(random() * prefixes.length)]);
  const products = index.products();
  let found = 0;
  const t0 = performance.now();
  let lookups = 0;
  while (performance.now() - t0 < 1000) {
    for (let i = 0; i < sample.length; i++) {
      const q = sample[i];
      found += index.children(q.kind, q.names, i % 4 === 0 ? products[i % products.length] : undefined).length;
    }
    lookups += sample.length;
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(`  completion children() lookups/s     ${Math.round(lookups / seconds).toLocaleString('en-US')} (1 in 4 with a product filter; ${found > 0 ? 'non-empty' : 'EMPTY?'})`);

  // Heap: what a loaded schema + index keeps (the parsed JSON is dropped, except what the model
  // shares with it: strings, and each variant's raw attributes object kept as `extra`), and, for
  // scale, what the raw JSON tree alone takes.
  gc();
  const h0 = process.memoryUsage().heapUsed;
  let json: unknown = JSON.parse(text);
  gc();
  const h1 = process.memoryUsage().heapUsed;
  json = undefined;
  gc();
  const h2 = process.memoryUsage().heapUsed;
  const kept = load();
  // Variants are built on first read: read them all, so the figure is the whole model.
  for (const node of kept.schema.nodes) void node.variants;
  gc();
  const h3 = process.memoryUsage().heapUsed;
  void json;
  console.log(`  heap: raw JSON tree                 ${((h1 - h0) / 2 ** 20).toFixed(2)} MiB`);
  console.log(`  heap: loaded schema + index         ${((h3 - h2) / 2 ** 20).toFixed(2)} MiB  (${kept.count()} nodes, ${kept.schema.nodes.reduce((n, x) => n + x.variants.length, 0)} variants)`);
}
