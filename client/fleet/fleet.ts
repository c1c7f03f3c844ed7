/**
 * The extension's fleet: the Fleet view, its runs and their passwords, and what its commands do — run the open
 * `.xapi` script or deploy the open macro on a selection (a source, tags, devices; or picked when nothing is
 * selected), check devices, re-run the failed ones. Every run is confirmed first (it changes many rooms) and uses the
 * same tasks as `xapi fleet` (fleet/operations.ts), gating included.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InventoryDevice } from '../../fleet/inventory';
import { SchemasByModel } from '../../fleet/gating';
import { deployTask, planScript, scriptTask, type MacroArtefact } from '../../fleet/operations';
import type { SchemaIndex } from '../../schema/schemaIndex';
import { defaultConcurrency } from '../../fleet/runner';
import { checkMacroName } from '../../xapi/macroStore';
import type { CloudAccess } from '../cloud';
import { config } from '../config';
import { prompts } from '../prompts';
import { FleetCredentials } from './fleetCredentials';
import { FleetRuns, type FleetOperation, type FleetRun } from './fleetRuns';
import { devicesOf, devicesOfSelection, FleetTree, type FleetNode } from './fleetTree';
import { groupByTag, uniqueDevices } from './fleetModel';

/** The Fleet view's id (package.json `contributes.views`). */
export const FLEET_VIEW = 'xapi.fleet';

export interface FleetHost {
  readonly secrets: vscode.SecretStorage;
  readonly cloud: CloudAccess;
  readonly log: vscode.LogOutputChannel;
  readonly extensionUri: vscode.Uri;
  /** The schema scripts are read with (each device's own is checked at run time). */
  coreIndex(): SchemaIndex;
}

export class Fleet implements vscode.Disposable {
  readonly tree: FleetTree;
  readonly credentials: FleetCredentials;
  readonly runs: FleetRuns;
  private view: vscode.TreeView<unknown> | undefined;
  /** The documents last active in an editor, newest first: a results table that covers the script leaves it the one meant. */
  private readonly recent: vscode.TextDocument[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly host: FleetHost) {
    const seen = (e: vscode.TextEditor | undefined) => {
      if (!e) return;
      const at = this.recent.indexOf(e.document);
      if (at >= 0) this.recent.splice(at, 1);
      this.recent.unshift(e.document);
      this.recent.length = Math.min(this.recent.length, 20);
    };
    seen(vscode.window.activeTextEditor);
    this.disposables.push(vscode.window.onDidChangeActiveTextEditor(seen));
    this.tree = new FleetTree(host.cloud, host.log);
    this.credentials = new FleetCredentials(host.secrets, host.cloud);
    this.runs = new FleetRuns(this.credentials, host.extensionUri, host.log, o => this.tree.observedDevice(o));
  }

  /** The view the shell made: its selection is what a command from the palette takes. */
  attach(view: vscode.TreeView<unknown>): vscode.Disposable[] {
    this.view = view;
    return [];
  }

  /** `xapi.fleet.runScript`: the open `.xapi` script on the selection. */
  async runScript(node?: FleetNode, selected?: readonly FleetNode[]): Promise<FleetRun | undefined> {
    const doc = await this.document(d => d.languageId === 'xapi', 'a .xapi script', { 'xAPI scripts': ['xapi'] });
    if (!doc) return undefined;
    const lines = planScript(doc.getText(), this.host.coreIndex());
    if (!lines.length) throw new Error(`${path.basename(doc.fileName)} has no statement to run`);
    const devices = await this.targets(node, selected);
    if (!devices?.length) return undefined;
    const name = path.basename(doc.fileName);
    const go = await prompts.confirm(`Run ${name} (${lines.length} line${lines.length === 1 ? '' : 's'}) on ${devices.length} device${devices.length === 1 ? '' : 's'}?`,
      `Each device runs the script line by line and stops at its first failing line. A device whose own software lacks a line is skipped and is never sent it. ${this.pace(devices)}`, 'Run');
    if (go !== 'Run') return undefined;
    const operation: FleetOperation = { op: 'run', title: `run ${name}`, task: access => scriptTask(lines, access, new SchemasByModel()) };
    return this.runs.run(operation, devices);
  }

