/**
 * Language server speed over stdio on the full published 11.27 schema, in one run:
 *  - completion p50/p95 vs the round trip of a no-op request (hover on a document that is not open, which
 *    the server answers `null` through the same connection and dispatch); interleaved pairs; the client
 *    declares VS Code's completion capabilities (itemDefaults, resolve of documentation and detail); goal ≤ 1.5×;
 *  - diagnostics of a fresh 10,000-line `.xapi` file end to end (didOpen → pulled report, and on a second
 *    server didOpen → publishDiagnostics) vs tokenising the same text in-process (`parseXcli`, the
 *    schema-free tokeniser/parser); runs interleaved; goal ≤ 3×;
 *  - server start to first answer (initialize), and to the schema being in force;
 *  - server memory (RSS) after loading the schema.
 *
 *   npx tsx bench/lsp.ts [completions=1000]
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
const N = Number(process.argv[2] ?? 1000);

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

/**
 * A 10,000-line script. `salt` is in every statement line, so no run can reuse validation results
 * (the server caches them per line text) from another run; `i` varies most lines within the file too,
 * so about half the statements are validated afresh, the rest are repeated lines of the same file.
 */
function bigScript(lines: number, salt: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    switch (i % 8) {
      case 0: out.push(`xCommand Audio Volume Set Level: ${(i + salt) % 101}`); break;
      case 1: out.push(`xConfiguration Audio DefaultVolume: ${(i + salt) % 100}`); break;
      case 2: out.push(`xStatus Call[${salt * 10_000 + i}] Status`); break;
      case 3: out.push(`# a comment ${salt}`); break;
      case 4: out.push(`xCommand Dial Number: "user${salt}-${i}@example.com" CallType: Video`); break;
      case 5: out.push(i % 800 === 5 ? `xStatus Audio Volumee${salt}` : `xStatus Audio Volume${' '.repeat(salt % 7)}`); break;
      case 6: out.push(`xCommand UserInterface Message Alert Display Title: "Hi ${salt}" Text: "There ${i}" Duration: 5`); break;
      default: out.push('');
    }
  }
  return out.join('\n');
}

