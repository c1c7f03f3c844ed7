/**
 * The same `Xapi` over the Webex cloud xAPI (REST with a bearer token) for a cloud-registered device, where the
 * cloud allows it:
 *   - commands: `POST /xapi/command/{Dotted.Name}` (a multiline body included);
 *   - statuses: `GET /xapi/status`, the reads of one tick batched, at most 10 names a request; an empty answer
 *     for a name is a NotFoundError that says both things it can mean (no such path, or not readable with this token);
 *   - configurations: `GET`/`PATCH /deviceConfigurations`; a value an organisation or location rule enforces is a
 *     ConfigurationEnforcedError with the rule's reason;
 *   - feedback, events, xDoc and xQuery: the cloud has none, so they fail at once with an UnsupportedError saying
 *     what to use instead — never a listener that silently hears nothing.
 */
import { commandParams, configValue } from '../commandArgs';
import {
  ClientErrorCode, ConfigurationEnforcedError, ConnectionClosedError, InvalidParameterError, NotFoundError, PermissionDeniedError, UnsupportedError, XapiError,
} from '../errors';
import type { CallOptions, XapiOps } from '../ops';
import { normalizePath, rootOf, type PathInput } from '../paths';
import type { PathSegment } from '../protocol';
import { XapiSurface } from '../surface';
import type { CommandResult, Subscription } from '../typed';
import type { ConnectionState, Xapi } from '../client';
import type { CloudSchemaDocument, CloudSchemaDocuments } from '../../schema/load/cloud';
import { ASSUMED_ALL_KEYS as ALL_KEYS } from './assumed';
import { dottedKey, treeOfItems, valueAt } from './cloudPaths';
import { findDevice } from './devices';
import { CloudHttp, type CloudHttpOptions } from './http';
import {
  CONFIGURED_VALUE, CloudPath, EditReason, JSON_PATCH_TYPE, MAX_STATUS_NAMES, RULE_REASONS, SCOPE_OF, WEBEX_SCHEME, type CloudDevice, type ConfigurationItem,
  type ConfigurationsBody,
} from './webexApi';

export type CloudConnectOptions = CloudHttpOptions;

/** Why `.on()` and friends fail over the cloud, and what to do instead. */
export const NO_FEEDBACK = 'The Webex cloud xAPI has no feedback: no status changes or events reach a cloud client. ' +
  'Poll with status.get (`xapi watch` does it for you), connect to the device on its own address (wss://…) for live feedback, ' +
  'or use a Workspace Integration for the events it allows';

interface PendingRead {
  readonly names: PathSegment[];
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: unknown) => void;
}

/** Webex ids are long base64 strings (`Y2lzY29zcGFyazovL3…`); a display name has spaces or is short. */
function looksLikeDeviceId(s: string): boolean {
  return /^[A-Za-z0-9+/=_-]{24,}$/.test(s);
}

/** A cloud device's id as a connect target: `webex://DEVICE_ID`. */
export function cloudUrl(deviceId: string): string {
  return `${WEBEX_SCHEME}//${deviceId}`;
}

/** `webex://DEVICE_ID` → the id, verbatim (empty when missing); undefined for any other URL. */
export function cloudDeviceId(target: string): string | undefined {
  if (!target.toLowerCase().startsWith(`${WEBEX_SCHEME}//`)) return undefined;
  return decodeURIComponent(target.slice(WEBEX_SCHEME.length + 2).replace(/\/+$/, ''));
}

/**
 * Connects to a cloud device: checks the token and finds the device (`GET /devices/{id}`; when no device has that
 * id, the one display name that matches), then gives the `Xapi`. A token without a devices scope (a bot with xAPI
 * scopes only) still connects to an id; the device's details are unknown then.
 */
export async function connectCloud(idOrName: string, options: CloudConnectOptions): Promise<CloudXapi> {
  if (!idOrName) throw new InvalidParameterError('A Webex device id or name is needed (webex://DEVICE_ID)', ClientErrorCode.Usage);
  const http = new CloudHttp(options);
  try {
    const device = await findDevice(http, idOrName);
    return new CloudXapi(http, device.id, device);
  } catch (e) {
    // A token that may not read devices (a bot with xAPI scopes only) still reaches a device by its id; a name needs the list.
    if (e instanceof XapiError && (e.data as { status?: number } | undefined)?.status === 403) {
      if (looksLikeDeviceId(idOrName)) return new CloudXapi(http, idOrName, undefined);
      await http.close();
      throw new PermissionDeniedError(`"${idOrName}" is not a device id, and this token may not list devices to find it by name (it needs ${SCOPE_OF.devicesRead}): use the device's id (webex://ID)`, ClientErrorCode.Usage, e.data, { trackingId: e.trackingId });
    }
    await http.close();
    throw e;
  }
}

