/**
 * A real language-server process over stdio, driven with JSON-RPC through vscode-languageserver-protocol.
 * Keeps every publishDiagnostics and xapi/schemaChanged it receives so tests can wait for them.
 */
import { ChildProcess, spawn } from 'node:child_process';
import {
  createProtocolConnection, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification, DidOpenTextDocumentNotification,
  ExitNotification, InitializedNotification, InitializeRequest, ProtocolConnection, PublishDiagnosticsNotification,
  PublishDiagnosticsParams, ShutdownRequest, StreamMessageReader, StreamMessageWriter, ConfigurationRequest,
  ClientCapabilities, LogMessageNotification, ShowMessageNotification, RequestType, RequestType0, ShowMessageRequest,
} from 'vscode-languageserver-protocol/node';
import { SchemaChangedNotification, SchemaChangedParams, XapiInitializationOptions, XapiServerSettings } from '../../../server/contract';
import { waitFor } from '../../support/waitFor';
import { ensureBuilt, SERVER_JS } from './build';

export interface StartOptions {
  settings?: XapiServerSettings;
  /** More initialization options (besides `diagnosticsDelay` and, without `configuration`, the settings). */
  initializationOptions?: XapiInitializationOptions;
  /** Answer workspace/configuration (true) or pass settings as initializationOptions (false). */
  configuration?: boolean;
  capabilities?: ClientCapabilities;
  env?: NodeJS.ProcessEnv;
  command?: string[];
  diagnosticsDelay?: number;
}

export class LspClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly schemaEvents: SchemaChangedParams[] = [];
  readonly logs: string[] = [];
  private waiters: (() => void)[] = [];
  private versions = new Map<string, number>();
  exited: Promise<number | null>;

  private constructor(readonly proc: ChildProcess, readonly conn: ProtocolConnection) {
    this.exited = new Promise(resolve => proc.once('exit', code => resolve(code)));
  }

  static async start(opts: StartOptions = {}): Promise<LspClient> {
    await ensureBuilt();
    const [cmd, ...args] = opts.command ?? [process.execPath, SERVER_JS, '--stdio'];
    const proc = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
    const stderr: string[] = [];
    proc.stderr!.on('data', (b: Buffer) => { stderr.push(b.toString()); if (process.env.XAPI_LSP_STDERR) process.stderr.write(b); });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const c = new LspClient(proc, conn);
    conn.onNotification(PublishDiagnosticsNotification.type, p => {
      const list = c.diagnostics.get(p.uri) ?? [];
      list.push(p);
      c.diagnostics.set(p.uri, list);
      c.wake();
    });
    conn.onNotification(SchemaChangedNotification.type, p => { c.schemaEvents.push(p); c.wake(); });
    conn.onNotification(LogMessageNotification.type, p => { c.logs.push(p.message); });
    conn.onNotification(ShowMessageNotification.type, p => { c.logs.push(p.message); });
    conn.onRequest(ConfigurationRequest.type, p => p.items.map(i => (i.section === 'xapi' ? opts.settings ?? {} : null)));
    conn.onRequest(new RequestType<unknown, null, void>('client/registerCapability'), () => null);
    conn.onRequest(new RequestType0<null, void>('workspace/diagnostic/refresh'), () => null);
    conn.onRequest(ShowMessageRequest.type, p => { c.logs.push(p.message); return null; });
    conn.listen();
    const useConfig = opts.configuration ?? false;
    const capabilities: ClientCapabilities = { ...(opts.capabilities ?? {}) };
    if (useConfig) capabilities.workspace = { ...(capabilities.workspace ?? {}), configuration: true };
    const init = await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid, rootUri: null, capabilities, workspaceFolders: null,
      initializationOptions: { diagnosticsDelay: opts.diagnosticsDelay ?? 20, ...opts.initializationOptions, ...(useConfig ? {} : opts.settings ?? {}) },
    });
    if (init.serverInfo?.name !== 'xapi-language-server') throw new Error(`unexpected server ${JSON.stringify(init.serverInfo)}`);
    await conn.sendNotification(InitializedNotification.type, {});
    return c;
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves when `check` returns a value; fails after `ms` with `what` in the message. */
  until<T>(what: string, check: () => T | undefined, ms = 20000): Promise<T> {
    return waitFor(what, check, { timeoutMs: ms, pollMs: 50, wake: f => this.waiters.push(f) });
  }

  schema(version: string): Promise<SchemaChangedParams> {
    return this.until(`schema ${version}`, () => this.schemaEvents.find(e => e.version === version));
  }

  async open(uri: string, languageId: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text (or a range, when given) and bumps the version. */
  async change(uri: string, text: string, range?: { start: { line: number; character: number }; end: { line: number; character: number } }): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version }, contentChanges: [range ? { range, text } : { text }],
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** The diagnostics published for this version of the document (the latest of them). */
  diagnosticsFor(uri: string, version = this.versions.get(uri) ?? 1): Promise<PublishDiagnosticsParams> {
    return this.until(`diagnostics of ${uri} v${version}`, () => {
      const list = this.diagnostics.get(uri) ?? [];
      for (let i = list.length - 1; i >= 0; i--) if (list[i].version === version) return list[i];
      return undefined;
    });
  }

  async stop(): Promise<void> {
    try {
      await this.conn.sendRequest(ShutdownRequest.type);
      await this.conn.sendNotification(ExitNotification.type);
      await Promise.race([this.exited, new Promise(r => setTimeout(r, 3000))]);
    } finally {
      this.conn.dispose();
      if (this.proc.exitCode === null) this.proc.kill();
    }
  }
}
