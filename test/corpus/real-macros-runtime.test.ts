/**
 * Real macros on the simulated device's runtime (../shared/real-macros, XAPI_REAL_MACROS_DIR): each corpus macro is
 * saved together with the macros it imports (inactive, under the name the import uses; a corpus file
 * `Folder__Name.js` is macro `Name`, and imports resolve within its repository folder), activated alone on a fresh
 * device with the 26.4.1 published schema, and watched. The outcomes must be exactly those listed by hand in
 * real-macros-runtime.expected: each macro that does not start clean, with its own reason.
 *
 * "Starts clean", by events: the runtime reports it Running (`Macros Macro Started`: its top level has settled)
 * and nothing is logged at error level for it. Work its top level started without awaiting it (an `init()` not
 * awaited, a timer) has no event that says it is done, so after Running the test waits for a quiet spell: 300 ms
 * with no log line or xAPI request from the macro, at most 3 s. A macro that never reports Running within 10 s
 * is an outcome of its own ("no start in 10 s").
 *
 *   XAPI_REAL_MACROS_OUTCOMES=1 npx mocha test/corpus/real-macros-runtime.test.ts   prints every outcome
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { workerRuntime } from '../../emulator/macros/host';
import { createSimulatedXapi } from '../../emulator/simulatedXapi';
import { requirePublished } from '../support/publishedSchemas';
import type { Schema } from '../../schema/model';

const REPO = path.resolve(__dirname, '..', '..');
const CORPUS = process.env.XAPI_REAL_MACROS_DIR ? path.resolve(process.env.XAPI_REAL_MACROS_DIR) : path.resolve(REPO, '..', 'shared', 'real-macros');
const VERSION = '26.4.1-March-2026';
const START_MS = 10_000;
const QUIET_MS = 300;
const QUIET_CAP_MS = 3_000;

/** The macro name a corpus file is saved under: the part of its name after the last `__`, without `.js`. */
export const macroNameOf = (file: string) => path.basename(file).replace(/\.[cm]?js$/, '').split('__').pop()!;

/** `./Name` imports (and requires) of a macro's source. */
function importsOf(source: string): string[] {
  const out = new Set<string>();
  for (const m of source.matchAll(/(?:\bfrom\s*|\bimport\s*|\brequire\s*\(\s*)(['"])\.\/([^'"\n]+)\1/g)) out.add(m[2].replace(/\.js$/, ''));
  return [...out];
}

interface Outcome { file: string; outcome: string }

async function runOne(schema: Schema, folder: string, file: string): Promise<string> {
  const siblings = new Map(readdirSync(path.join(CORPUS, folder)).filter(f => f.endsWith('.js')).map(f => [macroNameOf(f), f]));
  const xapi = createSimulatedXapi({ schema, macroRuntime: workerRuntime() });
  const name = macroNameOf(file);
  const errors: string[] = [];
  let started = false;
  let lastActivity = Date.now();
  try {
    await xapi.Event.Macros.on((e: any) => {
      if (e.Log && e.Log.Macro === name) {
        lastActivity = Date.now();
        if (e.Log.Level === 'ERROR') errors.push(String(e.Log.Message).split('\n')[0]);
      } else if (e.Macro?.Started?.Name === name) started = true;
    }).registered;
    // Its libraries first, inactive, as a device keeps them.
    const saved = new Set<string>([name]);
    const queue = importsOf(readFileSync(path.join(CORPUS, folder, file), 'utf8'));
    while (queue.length) {
      const lib = queue.shift()!;
      if (saved.has(lib) || !siblings.has(lib)) continue;
      saved.add(lib);
      const source = readFileSync(path.join(CORPUS, folder, siblings.get(lib)!), 'utf8');
      await xapi.command('Macros Macro Save', { Name: lib, Overwrite: 'True', Transpile: 'False' }, source);
      queue.push(...importsOf(source));
    }
    await xapi.command('Macros Macro Save', { Name: name, Overwrite: 'True', Transpile: 'False' }, readFileSync(path.join(CORPUS, folder, file), 'utf8'));
    await xapi.command('Macros Macro Activate', { Name: name });
    const deadline = Date.now() + START_MS;
    while (!started && !errors.length && Date.now() < deadline) await new Promise(r => setTimeout(r, 20));
    if (!started && !errors.length) return `no start in ${START_MS / 1000} s`;
    if (started) {
      const cap = Date.now() + QUIET_CAP_MS;
      while (Date.now() - lastActivity < QUIET_MS && Date.now() < cap && !errors.length) await new Promise(r => setTimeout(r, 20));
    }
    return errors.length ? `error: ${errors[0]}` : 'clean';
  } finally {
    await xapi.close();
    xapi.device.dispose();
  }
}

function corpusFiles(): [string, string][] {
  return readdirSync(CORPUS, { withFileTypes: true }).filter(d => d.isDirectory())
    .flatMap(d => readdirSync(path.join(CORPUS, d.name)).filter(f => f.endsWith('.js')).map((f): [string, string] => [d.name, f])).sort();
}

describe('real macros on the simulated device\'s runtime', function () {
  this.timeout(600_000);
  it('start clean, or fail for the reason listed by hand (real-macros-runtime.expected)', async function () {
    if (!existsSync(CORPUS)) { console.log(`    skipped: ${CORPUS} not found — set XAPI_REAL_MACROS_DIR to the folder of the real macros`); this.skip(); }
    const schema = await requirePublished(this, VERSION, { requiredInCi: true });
    const outcomes: Outcome[] = [];
    for (const [folder, file] of corpusFiles()) outcomes.push({ file: `${folder}/${file}`, outcome: await runOne(schema, folder, file) });
    if (process.env.XAPI_REAL_MACROS_OUTCOMES) for (const o of outcomes) console.log(`${o.file} | ${o.outcome}`);
    const clean = outcomes.filter(o => o.outcome === 'clean').length;
    console.log(`      ${clean} of ${outcomes.length} start clean`);
    const expected = new Map(readFileSync(path.join(__dirname, 'real-macros-runtime.expected'), 'utf8').split('\n')
      .filter(l => l.trim() && !l.startsWith('#')).map(l => {
        const [file, contains, reason] = l.split(' | ');
        assert.ok(file && contains && reason, `a malformed line: ${l}`);
        return [file, contains] as const;
      }));
    const wrong = outcomes.flatMap(o => {
      const contains = expected.get(o.file);
      if (contains === undefined) return o.outcome === 'clean' ? [] : [`${o.file}: expected clean, got ${o.outcome}`];
      if (o.outcome === 'clean') return [`${o.file}: listed as failing (${contains}), started clean`];
      return o.outcome.includes(contains) ? [] : [`${o.file}: expected an error with "${contains}", got ${o.outcome}`];
    });
    const unknown = [...expected.keys()].filter(f => !outcomes.some(o => o.file === f));
    assert.deepEqual([...wrong, ...unknown.map(f => `${f}: listed but not in the corpus`)], []);
  });
});
