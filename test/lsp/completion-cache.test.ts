/**
 * Completion lists are cached per (schema index, kind, path, product) and answered as shared arrays with
 * LSP 3.17 `itemDefaults`. These tests make sure no answer is stale after a document edit, a product
 * switch or a schema switch, that shared items cannot be changed by a caller, and that clients that
 * resolve `detail` lazily get it (and the documentation) on resolve.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  ClientCapabilities, CompletionItem, CompletionList, CompletionRequest, CompletionResolveRequest, DidChangeConfigurationNotification, MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { core } from '../../schema/sources';
import { toXdoc } from '../../schema/xdocWriter';
import { ensureBuilt } from './support/build';
import { LspClient } from './support/lspClient';
import { at, coreIdx, doc, service } from './support/service';

/** What VS Code declares for completion (vscode-languageclient 11), the parts that matter here. */
const VSCODE_LIKE: ClientCapabilities = { textDocument: { completion: {
  completionItem: { snippetSupport: true, resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] } },
  completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
} } };

async function list(c: LspClient, uri: string, line: number, character: number): Promise<CompletionList> {
  const r = await c.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } });
  assert.ok(r && !Array.isArray(r), 'a CompletionList');
  return r as CompletionList;
}

const find = (l: CompletionList, label: string): CompletionItem | undefined => l.items.find(i => i.label === label);

describe('completion lists: shared, lean, never stale', function () {
  this.timeout(60000);
  let dir: string;
  before(async () => {
    await ensureBuilt();
    dir = mkdtempSync(path.join(tmpdir(), 'xapi-lsp-cache-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('follows document edits: new path, new edit range, same cached items only where the path is the same', async () => {
    const c = await LspClient.start({ capabilities: VSCODE_LIKE });
    try {
      const uri = 'file:///cache/edit.xapi';
      await c.open(uri, 'xapi', 'xStatus Audio ');
      const a = await list(c, uri, 0, 14);
      assert.deepEqual(a.itemDefaults?.editRange, { start: { line: 0, character: 14 }, end: { line: 0, character: 14 } });
      assert.equal(find(a, 'Volume')?.kind, 5, 'Volume is a status leaf (Field)');
      await c.change(uri, 'xStatus Audio Vol');
      const b = await list(c, uri, 0, 17);
      assert.deepEqual(b.itemDefaults?.editRange, { start: { line: 0, character: 14 }, end: { line: 0, character: 17 } });
      assert.deepEqual(b.items.map(i => i.label), a.items.map(i => i.label), 'same path, same items');
      await c.change(uri, 'xCommand Audio ');
      const d = await list(c, uri, 0, 15);
      assert.equal(find(d, 'Volume')?.kind, 9, 'now the command branch (Module), not the cached status list');
      assert.deepEqual(d.itemDefaults?.data, { r: 'child', k: 'Command', parent: 'Audio' });
      await c.change(uri, 'xCommand Dial Number: "1" ');
      const p = await list(c, uri, 0, 26);
      assert.ok(find(p, 'CallType') && !find(p, 'Number'), 'parameters, the one written left out');
      assert.deepEqual(p.itemDefaults?.data, { r: 'params', k: 'Command', p: 'Dial' });
      assert.equal(find(p, 'CallType')!.textEditText, 'CallType: ');
    } finally {
      await c.stop();
    }
  });

  it('resolves the detail (and documentation) of items sent without one, and keeps product marks in the list', async () => {
    const c = await LspClient.start({ capabilities: VSCODE_LIKE, settings: { schema: { product: 'Desk' } } });
    try {
      await c.until('product', () => c.schemaEvents.find(e => e.product));
      const uri = 'file:///cache/lazy.xapi';
      await c.open(uri, 'xapi', 'xCommand Camera Pos');
      const l = await list(c, uri, 0, 19);
      const set = find(l, 'PositionSet')!;
      assert.equal(set.detail, undefined, 'lean: no detail in the list');
      assert.match(find(l, 'PositionReset')!.detail!, /not on Desk/, 'a product mark stays visible');
      const resolved = await c.conn.sendRequest(CompletionResolveRequest.type, { ...set, data: l.itemDefaults!.data });
      assert.ok(resolved.detail && resolved.detail.length > 5, JSON.stringify(resolved));
      assert.match((resolved.documentation as MarkupContent).value, /Camera PositionSet/);
      await c.change(uri, 'xCommand Dial ');
      const p = await list(c, uri, 0, 14);
      const num = find(p, 'Number')!;
      assert.equal(num.detail, undefined);
      const rp = await c.conn.sendRequest(CompletionResolveRequest.type, { ...num, data: p.itemDefaults!.data });
      assert.match(rp.detail!, /^required/);
      assert.match((rp.documentation as MarkupContent).value, /\*\*Number\*\* \(required\)/);
    } finally {
      await c.stop();
    }
  });

  it('follows product and schema switches', async () => {
    const file = path.join(dir, 'commands-only.json');
    writeFileSync(file, JSON.stringify({ Command: toXdoc(core(), 'Command') }));
    const c = await LspClient.start({ capabilities: VSCODE_LIKE });
    try {
      await c.schema('core');
      const uri = 'file:///cache/switch.xapi';
      await c.open(uri, 'xapi', 'xCommand Camera Pos\nxStatus Audio ');
      const reset = async () => find(await list(c, uri, 0, 19), 'PositionReset')!;
      assert.equal((await reset()).sortText, undefined, 'no product: nothing marked');
      const switchTo = async (schema: { source: string; product?: string }, done: (e: { product?: string; source: string }) => boolean) => {
        c.schemaEvents.length = 0;
        await c.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { xapi: { schema } } });
        await c.until('schema switch', () => c.schemaEvents.find(done));
      };
      await switchTo({ source: 'core', product: 'Desk' }, e => e.product === 'octavio');
      assert.equal((await reset()).sortText, '~PositionReset', 'Desk lacks it: sorted last');
      await switchTo({ source: 'core' }, e => !e.product);
      assert.equal((await reset()).sortText, undefined, 'product cleared: the unmarked list again');
      assert.ok(find(await list(c, uri, 1, 14), 'Volume'));
      await switchTo({ source: file }, e => e.source === 'file');
      assert.deepEqual((await list(c, uri, 1, 14)).items, [], 'this schema has no statuses');
      assert.ok(await reset(), 'its commands are there');
      await switchTo({ source: 'core' }, e => e.source !== 'file');
      assert.ok(find(await list(c, uri, 1, 14), 'Volume'), 'back to core');
    } finally {
      await c.stop();
    }
  });

  it('gives in-process callers the per-item form, and shared items cannot be changed through it', () => {
    const svc = service();
    const { d, pos } = at('xapi', 'xStatus Audio Vol|');
    const first = svc.completion(d, pos);
    const vol = first.items.find(i => i.label === 'Volume')!;
    assert.deepEqual(vol.textEdit, { range: { start: { line: 0, character: 14 }, end: { line: 0, character: 17 } }, newText: 'Volume' });
    assert.deepEqual(vol.data, { r: 'node', k: 'Status', p: 'Audio Volume' });
    assert.equal(first.itemDefaults, undefined);
    vol.label = 'changed';
    vol.textEdit!.range.start.character = 0;
    const lean = svc.completionList(d, pos);
    assert.ok(lean.items.some(i => i.label === 'Volume'), 'the cache is untouched');
    assert.throws(() => { (lean.items[0] as { label: string }).label = 'x'; }, TypeError, 'shared items are frozen');
    const again = svc.completion(d, pos).items.find(i => i.label === 'Volume')!;
    assert.equal(again.textEdit!.range.start.character, 14);
  });
});

