/**
 * The LSP front of the language service: `vscode-languageserver` 11 wiring, documents with incremental
 * sync, settings, schema switching and diagnostics (pushed, debounced; or pulled when the client can).
 * All language logic lives in server/service; this file only translates.
 */
import { PANEL_TRIGGERS } from './service/panel/panelFeatures';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind, Connection, createConnection, DidChangeConfigurationNotification, DocumentDiagnosticReportKind, IPCMessageReader,
  IPCMessageWriter, InitializeResult, ProposedFeatures, StreamMessageReader, StreamMessageWriter, TextDocuments, TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { productName } from '../schema/products';
import { SchemaIndex } from '../schema/schemaIndex';
import { core, fromCloudDevice, fromPublished, parseSchemaJson } from '../schema/sources';
import type { Schema } from '../schema/model';
import { resolvedItem, serviceCompletionItem, serviceDiagnostic } from './clientShapes';
import { SchemaChangedNotification, SchemaChangedParams, SetDeviceSchemaNotification, WorkCountersRequest, XapiServerSettings, type SetDeviceSchemaParams } from './contract';
import { SchemaLoader } from './schemaLoader';
import { decideSchema, DeviceSchema, initOptionsFrom, isUnknownProduct, loadFailureMessage, schemaCacheDir, settingsFrom, sourceFile } from './schemaPolicy';
import { completionForClient, Diagnostic, LanguageService, languageOf, ServiceDocument } from './service';

export type Transport = 'stdio' | 'node-ipc' | 'auto';

export const SERVER_NAME = 'xapi-language-server';

/** Client answers we do not need (a rejected message box, a refused registration) must not crash the server. */
function quiet(p: Promise<unknown> | unknown): void {
  if (p instanceof Promise) p.catch(() => undefined);
}

function toServiceDoc(d: TextDocument): ServiceDocument {
  return { uri: d.uri, languageId: d.languageId, version: d.version, text: d.getText() };
}

