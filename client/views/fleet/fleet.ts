/**
 * The extension's fleet: the Fleet view, its runs and their passwords, and what its commands do — run the open
 * `.xapi` script or deploy the open macro on a selection (a source, tags, devices; or picked when nothing is
 * selected), check devices, re-run the failed ones. Every run is confirmed first (it changes many rooms) and uses the
 * same tasks as `xapi fleet` (fleet/operations.ts), gating included.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CredentialRef, InventoryDevice } from '../../../fleet/inventory';
import { SchemasByModel } from '../../../fleet/gating';
import { deployTask, macroArtefact, panelArtefact, planScript, scriptTask } from '../../../fleet/operations';
import { PANEL_LANGUAGE_ID } from '../../../schema/panels/language';
import type { SchemaIndex } from '../../../schema/schemaIndex';
import { DEFAULT_TIMEOUT_MS, defaultConcurrency, type FleetReport } from '../../../fleet/runner';
import { TREE_VIEWS } from '../../activation/coreApi';
import type { CloudAccess } from '../../cloud';
import { config } from '../../config';
import { prompts } from '../../prompts';
import { credentialText, FleetCredentials } from './fleetCredentials';
import { FleetRuns, type FleetOperation, type FleetRun } from './fleetRuns';
import { devicesOf, devicesOfSelection, FleetTree, type FleetNode } from './fleetTree';
import { groupByTag, uniqueDevices } from './fleetModel';


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
    this.runs = new FleetRuns(this.credentials, host.extensionUri, host.log, {
      onOutcome: o => this.tree.observedDevice(o),
      onEnded: report => { void this.offerToForget(report); },
    });
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

  /** `xapi.fleet.deployMacro`: the open macro saved (and activated, if asked) on the selection — or the open UI extension panel. */
  async deployMacro(node?: FleetNode, selected?: readonly FleetNode[]): Promise<FleetRun | undefined> {
    const doc = await this.document(d => /^(java|type)script$/.test(d.languageId) || d.languageId === PANEL_LANGUAGE_ID, 'a macro or a panel', { Macros: ['js', 'ts', 'mjs'], Panels: ['xml'] });
    if (!doc) return undefined;
    const isPanel = doc.languageId === PANEL_LANGUAGE_ID;
    const artefact = isPanel ? panelArtefact(doc.fileName, doc.getText()) : macroArtefact(doc.fileName, doc.getText());
    const name = artefact.kind === 'panel' ? `the panel ${artefact.panelId}` : `the macro ${artefact.name}`;
    const devices = await this.targets(node, selected);
    if (!devices?.length) return undefined;
    const answer = await prompts.confirm(`Deploy ${name} to ${devices.length} device${devices.length === 1 ? '' : 's'}?`,
      `A device that already has the same ${isPanel ? 'panel' : 'content (line endings aside) in the same state'} is skipped and says so. ${this.pace(devices)}`,
      'Deploy', ...(isPanel ? [] : ['Deploy and Activate']));
    if (answer !== 'Deploy' && answer !== 'Deploy and Activate') return undefined;
    const activate = answer === 'Deploy and Activate';
    const operation: FleetOperation = { op: 'deploy', title: `deploy ${artefact.kind === 'panel' ? `panel ${artefact.panelId}` : artefact.name}${activate ? ' (activate)' : ''}`, task: access => deployTask([artefact], activate, access) };
    return this.runs.run(operation, devices);
  }

  /** `xapi.fleet.check`: product, software and reachability of the selection's inventory devices (the cloud's listing says its own). */
  async check(node?: FleetNode, selected?: readonly FleetNode[]): Promise<void> {
    const nodes: FleetNode[] = selected?.length ? [...selected] : node ? [node] : (await this.tree.allSources()).map(source => ({ kind: 'source', source }));
    // One check for all (one set of password prompts): the cloud's listing already says its own devices.
    const devices = uniqueDevices(nodes.flatMap(n => (n.kind === 'message' || n.source.kind === 'webex' ? [] : devicesOf(n))));
    if (devices.length) await this.runs.check(devices, TREE_VIEWS.fleet, o => this.tree.checkedDevice(o));
  }

  /** `xapi.fleet.showResults`: the newest run's results table again (made again if it was closed). */
  async showResults(): Promise<void> {
    const last = this.runs.lastRun;
    if (!last) throw new Error('no fleet run yet in this window');
    await this.runs.show(last);
  }

  /** `xapi.fleet.forgetPassword`: a `secret:` password stored (or an `env:` one entered this session) forgotten, to be asked for again. */
  async forgetPassword(): Promise<void> {
    const refs = new Map<string, CredentialRef>();
    for (const s of await this.tree.allSources()) for (const e of s.entries) if (e.device.password) refs.set(credentialText(e.device.password), e.device.password);
    if (!refs.size) throw new Error('no inventory of the workspace names a password');
    const picked = await prompts.showQuickPick([...refs.keys()].sort().map(label => ({ label })), { title: 'Forget which password?' });
    if (!picked) return;
    await this.credentials.forget(refs.get(picked.label)!);
    void prompts.showInformationMessage(`xAPI: the password for ${picked.label} is forgotten; the next run asks for it`);
  }

  /** `xapi.fleet.rerunFailed`: the newest run again on its devices that did not end well. */
  async rerunFailed(): Promise<FleetRun | undefined> {
    const last = this.runs.lastRun;
    if (!last) throw new Error('no fleet run yet in this window');
    return this.runs.rerunFailed(last);
  }

  /** Devices refused a password the user typed: offer to forget it, so the next run asks again (a typo is not forever). */
  private async offerToForget(report: FleetReport<unknown>): Promise<void> {
    const refused = new Map<string, { ref: CredentialRef; devices: number }>();
    for (const o of report.outcomes) {
      const ref = o.device.password;
      if (o.kind !== 'auth' || !ref) continue;
      const text = credentialText(ref);
      refused.set(text, { ref, devices: (refused.get(text)?.devices ?? 0) + 1 });
    }
    for (const [text, { ref, devices }] of refused) {
      const answer = await prompts.showWarningMessage(`xAPI: ${devices} device${devices === 1 ? '' : 's'} refused the password for ${text}`, 'Forget Password');
      if (answer === 'Forget Password') await this.credentials.forget(ref);
    }
  }

  /**
   * What a run takes: the clicked node and the selection with it, else the view's selection, else picked. Each room
   * once (the same address under two tags or in two inventories); two rooms that share a name are refused, as the
   * report and the journal know devices by name.
   */
  private async targets(node?: FleetNode, selected?: readonly FleetNode[]): Promise<InventoryDevice[] | undefined> {
    const nodes = selected?.length ? selected : node ? [node] : (this.view?.selection as FleetNode[] | undefined) ?? [];
    const devices = nodes.length ? devicesOfSelection(nodes) : await this.pickDevices();
    const names = new Map<string, InventoryDevice>();
    for (const d of devices ?? []) {
      const other = names.get(d.name.toLowerCase());
      if (other) throw new Error(`two devices of the selection are named "${d.name}" (${other.url} and ${d.url}): rename one in its inventory, or run them apart`);
      names.set(d.name.toLowerCase(), d);
    }
    return devices;
  }

  /** With nothing selected: an inventory or tags of one, picked. */
  private async pickDevices(): Promise<InventoryDevice[] | undefined> {
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
    return `Up to ${n} devices at once, ${(config.fleetTimeoutMs() ?? DEFAULT_TIMEOUT_MS) / 1000} s each at most (xapi.fleet.concurrency, xapi.fleet.timeoutSeconds).`;
  }

  /**
   * The document a run takes: the active editor's if `accept` takes it, else a visible one it takes, else the one
   * it takes that was last active and is still open, else one the user opens.
   */
  private async document(accept: (d: vscode.TextDocument) => boolean, what: string, filters: Record<string, string[]>): Promise<vscode.TextDocument | undefined> {
    const active = vscode.window.activeTextEditor?.document;
    if (active && accept(active)) return active;
    const known = [...this.recent, ...vscode.window.visibleTextEditors.map(e => e.document)].find(d => accept(d) && !d.isClosed);
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
