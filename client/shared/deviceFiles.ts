/**
 * What the `xapi-macro:` and `xapi-panel:` file systems share. A file's authority names the device it lives on, and
 * only the connected device's files can be used (an editor left open on another device's file never writes to the
 * one connected now). The device's listing is read once for a burst of stats (RecentRead). Editors follow the change
 * events, and compare the mtimes: when a file was last seen to change.
 */
import * as vscode from 'vscode';
import { systemClock } from '../../xapi/clock';
import { RecentRead } from './recentRead';

/** The authority a device's files live under: its session label, made safe for a URI. */
export function deviceAuthority(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-|-$/g, '') || 'device';
}

export class DeviceFiles<C extends { readonly device: string }, L> implements vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;
  private readonly mtimes = new Map<string, number>();
  private readonly listing = new RecentRead<L>(systemClock);

  /**
   * `current`: the connected device (undefined while disconnected); `readListing`: its listing, read from it now
   * (its errors as the editor should show them).
   */
  constructor(private readonly current: () => C | undefined, private readonly readListing: (connected: C) => Promise<L>) {}

  /** The connected device, when `uri` is on it; else the editor says why the file is unavailable. */
  connected(uri: vscode.Uri): C {
    const c = this.current();
    if (!c) throw vscode.FileSystemError.Unavailable(`not connected: ${uri.toString()} is on a device`);
    if (deviceAuthority(c.device) !== uri.authority) throw vscode.FileSystemError.Unavailable(`${uri.authority} is not the connected device (${c.device})`);
    return c;
  }

  /** The listing of the device `uri` is on: one read for a burst of calls (an open, a save). */
  listed(uri: vscode.Uri): Promise<L> {
    const c = this.connected(uri);
    return this.listing.get(uri.authority, () => this.readListing(c));
  }

  /** The device is one flat folder; a file in it exists when its listing says so. */
  async stat(uri: vscode.Uri, exists: (listing: L) => boolean): Promise<vscode.FileStat> {
    this.connected(uri);
    if (uri.path === '/' || uri.path === '') return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    if (!exists(await this.listed(uri))) throw vscode.FileSystemError.FileNotFound(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: this.mtimes.get(uri.toString()) ?? 0, size: 0 };
  }

  /** Files changed on the device (by us, or as we learnt): the listing is read again, and editors are told. */
  changed(...events: vscode.FileChangeEvent[]): void {
    const now = Date.now();
    for (const e of events) this.mtimes.set(e.uri.toString(), now);
    this.listing.invalidate();
    this.changes.fire(events);
  }

  dispose(): void { this.changes.dispose(); }
}
