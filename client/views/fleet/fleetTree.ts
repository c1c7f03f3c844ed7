/**
 * The Fleet view: every inventory file of the workspace (`xapi.fleet.inventoryFiles`, read again when one changes)
 * and, when a Webex token is stored, the devices the Webex cloud lists; under each, its devices grouped by tag, each
 * with product, software and reachability (the cloud's listing says them; for an inventory, Check Devices asks each
 * device). A source, a tag or any selection of them is what a run takes.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { cloudDevicesInventory, InventoryError, parseInventory, type InventoryDevice } from '../../../fleet/inventory';
import type { DeviceOutcome } from '../../../fleet/runner';
import type { CloudAccess } from '../../cloud';
import { config } from '../../config';
import { checked, cloudEntries, observed, describeEntry, describeGroup, groupByTag, inventoryEntries, uniqueDevices, type FleetEntry, type FleetSource } from './fleetModel';

export type FleetNode =
  | { readonly kind: 'source'; readonly source: FleetSource }
  | { readonly kind: 'group'; readonly source: FleetSource; readonly tag: string; readonly entries: readonly FleetEntry[] }
  | { readonly kind: 'device'; readonly source: FleetSource; readonly entry: FleetEntry; readonly tag: string }
  | { readonly kind: 'message'; readonly text: string };

/** The `viewItem` context values package.json's menus match. */
export const FLEET_ITEM = { source: 'xapi.fleetSource', group: 'xapi.fleetGroup', device: 'xapi.fleetDevice' } as const;
export const WEBEX_SOURCE_ID = 'webex';
/** How often what runs and checks learn redraws the view, at most (ms). */
const REDRAW_MS = 200;

/** The devices a node stands for (a source or a tag: all of theirs). */
export function devicesOf(node: FleetNode): InventoryDevice[] {
  if (node.kind === 'source') return node.source.entries.map(e => e.device);
  if (node.kind === 'group') return node.entries.map(e => e.device);
  if (node.kind === 'device') return [node.entry.device];
  return [];
}

/** The devices of a selection, each once, in the order the sources list them. */
export function devicesOfSelection(nodes: readonly FleetNode[]): InventoryDevice[] {
  return uniqueDevices(nodes.flatMap(devicesOf));
}

