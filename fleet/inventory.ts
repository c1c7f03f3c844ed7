/**
 * A fleet's inventory: the rooms, as YAML or CSV. Each device has a name, a URL (`wss://host`, a bare host, or
 * `webex://DEVICE_ID`), tags, optionally a product, a user, and credentials **by reference only**
 * (`password: env:NAME`, or `secret:GROUP` for the extension's secret storage) — a password written in the file
 * is refused, so an inventory can be shared and committed. A device with a self-signed certificate is trusted
 * through its recorded SHA-256 `fingerprint`, never through a blanket "insecure".
 *
 *   defaults: { username: admin, password: env:ROOM_PASSWORD }
 *   devices:
 *     - { name: Boardroom 1, url: 10.0.0.5, tags: [boardroom, floor-2], product: Room Kit }
 *     - { name: Lobby, url: "webex://Y2lzY29zcGFyazovL3…", tags: [lobby] }
 *
 * CSV: a header row `name,url,tags,product,username,password,fingerprint` (tags separated by `;` or spaces).
 */
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { isMap, isSeq, parse as parseYaml, parseDocument } from 'yaml';
import { cloudDeviceId, cloudUrl } from '../xapi/cloud/cloudClient';
import type { CloudDevice } from '../xapi/cloud/webexApi';

/** Where a device's password comes from: an environment variable, or a group in the extension's secret storage. */
export type CredentialRef = { readonly kind: 'env'; readonly name: string } | { readonly kind: 'secret'; readonly group: string };

export interface InventoryDevice {
  readonly name: string;
  /** `wss://host/ws` (a bare host made so), or `webex://DEVICE_ID`. */
  readonly url: string;
  readonly tags: readonly string[];
  readonly product?: string;
  readonly username?: string;
  readonly password?: CredentialRef;
  /** SHA-256 fingerprint (`AB:CD:…`) of the certificate this device presents: trusted for it alone. */
  readonly fingerprint?: string;
}

export interface Inventory {
  readonly devices: readonly InventoryDevice[];
  /** The file it was read from, for messages. */
  readonly source: string;
}

/** A problem in an inventory, naming the file and the device (or row) it is in. */
export class InventoryError extends Error {
  override readonly name = 'InventoryError';
}

const FIELDS = ['name', 'url', 'tags', 'product', 'username', 'password', 'fingerprint'] as const;
const FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;
const LOGIN_FIELDS = ['username', 'password', 'fingerprint'];

/** `env:NAME` or `secret:GROUP`; anything else is a password written in the file, and refused. */
export function credentialRef(text: string, where: string): CredentialRef {
  const m = /^(env|secret):([A-Za-z_][\w.-]*)$/.exec(text.trim());
  if (!m) throw new InventoryError(`${where}: a password is given by reference, env:NAME or secret:GROUP, never written in the inventory`);
  return m[1] === 'env' ? { kind: 'env', name: m[2] } : { kind: 'secret', group: m[2] };
}

