/**
 * Language server speed over stdio on the full published 11.27 schema, in one run:
 *  - completion p50/p95 vs the round trip of a no-op request (hover on a document that is not open);
 *    goal ≤ 1.5×;
 *  - diagnostics of a fresh 10,000-line `.xapi` file (pull request, full parse + validation) vs tokenising
 *    the same text in-process (`parseXcli`, the schema-free tokeniser/parser); goal ≤ 3×;
 *  - server start to first answer (initialize), and to the schema being in force;
 *  - server memory (RSS) after loading the schema.
 *
 *   npx tsx bench/lsp.ts [completions=400]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CompletionRequest, DocumentDiagnosticRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { parseXcli } from '../schema/xcli';
import { schemaDir } from '../test/support/publishedSchemas';
import { ensureBuilt } from '../test/lsp/support/build';
import { LspClient } from '../test/lsp/support/lspClient';
import { marked } from '../test/lsp/support/markers';

const VERSION = '11.27.2.0';
const N = Number(process.argv[2] ?? 400);

const ms = (ns: bigint) => Number(ns) / 1e6;
const now = () => process.hrtime.bigint();
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

function rssMb(pid: number | undefined): string {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? `${(Number(m[1]) / 1024).toFixed(0)} MB` : 'n/a';
  } catch {
    return 'n/a';
  }
}

/** `salt` makes each run's text distinct, so no run reuses another's validation results. */
function bigScript(lines: number, salt: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    switch (i % 8) {
      case 0: out.push(`xCommand Audio Volume Set Level: ${(i + salt) % 101}`); break;
      case 1: out.push(`xConfiguration Audio DefaultVolume: ${i % 100}`); break;
      case 2: out.push('xStatus Call[1] Status'); break;
      case 3: out.push('# a comment'); break;
      case 4: out.push(`xCommand Dial Number: "user${salt}@example.com" CallType: Video`); break;
      case 5: out.push(i % 800 === 5 ? 'xStatus Audio Volumee' : 'xStatus Audio Volume'); break;
      case 6: out.push('xCommand UserInterface Message Alert Display Title: "Hi" Text: "There" Duration: 5'); break;
      default: out.push('');
    }
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  if (!existsSync(path.join(schemaDir(), `roomos-xapi-schema-${VERSION}.json`))) {
    console.log(`bench/lsp: skipped, the ${VERSION} schema is not in ${schemaDir()}`);
    return;
  }
  const cache = mkdtempSync(path.join(tmpdir(), 'xapi-lsp-bench-'));
  await ensureBuilt(); // not part of the start-up time
  const t0 = now();
  const c = await LspClient.start({
    settings: { schema: { source: VERSION } },
    env: { XAPI_SCHEMA_DIR: schemaDir(), XDG_CACHE_HOME: cache },
    // What VS Code declares for these two features.
    capabilities: { textDocument: {
      diagnostic: { dynamicRegistration: false },
      completion: { completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] } },
    } },
    diagnosticsDelay: 0,
  });
  const tInit = now();
  await c.schema(VERSION);
  const tSchema = now();
  await new Promise(r => setTimeout(r, 200)); // let the load's garbage go
  const rssAfterLoad = rssMb(c.proc.pid);
  try {
    // Fixtures: scripts and macros, completions at typical places.
    const fixtures = [
      ['xapi', 'xCommand |'], ['xapi', 'xStatus Audio |'], ['xapi', 'xConfiguration Video |'], ['xapi', 'xCommand Dial Number: "1" |'],
      ['javascript', 'xapi.Command.|'], ['javascript', 'xapi.Status.Audio.|'], ['javascript', "xapi.status.get('Call |')"],
      ['typescript', "import xapi from 'xapi';\nxapi.Command.Dial({ | });"],
    ] as const;
    const docs = await Promise.all(fixtures.map(async ([lang, src], i) => {
      const m = marked(src);
      const uri = `file:///bench/f${i}.${lang === 'xapi' ? 'xapi' : lang === 'javascript' ? 'js' : 'ts'}`;
      await c.open(uri, lang, m.text);
      return { uri, position: { line: m.line, character: m.character } };
    }));
    // Warm up both paths.
    for (let i = 0; i < 50; i++) {
      const d = docs[i % docs.length];
      await c.conn.sendRequest(CompletionRequest.type, { textDocument: { uri: d.uri }, position: d.position });
      await c.conn.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///bench/none.xapi' }, position: { line: 0, character: 0 } });
    }
    const noop: number[] = [];
    const completion: number[] = [];
    let items = 0;
    for (let i = 0; i < N; i++) {
      const d = docs[i % docs.length];
      let s = now();
      await c.conn.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///bench/none.xapi' }, position: { line: 0, character: 0 } });
      noop.push(ms(now() - s));
      s = now();
      const r = await c.conn.sendRequest(CompletionRequest.type, { textDocument: { uri: d.uri }, position: d.position });
      completion.push(ms(now() - s));
      items += Array.isArray(r) ? r.length : r?.items.length ?? 0;
    }

    // Diagnostics of a fresh 10,000-line script vs tokenising it.
    const parse: number[] = [];
    for (let i = 0; i < 11; i++) { const text = bigScript(10_000, 100 + i); const s = now(); parseXcli(text); parse.push(ms(now() - s)); }
    const diag: number[] = [];
    let count = 0;
    // The first runs warm the server's JIT, as the in-process parses above warmed the bench's; not measured.
    for (let i = 0; i < 13; i++) {
      const uri = `file:///bench/big${i}.xapi`;
      const text = bigScript(10_000, i);
      const s = now();
      await c.open(uri, 'xapi', text);
      const r = await c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      if (i >= 4) diag.push(ms(now() - s));
      count = 'items' in r ? r.items.length : 0;
      await c.close(uri);
    }
    const noopP50 = pct(noop, 50);
    const parseMed = pct(parse, 50);
    const diagMed = pct(diag, 50);
    console.log(`bench/lsp on ${VERSION} over stdio (${N} completions, ${(items / N).toFixed(0)} items on average)`);
    console.log(`  server start → initialize answer: ${ms(tInit - t0).toFixed(0)} ms; → schema ${VERSION} in force: ${ms(tSchema - t0).toFixed(0)} ms`);
    console.log(`  server memory (RSS) after loading the schema: ${rssAfterLoad}; after the benchmark (macros parsed, 10,000-line files opened): ${rssMb(c.proc.pid)}`);
    console.log(`  no-op round trip p50 ${noopP50.toFixed(3)} ms, p95 ${pct(noop, 95).toFixed(3)} ms`);
    console.log(`  completion        p50 ${pct(completion, 50).toFixed(3)} ms, p95 ${pct(completion, 95).toFixed(3)} ms`);
    console.log(`  ratio completion/no-op: p50 ${(pct(completion, 50) / noopP50).toFixed(2)}×, p95 ${(pct(completion, 95) / pct(noop, 95)).toFixed(2)}× (goal ≤ 1.5×)`);
    console.log(`  10,000-line .xapi: diagnostics over stdio ${diagMed.toFixed(1)} ms (${count} diagnostics) vs tokenising in-process ${parseMed.toFixed(1)} ms`);
    console.log(`  ratio diagnostics/tokenise: ${(diagMed / parseMed).toFixed(2)}× (goal ≤ 3×)`);
  } finally {
    await c.stop();
    rmSync(cache, { recursive: true, force: true });
  }
}

main().catch(e => { console.error(e); process.exitCode = 1; });
