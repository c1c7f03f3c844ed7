/**
 * The real server over stdio on odd input: requests for documents never opened, positions past the end,
 * CRLF line endings, a 5,000-line macro, TypeScript without any xAPI use. Also the settings paths the other
 * files leave out: a schema file as `xapi.schema.source` (and edits to it), a product read through `workspace/configuration`,
 * and snippet placeholders for clients that support them.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import {
  CompletionList, CompletionRequest, createProtocolConnection, DidChangeConfigurationNotification, DidOpenTextDocumentNotification,
  FoldingRangeRequest, InitializedNotification, InitializeResult, RequestType, StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import type { CommandParam, Schema } from '../../schema/model';
import { WorkCountersRequest } from '../../server/contract';
import { core } from '../../schema/sources';
import { toXdoc } from '../../schema/xdocWriter';
import { ensureBuilt, SERVER_JS } from './support/build';
import { LspClient } from './support/lspClient';
import { completeAt, diagnose, hoverAt, labels, requestEverything } from './support/requests';

const items = (r: unknown) => (r ? (Array.isArray(r) ? r : (r as CompletionList).items) : []);

describe('language server over stdio: robustness', function () {
  this.timeout(60000);
  let c: LspClient;
  before(async () => { c = await LspClient.start(); });
  after(async () => { await c?.stop(); });

  const everything = (uri: string, position: { line: number; character: number }) => requestEverything(c, uri, position);

  it('answers requests for a document that was never opened with empty results', async () => {
    for (const uri of ['file:///never/opened.xapi', 'file:///never/opened.js', 'untitled:Untitled-1']) {
      const [completion, hover, signature, actions, symbols, folds] = await everything(uri, { line: 0, character: 0 });
      assert.deepEqual([completion, hover, signature, actions, symbols, folds], [null, null, null, [], [], []], uri);
    }
    assert.equal(c.proc.exitCode, null);
  });

  it('clamps positions past the end of a line or the document', async () => {
    const { uri } = await diagnose(c, 'xapi', 'xStatus Audio Vol');
    const past = await everything(uri, { line: 0, character: 500 });
    assert.ok(labels(items(past[0])).includes('Volume'), 'completes at the end of the line');
    const below = await everything(uri, { line: 40, character: 3 });
    assert.ok(labels(items(below[0])).includes('Volume'), 'a line below the last is the end of the document');
    await c.close(uri);
    const js = await diagnose(c, 'javascript', 'xapi.Status.Audio.Vo');
    assert.ok(labels(items((await everything(js.uri, { line: 9, character: 99 }))[0])).includes('Volume'));
    await c.close(js.uri);
  });

  it('keeps positions right in documents with CRLF line endings', async () => {
    const text = ['xStatus Audio Volume', 'xStatus Audio Volumee', 'xCommand Macros Macro Save Name: "m"', 'a();', '.', 'xStatus Audio Vol'].join('\r\n');
    const { uri, diagnostics } = await diagnose(c, 'xapi', text);
    const bad = diagnostics.find(d => d.range.start.line === 1)!;
    assert.deepEqual([bad.code, bad.range.start.character, bad.range.end.character], ['unknown-path', 14, 21]);
    const folds = await c.conn.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    assert.deepEqual(folds!.map(f => [f.startLine, f.endLine]), [[2, 4]]);
    const list = items(await c.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 5, character: 17 } }));
    const vol = list.find(i => i.label === 'Volume')!;
    assert.deepEqual((vol.textEdit as { range: unknown }).range, { start: { line: 5, character: 14 }, end: { line: 5, character: 17 } });
    // An edit inside the CRLF text: the diagnostic on line 1 goes away, nothing else moves.
    const v = await c.change(uri, 'Volume', { start: { line: 1, character: 14 }, end: { line: 1, character: 21 } });
    assert.deepEqual((await c.diagnosticsFor(uri, v)).diagnostics.map(d => d.range.start.line), [5]);
    await c.close(uri);

    const js = ["const xapi = require('xapi');", "xapi.Status.Audio.Volumee.get();", "xapi.command('Dial', { Numbr: '1' });"].join('\r\n');
    const m = await diagnose(c, 'javascript', js);
    const got = m.diagnostics.map(d => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character}:${d.code}`).sort();
    assert.deepEqual(got, ['1:18-25:unknown-path', '2:13-19:missing-required', '2:23-28:unknown-param']);
    await c.close(m.uri);
  });

  it('handles a 5,000-line macro: diagnostics in place, completion at the end, incremental re-parse', async () => {
    const lines: string[] = ["import xapi from 'xapi';"];
    for (let i = 1; i < 5000; i++) {
      lines.push(i === 4000 ? '  xapi.Status.Audio.Volumee.get();' : i % 10 === 0 ? `function f${i}(a) { return xapi.Status.Audio.Volume.get().then(v => v + a); }`
        : `const v${i} = { n: ${i}, s: 'x${i}' };`);
    }
    const uri = 'file:///big/macro.js';
    await c.open(uri, 'javascript', lines.join('\n'));
    const first = await c.diagnosticsFor(uri, 1);
    assert.deepEqual(first.diagnostics.map(d => `${d.range.start.line}:${d.range.start.character}:${d.code}`), ['4000:20:unknown-path']);
    const before = await c.conn.sendRequest(WorkCountersRequest.type, { uri });
    const v = await c.change(uri, '\nxapi.Command.Audio.Vo', { start: { line: 4999, character: lines[4999].length }, end: { line: 4999, character: lines[4999].length } });
    const list = items(await c.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 5000, character: 21 } }));
    assert.ok(labels(list).includes('Volume'));
    await c.diagnosticsFor(uri, v);
    const after = await c.conn.sendRequest(WorkCountersRequest.type, { uri });
    assert.equal(after.macroFullParses, before.macroFullParses, 'no parse from scratch after the edit');
    assert.ok(after.macroIncrementalParses > before.macroIncrementalParses);
    await c.close(uri);
  });

  it('stays out of TypeScript that does not use xapi', async () => {
    const text = 'export interface P { Status: string }\nconst p: P = { Status: "x" };\nexport function f(q: P): string {\n  return q.Status.toString();\n}\n';
    const { uri, diagnostics } = await diagnose(c, 'typescript', text);
    assert.deepEqual(diagnostics, []);
    for (const position of [{ line: 3, character: 11 }, { line: 3, character: 13 }, { line: 1, character: 16 }]) {
      const [completion, hover, signature, actions] = await everything(uri, position);
      assert.deepEqual([items(completion), hover, signature, actions], [[], null, null, []], JSON.stringify(position));
    }
    await c.close(uri);
  });
});

describe('language server over stdio: a sloppy client', function () {
  this.timeout(60000);
  before(() => ensureBuilt());

  it('refuses an initialize without capabilities with an error reply, not a crash, then serves a proper one', async () => {
    const proc = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    conn.listen();
    try {
      // `capabilities` is required by LSP; vscode-languageserver itself reads it before our handler runs.
      const initialize = new RequestType<unknown, InitializeResult, void>('initialize');
      await assert.rejects(conn.sendRequest(initialize, { processId: null, rootUri: null }), /initialize failed/);
      const init = await conn.sendRequest(initialize, { processId: null, rootUri: null, capabilities: {} });
      assert.equal(init.serverInfo?.name, 'xapi-language-server');
      await conn.sendNotification(InitializedNotification.type, {});
      await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: 'file:///s/a.xapi', languageId: 'xapi', version: 1, text: 'xStatus Audio Vol' } });
      const r = await conn.sendRequest(CompletionRequest.type, { textDocument: { uri: 'file:///s/a.xapi' }, position: { line: 0, character: 17 } });
      assert.ok(items(r).some(i => i.label === 'Volume'));
    } finally {
      conn.dispose();
      proc.kill();
    }
  });
});

describe('language server over stdio: settings and capabilities', function () {
  this.timeout(60000);
  let dir: string;
  before(() => { dir = mkdtempSync(path.join(tmpdir(), 'xapi-lsp-file-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a schema file named by xapi.schema.source', async () => {
    // An xDoc file with the core schema's commands only: statuses become unknown.
    const file = path.join(dir, 'commands-only.json');
    writeFileSync(file, JSON.stringify({ Command: toXdoc(core(), 'Command') }));
    const c = await LspClient.start({ configuration: true, settings: { schema: { source: file } } });
    try {
      const e = await c.until('file schema', () => c.schemaEvents.find(x => x.source === 'file'));
      assert.ok(e.nodes > 50 && !e.error, JSON.stringify(e));
      assert.ok(labels(await completeAt(c, 'xapi', 'xCommand Dial Nu|')).includes('Number'));
      const { diagnostics } = await diagnose(c, 'xapi', 'xStatus Audio Volume\nxCommand Dial Number: "1"\n');
      assert.deepEqual(diagnostics.map(d => `${d.range.start.line}:${d.code}`), ['0:wrong-kind'], 'this schema has no statuses');
    } finally {
      await c.stop();
    }
  });

  it('reads an edited schema file again on the next configuration change', async () => {
    const file = path.join(dir, 'edited.json');
    const dial = 'xCommand Dial Number: "1" CallType: Hologram\nxStatus Audio Volume\n';
    // Version 1: the core commands only. Version 2 adds the statuses and a CallType literal.
    writeFileSync(file, JSON.stringify({ Command: toXdoc(core(), 'Command') }));
    const c = await LspClient.start({ settings: { schema: { source: file } } });
    try {
      const first = await c.until('file schema', () => c.schemaEvents.find(x => x.source === 'file'));
      const codes = async () => (await diagnose(c, 'xapi', dial)).diagnostics.map(d => `${d.range.start.line}:${d.code}`);
      assert.deepEqual(await codes(), ['0:not-literal', '1:wrong-kind']);
      assert.ok(!labels(await completeAt(c, 'xapi', 'xCommand Dial Number: "1" CallType: |')).includes('Hologram'));

      const withHologram = (p: CommandParam): CommandParam => (p.name === 'CallType' && p.valueSpace.type === 'Literal'
        ? { ...p, valueSpace: { ...p.valueSpace, values: [...p.valueSpace.values, { value: 'Hologram' }] } } : p);
      const edited: Schema = { ...core(), nodes: core().nodes.map(n => (n.kind === 'Command' && n.names.join(' ') === 'Dial'
        ? { ...n, variants: n.variants.map(v => ({ ...v, params: v.params?.map(withHologram) })) } : n)) };
      writeFileSync(file, JSON.stringify({ Command: toXdoc(edited, 'Command'), StatusSchema: toXdoc(edited, 'Status') }));
      c.schemaEvents.length = 0;
      await c.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { xapi: { schema: { source: file } } } });
      const second = await c.until('schema switch', () => c.schemaEvents.find(x => x.source === 'file'));
      assert.ok(second.nodes > first.nodes && !second.error, JSON.stringify([first, second]));
      assert.deepEqual(await codes(), [], 'the new literal and the statuses are known');
      assert.ok(labels(await completeAt(c, 'xapi', 'xCommand Dial Number: "1" CallType: |')).includes('Hologram'));
      assert.ok(labels(await completeAt(c, 'xapi', 'xStatus Audio Vol|')).includes('Volume'));
    } finally {
      await c.stop();
    }
  });

  it('reads the product through workspace/configuration and marks nodes it lacks', async () => {
    const c = await LspClient.start({ configuration: true, settings: { schema: { product: 'Desk' } } });
    try {
      const e = await c.until('product', () => c.schemaEvents.find(x => x.product));
      assert.deepEqual([e.product, e.productName], ['octavio', 'Desk']);
      const list = await completeAt(c, 'xapi', 'xCommand Camera Pos|');
      const reset = list.find(i => i.label === 'PositionReset')!;
      assert.match(reset.detail!, /not on Desk/);
      // Every item carries a sort text (VS Code falls back to labels when one of two lacks it), and those
      // the product lacks sort after the others by plain code-unit order, as LSP specifies.
      assert.ok(list.every(i => i.sortText !== undefined));
      const order = [...list].sort((a, b) => (a.sortText! < b.sortText! ? -1 : a.sortText! > b.sortText! ? 1 : 0)).map(i => i.label);
      assert.deepEqual(order.slice(-2), ['PositionReset', 'TriggerAutofocus']);
      assert.match((await hoverAt(c, 'javascript', 'xapi.Command.Camera.Position|Reset({ CameraId: 1 })'))!, /Not available on Desk/);
    } finally {
      await c.stop();
    }
  });

  it('sends snippet placeholders only to clients that support them', async () => {
    const c = await LspClient.start({ capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } } });
    try {
      const [open] = await completeAt(c, 'xapi', 'xStatus Call[|');
      assert.deepEqual([open.textEdit!.newText, open.insertTextFormat], ['[${1:1}]', 2]);
      const [js] = await completeAt(c, 'typescript', 'xapi.Status.Call[|].Status.get()');
      assert.equal(js.textEdit!.newText, '${1:1}');
    } finally {
      await c.stop();
    }
  });
});