/** How long a read of the whole configurations list serves other callers (the schema and the rules on connecting). */
const CONFIGURATION_LIST_FRESH_MS = 5000;

export class CloudXapi extends XapiSurface implements Xapi {
  readonly url: string;
  private _state: ConnectionState = 'open';
  /** The whole configurations list, read at `at` (allConfigurations). */
  private configurationList: { readonly at: number; readonly read: Promise<{ items: Readonly<Record<string, ConfigurationItem>>; trackingId?: string }> } | undefined;
  private queued: PendingRead[] = [];

  constructor(private readonly http: CloudHttp, readonly deviceId: string, readonly device: CloudDevice | undefined) {
    super();
    this.url = cloudUrl(deviceId);
    this.exposeApi(this.ops());
  }

  get isConnected(): boolean { return this._state === 'open'; }
  get state(): ConnectionState { return this._state; }
  get via(): 'webex' { return 'webex'; }

  /**
   * What the cloud tells of this device's schema: the JSON Schemas of its statuses and commands (`GET /xapi/schema`,
   * every key) and its configurations with their value spaces (`GET /deviceConfigurations`). schema/sources.ts
   * `fromCloudDevice` makes the schema model of them.
   */
  async schemaDocuments(): Promise<CloudSchemaDocuments> {
    this.open();
    const [schemas, configurations] = await Promise.all([
      this.http.request<readonly (CloudSchemaDocument & { deviceId?: string })[]>({
        op: 'schema', method: 'GET', path: CloudPath.schema,
        query: { deviceId: [this.deviceId], status: [ALL_KEYS], command: [ALL_KEYS] }, what: `the schema of Webex device ${this.deviceId}`,
      }),
      this.allConfigurations(),
    ]);
    const mine = (schemas.body ?? []).find(d => d.deviceId === this.deviceId) ?? schemas.body?.[0] ?? {};
    return { schema: mine, configurations: configurations.items };
  }

  /**
   * The configurations an organisation or location rule enforces on this device, by dotted key, with the rule's
   * reason: a view marks them read-only before anyone tries to write them.
   */
  async enforcedConfigurations(): Promise<Map<string, { reason: string; source: string }>> {
    this.open();
    const all = await this.allConfigurations();
    const out = new Map<string, { reason: string; source: string }>();
    for (const [key, item] of Object.entries(all.items)) {
      const rule = enforcement(item);
      if (rule) out.set(key, rule);
    }
    return out;
  }

  doc(): Promise<any> {
    return Promise.reject(new UnsupportedError('xDoc is not available over the Webex cloud: the device\'s schema comes from GET /xapi/schema and the published schema of its software', ClientErrorCode.Unsupported));
  }

  query(): Promise<any> {
    return Promise.reject(new UnsupportedError('xQuery is not available over the Webex cloud: read statuses by their names (status.get)', ClientErrorCode.Unsupported));
  }

  async close(): Promise<void> {
    if (this._state === 'closed') return;
    this._state = 'closed';
    for (const r of this.queued.splice(0)) r.reject(new ConnectionClosedError('closed by the client', ClientErrorCode.ConnectionClosed));
    await this.http.close();
    this.emit('disconnected', 'closed by the client');
  }

