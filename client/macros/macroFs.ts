/**
 * `xapi-macro://DEVICE/NAME.js`: the connected device's macros as files, so a macro opens in a normal editor and
 * Save writes it to the device (transpile off). The authority names the device, so an editor left open on another
 * device's macro never writes to the one connected now.
 */
import * as vscode from 'vscode';
import { MACRO_SCHEME } from '../xapiDocuments';
import { systemClock } from '../../xapi/clock';
import type { MacroInfo, MacroStore } from '../../xapi/macroStore';
import { RecentRead } from '../shared/recentRead';

export { MACRO_SCHEME };

/** The authority a device's macros live under: its session label, made safe for a URI. */
export function deviceAuthority(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-|-$/g, '') || 'device';
}

export function macroUri(device: string, name: string): vscode.Uri {
  return vscode.Uri.from({ scheme: MACRO_SCHEME, authority: deviceAuthority(device), path: `/${name}.js` });
}

export function macroNameOf(uri: vscode.Uri): string {
  return uri.path.replace(/^\//, '').replace(/\.js$/, '');
}

export interface MacroFsHost {
  /** The store of the connected device, and the device's label; undefined while disconnected. */
  current(): { store: MacroStore; device: string } | undefined;
}

export class MacroFileSystem implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  /** When each macro was last seen to change, for stat(): editors compare mtimes to notice changes. */
  private readonly mtimes = new Map<string, number>();
  /** The device's macro list, one read for a burst of stats and reads (an open, a save). */
  private readonly listing = new RecentRead<MacroInfo[]>(systemClock);

  constructor(private readonly host: MacroFsHost) {}

  private list(uri: vscode.Uri): Promise<MacroInfo[]> {
    const store = this.store(uri);
    return this.listing.get(uri.authority, () => store.list());
  }

  /** Something changed on the device (by us or as it announced): the list is read again, and editors are told. */
  private changedHere(...events: vscode.FileChangeEvent[]): void {
    this.listing.invalidate();
    this.changed.fire(events);
  }

  private store(uri: vscode.Uri): MacroStore {
    const c = this.host.current();
    if (!c) throw vscode.FileSystemError.Unavailable(`not connected: ${uri.toString()} is on a device`);
    if (deviceAuthority(c.device) !== uri.authority) throw vscode.FileSystemError.Unavailable(`${uri.authority} is not the connected device (${c.device})`);
    return c.store;
  }

  /** The device says a macro changed (saved elsewhere, removed, renamed): editors reload or mark it deleted. */
  deviceChanged(device: string, name: string, type: vscode.FileChangeType): void {
    const uri = macroUri(device, name);
    this.mtimes.set(uri.toString(), Date.now());
    this.changedHere({ type, uri });
  }

  watch(): vscode.Disposable { return new vscode.Disposable(() => undefined); }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    this.store(uri);
    if (uri.path === '/' || uri.path === '') return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    const name = macroNameOf(uri);
    const macro = (await this.list(uri)).find(m => m.name === name);
    if (!macro) throw vscode.FileSystemError.FileNotFound(uri);
    const mtime = this.mtimes.get(uri.toString()) ?? 0;
    return { type: vscode.FileType.File, ctime: 0, mtime, size: 0 };
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    return (await this.list(uri)).map(m => [`${m.name}.js`, vscode.FileType.File]);
  }

  createDirectory(): void { throw vscode.FileSystemError.NoPermissions('a device keeps macros in one flat list'); }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const store = this.store(uri);
    const name = macroNameOf(uri);
    if (!(await this.list(uri)).some(m => m.name === name)) throw vscode.FileSystemError.FileNotFound(uri);
    return new TextEncoder().encode(await store.read(name));
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): Promise<void> {
    const store = this.store(uri);
    const name = macroNameOf(uri);
    const exists = (await this.list(uri)).some(m => m.name === name);
    if (!exists && !options.create) throw vscode.FileSystemError.FileNotFound(uri);
    if (exists && !options.overwrite) throw vscode.FileSystemError.FileExists(uri);
    await store.save(name, new TextDecoder().decode(content));
    this.mtimes.set(uri.toString(), Date.now());
    this.changedHere({ type: exists ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri });
  }

  async delete(uri: vscode.Uri): Promise<void> {
    await this.store(uri).remove(macroNameOf(uri));
    this.changedHere({ type: vscode.FileChangeType.Deleted, uri });
  }

  async rename(from: vscode.Uri, to: vscode.Uri): Promise<void> {
    await this.store(from).rename(macroNameOf(from), macroNameOf(to));
    this.changedHere({ type: vscode.FileChangeType.Deleted, uri: from }, { type: vscode.FileChangeType.Created, uri: to });
  }

  dispose(): void { this.changed.dispose(); }
}
