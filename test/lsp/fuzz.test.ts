/**
 * Fuzz: 10,000 random documents and random edits (`.xapi` scripts and half-typed JS/TS macros) through
 * the service — no request may fail, and incremental `.xapi` analysis must equal a fresh one — then a
 * few hundred random requests over stdio against the real server, every one of which must be answered.
 */
import assert from 'node:assert/strict';
import { CompletionResolveRequest } from 'vscode-languageserver-protocol/node';
import { LanguageService } from '../../server/service';
import { int, pick, positionOf, randomEdit, randomMacro, randomXapi, rng, Rng } from './support/fuzz';
import { LspClient } from './support/lspClient';
import { requestEverything } from './support/requests';
import { service } from './support/service';

const SEED = Number(process.env.XAPI_FUZZ_SEED ?? 20261126);
const DOCS = Number(process.env.XAPI_FUZZ_DOCS ?? 10000);
const LANGS = ['xapi', 'javascript', 'typescript'] as const;

function exercise(svc: LanguageService, r: Rng, d: { uri: string; languageId: string; version: number; text: string }): void {
  const diags = svc.diagnostics(d);
  for (let k = 0; k < 2; k++) {
    const pos = positionOf(d.text, int(r, d.text.length + 1));
    const list = svc.completion(d, pos);
    if (list.items.length) svc.resolveCompletion(pick(r, list.items));
    svc.hover(d, pos);
    svc.signatureHelp(d, pos);
  }
  const a = positionOf(d.text, int(r, d.text.length + 1));
  svc.codeActions(d, { start: a, end: a }, { diagnostics: diags });
  svc.documentSymbols(d);
  svc.foldingRanges(d);
}

describe('fuzz', function () {
  this.timeout(600000);

  it(`survives ${DOCS} random documents and edits through the service (seed ${SEED})`, () => {
    const r = rng(SEED);
    const svc = service({ product: 'Room Kit' });
    let compared = 0;
    for (let i = 0; i < DOCS; i++) {
      const languageId = LANGS[i % 3];
      const gen = languageId === 'xapi' ? randomXapi : randomMacro;
      const uri = `file:///fuzz/${i % 50}.${languageId === 'xapi' ? 'xapi' : languageId === 'javascript' ? 'js' : 'ts'}`;
      let d = { uri, languageId, version: 1, text: gen(r) };
      const history: string[] = [];
      try {
        svc.close(uri);
        exercise(svc, r, d);
        for (let e = 0; e < 3; e++) {
          const ed = randomEdit(r, d.text, gen);
          history.push(d.text);
          d = { ...d, version: d.version + 1, text: d.text.slice(0, ed.start) + ed.insert + d.text.slice(ed.end) };
          exercise(svc, r, d);
        }
        if (i % 10 < 3) {
          // Incremental (re-parsed `.xapi` statements, updated TypeScript trees) must equal a fresh analysis.
          const fresh = service({ product: 'Room Kit' }).diagnostics(d);
          assert.deepEqual(svc.diagnostics(d), fresh, `incremental != fresh for ${JSON.stringify(d.text)} (history ${JSON.stringify(history)})`);
          compared++;
        }
      } catch (e) {
        throw new Error(`document ${i} (seed ${SEED}) ${JSON.stringify(d.text)}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    assert.ok(compared > 0);
  });

  it('answers every one of a few hundred random requests over stdio', async () => {
    const c = await LspClient.start({ settings: { schema: { product: 'Desk' } } });
    try {
      const r = rng(SEED + 1);
      let answered = 0;
      for (let i = 0; i < 40; i++) {
        const languageId = LANGS[i % 3];
        const gen = languageId === 'xapi' ? randomXapi : randomMacro;
        const uri = `file:///fuzz/stdio${i}.${languageId === 'xapi' ? 'xapi' : languageId === 'javascript' ? 'js' : 'ts'}`;
        let text = gen(r);
        await c.open(uri, languageId, text);
        for (let k = 0; k < 8; k++) {
          if (r() < 0.4) {
            const ed = randomEdit(r, text, gen);
            const range = { start: positionOf(text, ed.start), end: positionOf(text, ed.end) };
            text = text.slice(0, ed.start) + ed.insert + text.slice(ed.end);
            await c.change(uri, ed.insert, range);
          }
          const position = positionOf(text, int(r, text.length + 1));
          const results = await requestEverything(c, uri, position);
          const completion = results[0];
          const items = Array.isArray(completion) ? completion : completion?.items ?? [];
          if (items.length) await c.conn.sendRequest(CompletionResolveRequest.type, pick(r, items));
          answered += results.length;
        }
        await c.close(uri);
      }
      assert.ok(answered >= 300, `answered ${answered}`);
      assert.equal(c.proc.exitCode, null, 'the server is still running');
      assert.ok(!c.logs.some(l => /Error|error:/.test(l) && !/schema/.test(l)), c.logs.filter(l => /rror/.test(l)).join('\n'));
    } finally {
      await c.stop();
    }
  });
});
