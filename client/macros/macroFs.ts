/**
 * `xapi-macro://DEVICE/NAME.js`: the connected device's macros as files, so a macro opens in a normal editor and
 * Save writes it to the device (transpile off). What every device file system does (the authority names the device,
 * the listing read once for a burst of stats, change events and mtimes) is client/shared/deviceFiles.ts.
 */
import * as vscode from 'vscode';
import { MACRO_SCHEME } from '../xapiDocuments';
import type { MacroInfo, MacroStore } from '../../xapi/macroStore';
import { DeviceFiles, deviceAuthority } from '../shared/deviceFiles';

export { MACRO_SCHEME };

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

export class MacroFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly files: DeviceFiles<{ store: MacroStore; device: string }, MacroInfo[]>;
  readonly onDidChangeFile: vscode.Event<vscode.FileChangeEvent[]>;

  constructor(host: MacroFsHost) {
    this.files = new DeviceFiles(() => host.current(), c => c.store.list());
    this.onDidChangeFile = this.files.onDidChangeFile;
  }

  private async has(uri: vscode.Uri): Promise<boolean> {
    const name = macroNameOf(uri);
    return (await this.files.listed(uri)).some(m => m.name === name);
  }

  /** The device says a macro changed (saved elsewhere, removed, renamed): editors reload or mark it deleted. */
  deviceChanged(device: string, name: string, type: vscode.FileChangeType): void {
    this.files.changed({ type, uri: macroUri(device, name) });
  }

  watch(): vscode.Disposable { return new vscode.Disposable(() => undefined); }

  stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const name = macroNameOf(uri);
    return this.files.stat(uri, macros => macros.some(m => m.name === name));
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    return (await this.files.listed(uri)).map(m => [`${m.name}.js`, vscode.FileType.File]);
  }

  createDirectory(): void { throw vscode.FileSystemError.NoPermissions('a device keeps macros in one flat list'); }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const { store } = this.files.connected(uri);
    if (!(await this.has(uri))) throw vscode.FileSystemError.FileNotFound(uri);
    return new TextEncoder().encode(await store.read(macroNameOf(uri)));
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): Promise<void> {
    const { store } = this.files.connected(uri);
    const exists = await this.has(uri);
    if (!exists && !options.create) throw vscode.FileSystemError.FileNotFound(uri);
    if (exists && !options.overwrite) throw vscode.FileSystemError.FileExists(uri);
    await store.save(macroNameOf(uri), new TextDecoder().decode(content));
    this.files.changed({ type: exists ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri });
  }

  async delete(uri: vscode.Uri): Promise<void> {
    await this.files.connected(uri).store.remove(macroNameOf(uri));
    this.files.changed({ type: vscode.FileChangeType.Deleted, uri });
  }

  async rename(from: vscode.Uri, to: vscode.Uri): Promise<void> {
    await this.files.connected(from).store.rename(macroNameOf(from), macroNameOf(to));
    this.files.changed({ type: vscode.FileChangeType.Deleted, uri: from }, { type: vscode.FileChangeType.Created, uri: to });
  }

  dispose(): void { this.files.dispose(); }
}
