/**
 * `xapi-panel://DEVICE/PANELID.panel.xml`: the connected device's UI extension panels as files, so a panel opens in a
 * normal editor (completion, diagnostics, preview) and Save writes it to the device (`Panel Save`). The authority
 * names the device (as for macros), so an editor left open on another device's panel never writes to the one
 * connected now. A device's panel is read from its listing (schema/panels/listing.ts, its shape assumed there) and
 * written out as panel XML.
 */
import * as vscode from 'vscode';
import { panelsFromListing, panelXml } from '../../../schema/panels/listing';
import type { PanelModel } from '../../../schema/panels/model';
import type { Xapi } from '../../../xapi';
import { systemClock } from '../../../xapi/clock';
import { RecentRead } from '../../shared/recentRead';
import { deviceAuthority } from '../../macros/macroFs';
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
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly mtimes = new Map<string, number>();
  /**
   * The device's panels, one read for a burst of stats and reads (an open, a save). A device announces no panel
   * change, so one a macro saves shows here within RECENT_READ_MAX_AGE_MS.
   */
  private readonly listing = new RecentRead<Map<string, PanelModel>>(systemClock);

  constructor(private readonly host: PanelFsHost) {}

  private panels(uri: vscode.Uri): Promise<Map<string, PanelModel>> {
    const xapi = this.xapi(uri);
    return fromDevice(this.listing.get(uri.authority, () => devicePanels(xapi)));
  }

  /** Something changed on the device (by us, or as the Panels feature learnt): read again, and tell editors. */
  private changedHere(event: vscode.FileChangeEvent): void {
    this.listing.invalidate();
    this.changed.fire([event]);
  }

  private xapi(uri: vscode.Uri): Xapi {
    const c = this.host.current();
    if (!c) throw vscode.FileSystemError.Unavailable(`not connected: ${uri.toString()} is on a device`);
    if (deviceAuthority(c.device) !== uri.authority) throw vscode.FileSystemError.Unavailable(`${uri.authority} is not the connected device (${c.device})`);
    return c.xapi;
  }

  /** A panel changed on the device (saved, removed by us or a macro): editors reload or mark it deleted. */
  panelChanged(device: string, panelId: string, type: vscode.FileChangeType): void {
    const uri = panelUri(device, panelId);
    this.mtimes.set(uri.toString(), Date.now());
    this.changedHere({ type, uri });
  }

  watch(): vscode.Disposable { return new vscode.Disposable(() => undefined); }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    this.xapi(uri);
    if (uri.path === '/' || uri.path === '') return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    if (!(await this.panels(uri)).has(panelIdOf(uri))) throw vscode.FileSystemError.FileNotFound(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: this.mtimes.get(uri.toString()) ?? 0, size: 0 };
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    return [...(await this.panels(uri)).keys()].map(id => [`${id}.panel.xml`, vscode.FileType.File]);
  }

  createDirectory(): void { throw vscode.FileSystemError.NoPermissions('a device keeps panels in one flat list'); }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const id = panelIdOf(uri);
    const panel = (await this.panels(uri)).get(id);
    if (!panel) throw vscode.FileSystemError.FileNotFound(uri);
    return new TextEncoder().encode(panelXml(id, panel));
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): Promise<void> {
    const xapi = this.xapi(uri);
    const id = panelIdOf(uri);
    const exists = (await this.panels(uri)).has(id);
    if (!exists && !options.create) throw vscode.FileSystemError.FileNotFound(uri);
    if (exists && !options.overwrite) throw vscode.FileSystemError.FileExists(uri);
    // The device checks what it is sent: a panel it refuses is an error the editor shows, and nothing is saved.
    await fromDevice(xapi.command('UserInterface Extensions Panel Save', { PanelId: id }, new TextDecoder().decode(content)));
    this.mtimes.set(uri.toString(), Date.now());
    this.changedHere({ type: exists ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri });
  }

  async delete(uri: vscode.Uri): Promise<void> {
    await this.xapi(uri).command('UserInterface Extensions Panel Remove', { PanelId: panelIdOf(uri) });
    this.changedHere({ type: vscode.FileChangeType.Deleted, uri });
  }

  rename(): void { throw vscode.FileSystemError.NoPermissions('a panel is named by its PanelId: save it under the new one and remove the old'); }

  dispose(): void { this.changed.dispose(); }
}
