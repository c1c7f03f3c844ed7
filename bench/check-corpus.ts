/**
 * `xapi check` on real macros (../shared/real-macros, XAPI_REAL_MACROS_DIR), against the published 11.27 schema, in
 * one run: per file, the macro checker (parse, analysis, diagnostics: what `xapi check` and the language server do on
 * opening a file) vs parsing the same text with the TypeScript parser alone, the floor the checker builds on. Each
 * file is measured `rounds` times, interleaved, and its median kept; the report gives median and max over files, and
 * the diagnostics found.
 *
 *   npm run bench -- bench/check-corpus.ts [rounds=7]
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { MacroChecker } from '../cli/macroDiagnostics';
import { fromPublished } from '../schema/sources';
import { SchemaIndex } from '../schema/schemaIndex';
import { schemaDir, testCacheDir } from '../test/support/publishedSchemas';
import { median } from './support/numbers';

const ROUNDS = Number(process.argv[2] ?? 7);
const CORPUS = process.env.XAPI_REAL_MACROS_DIR ?? path.resolve(__dirname, '..', '..', 'shared', 'real-macros');
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

async function main(): Promise<void> {
  const schema = await fromPublished('11.27.2.0', { seedDir: schemaDir(), cacheDir: testCacheDir(), offline: true });
  const checker = new MacroChecker(new SchemaIndex(schema));
  const files = readdirSync(CORPUS, { withFileTypes: true }).filter(d => d.isDirectory())
    .flatMap(d => readdirSync(path.join(CORPUS, d.name)).filter(f => f.endsWith('.js')).map(f => path.join(d.name, f))).sort();
  const texts = files.map(f => readFileSync(path.join(CORPUS, f), 'utf8'));
  // Warm up both (the TypeScript parser and the schema caches), then measure interleaved.
  texts.forEach((t, i) => { checker.check(files[i], t); ts.createSourceFile(files[i], t, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS); });
  const check: number[][] = texts.map(() => []);
  const parse: number[][] = texts.map(() => []);
  let found = 0;
  for (let r = 0; r < ROUNDS; r++) {
    texts.forEach((t, i) => {
      let t0 = process.hrtime.bigint();
      const d = checker.check(files[i], t);
      check[i].push(ms(t0));
      if (r === 0) found += d.length;
      t0 = process.hrtime.bigint();
      ts.createSourceFile(files[i], t, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
      parse[i].push(ms(t0));
    });
  }
  const checkMed = check.map(median);
  const parseMed = parse.map(median);
  const worst = checkMed.indexOf(Math.max(...checkMed));
  const lines = texts.reduce((n, t) => n + t.split('\n').length, 0);
  console.log(`${files.length} real macros (${lines} lines), 11.27.2.0, ${ROUNDS} rounds each; ${found} diagnostics`);
  console.log(`check per file:     median ${median(checkMed).toFixed(2)} ms, max ${checkMed[worst].toFixed(2)} ms (${files[worst]}, ${texts[worst].split('\n').length} lines)`);
  console.log(`TS parse per file:  median ${median(parseMed).toFixed(2)} ms, max ${Math.max(...parseMed).toFixed(2)} ms`);
  console.log(`ratio check / parse: median ${(median(checkMed.map((c, i) => c / parseMed[i]))).toFixed(2)}×, on the largest file ${(checkMed[worst] / parseMed[worst]).toFixed(2)}×`);
}

main().catch(e => { console.error(e); process.exit(1); });
