/**
 * Typed access to the `xapi.*` settings: the only reader of `workspace.getConfiguration` in the extension.
 * Passwords are never settings (they live in SecretStorage, see profiles.ts).
 */
import * as vscode from 'vscode';

/** One device as the user keeps it in `xapi.devices`. */
export interface DeviceProfile {
  /** Shown in pickers and the status bar; also the key of the password in SecretStorage. */
  readonly name: string;
  /** `room-kit.local`, `10.0.0.5:443` or a full `wss://…/ws` URL. */
  readonly host: string;
  readonly username?: string;
  /** Accept any certificate for this device only (no verification). Prefer `certificate`. */
  readonly allowSelfSignedTls?: boolean;
  /** A pinned certificate (PEM) that this device must present: verification stays on. */
  readonly certificate?: string;
  /** The user's roles on the device (it does not tell clients): marks what this user cannot write as read-only. */
  readonly roles?: readonly string[];
}

export type ResultFormat = 'text' | 'json';

const SECTION = 'xapi';
export const EVENTS_DEFAULT_BUFFER = 10_000;
export const EVENTS_MIN_BUFFER = 100;
/** The inventory files the Fleet view reads by default. */
export const FLEET_INVENTORY_GLOB = '**/*.fleet.{yaml,yml,csv}';

function section(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

export const config = {
  devices(): DeviceProfile[] {
    const raw = section().get<unknown>('devices');
    return Array.isArray(raw) ? raw.filter(isProfile) : [];
  },
  /** Writes the whole list to user settings (profiles are per user, not per workspace). */
  async setDevices(devices: readonly DeviceProfile[]): Promise<void> {
    await section().update('devices', devices, vscode.ConfigurationTarget.Global);
  },
  /** `Simulated Device`, a profile's name, or '' (connect only when asked). */
  autoConnect(): string {
    return (section().get<string>('autoConnect') ?? '').trim();
  },
  resultFormat(): ResultFormat {
    return section().get<string>('run.resultFormat') === 'json' ? 'json' : 'text';
  },
  schemaProduct(): string {
    return section().get<string>('schema.product') ?? '';
  },
  /** Workspace-relative folder whose saved .js files are written to the device; empty: no sync. */
  macroSyncFolder(): string {
    return (section().get<string>('macros.syncFolder') ?? '').trim();
  },
  traceFrames(): boolean {
    return section().get<boolean>('trace.frames') === true;
  },
  /** Rows the events panel keeps (the oldest are dropped beyond it). */
  eventsBufferSize(): number {
    const n = section().get<number>('events.bufferSize');
    return typeof n === 'number' && Number.isInteger(n) && n >= EVENTS_MIN_BUFFER ? n : EVENTS_DEFAULT_BUFFER;
  },
  /** Event paths the events panel tails; empty for all events. */
  eventsPaths(): string[] {
    const raw = section().get<unknown>('events.paths');
    return Array.isArray(raw) ? raw.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [];
  },
  /** Where the Webex cloud is for `webex://` devices; undefined for webexapis.com. */
  webexBaseUrl(): string | undefined {
    return (section().get<string>('webex.baseUrl') ?? '').trim() || undefined;
  },
  /** VS Code's own proxy setting (`http.proxy`), which the Webex cloud's requests go through. */
  httpProxy(): string | undefined {
    return (vscode.workspace.getConfiguration('http').get<string>('proxy') ?? '').trim() || undefined;
  },
  /** The Fleet view's inventory files: a glob of workspace files. */
  fleetInventoryGlob(): string {
    return (section().get<string>('fleet.inventoryFiles') ?? '').trim() || FLEET_INVENTORY_GLOB;
  },
  /** Devices at once in a fleet run; 0: the transport's default (16 on their own addresses, 8 through Webex). */
  fleetConcurrency(): number {
    const n = section().get<number>('fleet.concurrency');
    return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 0;
  },
  /** A fleet run's time limit per device, in ms; undefined: the runner's default (fleet/runner.ts). */
  fleetTimeoutMs(): number | undefined {
    const n = section().get<number>('fleet.timeoutSeconds');
    return typeof n === 'number' && n > 0 ? n * 1000 : undefined;
  },
  /** Fires when any `xapi.*` setting changes. */
  onDidChange(listener: (e: vscode.ConfigurationChangeEvent) => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration(e => { if (e.affectsConfiguration(SECTION)) listener(e); });
  },
};

function isProfile(x: unknown): x is DeviceProfile {
  const p = x as DeviceProfile;
  return typeof x === 'object' && x !== null && typeof p.name === 'string' && p.name !== '' && typeof p.host === 'string' && p.host !== '';
}