export class FleetTree implements vscode.TreeDataProvider<FleetNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<FleetNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private sources: FleetSource[] | undefined;
  private loading: Promise<void> | undefined;
  /** Bumped by each reload: a read that a newer one superseded is dropped. */
  private generation = 0;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private watcher: vscode.FileSystemWatcher | undefined;

  constructor(private readonly cloud: CloudAccess, private readonly log: vscode.LogOutputChannel) {
    this.watch();
    this.disposables.push(config.onDidChange(e => {
      if (e.affectsConfiguration('xapi.fleet.inventoryFiles')) this.watch();
      if (e.affectsConfiguration('xapi.fleet.inventoryFiles') || e.affectsConfiguration('xapi.webex.baseUrl')) this.reload();
    }), cloud.onDidChangeToken(() => this.reload()));
  }

  /** Reads the sources again (files, the cloud's list); what checks said of a device is kept while it is still there. */
  reload(): void {
    this.generation++;
    this.loading = undefined;
    this.changed.fire(undefined);
  }

  /** Every source, as read now (after a reload, read again: a run must not take a device list the files no longer say). */
  allSources(): Promise<FleetSource[]> {
    return this.load();
  }

  /** A check's answer about a device, wherever it is listed. */
  checkedDevice(outcome: DeviceOutcome<Record<string, unknown>>): void {
    this.update(outcome.device, e => checked(e, outcome));
  }

  /** What a run learnt of a device (reached, or why not), wherever it is listed. */
  observedDevice(outcome: DeviceOutcome<unknown>): void {
    this.update(outcome.device, e => observed(e, outcome));
  }

  private update(device: InventoryDevice, change: (e: FleetEntry) => FleetEntry): void {
    if (!this.sources) return;
    const same = (d: InventoryDevice) => d.name === device.name && d.url === device.url;
    if (!this.sources.some(s => s.entries.some(e => same(e.device)))) return;
    this.sources = this.sources.map(s => ({ ...s, entries: s.entries.map(e => (same(e.device) ? change(e) : e)) }));
    // A run of 500 devices is 500 answers: the view is drawn again at most a few times a second.
    this.refreshTimer ??= setTimeout(() => { this.refreshTimer = undefined; this.changed.fire(undefined); }, REDRAW_MS);
  }

  getTreeItem(node: FleetNode): vscode.TreeItem {
    if (node.kind === 'message') return new vscode.TreeItem(node.text);
    if (node.kind === 'source') {
      const item = new vscode.TreeItem(node.source.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `source:${node.source.id}`;
      item.contextValue = FLEET_ITEM.source;
      item.description = node.source.error ? 'cannot be read' : describeGroup(node.source.entries);
      item.tooltip = node.source.error ?? (node.source.kind === 'webex' ? 'The devices your Webex token sees' : node.source.id);
      item.iconPath = new vscode.ThemeIcon(node.source.kind === 'webex' ? 'cloud' : 'list-unordered');
      if (node.source.kind === 'inventory') item.resourceUri = vscode.Uri.file(node.source.id);
      return item;
    }
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.tag, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${node.source.id}:${node.tag}`;
      item.contextValue = FLEET_ITEM.group;
      item.description = describeGroup(node.entries);
      item.iconPath = new vscode.ThemeIcon('tag');
      return item;
    }
    const { entry } = node;
    const item = new vscode.TreeItem(entry.device.name, vscode.TreeItemCollapsibleState.None);
    item.id = `device:${node.source.id}:${node.tag}:${entry.device.name}`;
    item.contextValue = FLEET_ITEM.device;
    item.description = describeEntry(entry);
    const why = entry.reach.kind === 'unreachable' ? `\n${entry.reach.why}: ${entry.reach.reason}` : '';
    item.tooltip = `${entry.device.url}${entry.device.tags.length ? `\ntags: ${entry.device.tags.join(', ')}` : ''}${why}`;
    item.iconPath = new vscode.ThemeIcon(
      entry.reach.kind === 'reachable' ? 'pass' : entry.reach.kind === 'unreachable' ? 'error' : 'circle-outline',
      entry.reach.kind === 'reachable' ? new vscode.ThemeColor('testing.iconPassed') : entry.reach.kind === 'unreachable' ? new vscode.ThemeColor('errorForeground') : undefined,
    );
    return item;
  }

  async getChildren(node?: FleetNode): Promise<FleetNode[]> {
    if (!node) {
      const sources = await this.load();
      return sources.length ? sources.map(source => ({ kind: 'source', source })) : [{ kind: 'message', text: `No inventory (${config.fleetInventoryGlob()}) and no Webex token` }];
    }
    if (node.kind === 'source') {
      if (node.source.error) return [{ kind: 'message', text: node.source.error }];
      return groupByTag(node.source.entries).map(g => ({ kind: 'group', source: node.source, tag: g.tag, entries: g.entries }));
    }
    if (node.kind === 'group') return node.entries.map(entry => ({ kind: 'device', source: node.source, entry, tag: node.tag }));
    return [];
  }

  /** The sources: read once, then as checks and runs changed them (until reload reads them again). */
  private async load(): Promise<FleetSource[]> {
    const generation = this.generation;
    this.loading ??= this.read().then(sources => {
      if (generation !== this.generation) return; // a newer reload reads them again
      // What checks learnt survives a reload for the devices that are still there.
      const known = new Map((this.sources ?? []).flatMap(s => s.entries.map(e => [`${s.id}\n${e.device.name}\n${e.device.url}`, e] as const)));
      this.sources = sources.map(s => (s.kind === 'webex' ? s : { ...s, entries: s.entries.map(e => known.get(`${s.id}\n${e.device.name}\n${e.device.url}`) ?? e) }));
    });
    await this.loading;
    // Superseded while reading: the newer read's answer.
    return generation === this.generation ? this.sources! : this.load();
  }

  private async read(): Promise<FleetSource[]> {
    const files = await vscode.workspace.findFiles(config.fleetInventoryGlob(), '**/node_modules/**', 200);
    const sources: FleetSource[] = await Promise.all(files.sort((a, b) => a.fsPath.localeCompare(b.fsPath)).map(async uri => {
      const label = vscode.workspace.asRelativePath(uri) || path.basename(uri.fsPath);
      try {
        const body = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        return { id: uri.fsPath, label, kind: 'inventory' as const, entries: inventoryEntries(parseInventory(body, uri.fsPath).devices) };
      } catch (e) {
        const message = e instanceof InventoryError ? e.message.replace(uri.fsPath, label) : (e as Error).message;
        return { id: uri.fsPath, label, kind: 'inventory' as const, entries: [], error: message };
      }
    }));
    if (await this.cloud.hasToken()) sources.push(await this.readCloud());
    return sources;
  }

  private async readCloud(): Promise<FleetSource> {
    const label = 'Webex devices';
    try {
      const token = await this.cloud.token();
      if (!token) return { id: WEBEX_SOURCE_ID, label, kind: 'webex', entries: [], error: 'no Webex token' };
      const listed = await this.cloud.listDevices(token);
      return { id: WEBEX_SOURCE_ID, label, kind: 'webex', entries: cloudEntries(cloudDevicesInventory(listed, label).devices, listed) };
    } catch (e) {
      this.log.warn(`Fleet: the Webex devices could not be listed: ${(e as Error).message}`);
      return { id: WEBEX_SOURCE_ID, label, kind: 'webex', entries: [], error: (e as Error).message };
    }
  }

  private watch(): void {
    this.watcher?.dispose();
    this.watcher = vscode.workspace.createFileSystemWatcher(config.fleetInventoryGlob());
    const again = () => this.reload();
    this.watcher.onDidCreate(again);
    this.watcher.onDidChange(again);
    this.watcher.onDidDelete(again);
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.watcher?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
