/**
 * The real server over stdio with a full published schema: `xapi.schema.source` = `11.27.2.0`, its cache
 * seeded from XAPI_SCHEMA_DIR (the shared reference folder) into a temporary XDG cache. Also: switching
 * schema by configuration change and by the device-schema notification, pull diagnostics, and the
 * `xapi lsp --stdio` CLI entry.
 */
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  CompletionList, CompletionRequest, CompletionResolveRequest, createProtocolConnection, DidChangeConfigurationNotification, DidOpenTextDocumentNotification,
  DocumentSymbol, DocumentSymbolRequest, FoldingRangeRequest, InitializedNotification, InitializeRequest, IPCMessageReader, IPCMessageWriter,
  MarkupContent, DocumentDiagnosticRequest, FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { SetDeviceSchemaNotification } from '../../server/contract';
import { schemaDir } from '../support/publishedSchemas';
import { CLI_JS, ensureBuilt, SERVER_JS } from './support/build';
import { LspClient } from './support/lspClient';
import { actionsAt, completeAt, diagnose, hoverAt, labels, signatureAt } from './support/requests';

const VERSION = '11.27.2.0';
const seedFile = path.join(schemaDir(), `roomos-xapi-schema-${VERSION}.json`);

describe(`language server over stdio (published ${VERSION})`, function () {
  this.timeout(120000);
  let c: LspClient;
  let cache: string;

  before(async function () {
    if (!existsSync(seedFile)) {
      console.log(`      skipped: ${seedFile} is absent`);
      this.skip();
    }
    cache = mkdtempSync(path.join(tmpdir(), 'xapi-lsp-cache-'));
    c = await LspClient.start({
      configuration: true,
      settings: { schema: { source: VERSION } },
      env: { XAPI_SCHEMA_DIR: schemaDir(), XDG_CACHE_HOME: cache },
    });
    await c.schema(VERSION);
  });
  after(async () => {
    await c?.stop();
    if (cache) rmSync(cache, { recursive: true, force: true });
  });

  it('loads the published schema through the cache', () => {
    const e = c.schemaEvents.find(x => x.version === VERSION)!;
    assert.equal(e.source, 'published');
    // One node per (kind, path): the published file's per-product duplicates are merged into variants.
    assert.ok(e.nodes > 2000 && e.nodes < 2691 && countDuplicates() > 0, String(e.nodes));
    assert.ok(existsSync(path.join(cache, 'xapi-workbench', 'schemas')), 'seeded into the cache');
  });

  it('completes, hovers and signs with the full schema in scripts and macros', async () => {
    const top = labels(await completeAt(c, 'xapi', 'xCommand |'));
    assert.ok(top.includes('Bookings') && top.includes('HttpClient'), top.join());
    assert.ok(labels(await completeAt(c, 'xapi', 'xCommand Bookings List Da|')).includes('DayOffset'));
    assert.ok(labels(await completeAt(c, 'javascript', 'xapi.Command.Bookings.L|')).includes('List'));
    assert.ok(labels(await completeAt(c, 'typescript', "xapi.status.get('Audio Vo|')")).includes('Volume'));
    const items = await completeAt(c, 'xapi', 'xConfiguration Audio Input ARC[|');
    assert.ok(items.length >= 1, 'index numbers');
    assert.match((await hoverAt(c, 'xapi', 'xCommand Audio Volume S|et Level: 50'))!, /roomos\.cisco\.com\/xapi\/Command\.Audio\.Volume\.Set\//);
    // Literal values with their meanings (the prose comes from the schema; only its presence is checked).
    const enc = (await hoverAt(c, 'xapi', 'xConfiguration Audio Ethernet Encrypt|ion: Required'))!;
    assert.match(enc, /- `Optional` — \S/);
    assert.match(enc, /- `Required` — \S/);
    assert.match((await hoverAt(c, 'javascript', "xapi.Config.Audio.Ethernet.Encryption.set('Requ|ired')"))!, /^`Required` — \S/);
    const sig = (await signatureAt(c, 'javascript', 'xapi.Command.Bookings.List({ | })'))!;
    assert.match(sig.signatures[0].label, /DayOffset/);
  });

  it('diagnoses with the full schema', async () => {
    const { diagnostics } = await diagnose(c, 'xapi', 'xCommand Bookings Lisst\nxCommand HttpClient Post Url: "http://x"\n{}\n.\n');
    assert.deepEqual(diagnostics.map(d => d.code), ['unknown-path']);
    const js = await diagnose(c, 'javascript', "xapi.Command.Audio.Volume.Set({ Level: 101 });\nxapi.config.set('Audio DefaultVolume', 'loud');\n");
    assert.deepEqual(js.diagnostics.map(d => d.code), ['out-of-range', 'not-integer']);
  });

  it('fixes, converts, lists symbols and folds bodies with the full schema', async () => {
    const text = 'xCommand HttpClient Post Url: "http://x"\n{"a": 1}\n.\nxCommand Bookings Lisst\n';
    const { uri, diagnostics } = await diagnose(c, 'xapi', text);
    const fix = (await actionsAt(c, uri, diagnostics[0].range, diagnostics)).find(a => a.isPreferred)!;
    assert.equal(fix.title, "Change to 'List'");
    const folds = await c.conn.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    assert.deepEqual(folds!.map(f => [f.startLine, f.endLine]), [[0, 2]]);
    const symbols = await c.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }) as DocumentSymbol[];
    assert.deepEqual(symbols.map(x => x.name), ['xCommand HttpClient Post', 'xCommand Bookings Lisst']);
    await c.close(uri);
    const js = "import xapi from 'xapi';\nxapi.command('Bookings List', { Days: 2 });\nxapi.Command.Dial({ CallType: 'Video' });\n";
    const m = await diagnose(c, 'typescript', js);
    assert.deepEqual(m.diagnostics.map(d => d.code), ['missing-required']);
    const actions = await actionsAt(c, m.uri, { start: { line: 1, character: 3 }, end: { line: 1, character: 3 } }, []);
    assert.ok(actions.some(a => a.title === 'Convert to proxy call'));
    const add = (await actionsAt(c, m.uri, m.diagnostics[0].range, m.diagnostics)).find(a => a.title.startsWith('Add missing'))!;
    assert.match(add.title, /Number/);
    await c.close(m.uri);
  });

  it('switches schema and product on a configuration change and re-validates open documents', async () => {
    const { uri, diagnostics } = await diagnose(c, 'xapi', 'xCommand Bookings List\n');
    assert.deepEqual(diagnostics, []);
    const before = c.diagnostics.get(uri)!.length;
    await c.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { xapi: { schema: { source: 'core', product: 'Room Kit' } } } });
    const e = await c.schema('core');
    assert.equal(e.productName, 'Room Kit');
    const again = await c.until('re-validation', () => (c.diagnostics.get(uri)!.length > before ? c.diagnostics.get(uri)!.at(-1) : undefined));
    assert.deepEqual(again.diagnostics.map(d => d.code), ['unknown-path']);
    await c.close(uri);
  });

  it('takes over a device schema handed over by the client, and lets go of it', async () => {
    const json = JSON.parse(readFileSync(seedFile, 'utf8'));
    c.schemaEvents.length = 0;
    await c.conn.sendNotification(SetDeviceSchemaNotification.type, { label: 'RoomOS 11.27 (device)', schema: json, product: 'hopen' });
    const e = await c.schema('RoomOS 11.27 (device)');
    assert.equal(e.source, 'device');
    assert.equal(e.product, 'hopen');
    assert.ok(labels(await completeAt(c, 'xapi', 'xCommand Bookings L|')).includes('List'));
    await c.conn.sendNotification(SetDeviceSchemaNotification.type, { schema: { nonsense: true }, label: 'bad' });
    const bad = await c.until('error event', () => c.schemaEvents.find(x => x.error));
    assert.match(bad.error!, /device schema could not be read/);
    await c.conn.sendNotification(SetDeviceSchemaNotification.type, { clear: true });
    await c.until('back to settings', () => c.schemaEvents.find(x => x.version === 'core'));
  });

  it('takes over a Webex cloud device\'s schema: the cloud\'s shapes, the published schema\'s descriptions and events; hover says where', async () => {
    const documents = {
      schema: {
        status: { 'Audio.Volume': { schema: { type: 'integer', minimum: 0, maximum: 100 } } },
        commands: { 'Audio.Volume.Set': { arguments: { Level: { required: true, schema: { type: 'integer', minimum: 0, maximum: 80 } } } } },
      },
      configurations: { 'Audio.DefaultVolume': { valueSpace: { type: 'integer', minimum: 0, maximum: 100 }, sources: { default: { value: 50 } } } },
    };
    c.schemaEvents.length = 0;
    await c.conn.sendNotification(SetDeviceSchemaNotification.type, { label: 'RoomOS 11.27.2.0 (cloud)', cloud: { documents, published: VERSION } });
    const e = await c.schema('RoomOS 11.27.2.0 (cloud)');
    assert.equal(e.source, 'device');
    const hover = await hoverAt(c, 'xapi', 'xCommand Audio Volume S|et Level: 10');
    assert.match(hover ?? '', /From the device, through the Webex cloud \(GET \/xapi\/schema\)/);
    assert.match(hover ?? '', /Level/);
    const d = await diagnose(c, 'xapi', 'xCommand Audio Volume Set Level: 90\nxStatus SystemUnit Uptime\n');
    assert.deepEqual(d.diagnostics.map(x => [x.range.start.line, x.code]), [[0, 'out-of-range'], [1, 'unknown-path']], 'the device\'s own range (0..80), and nothing it did not list');
    const eventHover = await hoverAt(c, 'javascript', "import xapi from 'xapi';\nxapi.Event.UserInterface.Extensions.Widget.Act|ion.on(e => e);\n");
    assert.match(eventHover ?? '', new RegExp(`From the published schema of RoomOS ${VERSION.replace(/\./g, '\\.')}`));
    c.schemaEvents.length = 0;
    await c.conn.sendNotification(SetDeviceSchemaNotification.type, { clear: true });
    await c.until('back to settings', () => c.schemaEvents.find(x => x.source !== 'device'));
  });
});