/** A bare host or host:port → `wss://host/ws`; `ws(s)://` and `webex://` as they are. */
function deviceUrl(text: string, where: string): string {
  const t = text.trim();
  if (cloudDeviceId(t) !== undefined) {
    if (!cloudDeviceId(t)) throw new InventoryError(`${where}: webex:// needs the device's id`);
    return t;
  }
  if (/^wss?:\/\//i.test(t)) return t;
  if (/^[\w.-]+(:\d+)?$/.test(t) || /^\[[\da-f:]+\](:\d+)?$/i.test(t)) return `wss://${t}/ws`;
  throw new InventoryError(`${where}: "${t}" is not a device address (a host, wss://host, or webex://DEVICE_ID)`);
}

function text(value: unknown, field: string, where: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw new InventoryError(`${where}: ${field} must be text`);
}

function tagsOf(value: unknown, where: string): string[] {
  if (value === undefined || value === null || value === '') return [];
  const list = Array.isArray(value) ? value : String(value).split(/[;\s]+/);
  return list.map(t => {
    if (typeof t !== 'string' && typeof t !== 'number') throw new InventoryError(`${where}: tags must be words`);
    return String(t).trim();
  }).filter(Boolean);
}

function deviceOf(raw: Record<string, unknown>, defaults: Record<string, unknown>, where: string): InventoryDevice {
  const unknownField = Object.keys(raw).find(k => !(FIELDS as readonly string[]).includes(k));
  if (unknownField) throw new InventoryError(`${where}: unknown field "${unknownField}" (fields: ${FIELDS.join(', ')})`);
  const name = text(raw.name, 'name', where);
  if (!name) throw new InventoryError(`${where}: a device needs a name`);
  const at = `${where} (${name})`;
  const url = text(raw.url, 'url', at);
  if (!url) throw new InventoryError(`${at}: a device needs a url`);
  // The defaults' user, password and certificate are a local device's: a webex:// one uses the Webex token.
  const cloud = cloudDeviceId(url.trim()) !== undefined;
  const get = (f: string) => text(f in raw ? raw[f] : cloud && LOGIN_FIELDS.includes(f) ? undefined : defaults[f], f, at);
  const password = get('password');
  const fingerprint = get('fingerprint')?.toUpperCase();
  if (fingerprint !== undefined && !FINGERPRINT.test(fingerprint)) throw new InventoryError(`${at}: fingerprint must be a SHA-256 fingerprint (AB:CD:… , 32 bytes): xapi fleet trust records it`);
  const device: InventoryDevice = {
    name, url: deviceUrl(url, at), tags: [...new Set([...tagsOf(defaults.tags, at), ...tagsOf(raw.tags, at)])],
    ...(get('product') ? { product: get('product') } : {}),
    ...(get('username') ? { username: get('username') } : {}),
    ...(password ? { password: credentialRef(password, at) } : {}),
    ...(fingerprint ? { fingerprint } : {}),
  };
  if (cloudDeviceId(device.url) !== undefined && (device.password || device.username || device.fingerprint)) {
    throw new InventoryError(`${at}: a webex:// device is reached with a Webex token (WEBEX_TOKEN), not a user, password or certificate`);
  }
  return device;
}

function checked(devices: InventoryDevice[], source: string): Inventory {
  const seen = new Map<string, number>();
  for (const d of devices) {
    const key = d.name.toLowerCase();
    if (seen.has(key)) throw new InventoryError(`${source}: the name "${d.name}" is used twice (names identify devices in reports and journals)`);
    seen.set(key, 1);
  }
  return { devices, source };
}

/** An inventory from its text; `format` from the file's extension (`.csv`, else YAML). */
export function parseInventory(body: string, source: string, format: 'yaml' | 'csv' = /\.csv$/i.test(source) ? 'csv' : 'yaml'): Inventory {
  if (format === 'csv') {
    let rows: Record<string, string>[];
    try {
      rows = parseCsv(body, { columns: (h: string[]) => h.map(c => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, comment: '#' });
    } catch (e) {
      throw new InventoryError(`${source}: not CSV: ${(e as Error).message}`);
    }
    return checked(rows.map((r, i) => deviceOf(r, {}, `${source} row ${i + 2}`)), source);
  }
  let doc: unknown;
  try {
    doc = parseYaml(body);
  } catch (e) {
    throw new InventoryError(`${source}: not YAML: ${(e as Error).message}`);
  }
  const root = (Array.isArray(doc) ? { devices: doc } : doc) as { devices?: unknown; defaults?: unknown } | null;
  if (!root || typeof root !== 'object' || !Array.isArray(root.devices)) throw new InventoryError(`${source}: expected a "devices:" list`);
  const defaults = (root.defaults ?? {}) as Record<string, unknown>;
  if (typeof defaults !== 'object' || Array.isArray(defaults)) throw new InventoryError(`${source}: "defaults:" must be a map`);
  const badDefault = Object.keys(defaults).find(k => k === 'name' || k === 'url' || !(FIELDS as readonly string[]).includes(k));
  if (badDefault) throw new InventoryError(`${source}: "${badDefault}" cannot be a default`);
  return checked(root.devices.map((d, i) => {
    if (typeof d !== 'object' || d === null || Array.isArray(d)) throw new InventoryError(`${source} device ${i + 1}: expected a map of fields`);
    return deviceOf(d as Record<string, unknown>, defaults, `${source} device ${i + 1}`);
  }), source);
}

export function readInventory(file: string): Inventory {
  let body: string;
  try {
    body = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InventoryError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseInventory(body, file);
}

/** Which devices a run takes: all tags given (AND), names and product by glob (`*`, `?`, any case). */
export interface Selection {
  readonly tags?: readonly string[];
  readonly names?: readonly string[];
  readonly product?: string;
}

export function globMatcher(glob: string): (s: string) => boolean {
  const re = new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return s => re.test(s);
}

export function selectDevices(inventory: Inventory, s: Selection): InventoryDevice[] {
  const names = (s.names ?? []).map(globMatcher);
  const product = s.product === undefined ? undefined : globMatcher(s.product);
  return inventory.devices.filter(d =>
    (s.tags ?? []).every(t => d.tags.some(x => x.toLowerCase() === t.toLowerCase()))
    && (!names.length || names.some(m => m(d.name)))
    && (!product || (d.product !== undefined && product(d.product))));
}

/**
 * Records fingerprints in a YAML inventory (`xapi fleet trust`), keeping its comments and layout: the device's
 * `fingerprint:` is set, or replaced. CSV inventories are edited by hand (a `fingerprint` column).
 */
export function recordFingerprints(body: string, source: string, fingerprints: ReadonlyMap<string, string>): string {
  if (/\.csv$/i.test(source)) throw new InventoryError(`${source}: fingerprints are recorded in YAML inventories; add a fingerprint column to a CSV one by hand`);
  const doc = parseDocument(body);
  const devices = doc.get('devices');
  if (!isSeq(devices)) throw new InventoryError(`${source}: expected a "devices:" list`);
  for (const item of devices.items) {
    if (!isMap(item)) continue;
    const fp = fingerprints.get(String(item.get('name')).toLowerCase());
    if (fp) item.set('fingerprint', fp);
  }
  return doc.toString();
}

/**
 * Devices the Webex cloud lists, as an inventory: by display name, tags and product as the cloud says them. Names
 * identify devices in reports and journals: a name two devices share gets the end of each one's id.
 */
export function cloudDevicesInventory(found: readonly CloudDevice[], source: string): Inventory {
  const shared = new Set(found.map(d => d.displayName.toLowerCase()).filter((n, i, all) => all.indexOf(n) !== i));
  return {
    source,
    devices: found.map(d => ({
      name: shared.has(d.displayName.toLowerCase()) ? `${d.displayName} [${d.id.slice(-8)}]` : d.displayName,
      url: cloudUrl(d.id), tags: [...(d.tags ?? [])], ...(d.product ? { product: d.product } : {}),
    })),
  };
}
