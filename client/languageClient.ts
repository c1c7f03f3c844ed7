/**
 * The LanguageClient for the xAPI language server (dist/server.js, over Node IPC) in `.xapi` scripts and
 * JS/TS macros. Started on first need, never on the activation path of an unrelated command.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SchemaChangedNotification, SetDeviceSchemaNotification, type SchemaChangedParams, type SetDeviceSchemaParams } from '../server/contract';

export const DOCUMENT_SELECTOR = [
  { language: 'xapi' }, { language: 'javascript' }, { language: 'typescript' },
] as const;

export interface XapiLanguageClientOptions {
  readonly extensionPath: string;
  /** Where the server caches downloaded published schemas (the extension's global storage). */
  readonly schemaCacheDir: string;
  readonly outputChannel: vscode.LogOutputChannel;
  readonly onSchemaChanged: (p: SchemaChangedParams) => void;
}

export class XapiLanguageClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;

  constructor(private readonly options: XapiLanguageClientOptions) {}

  /** Starts the server once; later calls share the same start. */
  start(): Promise<LanguageClient> {
    return (this.starting ??= this.create());
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
    };
    const client = new LanguageClient('xapi', 'xAPI Language Server', serverOptions, clientOptions);
    client.onNotification(SchemaChangedNotification.type, p => this.options.onSchemaChanged(p));
    await client.start();
    this.client = client;
    return client;
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

  dispose(): void { void this.stop(); }
}