export function createServer(transport: Transport = 'auto'): Connection {
  const connection = transport === 'stdio'
    ? createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout))
    : transport === 'node-ipc'
      ? createConnection(ProposedFeatures.all, new IPCMessageReader(process), new IPCMessageWriter(process))
      : createConnection(ProposedFeatures.all);
  // Anything printed to stdout would corrupt the stdio stream.
  console.log = (...a: unknown[]) => connection.console.log(a.map(String).join(' '));
  console.info = console.log;
  console.warn = (...a: unknown[]) => connection.console.warn(a.map(String).join(' '));

  process.on('unhandledRejection', e => connection.console.error(`unhandled: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));
  const documents = new TextDocuments(TextDocument);
  const onError = (where: string, e: unknown) => connection.console.error(`${where}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  const coreIndex = new SchemaIndex(core());
  const service = new LanguageService(coreIndex, { onError });

  let pullDiagnostics = false;
  let editRangeDefault = false;
  let snippetSupport = false;
  let dataDefault = false;
  let configurationCapability = false;
  let workspaceRoot: string | undefined;
  let diagnosticsDelay = 150;
  let settings: XapiServerSettings = {};
  let initCacheDir: string | undefined;
  let deviceSchema: DeviceSchema | undefined;
  const loader = new SchemaLoader(coreIndex);
  let switching: Promise<void> = Promise.resolve();
  const timers = new Map<string, NodeJS.Timeout>();

  // ---- diagnostics ---------------------------------------------------------------------------

  const publish = (uri: string) => {
    timers.delete(uri);
    const doc = documents.get(uri); // the latest version, not the one that scheduled this
    if (pullDiagnostics || !doc) return;
    const diagnostics: Diagnostic[] = service.diagnostics(toServiceDoc(doc));
    quiet(connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics }));
  };
  const schedule = (doc: TextDocument, immediate = false) => {
    if (pullDiagnostics) return;
    clearTimeout(timers.get(doc.uri));
    const delay = immediate ? 0 : languageOf(doc) === 'macro' ? diagnosticsDelay : Math.round(diagnosticsDelay / 3);
    timers.set(doc.uri, setTimeout(() => publish(doc.uri), delay));
  };
  const revalidateAll = () => {
    if (pullDiagnostics) quiet(connection.languages.diagnostics.refresh());
    else for (const d of documents.all()) schedule(d, true);
  };

  // ---- schema selection ---------------------------------------------------------------------

  const announce = (error?: string, file?: string) => {
    const s = service.schemaIndex.schema;
    const product = service.productCode;
    const params: SchemaChangedParams = {
      source: s.source, version: s.version, nodes: service.schemaIndex.count(),
      ...(product ? { product, productName: productName(product) } : {}),
      ...(error ? { error } : {}),
      ...(file ? { file } : {}),
    };
    quiet(connection.sendNotification(SchemaChangedNotification.type, params));
  };

  // Which schema is in force is decided in schemaPolicy.ts; here it is loaded, applied and announced.
  const applySchema = () => {
    switching = switching.then(async () => {
      const decision = decideSchema({ settings, device: deviceSchema, initCacheDir, baseDir: workspaceRoot ?? process.cwd() });
      let error: string | undefined;
      let index: SchemaIndex;
      try {
        index = (await loader.load(decision.source)).index;
      } catch (e) {
        error = loadFailureMessage(decision.requested, e);
        index = loader.useCore().index;
        quiet(connection.window.showWarningMessage(error));
      }
      if (decision.product && isUnknownProduct(decision.product, index.products())) {
        connection.console.warn(`xapi.schema.product: unknown product '${decision.product}'`);
      }
      service.setSchema(index, decision.product);
      announce(error, error ? undefined : sourceFile(decision.source));
      revalidateAll();
    }).catch(e => onError('schema switch', e));
    return switching;
  };

  const readSettings = async () => {
    if (configurationCapability) {
      try {
        const got = settingsFrom({ xapi: await connection.workspace.getConfiguration('xapi') as unknown });
        if (got) settings = got;
      } catch (e) {
        onError('workspace/configuration', e);
      }
    }
    await applySchema();
  };

  // ---- lifecycle ------------------------------------------------------------------------------

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    configurationCapability = !!caps.workspace?.configuration;
    pullDiagnostics = !!caps.textDocument?.diagnostic;
    const defaults = caps.textDocument?.completion?.completionList?.itemDefaults ?? [];
    editRangeDefault = defaults.includes('editRange');
    snippetSupport = !!caps.textDocument?.completion?.completionItem?.snippetSupport;
    dataDefault = defaults.includes('data');
    service.lazyCompletionDetail = !!caps.textDocument?.completion?.completionItem?.resolveSupport?.properties?.includes('detail');
    const init = initOptionsFrom(params.initializationOptions);
    if (init.settings) settings = init.settings;
    if (init.diagnosticsDelay !== undefined) diagnosticsDelay = init.diagnosticsDelay;
    initCacheDir = init.schemaCacheDir;
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    if (folder?.startsWith('file:')) workspaceRoot = fileURLToPath(folder);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { resolveProvider: true, triggerCharacters: ['.', ' ', "'", '"', '/', '[', ':', '{', ',', ...PANEL_TRIGGERS] },
        hoverProvider: true,
        signatureHelpProvider: { triggerCharacters: ['(', '{', ',', ' ', ':'], retriggerCharacters: [','] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite], resolveProvider: false },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'xapi', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: SERVER_NAME, version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (configurationCapability) quiet(connection.client.register(DidChangeConfigurationNotification.type, { section: 'xapi' }));
    void readSettings();
  });

  connection.onDidChangeConfiguration(change => {
    // `{ xapi: {…} }` from most clients; Helix sends its `config` table as is.
    const pushed = settingsFrom(change.settings);
    if (pushed) {
      settings = pushed;
      void applySchema();
    } else void readSettings();
  });

  /** A cloud device's schema, with the published schema of its software from this server's cache (none if it cannot be had). */
  async function cloudSchema(cloud: NonNullable<SetDeviceSchemaParams['cloud']>, label: string, product: string | undefined): Promise<Schema> {
    const cacheDir = schemaCacheDir({ settings, initCacheDir, baseDir: workspaceRoot ?? process.cwd() });
    const published = cloud.published === undefined ? undefined
      : await fromPublished(cloud.published, cacheDir ? { cacheDir } : {}).catch((e: Error) => {
        connection.console.warn(`No events or descriptions for the cloud device: the published schema of ${cloud.published} could not be read (${e.message})`);
        return undefined;
      });
    return fromCloudDevice({ ...cloud.documents, version: label, published, product });
  }

  /** Bumped by every handover: a cloud schema still loading when the next one (or a clear) comes is dropped. */
  let handovers = 0;

  connection.onNotification(SetDeviceSchemaNotification.type, async params => {
    const handover = ++handovers;
    try {
      if (params.clear || (params.schema === undefined && params.cloud === undefined)) deviceSchema = undefined;
      else if (params.cloud) {
        const schema = await cloudSchema(params.cloud, params.label ?? 'device', params.product);
        if (handover !== handovers) return;
        deviceSchema = { schema, product: params.product };
      } else {
        const schema = parseSchemaJson(params.schema, params.label ?? 'device');
        deviceSchema = { schema: { ...schema, source: 'device', version: params.label ?? schema.version }, product: params.product };
      }
      void applySchema();
    } catch (e) {
      const error = `The device schema could not be read: ${e instanceof Error ? e.message : String(e)}`;
      quiet(connection.window.showWarningMessage(error));
      announce(error);
    }
  });

  // ---- documents --------------------------------------------------------------------------------

  documents.onDidOpen(e => schedule(e.document, true));
  documents.onDidChangeContent(e => schedule(e.document));
  documents.onDidClose(e => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    service.close(e.document.uri);
    if (!pullDiagnostics) quiet(connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));
  });

  const withDoc = <T>(uri: string, fallback: T, f: (d: ServiceDocument) => T): T => {
    const d = documents.get(uri);
    return d ? f(toServiceDoc(d)) : fallback;
  };

  connection.onCompletion(p => withDoc(p.textDocument.uri, null, d => {
    const list = service.completionList(d, p.position, p.context?.triggerCharacter);
    return completionForClient(list, { editRangeDefault, dataDefault, snippets: snippetSupport });
  }));
  connection.onCompletionResolve(item => resolvedItem(item, service.resolveCompletion(serviceCompletionItem(item))));
  connection.onHover(p => withDoc(p.textDocument.uri, null, d => service.hover(d, p.position)));
  connection.onSignatureHelp(p => withDoc(p.textDocument.uri, null, d => service.signatureHelp(d, p.position)));
  connection.onCodeAction(p => withDoc(p.textDocument.uri, [], d => service.codeActions(d, p.range, { diagnostics: p.context.diagnostics.map(serviceDiagnostic) })
    .filter(a => !p.context.only || p.context.only.some(k => a.kind.startsWith(k)))));
  connection.onDocumentSymbol(p => withDoc(p.textDocument.uri, [], d => service.documentSymbols(d)));
  connection.onFoldingRanges(p => withDoc(p.textDocument.uri, [], d => service.foldingRanges(d)));
  connection.languages.diagnostics.on(p => ({
    kind: DocumentDiagnosticReportKind.Full,
    items: withDoc(p.textDocument.uri, [] as Diagnostic[], d => service.diagnostics(d)),
  }));
  connection.onRequest(WorkCountersRequest.type, p => service.workCounters(p.uri));

  documents.listen(connection);
  return connection;
}

/** Starts the server on a transport and resolves when the client has shut it down. */
export function startServer(transport: Transport = 'auto'): Promise<void> {
  const connection = createServer(transport);
  return new Promise(resolve => {
    connection.onExit(() => resolve());
    connection.listen();
  });
}