describe('script diagnostics: cached per statement and per line text, never stale', () => {
  const codesOf = (ds: { range: { start: { line: number } }; code?: string | number }[]) => ds.map(d => `${d.range.start.line}:${d.code}`);

  it('puts a line validated elsewhere at its own place, in another document and after edits', () => {
    const svc = service();
    const bad = 'xStatus Audio Volumee';
    assert.deepEqual(codesOf(svc.diagnostics(doc('xapi', `${bad}\n`, 'file:///c/a.xapi'))), ['0:unknown-path']);
    const b = doc('xapi', `# x\n\nxStatus Audio Volume\n${bad}\n`, 'file:///c/b.xapi');
    const got = svc.diagnostics(b);
    assert.deepEqual(codesOf(got), ['3:unknown-path'], 'from the text cache, at line 3');
    assert.deepEqual(got[0].data && 'range' in got[0].data ? got[0].data.range.start.line : undefined, 3, 'the fix range moves too');
    assert.equal(svc.workCounters(b.uri).lastValidatedStatements, 1, 'only the new line was validated');
    const edited = { ...b, version: 2, text: `xStatus Audio Volume\n# x\n\n${bad}\n` };
    assert.deepEqual(codesOf(svc.diagnostics(edited)), ['3:unknown-path']);
    const fixed = { ...b, version: 3, text: 'xStatus Audio Volume\n# x\n\nxStatus Audio Volume\n' };
    assert.deepEqual(codesOf(svc.diagnostics(fixed)), []);
    assert.deepEqual(codesOf(svc.diagnostics({ ...b, version: 4, text: `${bad}\n# x\n\nxStatus Audio Volume\n` })), ['0:unknown-path']);
  });

  it('validates again after a product or schema switch', () => {
    const svc = service();
    const d = doc('xapi', 'xCommand Camera PositionReset CameraId: 1\n');
    assert.deepEqual(codesOf(svc.diagnostics(d)), []);
    svc.setSchema(coreIdx(), 'Desk');
    assert.deepEqual(codesOf(svc.diagnostics(d)), ['0:not-on-product']);
    svc.setSchema(coreIdx());
    assert.deepEqual(codesOf(svc.diagnostics(d)), []);
  });
});