/** Published files hold one object per (path, product set); the index merges them into nodes. */
function countDuplicates(): number {
  const j = JSON.parse(readFileSync(seedFile, 'utf8')) as { objects: { type: string; normPath: string; attributes?: { access?: string } }[] };
  const seen = new Set<string>();
  let dup = 0;
  for (const o of j.objects) {
    const k = `${o.type} ${o.normPath.toLowerCase()}`;
    if (seen.has(k)) dup++;
    seen.add(k);
  }
  return dup;
}

describe('language server: pull diagnostics, bad settings, the CLI entry', function () {
  this.timeout(60000);
  before(() => ensureBuilt());

  it('serves pull diagnostics, and one shared edit range, to clients that ask for them', async () => {
    const c = await LspClient.start({ capabilities: { textDocument: {
      diagnostic: { dynamicRegistration: false },
      completion: { completionList: { itemDefaults: ['editRange', 'data'] } },
    } } });
    try {
      await c.open('file:///p/b.xapi', 'xapi', 'xStatus Audio Vol');
      const list = await c.conn.sendRequest(CompletionRequest.type, { textDocument: { uri: 'file:///p/b.xapi' }, position: { line: 0, character: 17 } }) as CompletionList;
      assert.deepEqual(list.itemDefaults?.editRange, { start: { line: 0, character: 14 }, end: { line: 0, character: 17 } });
      assert.ok(list.items.some(i => i.label === 'Volume') && list.items.every(i => !i.textEdit && !i.data));
      // The client merges the list's default data into the item it resolves.
      const vol = { ...list.items.find(i => i.label === 'Volume')!, data: list.itemDefaults!.data };
      const resolved = await c.conn.sendRequest(CompletionResolveRequest.type, vol);
      assert.match((resolved.documentation as MarkupContent).value, /xStatus Audio Volume/);
      await c.open('file:///p/a.xapi', 'xapi', 'xStatus Audio Volumee\n');
      const r = await c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: 'file:///p/a.xapi' } }) as FullDocumentDiagnosticReport;
      assert.equal(r.kind, 'full');
      assert.deepEqual(r.items.map(d => d.code), ['unknown-path']);
      assert.equal(c.diagnostics.size, 0, 'nothing pushed');
    } finally {
      await c.stop();
    }
  });

  it('falls back to the core schema with a clear message when the source cannot be loaded', async () => {
    const c = await LspClient.start({ settings: { schema: { source: './no/such/schema.json' } } });
    try {
      const e = await c.until('schema event', () => c.schemaEvents[0]);
      assert.equal(e.version, 'core');
      assert.match(e.error!, /no\/such\/schema\.json.*file not found/);
      assert.ok(labels(await completeAt(c, 'xapi', 'xStatus Audio Vol|')).includes('Volume'));
    } finally {
      await c.stop();
    }
  });

  it('also speaks Node IPC (--node-ipc)', async () => {
    const child = fork(SERVER_JS, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const conn = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    conn.listen();
    try {
      const init = await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
      assert.equal(init.serverInfo?.name, 'xapi-language-server');
      await conn.sendNotification(InitializedNotification.type, {});
      await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: 'file:///i/a.xapi', languageId: 'xapi', version: 1, text: 'xStatus Audio Vol' } });
      const r = await conn.sendRequest(CompletionRequest.type, { textDocument: { uri: 'file:///i/a.xapi' }, position: { line: 0, character: 17 } });
      assert.ok((Array.isArray(r) ? r : r!.items).some(i => i.label === 'Volume'));
    } finally {
      conn.dispose();
      child.kill();
    }
  });

  it('runs the same server as `xapi lsp --stdio`', async () => {
    const c = await LspClient.start({ command: [process.execPath, CLI_JS, 'lsp', '--stdio'] });
    try {
      assert.ok(labels(await completeAt(c, 'xapi', 'xStatus Audio Vol|')).includes('Volume'));
    } finally {
      await c.stop();
    }
  });
});
