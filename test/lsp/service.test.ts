/**
 * The language service without LSP: product notes, schema switching, aliases and indexes in macros,
 * and incremental work on large documents, counted (lines re-parsed, statements re-validated), never timed.
 */
import assert from 'node:assert/strict';
import { SchemaIndex } from '../../schema/schemaIndex';
import type { Schema } from '../../schema/model';
import { LanguageService } from '../../server/service';
import { at, coreIdx, doc, service } from './support/service';

function codes(svc: LanguageService, languageId: string, text: string): string[] {
  return svc.diagnostics(doc(languageId, text)).map(d => `${d.range.start.line}:${d.code}`);
}

describe('language service', () => {
  describe('products', () => {
    const svc = service({ product: 'Desk' });

    it('warns about nodes the product lacks, in scripts and macros', () => {
      assert.deepEqual(codes(svc, 'xapi', 'xCommand Camera PositionReset CameraId: 1\n'), ['0:not-on-product']);
      assert.deepEqual(codes(svc, 'javascript', 'xapi.Command.Camera.PositionReset({ CameraId: 1 });\n'), ['0:not-on-product']);
      assert.deepEqual(codes(service(), 'javascript', 'xapi.Command.Camera.PositionReset({ CameraId: 1 });\n'), []);
    });

    it('marks such nodes in completion and hover, by the product name', () => {
      const { d, pos } = at('xapi', 'xCommand Camera Pos|');
      const item = svc.completion(d, pos).items.find(i => i.label === 'PositionReset')!;
      assert.match(item.detail!, /not on Desk/);
      const h = at('javascript', 'xapi.Command.Camera.Position|Reset({ CameraId: 1 })');
      const md = svc.hover(h.d, h.pos)!.contents.value;
      assert.match(md, /Not available on Desk/);
      assert.match(md, /Products: .*Board Pro/);
    });
  });

  describe('macros', () => {
    const svc = service();

    it('sorts every xAPI item before the TypeScript server\'s items and the words of the file (sortText "10".."18", or the label)', () => {
      // What VS Code merges into the same list in a .js file; it orders equally good matches by sortText.
      const others = ['10', '11', '15', '18', 'Volum', 'volume'];
      const cases = [
        'xapi.Status.Audio.Volum|', "xapi.Command.Audio.Volume.Set({ Le| })", "xapi.status.get('Audio Vol|')",
        "xapi.Config.Audio.DefaultVolume.| ", 'xapi.|', "xapi.Command.Audio.Volume.Set({ Level: 5 }); xapi.Config.Standby.Control.set('|')",
      ];
      for (const text of cases) {
        const { d, pos } = at('javascript', text);
        const items = svc.completion(d, pos).items;
        assert.ok(items.length > 0, `items at ${text}`);
        for (const i of items) {
          const key = (i.sortText ?? i.label).toLowerCase();
          for (const o of others) assert.ok(key < o.toLowerCase(), `${i.label} (${JSON.stringify(i.sortText)}) sorts before ${o} in ${text}`);
        }
      }
      // A name in a chain replaces, and filters on, the chain as typed on its line: VS Code ranks by match first.
      const chain = at('javascript', 'const v = await xapi.Status.Audio.Volum|');
      const volume = svc.completion(chain.d, chain.pos).items.find(i => i.label === 'Volume')!;
      assert.deepEqual(volume.textEdit, { range: { start: { line: 0, character: 16 }, end: { line: 0, character: 39 } }, newText: 'xapi.Status.Audio.Volume' });
      assert.equal(volume.filterText, 'xapi.Status.Audio.Volume');
      const multiline = at('javascript', 'xapi.Command\n  .Audio.Vol|');
      const set = svc.completion(multiline.d, multiline.pos).items.find(i => i.label === 'Volume')!;
      assert.deepEqual(set.textEdit, { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 12 } }, newText: '.Audio.Volume' }, 'from the line\'s part of the chain');
      // Their own order stays: the schema's default value first, a product's missing nodes last.
      const { d, pos } = at('javascript', "xapi.Config.Standby.Control.set('|')");
      assert.equal(svc.completion(d, pos).items.sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1))[0].detail, 'default');
    });

    it('follows every way of naming xapi', () => {
      for (const head of ["import * as x from 'xapi';", "import x from 'xapi';", "const x = require('xapi');"]) {
        assert.deepEqual(codes(svc, 'javascript', `${head}\nx.Status.Audio.Volumee.get();\n`), ['1:unknown-path'], head);
      }
      // A variable that is not xapi is left alone.
      assert.deepEqual(codes(svc, 'javascript', 'const y = {};\ny.Status.Audio.Volumee.get();\n'), []);
    });

    it('checks indexes of proxy chains and string paths', () => {
      assert.deepEqual(codes(svc, 'javascript', "xapi.Status.Call[3].Status.get();\nxapi.status.get('Call 3 Status');\n"), []);
      assert.deepEqual(codes(svc, 'javascript', "xapi.Config.Cameras.Camera[9].Whitebalance.Mode.set('Auto');\n"), ['0:index-out-of-range']);
    });

    it('checks feedback paths, commands called on branches and repeated keys', () => {
      assert.deepEqual(codes(svc, 'javascript', "xapi.feedback.on('/Status/Audio/Volumee', v => v);\n"), ['0:unknown-path']);
      assert.deepEqual(codes(svc, 'javascript', 'xapi.Command.Audio.Volume({});\n'), ['0:incomplete-path']);
      assert.deepEqual(codes(svc, 'javascript', 'xapi.Status.Audio.Volume.set(5);\n'), ['0:not-configuration']);
      const d = svc.diagnostics(doc('javascript', "xapi.Command.Dial({ Number: '1', Number: '2' });\n"));
      assert.equal(d[0].code, 'repeated-param');
      assert.equal(d[0].relatedInformation![0].location.range.start.character, 20);
    });

    it('reports nothing while a path is half typed, and nothing for values it cannot see', () => {
      assert.deepEqual(codes(svc, 'javascript', 'xapi.Command.Audio.\n'), []);
      // A `let` may hold anything by the time of the call; a spread may bring any key (a `const` is followed:
      // macro-rules.test.ts).
      assert.deepEqual(codes(svc, 'javascript', 'let p = { Level: 500 };\nxapi.Command.Audio.Volume.Set(p);\nxapi.Command.Dial({ ...p });\n'), []);
    });

    it('reuses the source file across edits (incremental parse)', () => {
      const s = service();
      const uri = 'file:///svc/reuse.js';
      const base = Array.from({ length: 200 }, (_, i) => `const v${i} = ${i};`).join('\n');
      s.diagnostics({ uri, languageId: 'javascript', version: 1, text: `${base}\nxapi.Status.Audio.Volume.get();\n` });
      const d = s.diagnostics({ uri, languageId: 'javascript', version: 2, text: `${base}\nxapi.Status.Audio.Volumee.get();\n` });
      assert.deepEqual(d.map(x => x.code), ['unknown-path']);
      const w = s.workCounters(uri);
      assert.equal(w.macroFullParses, 1);
      assert.equal(w.macroIncrementalParses, 1);
    });
  });

  describe('style conversion', () => {
    const svc = service();
    const convert = (text: string) => {
      const d = doc('javascript', text);
      const a = svc.codeActions(d, { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } }).find(x => x.kind === 'refactor.rewrite');
      return a?.edit.changes[d.uri][0].newText;
    };

    it('keeps indexes, arguments and the schema spelling both ways', () => {
      assert.equal(convert("xapi.Config.Cameras.Camera[2].Whitebalance.Mode.set('Auto');"), "xapi.config.set('Cameras Camera 2 Whitebalance Mode', 'Auto')");
      assert.equal(convert("xapi.config.set('cameras camera 2 whitebalance mode', 'Auto');"), "xapi.Config.Cameras.Camera[2].Whitebalance.Mode.set('Auto')");
      assert.equal(convert("xapi.event.on('UserInterface Extensions Widget Action', e => e);"), 'xapi.Event.UserInterface.Extensions.Widget.Action.on(e => e)');
      assert.equal(convert('xapi.Status.Audio.Volume.get();'), "xapi.status.get('Audio Volume')");
      assert.equal(convert("const z = 1;"), undefined);
    });
  });

  describe('completion notes', () => {
    it('marks preview nodes and nodes only a few products have', () => {
      const leaf = (name: string, access: string, products: string[]) => ({
        kind: 'Status' as const, names: ['Audio', name], normPath: `Audio ${name}`,
        variants: [{ products, path: [{ name: 'Audio' }, { name }], access, backend: 'any' as const, writeRoles: [], readRoles: ['User'] }],
      });
      const tiny: Schema = { version: 'tiny', source: 'file', nodes: [leaf('Beta', 'public-api-preview', []), leaf('Only', 'public-api', ['octavio']), leaf('Plain', 'public-api', [])] };
      const { d, pos } = at('xapi', 'xStatus Audio |');
      const details = Object.fromEntries(service({}, new SchemaIndex(tiny)).completion(d, pos).items.map(i => [i.label, i.detail]));
      assert.match(details.Beta!, /\(preview\)/);
      assert.match(details.Only!, /\(only Desk\)/);
      assert.doesNotMatch(details.Plain ?? '', /preview|only/);
    });
  });

  describe('schema switching', () => {
    it('re-analyses open documents against the new schema and product', () => {
      const tiny: Schema = {
        version: 'tiny', source: 'file', nodes: [{
          kind: 'Status', names: ['Audio', 'Volumee'], normPath: 'Audio Volumee',
          variants: [{ products: [], path: [{ name: 'Audio' }, { name: 'Volumee' }], access: 'public-api', backend: 'any', writeRoles: [], readRoles: ['User'] }],
        }],
      };
      const svc = service();
      const d = doc('xapi', 'xStatus Audio Volumee\n');
      assert.deepEqual(svc.diagnostics(d).map(x => x.code), ['unknown-path']);
      svc.setSchema(new SchemaIndex(tiny));
      assert.deepEqual(svc.diagnostics(d), []);
      svc.setSchema(coreIdx(), 'Desk');
      assert.equal(svc.productCode, 'octavio');
      assert.deepEqual(svc.diagnostics(d).map(x => x.code), ['unknown-path']);
    });
  });

  describe('large .xapi documents', () => {
    const LINES = 100_000;
    const body = (i: number) => (i % 5 === 0 ? `xStatus Audio Volume` : i % 5 === 1 ? `xConfiguration Audio DefaultVolume: ${i % 100}`
      : i % 5 === 2 ? '# note' : i % 5 === 3 ? 'xCommand Dial Number: "1"' : '');
    const text = Array.from({ length: LINES }, (_, i) => body(i)).join('\n');

    it('re-parses and re-validates only the statements an edit touches', () => {
      const svc = service();
      const uri = 'file:///svc/big.xapi';
      let version = 1;
      let cur = text;
      const update = (next: string) => {
        cur = next;
        return svc.diagnostics({ uri, languageId: 'xapi', version: ++version, text: cur });
      };
      assert.deepEqual(update(cur), []);
      assert.equal(svc.workCounters(uri).lastParsedLines, LINES);
      const lines = cur.split('\n');

      // Edit one line in the middle: a typo.
      lines[50_000] = 'xStatus Audio Volumee';
      let d = update(lines.join('\n'));
      let w = svc.workCounters(uri);
      assert.ok(w.lastParsedLines <= 3, `parsed ${w.lastParsedLines} lines`);
      assert.ok(w.lastValidatedStatements <= 3, `validated ${w.lastValidatedStatements}`);
      assert.deepEqual(d.map(x => `${x.range.start.line}:${x.code}`), ['50000:unknown-path']);

      // Insert lines near the top: everything below moves, nothing below is re-parsed.
      lines.splice(10, 0, 'xStatus Audio Foo', 'xStatus Audio Volume');
      d = update(lines.join('\n'));
      w = svc.workCounters(uri);
      assert.ok(w.lastParsedLines <= 4, `parsed ${w.lastParsedLines} lines`);
      assert.deepEqual(d.map(x => `${x.range.start.line}:${x.code}`), ['10:unknown-path', '50002:unknown-path']);

      // Delete a block.
      lines.splice(100, 50);
      d = update(lines.join('\n'));
      w = svc.workCounters(uri);
      assert.ok(w.lastParsedLines <= 3, `parsed ${w.lastParsedLines} lines`);
      assert.deepEqual(d.map(x => `${x.range.start.line}:${x.code}`), ['10:unknown-path', '49952:unknown-path']);

      // The incremental result equals a fresh analysis of the same text.
      const fresh = service().diagnostics(doc('xapi', cur));
      assert.deepEqual(d, fresh);
      assert.ok(svc.workCounters(uri).totalParsedLines < LINES + 20);
    });

    it('keeps multiline bodies right when a terminator is typed far below', () => {
      const svc = service();
      const uri = 'file:///svc/body.xapi';
      const lines = ['xCommand Macros Macro Save Name: "m"', 'a();', 'b();', ...Array.from({ length: 1000 }, () => 'xStatus Audio Volume')];
      svc.diagnostics({ uri, languageId: 'xapi', version: 1, text: lines.join('\n') });
      lines.splice(3, 0, '.');
      const d = svc.diagnostics({ uri, languageId: 'xapi', version: 2, text: lines.join('\n') });
      assert.deepEqual(d, service().diagnostics(doc('xapi', lines.join('\n'))));
      assert.ok(svc.workCounters(uri).lastParsedLines < 10, `parsed ${svc.workCounters(uri).lastParsedLines}`);
      const folds = svc.foldingRanges({ uri, languageId: 'xapi', version: 2, text: lines.join('\n') });
      assert.deepEqual(folds, [{ startLine: 0, endLine: 3 }]);
    });
  });
});
