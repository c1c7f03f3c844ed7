/**
 * The LanguageClient for the xAPI language server (dist/server.js, over Node IPC) in `.xapi` scripts and
 * JS/TS macros. The server starts on the first document that uses xAPI (the activation shell watches for one:
 * client/activation/extension.ts), or when the device's schema is handed over, and is sent only such documents: a JS project that never imports `xapi` runs no server.
 * When the server stops unexpectedly it is restarted, at most four times in three minutes; then the user is told,
 * with the log one click away.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction, DidOpenTextDocumentNotification, ErrorAction, LanguageClient, TransportKind, type LanguageClientOptions, type Middleware, type ServerOptions,
} from 'vscode-languageclient/node';
import { SchemaChangedNotification, SetDeviceSchemaNotification, type SchemaChangedParams, type SetDeviceSchemaParams } from '../server/contract';
import { isXapiDocument } from './xapiDocuments';
import { PANEL_LANGUAGE_ID } from '../schema/panels/language';

export const DOCUMENT_SELECTOR = [
  { language: 'xapi' }, { language: PANEL_LANGUAGE_ID }, { language: 'javascript' }, { language: 'typescript' },
] as const;

export interface XapiLanguageClientOptions {
  readonly extensionPath: string;
  /** Where the server caches downloaded published schemas (the extension's global storage). */
  readonly schemaCacheDir: string;
  readonly outputChannel: vscode.LogOutputChannel;
  readonly onSchemaChanged: (p: SchemaChangedParams) => void;
}

/** Restarts after an unexpected stop: this many within the window, then the user decides. */
const RESTARTS = { max: 4, withinMs: 3 * 60_000 };

export class XapiLanguageClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  /**
   * Documents of the selector that do not use xAPI, never sent to the server (until they do), with their text as
   * last seen: the server gets that text when one starts to use xAPI, then the change, as for any document.
   */
  private readonly skipped = new Map<string, string>();
  private readonly crashes: number[] = [];

  constructor(private readonly options: XapiLanguageClientOptions) {}

  /** Where the server caches published schemas (the host reads the same files). */
  get schemaCacheDir(): string { return this.options.schemaCacheDir; }

  /** Starts the server, saying in its log when it cannot. */
  startLogged(): void {
    this.start().catch(e => this.options.outputChannel.error(`The xAPI language server did not start: ${e instanceof Error ? e.message : String(e)}`));
  }

  /** Starts the server once; later calls share the same start. */
  start(): Promise<LanguageClient> {
    this.starting ??= this.create();
    return this.starting;
  }

  /** `idle` until something needs the server. */
  get state(): 'idle' | 'starting' | 'running' {
    return this.client?.isRunning() ? 'running' : this.starting ? 'starting' : 'idle';
  }

  private async create(): Promise<LanguageClient> {
    const module = path.join(this.options.extensionPath, 'dist', 'server.js');
    // A larger young generation cuts the server's GC time on big schemas (measured in bench/lsp).
    const execArgv = ['--max-semi-space-size=32'];
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc, options: { execArgv } },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: [...execArgv, '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [...DOCUMENT_SELECTOR],
      synchronize: { configurationSection: 'xapi' },
      initializationOptions: { schemaCacheDir: this.options.schemaCacheDir },
      outputChannel: this.options.outputChannel,
      middleware: this.documentFilter(),
      errorHandler: {
        error: () => ({ action: ErrorAction.Continue }),
        closed: () => this.onClosed(),
      },
    };
    const client = new LanguageClient('xapi', 'xAPI Language Server', serverOptions, clientOptions);
    client.onNotification(SchemaChangedNotification.type, p => this.options.onSchemaChanged(p));
    await client.start();
    this.client = client;
    return client;
  }

  /**
   * Only documents that use xAPI reach the server: an unrelated JS file is neither opened, changed nor closed there
   * (the server answers requests about a document it never saw with nothing). A file that starts to use xAPI is
   * opened then, with its whole text.
   */
  private documentFilter(): Middleware {
    return {
      didOpen: async (doc, next) => {
        if (isXapiDocument(doc)) return next(doc);
        this.skipped.set(doc.uri.toString(), doc.getText());
      },
      didChange: async (event, next) => {
        const uri = event.document.uri.toString();
        const before = this.skipped.get(uri);
        if (before === undefined) return next(event);
        const d = event.document;
        if (!isXapiDocument(d)) { this.skipped.set(uri, d.getText()); return; }
        this.skipped.delete(uri);
        // Opened with the text before this change, then the change itself: the client's own bookkeeping (the
        // diagnostics it pulls after a change) runs as for any document.
        await this.client?.sendNotification(DidOpenTextDocumentNotification.type, {
          textDocument: { uri, languageId: d.languageId, version: d.version - 1, text: before },
        });
        return next(event);
      },
      didClose: async (doc, next) => {
        if (!this.skipped.delete(doc.uri.toString())) return next(doc);
      },
    };
  }

  /** The server stopped without being asked: restart it, unless it keeps stopping; then say so, with the log. */
  private onClosed(): { action: CloseAction; message?: string; handled?: boolean } {
    const now = Date.now();
    this.crashes.push(now);
    while (this.crashes.length && now - this.crashes[0]! > RESTARTS.withinMs) this.crashes.shift();
    if (this.crashes.length <= RESTARTS.max) return { action: CloseAction.Restart, handled: true };
    void vscode.window.showErrorMessage(
      `xAPI: the language server stopped ${this.crashes.length} times in ${RESTARTS.withinMs / 60_000} minutes and was not restarted. Completion and diagnostics are off until the window reloads.`,
      'Open Log',
    ).then(choice => { if (choice) this.options.outputChannel.show(); });
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  /** Hands the device's schema to the server (or clears it); starts the server if needed. */
  async setDeviceSchema(params: SetDeviceSchemaParams): Promise<void> {
    const client = await this.start();
    await client.sendNotification(SetDeviceSchemaNotification.type, params);
  }

  get isRunning(): boolean { return this.client?.isRunning() ?? false; }

  async stop(): Promise<void> {
    const c = this.client ?? (this.starting ? await this.starting.catch(() => undefined) : undefined);
    this.client = undefined;
    this.starting = undefined;
    await c?.stop();
  }

  dispose(): void {
    void this.stop();
  }
}