const median = (xs: number[]) => pct(xs, 50);


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
    // What VS Code (vscode-languageclient 11) declares for these two features.
    capabilities: { textDocument: {
      diagnostic: { dynamicRegistration: false },
      completion: {
        completionItem: {
          snippetSupport: true, commitCharactersSupport: true, documentationFormat: ['markdown', 'plaintext'], deprecatedSupport: true,
          preselectSupport: true, tagSupport: { valueSet: [1] }, insertReplaceSupport: true,
          resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] },
          insertTextModeSupport: { valueSet: [1, 2] }, labelDetailsSupport: true,
        },
        completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
      },
    } },
    diagnosticsDelay: 0,
  });
  const tInit = now();
  await c.schema(VERSION);
  // A second server for pushed diagnostics: a client without pull support (the server then pushes).
  const push = await LspClient.start({
    settings: { schema: { source: VERSION } }, env: { XAPI_SCHEMA_DIR: schemaDir(), XDG_CACHE_HOME: cache }, diagnosticsDelay: 0,
  });
  await push.schema(VERSION);
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
    // The no-op: hover on a document that is not open. A real request over the same connection,
    // dispatched to a real handler, that answers `null` without touching the service.
    const noopRequest = () => c.conn.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///bench/none.xapi' }, position: { line: 0, character: 0 } });
    const completionRequest = (d: (typeof docs)[number]) => c.conn.sendRequest(CompletionRequest.type, { textDocument: { uri: d.uri }, position: d.position });
    for (let i = 0; i < 100; i++) { await completionRequest(docs[i % docs.length]); await noopRequest(); } // warm-up, not measured
    const noop: number[] = [];
    const completion: number[] = [];
    let items = 0;
    let bytes = 0;
    // Interleaved, pair by pair, alternating which goes first, so load drift on the machine hits both alike.
    for (let i = 0; i < N; i++) {
      const d = docs[i % docs.length];
      const timeNoop = async () => { const s = now(); await noopRequest(); noop.push(ms(now() - s)); };
      const timeCompletion = async () => {
        const s = now();
        const r = await completionRequest(d);
        completion.push(ms(now() - s));
        items += Array.isArray(r) ? r.length : r?.items.length ?? 0;
        if (i < docs.length) bytes += JSON.stringify(r).length;
      };
      if (i % 2) { await timeNoop(); await timeCompletion(); } else { await timeCompletion(); await timeNoop(); }
    }

    // Diagnostics of a fresh 10,000-line script, end to end over stdio, vs tokenising+parsing the same
    // size of text in this process; interleaved run by run.
    const diagnosticsOf = async (client: LspClient, uri: string, text: string, pull: boolean): Promise<number> => {
      await client.open(uri, 'xapi', text);
      if (pull) {
        const r = await client.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
        return 'items' in r ? r.items.length : 0;
      }
      return (await client.diagnosticsFor(uri, 1)).diagnostics.length;
    };
    const parse: number[] = [];
    const pulled: number[] = [];
    const pushed: number[] = [];
    let count = 0;
    const RUNS = 25;
    const WARM = 5; // the first runs warm the server's JIT (and the bench's, for the parses); not measured
    for (let i = 0; i < RUNS + WARM; i++) {
      const parseText = bigScript(10_000, i * 2); // the text the pull server gets below
      let s = now();
      parseXcli(parseText);
      if (i >= WARM) parse.push(ms(now() - s));
      for (const [client, pull, out] of [[c, true, pulled], [push, false, pushed]] as const) {
        const uri = `file:///bench/big${i}-${pull ? 'pull' : 'push'}.xapi`;
        const text = bigScript(10_000, i * 2 + (pull ? 0 : 1));
        s = now();
        count = await diagnosticsOf(client, uri, text, pull);
        if (i >= WARM) out.push(ms(now() - s));
        await client.close(uri);
      }
    }
    const noopP50 = median(noop);
    const parseMed = median(parse);
    console.log(`bench/lsp on ${VERSION} over stdio (${N} completions, ${(items / N).toFixed(0)} items and ${(bytes / docs.length / 1024).toFixed(1)} KiB of JSON per answer on average)`);
    console.log(`  server start → initialize answer: ${ms(tInit - t0).toFixed(0)} ms; → schema ${VERSION} in force: ${ms(tSchema - t0).toFixed(0)} ms`);
    console.log(`  server memory (RSS) after loading the schema: ${rssAfterLoad}; after the benchmark (macros parsed, 10,000-line files opened): ${rssMb(c.proc.pid)}`);
    console.log('  completion vs no-op: round trips (send → answer parsed by this client), interleaved, after 100 warm-up pairs;');
    console.log('    no-op = textDocument/hover on a document that is not open (handled, answers null, no service work)');
    console.log(`  no-op round trip p50 ${noopP50.toFixed(3)} ms, p95 ${pct(noop, 95).toFixed(3)} ms`);
    console.log(`  completion        p50 ${median(completion).toFixed(3)} ms, p95 ${pct(completion, 95).toFixed(3)} ms`);
    console.log(`  ratio completion/no-op: p50 ${(median(completion) / noopP50).toFixed(2)}×, p95 ${(pct(completion, 95) / pct(noop, 95)).toFixed(2)}× (goal ≤ 1.5×)`);
    console.log(`  10,000-line .xapi (${count} diagnostics), medians of ${RUNS} interleaved runs after ${WARM} warm-up runs:`);
    console.log(`    tokenise = parseXcli (line split, tokens, statement tree; no schema) in this process: ${parseMed.toFixed(1)} ms`);
    console.log(`    pull = didOpen sent → textDocument/diagnostic answer received (as VS Code asks): ${median(pulled).toFixed(1)} ms`);
    console.log(`    push = didOpen sent → textDocument/publishDiagnostics received (clients without pull): ${median(pushed).toFixed(1)} ms`);
    console.log(`  ratio diagnostics/tokenise: pull ${(median(pulled) / parseMed).toFixed(2)}×, push ${(median(pushed) / parseMed).toFixed(2)}× (goal ≤ 3×)`);
  } finally {
    await Promise.all([c.stop(), push.stop()]);
    rmSync(cache, { recursive: true, force: true });
  }
}

main().catch(e => { console.error(e); process.exitCode = 1; });