  /** `xapi.fleet.deployMacro`: the open macro saved (and activated, if asked) on the selection. */
  async deployMacro(node?: FleetNode, selected?: readonly FleetNode[]): Promise<FleetRun | undefined> {
    const doc = await this.document(d => /^(java|type)script$/.test(d.languageId), 'a macro', { Macros: ['js', 'ts', 'mjs'] });
    if (!doc) return undefined;
    const name = path.basename(doc.fileName).replace(/\.(js|mjs|ts)$/i, '');
    const bad = checkMacroName(name);
    if (bad) throw new Error(`${path.basename(doc.fileName)}: ${bad}`);
    const devices = await this.targets(node, selected);
    if (!devices?.length) return undefined;
    const macro: MacroArtefact = { name, source: doc.getText() };
    const answer = await prompts.confirm(`Deploy the macro ${name} to ${devices.length} device${devices.length === 1 ? '' : 's'}?`,
      `A device that already has the same content (line endings aside) in the same state is skipped and says so. ${this.pace(devices)}`, 'Deploy', 'Deploy and Activate');
    if (answer !== 'Deploy' && answer !== 'Deploy and Activate') return undefined;
    const activate = answer === 'Deploy and Activate';
    const operation: FleetOperation = { op: 'deploy', title: `deploy ${name}${activate ? ' (activate)' : ''}`, task: access => deployTask([macro], activate, access) };
    return this.runs.run(operation, devices);
  }

  /** `xapi.fleet.check`: product, software and reachability of the selection's inventory devices (the cloud's listing says its own). */
  async check(node?: FleetNode, selected?: readonly FleetNode[]): Promise<void> {
    const nodes: FleetNode[] = selected?.length ? [...selected] : node ? [node] : (await this.tree.allSources()).map(source => ({ kind: 'source', source }));
    const bySource = new Map<string, InventoryDevice[]>();
    for (const n of nodes) {
      if (n.kind === 'message' || n.source.kind === 'webex') continue;
      bySource.set(n.source.id, [...(bySource.get(n.source.id) ?? []), ...devicesOf(n)]);
    }
    await Promise.all([...bySource].map(([id, devices]) => this.runs.check(uniqueDevices(devices), FLEET_VIEW, o => this.tree.checkedDevice(id, o))));
  }

  /** `xapi.fleet.rerunFailed`: the newest run again on its devices that did not end well. */
  async rerunFailed(): Promise<FleetRun | undefined> {
    const last = this.runs.lastRun;
    if (!last) throw new Error('no fleet run yet in this window');
    return this.runs.rerunFailed(last);
  }

  /** What a run takes: the clicked node and the selection with it, else the view's selection, else picked. */
  private async targets(node?: FleetNode, selected?: readonly FleetNode[]): Promise<InventoryDevice[] | undefined> {
    const nodes = selected?.length ? selected : node ? [node] : (this.view?.selection as FleetNode[] | undefined) ?? [];
    if (nodes.length) return devicesOfSelection(nodes);
    const sources = await this.tree.allSources();
    const items = sources.filter(s => !s.error && s.entries.length).flatMap(source => [
      { label: source.label, description: `all ${source.entries.length} devices`, devices: source.entries.map(e => e.device) },
      ...groupByTag(source.entries).map(g => ({ label: `$(tag) ${g.tag}`, description: `${source.label}: ${g.entries.length} devices`, devices: g.entries.map(e => e.device) })),
    ]);
    if (!items.length) throw new Error(`no device to run on: add an inventory (${config.fleetInventoryGlob()}) or a Webex token`);
    const picked = await prompts.showQuickPick(items, { title: 'Which devices?', canPickMany: true, placeHolder: 'An inventory, or tags in it' }) as unknown as typeof items | undefined;
    return picked?.length ? uniqueDevices(picked.flatMap(p => p.devices)) : undefined;
  }

  private pace(devices: readonly InventoryDevice[]): string {
    const n = config.fleetConcurrency() || defaultConcurrency(devices);
    return `Up to ${n} devices at once, ${config.fleetTimeoutSeconds()} s each at most (xapi.fleet.concurrency, xapi.fleet.timeoutSeconds).`;
  }

  /**
   * The document a run takes: the active editor's if `accept` takes it, else a visible one it takes, else the one
   * it takes that was last active and is still open, else one the user opens.
   */
  private async document(accept: (d: vscode.TextDocument) => boolean, what: string, filters: Record<string, string[]>): Promise<vscode.TextDocument | undefined> {
    const active = vscode.window.activeTextEditor?.document;
    if (active && accept(active)) return active;
    const known = [...vscode.window.visibleTextEditors.map(e => e.document), ...this.recent].find(d => accept(d) && !d.isClosed);
    if (known) return known;
    const [file] = await vscode.window.showOpenDialog({ title: `Open ${what} to run on the fleet`, canSelectMany: false, filters }) ?? [];
    return file ? vscode.workspace.openTextDocument(file) : undefined;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.tree.dispose();
    this.runs.dispose();
  }
}
