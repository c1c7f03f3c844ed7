/**
 * Macros on the connected device, as one feature: the view, the `xapi-macro:` file system, the per-device log
 * channels, and deploying workspace files. Fed by the session: on connect it listens to the device's macro events
 * (`Macros Log`, `Macros Macro …`, `Macros Runtime …`), on disconnect it lets go.
 */
import * as vscode from 'vscode';
import { config } from '../config';
import { prompts } from '../prompts';
import type { Session } from '../session';
import { MacroFileSystem } from './macroFs';
import { MacroLogLinks, MacroLogs } from './macroLog';
import { levelOf, type MacroLogLine } from './logText';
import { MacroStore, withStates } from '../../xapi/macroStore';
import { MacroSync } from './macroSync';
import { MacrosView } from './macrosView';


export class Macros implements vscode.Disposable {
  readonly logs = new MacroLogs();
  readonly fs: MacroFileSystem;
  readonly view: MacrosView;
  readonly sync: MacroSync;
  private readonly disposables: vscode.Disposable[] = [];
  private listening: Array<() => void> = [];
  /** The connected device's macro names, for the log's links; undefined until read (again). */
  private names: string[] | undefined;
  private namesRead: { device: string; names: Promise<string[]> } | undefined;

  private readonly extensionId: string;

  constructor(private readonly session: Session, state: vscode.Memento, private readonly log: vscode.LogOutputChannel, extensionId: string) {
    this.fs = new MacroFileSystem({ current: () => this.current() });
    this.sync = new MacroSync(state);
    this.view = new MacrosView({
      read: async () => {
        const c = this.current();
        if (!c) return undefined;
        const [macros, runtime] = await Promise.all([c.store.list(), c.store.runtime()]);
        this.names = macros.map(m => m.name);
        return { device: c.device, macros: withStates(macros, runtime), runtime: runtime.status };
      },
    });
    this.extensionId = extensionId;
    this.disposables.push(
      vscode.workspace.onDidSaveTextDocument(doc => this.onSaved(doc)),
      session.onDidChangeState(s => {
        if (s.kind === 'connected') this.listen();
        if (s.kind === 'disconnected' || s.kind === 'failed') this.stopListening();
      }),
      this.logs, this.view, this.fs,
    );
  }

  /**
   * The links in macro logs. The Macros view and the `xapi-macro:` file system are registered by the shell (their
   * data comes from here); a macro log exists only once the core runs, so its links are registered with the core.
   */
  registerLogLinks(): vscode.Disposable {
    return vscode.languages.registerDocumentLinkProvider([{ scheme: 'output' }, { language: 'log' }], new MacroLogLinks(() => this.knownMacros(), this.extensionId));
  }

  /**
   * The connected device's macro names for the log's links: the view's last read, else one read shared by every
   * caller and kept even when it fails (links are asked for often; a failing device is not asked again each time).
   */
  private async knownMacros(): Promise<{ device: string; macros: readonly string[] } | undefined> {
    const c = this.current();
    if (!c) return undefined;
    if (this.names) return { device: c.device, macros: this.names };
    if (this.namesRead?.device !== c.device) {
      this.namesRead = { device: c.device, names: c.store.list().then(ms => ms.map(m => m.name), () => []) };
    }
    const names = await this.namesRead.names;
    // The session may have moved to another device while the names were read.
    return this.current()?.device === c.device ? { device: c.device, macros: this.names ?? names } : undefined;
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
    this.names = undefined;
    this.namesRead = undefined;
    // A cloud device sends no macro events: the list is read on refresh, and no log streams.
    if (xapi.via === 'webex') {
      this.log.info(`${device} is on the Webex cloud: macro logs do not stream from it (the cloud has no events); the Macros view reads the list on Refresh`);
      this.view.refresh();
      return;
    }
    // One subscription for every macro event (a device allows only so many): the log, and what changes the list
    // or a macro's runtime state (a restart, a macro started, an ERROR line: a macro may have failed).
    const sub = xapi.feedback.on(['Event', 'Macros'], (_v, root) => {
      const macros = (root as { Event?: { Macros?: Record<string, any> } }).Event?.Macros;
      if (!macros) return;
      const line = macros.Log as MacroLogLine | undefined;
      if (line) this.logs.append(device, line);
      const changed = macros.Macro as Record<string, { Name?: unknown; NewName?: unknown }> | undefined;
      if (changed || macros.Runtime || (line && levelOf(line.Level) === 'error')) this.view.refreshSoon();
      for (const [what, payload] of Object.entries(changed ?? {})) this.macroChanged(device, what, payload);
    });
    sub.registered.catch((e: Error) => this.log.warn(`Macro events of ${device} are not followed: ${e.message}`));
    this.listening = [sub];
    this.view.refresh();
  }

  /** What a `Macros Macro …` event means for the files open on the device's macros and the names the log links. */
  private macroChanged(device: string, what: string, payload: { Name?: unknown; NewName?: unknown } | undefined): void {
    const name = payload?.Name;
    if (typeof name !== 'string') return;
    // Activated, Deactivated, Started: the source is the same.
    if (what === 'Saved') this.fs.deviceChanged(device, name, vscode.FileChangeType.Changed);
    else if (what === 'Removed') this.fs.deviceChanged(device, name, vscode.FileChangeType.Deleted);
    else if (what === 'Renamed') {
      this.fs.deviceChanged(device, name, vscode.FileChangeType.Deleted);
      if (typeof payload?.NewName === 'string') this.fs.deviceChanged(device, payload.NewName, vscode.FileChangeType.Created);
    } else return;
    this.names = undefined;
  }

  private stopListening(): void {
    for (const off of this.listening) off();
    this.listening = [];
    this.names = undefined;
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