  dispose(): Promise<void> { return this.close(); }
  [Symbol.asyncDispose](): Promise<void> { return this.close(); }
  override toString(): string { return `[Xapi ${this.url} (${this._state})]`; }
  toJSON(): { url: string; state: ConnectionState } { return { url: this.url, state: this._state }; }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }

  private open(): void {
    if (this._state === 'closed') throw new ConnectionClosedError('the client was closed', ClientErrorCode.ConnectionClosed);
  }

  private ops(): XapiOps {
    return {
      command: (names, params, body, opts) => this.runCommand(names, params, body, opts),
      get: (path, opts) => {
        try { this.open(); } catch (e) { return Promise.reject(e); }
        const [root, ...names] = path;
        if (root === 'Status') return this.readStatus(names);
        if (root === 'Configuration') return this.readConfiguration(names, opts);
        return Promise.reject(new InvalidParameterError(`Only statuses and configurations can be read, not ${String(root)}`, ClientErrorCode.Usage));
      },
      set: (path, value, opts) => this.writeConfiguration(path.slice(1), value, opts),
      on: (): Subscription => { throw new UnsupportedError(NO_FEEDBACK, ClientErrorCode.Unsupported); },
    };
  }

  private async runCommand(names: PathSegment[], params: Record<string, unknown> | undefined, body: string | undefined, _opts?: CallOptions): Promise<CommandResult> {
    this.open();
    const args = commandParams(names, params) ?? {};
    const res = await this.http.request<{ result?: CommandResult }>({
      op: 'command', method: 'POST', path: `${CloudPath.command}/${names.map(String).join('.')}`,
      body: { deviceId: this.deviceId, arguments: args, ...(body !== undefined ? { body } : {}) },
      what: `xCommand ${names.join(' ')}`,
    });
    return (res.body?.result ?? {}) as CommandResult;
  }

  /** Reads made in the same tick go out together, ten names a request. */
  private readStatus(names: PathSegment[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.queued.push({ names, resolve, reject }) === 1) queueMicrotask(() => this.flushReads());
    });
  }

  private flushReads(): void {
    const all = this.queued.splice(0);
    const byKey = new Map<string, PendingRead[]>();
    for (const r of all) {
      const key = dottedKey(r.names);
      byKey.set(key, [...(byKey.get(key) ?? []), r]);
    }
    const keys = [...byKey.keys()];
    for (let i = 0; i < keys.length; i += MAX_STATUS_NAMES) {
      const batch = keys.slice(i, i + MAX_STATUS_NAMES);
      void this.readBatch(batch, byKey);
    }
  }

  private async readBatch(keys: string[], byKey: Map<string, PendingRead[]>): Promise<void> {
    try {
      const res = await this.http.request<{ result?: unknown }>({
        op: 'status', method: 'GET', path: CloudPath.status, query: { deviceId: this.deviceId, name: keys },
        what: `xStatus ${keys.map(k => byKey.get(k)![0].names.join(' ')).join(', ')}`,
      });
      // Each name looked up in the one merged tree (assumed.ts: multi-name status).
      for (const key of keys) {
        for (const r of byKey.get(key)!) {
          const value = valueAt(res.body?.result, r.names);
          if (value === undefined) {
            r.reject(new NotFoundError(`xStatus ${r.names.join(' ')}: Webex returned nothing for it: the device has no such status, or this token may not read it`, ClientErrorCode.Protocol, undefined, { trackingId: res.trackingId }));
          } else r.resolve(value);
        }
      }
    } catch (e) {
      for (const key of keys) for (const r of byKey.get(key)!) r.reject(e);
    }
  }

  /**
   * Every configuration item: one read shared by the callers that ask while it is under way or within a few seconds
   * of it (on connecting, the schema and the rules both want the list: one request, not two); a write forgets it.
   */
  private allConfigurations(): Promise<{ items: Readonly<Record<string, ConfigurationItem>>; trackingId?: string }> {
    const now = Date.now();
    if (!this.configurationList || now - this.configurationList.at > CONFIGURATION_LIST_FRESH_MS) {
      const read = this.configurations('', `the configurations of Webex device ${this.deviceId}`);
      this.configurationList = { at: now, read };
      read.catch(() => { if (this.configurationList?.read === read) this.configurationList = undefined; });
    }
    return this.configurationList.read;
  }

  /** Configuration items matching `key` (every item when empty). */
  private async configurations(key: string, what: string): Promise<{ items: Readonly<Record<string, ConfigurationItem>>; trackingId?: string }> {
    const res = await this.http.request<ConfigurationsBody>({
      op: 'configurationsRead', method: 'GET', path: CloudPath.configurations, query: { deviceId: this.deviceId, ...(key ? { key } : {}) }, what,
    });
    return { items: res.body?.items ?? {}, trackingId: res.trackingId };
  }

  /** A leaf's value, or a branch as a tree (its items read with a wildcard). */
  private async readConfiguration(names: PathSegment[], _opts?: CallOptions): Promise<unknown> {
    const key = dottedKey(names);
    const what = `xConfiguration ${names.join(' ')}`;
    const leaf = await this.configurations(key, what);
    const exact = Object.entries(leaf.items).find(([k]) => k.toLowerCase() === key.toLowerCase());
    if (exact) return exact[1].value;
    const branch = await this.configurations(key ? `${key}.*` : '*', what);
    const values = Object.fromEntries(Object.entries(branch.items).map(([k, item]) => [k, item.value]));
    const tree = valueAt(treeOfItems(values), names);
    if (tree === undefined) throw new NotFoundError(`${what}: the device has no such configuration`, ClientErrorCode.Protocol, undefined, { trackingId: branch.trackingId });
    return tree;
  }

  /**
   * Reverts a configuration to its default (JSON Patch `remove` of its configured value): what the cloud offers
   * and a device's own xAPI does not. `path` as for `config.set` (`'Audio DefaultVolume'`).
   */
  async revertConfiguration(path: PathInput): Promise<void> {
    const names = normalizePath(path);
    if (names.length && rootOf(String(names[0])) === 'Configuration') names.shift();
    await this.patchConfiguration(names, { op: 'remove' });
  }

  private async writeConfiguration(names: PathSegment[], value: unknown, _opts?: CallOptions): Promise<void> {
    await this.patchConfiguration(names, { op: 'replace', value: configValue(names, value) });
  }

  /** One JSON Patch operation on a configuration's configured value; a rule that holds it is a ConfigurationEnforcedError. */
  private async patchConfiguration(names: PathSegment[], change: { op: 'replace'; value: string | number } | { op: 'remove' }): Promise<void> {
    this.open();
    this.configurationList = undefined;
    const key = dottedKey(names);
    const what = `xConfiguration ${names.join(' ')}`;
    let written: ConfigurationsBody | undefined;
    let trackingId: string | undefined;
    try {
      const res = await this.http.request<ConfigurationsBody>({
        op: 'configurationsWrite', method: 'PATCH', path: CloudPath.configurations, query: { deviceId: this.deviceId },
        contentType: JSON_PATCH_TYPE, body: [{ ...change, path: `${key}${CONFIGURED_VALUE}` }], what,
      });
      written = res.body;
      trackingId = res.trackingId;
    } catch (e) {
      // Refused: if a rule manages the value, say so (the cloud's text need not).
      if (e instanceof XapiError && !(e instanceof ConnectionClosedError)) {
        const item = await this.configurations(key, what).then(r => itemOf(r.items, key), () => undefined);
        const rule = item && enforcement(item);
        if (rule) throw enforcedError(what, rule, e.trackingId);
      }
      throw e;
    }
    const item = written?.items ? itemOf(written.items, key) : undefined;
    const rule = item && enforcement(item);
    if (rule && (change.op === 'remove' || String(item.value) !== String(change.value))) throw enforcedError(what, rule, trackingId);
  }
}

function itemOf(items: Readonly<Record<string, ConfigurationItem>>, key: string): ConfigurationItem | undefined {
  return Object.entries(items).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
}

/** The rule that keeps a configuration from being written on the device, if one does. */
export function enforcement(item: ConfigurationItem): { reason: string; source: string } | undefined {
  // The enforcing source names the rule (real devices); else the device's own source says it is managed elsewhere (the spec).
  for (const [name, source] of Object.entries(item.sources ?? {})) {
    if (source.enforced && name !== 'configured') return { reason: source.editability?.reason ?? EditReason.rule, source: name };
  }
  const configured = item.sources?.configured?.editability;
  if (configured && !configured.isEditable && configured.reason && RULE_REASONS.has(configured.reason)) return { reason: configured.reason, source: item.source };
  return undefined;
}

function enforcedError(what: string, rule: { reason: string; source: string }, trackingId: string | undefined): ConfigurationEnforcedError {
  return new ConfigurationEnforcedError(`${what}: the value is enforced by ${rule.source === 'organizationRule' ? 'an organisation or location rule' : `the ${rule.source} source`} (${rule.reason}) and cannot be written on this device; change the rule in Control Hub`, rule.reason, { trackingId });
}
