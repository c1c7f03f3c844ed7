/**
 * `xapi-panel://DEVICE/PANELID.panel.xml`: the connected device's UI extension panels as files, so a panel opens in a
 * normal editor (completion, diagnostics, preview) and Save writes it to the device (`Panel Save`). What every
 * device file system does (the authority names the device, the listing read once for a burst of stats, change events
 * and mtimes) is client/shared/deviceFiles.ts. A device's panel is read from its listing (schema/panels/listing.ts,
 * its shape assumed there) and written out as panel XML.
 */
import * as vscode from 'vscode';
import { panelsFromListing, panelXml } from '../../../schema/panels/listing';
import type { PanelModel } from '../../../schema/panels/model';
import type { Xapi } from '../../../xapi';
import { DeviceFiles, deviceAuthority } from '../../shared/deviceFiles';
import { PANEL_SCHEME } from '../../xapiDocuments';

export function panelUri(device: string, panelId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: PANEL_SCHEME, authority: deviceAuthority(device), path: `/${panelId}.panel.xml` });
}

export function panelIdOf(uri: vscode.Uri): string {
  // `path` is decoded already: a PanelId with `%` in it stays as it is.
  return uri.path.replace(/^\//, '').replace(/\.panel\.xml$/i, '');
}

export interface PanelFsHost {
  /** The connected device and its label; undefined while disconnected. */
  current(): { xapi: Xapi; device: string } | undefined;
}

/** The device's panels, as it lists them. */
export async function devicePanels(xapi: Xapi): Promise<Map<string, PanelModel>> {
  return panelsFromListing(await xapi.command('UserInterface Extensions List'));
}

/** A device's answer as a file system error: the editor says "unavailable" with the device's reason. */
async function fromDevice<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof vscode.FileSystemError) throw e;
    throw vscode.FileSystemError.Unavailable((e as Error).message);
  }
}

export class PanelFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  /** A device announces no panel change: one a macro saves shows here once the listing is read again. */
  private readonly files: DeviceFiles<{ xapi: Xapi; device: string }, Map<string, PanelModel>>;
  readonly onDidChangeFile: vscode.Event<vscode.FileChangeEvent[]>;

  constructor(host: PanelFsHost) {
    this.files = new DeviceFiles(() => host.current(), c => fromDevice(devicePanels(c.xapi)));
    this.onDidChangeFile = this.files.onDidChangeFile;
  }

  /** A panel changed on the device (saved, removed by us or a macro): editors reload or mark it deleted. */
  panelChanged(device: string, panelId: string, type: vscode.FileChangeType): void {
    this.files.changed({ type, uri: panelUri(device, panelId) });
  }

  watch(): vscode.Disposable { return new vscode.Disposable(() => undefined); }

  stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const id = panelIdOf(uri);
    return this.files.stat(uri, panels => panels.has(id));
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    return [...(await this.files.listed(uri)).keys()].map(id => [`${id}.panel.xml`, vscode.FileType.File]);
  }

  createDirectory(): void { throw vscode.FileSystemError.NoPermissions('a device keeps panels in one flat list'); }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const id = panelIdOf(uri);
    const panel = (await this.files.listed(uri)).get(id);
    if (!panel) throw vscode.FileSystemError.FileNotFound(uri);
    return new TextEncoder().encode(panelXml(id, panel));
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): Promise<void> {
    const { xapi } = this.files.connected(uri);
    const id = panelIdOf(uri);
    const exists = (await this.files.listed(uri)).has(id);
    if (!exists && !options.create) throw vscode.FileSystemError.FileNotFound(uri);
    if (exists && !options.overwrite) throw vscode.FileSystemError.FileExists(uri);
    // The device checks what it is sent: a panel it refuses is an error the editor shows, and nothing is saved.
    await fromDevice(xapi.command('UserInterface Extensions Panel Save', { PanelId: id }, new TextDecoder().decode(content)));
    this.files.changed({ type: exists ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri });
  }

  async delete(uri: vscode.Uri): Promise<void> {
    await this.files.connected(uri).xapi.command('UserInterface Extensions Panel Remove', { PanelId: panelIdOf(uri) });
    this.files.changed({ type: vscode.FileChangeType.Deleted, uri });
  }

  rename(): void { throw vscode.FileSystemError.NoPermissions('a panel is named by its PanelId: save it under the new one and remove the old'); }

  dispose(): void { this.files.dispose(); }
}
