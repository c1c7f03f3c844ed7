/**
 * Macros on the connected device, as one feature: the view, the `xapi-macro:` file system, the per-device log
 * channels, and deploying workspace files. Fed by the session: on connect it listens to the device's macro events
 * (`Macros Log`, `Macros Macro Saved/Removed/Renamed`), on disconnect it lets go.
 */
import * as vscode from 'vscode';
import { config } from '../config';
import { prompts } from '../prompts';
import type { Session } from '../session';
import { MacroFileSystem, MACRO_SCHEME } from './macroFs';
import { MacroLogLinks, MacroLogs, type MacroLogLine } from './macroLog';
import { MacroStore } from './macroStore';
import { MacroSync } from './macroSync';
import { MacrosView } from './macrosView';


export class Macros implements vscode.Disposable {
  readonly logs = new MacroLogs();
  readonly fs: MacroFileSystem;
  readonly view: MacrosView;
  readonly sync: MacroSync;
  private readonly disposables: vscode.Disposable[] = [];
  private listening: Array<() => void> = [];
  private names: string[] = [];

  constructor(private readonly session: Session, state: vscode.Memento, private readonly log: vscode.LogOutputChannel) {
    this.fs = new MacroFileSystem({ current: () => this.current() });
    this.sync = new MacroSync(state);
    this.view = new MacrosView({
      read: async () => {
        const c = this.current();
        if (!c) return undefined;
        const [macros, runtime] = await Promise.all([c.store.list(), c.store.runtimeStatus()]);
        this.names = macros.map(m => m.name);
        return { device: c.device, macros, runtime };
      },
    });
    this.disposables.push(
      vscode.workspace.registerFileSystemProvider(MACRO_SCHEME, this.fs, { isCaseSensitive: true }),
      vscode.window.createTreeView('xapi.macros', { treeDataProvider: this.view }),
      vscode.languages.registerDocumentLinkProvider([{ scheme: 'output' }, { language: 'log' }], new MacroLogLinks(() => {
        const c = this.current();
        return c ? { device: c.device, macros: this.names } : undefined;
      })),
      vscode.workspace.onDidSaveTextDocument(doc => this.onSaved(doc)),
      session.onDidChangeState(s => {
        if (s.kind === 'connected') this.listen();
        if (s.kind === 'disconnected' || s.kind === 'failed') this.stopListening();
      }),
      this.logs, this.view, this.fs,
    );
  }

  /** The connected device's store and label. */
  current(): { store: MacroStore; device: string } | undefined {
    const xapi = this.session.xapi;
    const label = this.session.target?.label;
    return xapi && label ? { store: new MacroStore(xapi), device: label } : undefined;
  }

  private listen(): void {
    const xapi = this.session.xapi;
    const device = this.session.target?.label;
    if (!xapi || !device || this.listening.length) { this.view.refresh(); return; }
    // One subscription for every macro event (a device allows only so many): the log, and what changes the list.
    const sub = xapi.feedback.on(['Event', 'Macros'], (_v, root) => {
      const macros = (root as { Event?: { Macros?: Record<string, any> } }).Event?.Macros;
      if (!macros) return;
      if (macros.Log) this.logs.append(device, macros.Log as MacroLogLine);
      const changed = macros.Macro as Record<string, { Name?: unknown }> | undefined;
      if (changed || macros.Runtime) this.view.refresh();
      for (const [what, payload] of Object.entries(changed ?? {})) {
        if (typeof payload?.Name !== 'string') continue;
        this.fs.deviceChanged(device, payload.Name, what === 'Removed' ? vscode.FileChangeType.Deleted : vscode.FileChangeType.Changed);
      }
    });
    sub.registered.catch((e: Error) => this.log.warn(`Macro events of ${device} are not followed: ${e.message}`));
    this.listening = [sub];
    this.view.refresh();
  }

  private stopListening(): void {
    for (const off of this.listening) off();
    this.listening = [];
    this.names = [];
    this.view.refresh();
  }

  private async onSaved(doc: vscode.TextDocument): Promise<void> {
    const folder = config.macroSyncFolder();
    const c = this.current();
    if (!c || !vscode.workspace.isTrusted || !MacroSync.inSyncFolder(doc.uri, folder)) return;
    try {
      const outcome = await this.sync.deploy(c.store, c.device, doc);
      this.log.info(`Sync on save: ${MacroSync.nameOf(doc.uri)} → ${c.device}: ${outcome}`);
      if (outcome === 'deployed') vscode.window.setStatusBarMessage(`xAPI: ${MacroSync.nameOf(doc.uri)} saved to ${c.device}`, 4000);
    } catch (e) {
      void prompts.showErrorMessage(`xAPI: could not sync ${MacroSync.nameOf(doc.uri)} to ${c.device}: ${(e as Error).message}`);
    }
  }

  dispose(): void {
    this.stopListening();
    for (const d of this.disposables.reverse()) d.dispose();
  }
}
