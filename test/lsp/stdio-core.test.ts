/**
 * The real language server over stdio (dist/server.js, built in `before`) with the built-in core schema:
 * every feature, in `.xapi` scripts, JavaScript and TypeScript macros.
 */
import assert from 'node:assert/strict';
import {
  CompletionItemKind, DocumentSymbol, DocumentSymbolRequest, FoldingRangeRequest, MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { WorkCountersRequest } from '../../server/contract';
import { LspClient } from './support/lspClient';
import { applyEdits, marked } from './support/markers';

function matches(word: string, filter: string): boolean {
  const w = word.toLowerCase();
  const f = filter.toLowerCase();
  if (w && w[0] !== f[0]) return false;
  let j = 0;
  for (const ch of f) if (j < w.length && ch === w[j]) j++;
  return j === w.length;
}
import { actionsAt, completeAt, diagnose, hoverAt, labels, resolve, signatureAt } from './support/requests';

describe('language server over stdio (core schema)', function () {
  this.timeout(60000);
  let c: LspClient;
  before(async () => { c = await LspClient.start(); });
  after(async () => { await c?.stop(); });

  it('announces the schema in force', async () => {
    const e = await c.schema('core');
    assert.equal(e.source, 'core');
    assert.ok(e.nodes > 100);
  });

  describe('.xapi scripts', () => {
    it('completes the x keywords', async () => {
      const items = await completeAt(c, 'xapi', 'xCo|');
      assert.deepEqual(labels(items), ['xCommand', 'xConfiguration', 'xStatus', 'xEvent', 'xFeedback']);
      assert.equal(items.find(i => i.label === 'xStatus')!.textEdit!.newText, 'xStatus ');
      const doc = (await resolve(c, items.find(i => i.label === 'xStatus')!)).documentation as MarkupContent;
      assert.match(doc.value, /^\*\*xStatus\*\* — \d+ nodes in schema core.*`Audio`/);
    });

    it('completes the next path segment with kind and short description, documentation only on resolve', async () => {
      const items = await completeAt(c, 'xapi', 'xStatus Audio Vol|');
      const vol = items.find(i => i.label === 'Volume')!;
      assert.ok(vol, labels(items).join());
      assert.ok(items.some(i => i.label === 'VolumeMute'));
      assert.ok(items.every(i => i.documentation === undefined), 'items stay lean: documentation only on resolve');
      assert.ok(vol.detail && vol.detail.length > 5);
      assert.equal(vol.kind, CompletionItemKind.Field, 'a status leaf');
      const branches = await completeAt(c, 'xapi', 'xCommand Audio |');
      assert.equal(branches.find(i => i.label === 'Volume')!.kind, CompletionItemKind.Module, 'a branch');
      assert.equal((await completeAt(c, 'xapi', 'xCommand Audio Volume |')).find(i => i.label === 'Set')!.kind, CompletionItemKind.Function);
      const resolved = await resolve(c, vol);
      const doc = (resolved.documentation as MarkupContent).value;
      assert.match(doc, /xStatus Audio Volume/);
      assert.match(doc, /https:\/\/roomos\.cisco\.com\/xapi\/Status\.Audio\.Volume\//);
      assert.deepEqual((vol.textEdit as { range: unknown }).range, { start: { line: 0, character: 14 }, end: { line: 0, character: 17 } });
    });

    it('completes parameter names with the required ones first', async () => {
      const items = await completeAt(c, 'xapi', 'xCommand Dial Nu|');
      assert.equal(labels(items)[0], 'Number');
      assert.equal(items.find(i => i.label === 'Number')!.textEdit!.newText, 'Number: ');
      assert.ok(items.some(i => i.label === 'CallType'));
    });

    it('leaves out parameters already given', async () => {
      const items = await completeAt(c, 'xapi', 'xCommand Dial Number: "1" |');
      assert.ok(!items.some(i => i.label === 'Number'));
      assert.ok(items.some(i => i.label === 'CallType'));
    });

    it('completes literal values of a parameter and of a configuration', async () => {
      assert.deepEqual(labels(await completeAt(c, 'xapi', 'xCommand Dial Number: "1" CallType: |')).sort(), ['Audio', 'Auto', 'Video']);
      const cfg = await completeAt(c, 'xapi', 'xConfiguration Audio Microphones NoiseRemoval Mode: |');
      assert.deepEqual(labels(cfg).sort(), ['Disabled', 'Enabled', 'Manual']);
    });

    it('completes index numbers of an indexed segment', async () => {
      const items = await completeAt(c, 'xapi', 'xConfiguration Cameras Camera[|');
      assert.deepEqual(items.map(i => i.label), ['1', '2', '3', '4', '5', '6', '7']);
      // The edit replaces `[…]`, so the filter text must start with `[` too or editors would hide every item.
      assert.deepEqual([items[1].textEdit!.newText, items[1].filterText], ['[2]', '[2]']);
    });

    it('gives items a filter text that matches what the edit replaces, as editors filter', async () => {
      // Editors filter by the document text from the edit's start to the cursor, matched against the filter text
      // (the label by default): e.g. `[2` against `[2]`, `"Vi` against `"Video"`. Here: a case-insensitive
      // subsequence that starts with the same character — the rule VS Code and Neovim share.
      const fixtures = ['xConfiguration Cameras Camera[2|', 'xCommand Dial Number: "1" CallType: "Vi|"', 'xCommand Dial Number: "1" CallType: Vi|',
        'xConfiguration Audio Microphones NoiseRemoval Mode: "En|', 'xStatus Audio Vol|', 'xCommand Dial Nu|', 'xSt|', 'xStatus Call[3|] Status'];
      for (const src of fixtures) {
        const m = marked(src);
        const items = await completeAt(c, 'xapi', src);
        const typed = (i: (typeof items)[0]) => m.text.slice((i.textEdit as { range: { start: { character: number } } }).range.start.character, m.character);
        const shown = items.filter(i => matches(typed(i), i.filterText ?? i.label));
        assert.ok(shown.length > 0, `${src}: nothing survives filtering (${items.map(i => `${i.filterText ?? i.label}/${typed(i)}`).join()})`);
      }
    });

    it('offers a placeholder for an open-ended index range (Call[1..n])', async () => {
      const items = await completeAt(c, 'xapi', 'xStatus Call[|');
      assert.equal(items.length, 1);
      assert.match(items[0].detail!, /Call 1\.\.n/);
      // This client declares no snippet support: the placeholder's default text is inserted as is.
      assert.deepEqual([items[0].textEdit!.newText, items[0].insertTextFormat], ['[1]', 1]);
      assert.equal((await completeAt(c, 'xapi', 'xStatus Call[12|'))[0].textEdit!.newText, '[12]');
    });

    it('hovers with ranges, lengths, defaults and products by their names', async () => {
      const vol = (await hoverAt(c, 'xapi', 'xConfiguration Audio DefaultVol|ume: 50'))!;
      assert.match(vol, /Integer 0 to 100/);
      assert.match(vol, /Default: `50`/);
      assert.match((await hoverAt(c, 'xapi', 'xConfiguration SystemUnit Na|me: "x"'))!, /String, length 0 to 50/);
      const reset = (await hoverAt(c, 'xapi', 'xCommand Camera Position|Reset CameraId: 1'))!;
      assert.match(reset, /Products: .*Board Pro 55/);
      assert.doesNotMatch(reset, /Products: .*\b(hopen|octavio)\b/, 'human names, not code names');
      assert.match(reset, /`CameraId` \*\*required\*\*: 1\.\.7/);
    });

    it('hovers with description, value space, roles and the link', async () => {
      const md = (await hoverAt(c, 'xapi', 'xConfiguration Audio Microphones NoiseRemoval Mo|de: Enabled'))!;
      assert.match(md, /xConfiguration Audio Microphones NoiseRemoval Mode/);
      assert.match(md, /`Enabled`/);
      assert.match(md, /Roles: /);
      assert.match(md, /roomos\.cisco\.com\/xapi\/Configuration\.Audio\.Microphones\.NoiseRemoval\.Mode\//);
      const param = (await hoverAt(c, 'xapi', 'xCommand Dial Num|ber: "1"'))!;
      assert.match(param, /Number.*required/);
    });

    it('reports the validator diagnostics with stable codes, and fixes them', async () => {
      const text = 'xStatus Audio Volumee\nxCommand Dial CallType: Video\nxComand Dial\nxCommand Audio Volume Set Level: 500\n';
      const { uri, diagnostics } = await diagnose(c, 'xapi', text);
      const codes = diagnostics.map(d => d.code).sort();
      assert.deepEqual(codes, ['missing-required', 'out-of-range', 'unknown-keyword', 'unknown-path']);
      for (const d of diagnostics) assert.equal(d.source, 'xapi');
      assert.equal(diagnostics.find(d => d.code === 'out-of-range')!.codeDescription?.href, 'https://roomos.cisco.com/xapi/Command.Audio.Volume.Set/');
      const unknown = diagnostics.find(d => d.code === 'unknown-path')!;
      const fix = (await actionsAt(c, uri, unknown.range, [unknown])).find(a => a.isPreferred)!;
      assert.equal(fix.title, "Change to 'Volume'");
      assert.equal(applyEdits(text, fix.edit!.changes![uri]).split('\n')[0], 'xStatus Audio Volume');
      const missing = diagnostics.find(d => d.code === 'missing-required')!;
      const add = (await actionsAt(c, uri, missing.range, [missing])).find(a => a.title.startsWith('Add missing'))!;
      assert.equal(applyEdits(text, add.edit!.changes![uri]).split('\n')[1], 'xCommand Dial CallType: Video Number: ""');
      await c.close(uri);
    });

    it('gives signature help for command parameters', async () => {
      const sig = (await signatureAt(c, 'xapi', 'xCommand Dial Number: "1" CallT|'))!;
      assert.match(sig.signatures[0].label, /^xCommand Dial Number: /);
      const active = sig.signatures[0].parameters![sig.activeParameter ?? 0].label as [number, number];
      assert.equal(sig.signatures[0].label.slice(active[0], active[1]).replace(/^\[/, '').split(':')[0], 'CallType');
    });

    it('lists document symbols and folds multiline bodies and comment blocks', async () => {
      const text = '# one\n# two\nxStatus Audio Volume\nxCommand Macros Macro Save Name: "m"\nconst a = 1;\nconsole.log(a);\n.\nxConfiguration Audio DefaultVolume: 50\nxFeedback register /Status/Audio\n';
      const { uri } = await diagnose(c, 'xapi', text);
      const symbols = await c.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }) as DocumentSymbol[];
      assert.deepEqual(symbols.map(s => s.name), ['xStatus Audio Volume', 'xCommand Macros Macro Save', 'xConfiguration Audio DefaultVolume', 'xFeedback register /Status/Audio']);
      assert.deepEqual(symbols[1].range.start.line, 3);
      assert.deepEqual(symbols[1].range.end.line, 6);
      const folds = await c.conn.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
      assert.deepEqual(folds!.map(f => [f.startLine, f.endLine, f.kind ?? null]), [[0, 1, 'comment'], [3, 6, null]]);
      await c.close(uri);
    });

    it('re-parses only the edited statements of a 100,000-line document (counted over LSP)', async () => {
      const lines = Array.from({ length: 100_000 }, (_, i) => (i % 3 === 0 ? 'xStatus Audio Volume' : i % 3 === 1 ? 'xCommand Dial Number: "1"' : '# c'));
      const { uri, diagnostics } = await diagnose(c, 'xapi', lines.join('\n'));
      assert.deepEqual(diagnostics, []);
      const v = await c.change(uri, 'Volumee', { start: { line: 60_000, character: 14 }, end: { line: 60_000, character: 20 } });
      const after = await c.diagnosticsFor(uri, v);
      assert.deepEqual(after.diagnostics.map(d => `${d.range.start.line}:${d.code}`), ['60000:unknown-path']);
      const w = await c.conn.sendRequest(WorkCountersRequest.type, { uri });
      assert.ok(w.lastParsedLines <= 3, `re-parsed ${w.lastParsedLines} lines`);
      assert.ok(w.totalParsedLines <= 100_010, `parsed ${w.totalParsedLines} lines in all`);
      await c.close(uri);
    });

    it('re-validates after an incremental edit', async () => {
      const { uri, diagnostics } = await diagnose(c, 'xapi', 'xStatus Audio Volume\nxStatus Audio Volumee\n');
      assert.equal(diagnostics.length, 1);
      const v = await c.change(uri, 'Volume', { start: { line: 1, character: 14 }, end: { line: 1, character: 21 } });
      const after = await c.diagnosticsFor(uri, v);
      assert.deepEqual(after.diagnostics, []);
      await c.close(uri);
    });
  });

  for (const languageId of ['javascript', 'typescript'] as const) {
    describe(`${languageId} macros`, () => {
      const head = languageId === 'typescript' ? "import xapi from 'xapi';\nconst n: number = 1;\n" : "const xapi = require('xapi');\n";

      it('completes proxy chains as they are typed', async () => {
        assert.ok(labels(await completeAt(c, languageId, `${head}xapi.Command.Au|`)).includes('Audio'));
        const vol = labels(await completeAt(c, languageId, `${head}xapi.Command.Audio.Volume.|`));
        assert.ok(vol.includes('Set') && vol.includes('Mute'), vol.join());
        const st = labels(await completeAt(c, languageId, `${head}async function f() {\n  const v = await xapi.Status.Audio.|\n}`));
        assert.ok(st.includes('Volume') && st.includes('get') && st.includes('on'), st.join());
        const cfg = labels(await completeAt(c, languageId, `${head}xapi.Configuration.Audio.Def|`));
        assert.ok(cfg.includes('DefaultVolume'));
        assert.deepEqual(labels(await completeAt(c, languageId, `${head}xapi.Config.Cameras.Camera[|`)), ['1', '2', '3', '4', '5', '6', '7']);
        const root = labels(await completeAt(c, languageId, `${head}xapi.|`));
        assert.deepEqual(root.slice(0, 4), ['Command', 'Config', 'Status', 'Event']);
      });

      it('completes parameter keys inside a command argument, required first', async () => {
        const items = await completeAt(c, languageId, `${head}xapi.Command.Dial({ Nu| })`);
        assert.equal(labels(items)[0], 'Number');
        assert.equal(labels(await completeAt(c, languageId, `${head}xapi.Command.Dial({ Nu|`))[0], 'Number', 'unterminated');
        assert.equal(items.find(i => i.label === 'Number')!.textEdit!.newText, 'Number: ');
        const more = labels(await completeAt(c, languageId, `${head}xapi.command('Dial', { Number: '1', | })`));
        assert.ok(!more.includes('Number') && more.includes('CallType'));
      });

      it('completes literal values for parameters and configuration sets', async () => {
        assert.deepEqual(labels(await completeAt(c, languageId, `${head}xapi.Command.Dial({ Number: '1', CallType: '|' })`)).sort(), ['Audio', 'Auto', 'Video']);
        const cfg = await completeAt(c, languageId, `${head}xapi.Config.Audio.Microphones.NoiseRemoval.Mode.set(|)`);
        assert.deepEqual(labels(cfg).sort(), ['Disabled', 'Enabled', 'Manual']);
        assert.equal(cfg[0].textEdit!.newText.startsWith("'"), true);
        const quoted = await completeAt(c, languageId, `${head}xapi.Config.Audio.Microphones.NoiseRemoval.Mode.set('|')`);
        assert.deepEqual(labels(quoted), ['Enabled', 'Disabled', 'Manual'], 'the default first');
        assert.equal(quoted.find(i => i.label === 'Manual')!.textEdit!.newText, 'Manual', 'inside the quotes');
        const bare = await completeAt(c, languageId, `${head}xapi.config.set('Audio Microphones NoiseRemoval Mode', |)`);
        assert.deepEqual(bare.map(i => i.textEdit!.newText).sort(), ["'Disabled'", "'Enabled'", "'Manual'"], 'after the comma and a space');
        const str = labels(await completeAt(c, languageId, `${head}xapi.config.set('Audio Microphones NoiseRemoval Mode', '|')`));
        assert.deepEqual(str.sort(), ['Disabled', 'Enabled', 'Manual']);
      });

      it('completes string paths inside string-style calls', async () => {
        const items = await completeAt(c, languageId, `${head}xapi.status.get('Audio Vo|`);
        assert.ok(labels(items).includes('Volume'));
        const vol = items.find(i => i.label === 'Volume')!;
        assert.equal(vol.textEdit!.newText, 'Volume');
        assert.ok(labels(await completeAt(c, languageId, `${head}xapi.command('Audio Volume S|')`)).includes('Set'));
        assert.ok(labels(await completeAt(c, languageId, `${head}xapi.event.on('|', e => e)`)).length > 0);
        assert.deepEqual(labels(await completeAt(c, languageId, `${head}xapi.config.get('Cameras Camera[|`)), ['1', '2', '3', '4', '5', '6', '7']);
        for (const src of [`${head}xapi.Status.Call[|]`, `${head}xapi.status.get('Call[|`]) {
          const open = await completeAt(c, languageId, src);
          assert.deepEqual(open.map(i => [i.label, i.textEdit!.newText]), [['1', '1']], src);
        }
        assert.deepEqual(labels(await completeAt(c, languageId, `${head}xapi.feedback.on('/St|`)), ['Configuration', 'Event', 'Status']);
        assert.ok(labels(await completeAt(c, languageId, `${head}xapi.feedback.on('/Status/Audio/Vo|`)).includes('Volume'));
      });

      it('completes the fields of a listener payload', async () => {
        const fields = labels(await completeAt(c, languageId, `${head}xapi.Event.UserInterface.Extensions.Widget.Action.on(e => e.|)`));
        assert.deepEqual(fields, ['Type', 'Value', 'WidgetId']);
        const nested = labels(await completeAt(c, languageId, `${head}xapi.event.on('UserInterface Extensions', e => {\n  if (e.Widget.Action.Wi|\n});`));
        assert.deepEqual(nested, ['Type', 'Value', 'WidgetId'], 'below a branch, by the schema tree');
        assert.ok(labels(await completeAt(c, languageId, `${head}xapi.Status.Audio.on(s => s.|)`)).includes('Volume'));
        assert.deepEqual(await completeAt(c, languageId, `${head}xapi.Status.Audio.Volume.on(v => v.|)`), [], 'a leaf hands over a plain value');
      });

      it('hovers chain segments, string paths and parameter keys', async () => {
        assert.match((await hoverAt(c, languageId, `${head}xapi.Status.Audio.Vol|ume.get()`))!, /Status\.Audio\.Volume\//);
        assert.match((await hoverAt(c, languageId, `${head}xapi.status.get('Audio Vol|ume')`))!, /xStatus Audio Volume/);
        assert.match((await hoverAt(c, languageId, `${head}xapi.Command.Audio.Volume.Set({ Le|vel: 50 })`))!, /Level.*required/);
        assert.match((await hoverAt(c, languageId, `${head}xapi.Config.Audio.Microphones.NoiseRemoval.Mode.set('Ena|bled')`)) ?? '', /`Enabled`/);
      });

      it('diagnoses unknown paths, keys, bad values and missing parameters, with fixes', async () => {
        const body = [
          "xapi.Status.Audio.Volumee.get();",
          "xapi.status.get('Audio Volumee');",
          "xapi.Command.Audio.Volume.Set({ Level: 500 });",
          "xapi.Command.Dial({ Numbr: '1', CallType: 'Vidio' });",
          "xapi.Config.Audio.Microphones.NoiseRemoval.Mode.set('Enabld');",
        ].join('\n');
        const text = head + body + '\n';
        const base = head.split('\n').length - 1;
        const { uri, diagnostics } = await diagnose(c, languageId, text);
        const got = diagnostics.map(d => `${d.range.start.line - base}:${d.code}`).sort();
        assert.deepEqual(got, ['0:unknown-path', '1:unknown-path', '2:out-of-range', '3:missing-required', '3:not-literal', '3:unknown-param', '4:not-literal']);
        const fixed = await Promise.all(diagnostics.filter(d => d.code !== 'out-of-range').map(async d => {
          const a = (await actionsAt(c, uri, d.range, [d])).find(x => x.kind === 'quickfix' && x.isPreferred);
          return a ? a.title : '';
        }));
        assert.ok(fixed.includes("Change to 'Volume'"));
        assert.ok(fixed.includes("Change to 'Number'"));
        assert.ok(fixed.includes("Change to 'Video'"));
        assert.ok(fixed.includes("Change to 'Enabled'"));
        await c.close(uri);
        const twice = await diagnose(c, languageId, `${head}xapi.command('Dial', { Number: '1',\n  number: '2' });\n`);
        const rep = twice.diagnostics.find(d => d.code === 'repeated-param')!;
        assert.equal(rep.range.start.line, base + 1);
        assert.deepEqual(rep.relatedInformation!.map(r => [r.location.uri, r.location.range.start.line, r.location.range.start.character]), [[twice.uri, base, 23]]);
        await c.close(twice.uri);
      });

      it('adds missing required parameters', async () => {
        const text = `${head}xapi.Command.Dial({ CallType: 'Video' });\nxapi.Command.Audio.Volume.Set();\n`;
        const { uri, diagnostics } = await diagnose(c, languageId, text);
        const missing = diagnostics.filter(d => d.code === 'missing-required');
        assert.equal(missing.length, 2);
        let out = text;
        for (const d of missing) {
          const add = (await actionsAt(c, uri, d.range, [d])).find(a => a.title.startsWith('Add missing'))!;
          out = applyEdits(out, add.edit!.changes![uri]);
        }
        assert.match(out, /xapi\.Command\.Dial\(\{ CallType: 'Video', Number: '' \}\);/);
        assert.match(out, /xapi\.Command\.Audio\.Volume\.Set\(\{ Level: 0 \}\);/);
        await c.close(uri);
      });

      it('converts between string-style and proxy-style calls', async () => {
        const text = `${head}xapi.command('audio volume set', { Level: 50 });\nxapi.Status.Audio.Volume.on(v => v);\n`;
        const { uri } = await diagnose(c, languageId, text);
        const line = head.split('\n').length - 1;
        const toProxy = (await actionsAt(c, uri, { start: { line, character: 3 }, end: { line, character: 3 } })).find(a => a.kind === 'refactor.rewrite')!;
        assert.equal(toProxy.title, 'Convert to proxy call');
        assert.equal(applyEdits(text, toProxy.edit!.changes![uri]).split('\n')[line], 'xapi.Command.Audio.Volume.Set({ Level: 50 });');
        const toString = (await actionsAt(c, uri, { start: { line: line + 1, character: 20 }, end: { line: line + 1, character: 20 } })).find(a => a.kind === 'refactor.rewrite')!;
        assert.equal(applyEdits(text, toString.edit!.changes![uri]).split('\n')[line + 1], "xapi.status.on('Audio Volume', v => v);");
        await c.close(uri);
      });

      it('gives signature help inside a command argument', async () => {
        const sig = (await signatureAt(c, languageId, `${head}xapi.Command.Dial({ Number: '1', CallType: | })`))!;
        assert.match(sig.signatures[0].label, /^Dial\(\{ Number: /);
        const [s, e] = sig.signatures[0].parameters![sig.activeParameter ?? 0].label as [number, number];
        assert.ok(sig.signatures[0].label.slice(s, e).startsWith('CallType?'));
        const str = (await signatureAt(c, languageId, `${head}xapi.command('Audio Volume Set', { | })`))!;
        assert.match(str.signatures[0].label, /Level: 0\.\.100/);
        for (const src of [`${head}xapi.command('Dial', |)`, `${head}xapi.Command.Dial( |)`]) {
          assert.match((await signatureAt(c, languageId, src))?.signatures[0].label ?? '', /^Dial\(\{ Number: /, src);
        }
      });
    });
  }
});
