/**
 * Where schemas come from: a file, a published version (downloaded once and cached on disk),
 * a connected device's xDoc, or the built-in core schema. Each returns the normalised model.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SchemaError } from './errors';
import { parsePublishedSchema } from './load/published';
import { parseXdocSchema, XdocDocuments, XdocNode } from './load/xdoc';

export type { XdocDocuments } from './load/xdoc';
import { Schema } from './model';
import { parseCloudSchema, type CloudSchemaInput } from './load/cloud';

const PUBLISHED_PREFIX = 'roomos-xapi-schema-';
export const DEFAULT_PUBLISHED_BASE_URL = 'https://roomos.cisco.com/api/schema';

/** `roomos-xapi-schema-11.27.2.0.json` → `11.27.2.0`; other names lose only `.json`. */
export function labelFromFileName(file: string): string {
  let base = path.basename(file);
  if (base.toLowerCase().endsWith('.json')) base = base.slice(0, -5);
  if (base.startsWith(PUBLISHED_PREFIX)) base = base.slice(PUBLISHED_PREFIX.length);
  return base;
}

/** The file name a published version is stored under (same as upstream). */
export function publishedFileName(version: string): string {
  return `${PUBLISHED_PREFIX}${version}.json`;
}

function parseJson(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new SchemaError(label, `not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

const XDOC_KEYS = ['Command', 'Configuration', 'StatusSchema', 'Status', 'Event'];

/**
 * Parses schema JSON of either format: `{objects:[…]}` (roomos.cisco.com) or an xDoc tree with
 * one or several of the roots `Command`, `Configuration`, `StatusSchema`/`Status`, `Event`.
 */
export function parseSchemaJson(json: unknown, label: string): Schema {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new SchemaError(label, 'expected a JSON object: {"objects": [...]} or an xDoc tree with Command/Configuration/StatusSchema/Event roots');
  }
  const o = json as Record<string, unknown>;
  if ('objects' in o) return parsePublishedSchema(json, label);
  if (XDOC_KEYS.some(k => k in o)) return parseXdocSchema(o as XdocDocuments, label);
  const keys = Object.keys(o).slice(0, 5).join(', ') || 'none';
  throw new SchemaError(label, `unknown schema format: expected an "objects" array or Command/Configuration/StatusSchema/Event roots (top-level keys: ${keys})`);
}

export async function fromFile(file: string): Promise<Schema> {
  const label = labelFromFileName(file);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SchemaError(file, code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? String(e)})`);
  }
  try {
    const schema = parseSchemaJson(parseJson(text, label), label);
    return { ...schema, source: 'file' };
  } catch (e) {
    // Name the file as given, so the user can find it.
    if (e instanceof SchemaError) throw new SchemaError(file, e.detail);
    throw e;
  }
}

export interface PublishedOptions {
  /** Where downloaded schemas are kept; default `$XDG_CACHE_HOME/xapi-workbench/schemas` or `~/.cache/xapi-workbench/schemas`. */
  cacheDir?: string;
  /** Default `https://roomos.cisco.com/api/schema`; the version is appended as one path segment. */
  baseUrl?: string;
  /** A folder of `roomos-xapi-schema-<version>.json` files to seed the cache from; default `$XAPI_SCHEMA_DIR`. */
  seedDir?: string;
  /** Replaces the global `fetch` (e.g. to add a proxy). */
  fetchImpl?: typeof fetch;
  /** Download timeout, default 30 s. */
  timeoutMs?: number;
  /** Never download: only the cache and the seed folder are used. */
  offline?: boolean;
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'xapi-workbench', 'schemas');
}

/** Versions are file and URL segments: refuse anything that could escape either. */
const VERSION_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Write to a temporary name, then rename: a reader never sees half a file, even with parallel writers. */
async function writeAtomically(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await fs.writeFile(tmp, text);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

function tryParsePublished(text: string, version: string): Schema | undefined {
  try {
    return parsePublishedSchema(JSON.parse(text), version);
  } catch {
    return undefined;
  }
}

/**
 * A published schema by version name (e.g. `11.27.2.0`): from the on-disk cache, else from the
 * seed folder (copied into the cache), else downloaded from `<baseUrl>/<version>` and cached.
 * A cached file that no longer parses is replaced.
 */
export function fromPublished(version: string, opts: PublishedOptions = {}): Promise<Schema> {
  if (!VERSION_RE.test(version)) return Promise.reject(new SchemaError(version, 'not a valid version name (letters, digits, ".", "-", "_")'));
  const cacheFile = path.join(opts.cacheDir ?? defaultCacheDir(), publishedFileName(version));
  // Callers asking for the same file at the same time share one read or download.
  let pending = inflight.get(cacheFile);
  if (!pending) {
    pending = loadPublished(version, cacheFile, opts).finally(() => inflight.delete(cacheFile));
    inflight.set(cacheFile, pending);
  }
  return pending;
}

const inflight = new Map<string, Promise<Schema>>();

async function loadPublished(version: string, cacheFile: string, opts: PublishedOptions): Promise<Schema> {
  const cacheDir = path.dirname(cacheFile);
  const seedDir = opts.seedDir ?? process.env.XAPI_SCHEMA_DIR;

  const cached = await readIfPresent(cacheFile);
  if (cached !== undefined) {
    const schema = tryParsePublished(cached, version);
    if (schema) return schema;
    await fs.rm(cacheFile, { force: true });
  }

  if (seedDir) {
    const seeded = await readIfPresent(path.join(seedDir, publishedFileName(version)));
    if (seeded !== undefined) {
      const schema = parsePublishedSchema(parseJson(seeded, version), version);
      await writeAtomically(cacheFile, seeded).catch(() => undefined); // a read-only cache is not fatal
      return schema;
    }
  }

  if (opts.offline) throw new SchemaError(version, `not in the cache (${cacheDir})${seedDir ? ` or ${seedDir}` : ''} and downloads are off`);
  const baseUrl = (opts.baseUrl ?? DEFAULT_PUBLISHED_BASE_URL).replace(/\/+$/, '');
  const url = `${baseUrl}/${encodeURIComponent(version)}`;
  const text = await download(url, opts.fetchImpl ?? fetch, opts.timeoutMs ?? 30_000);
  const schema = parsePublishedSchema(parseJson(text, url), version);
  await writeAtomically(cacheFile, text).catch(() => undefined);
  return schema;
}

async function download(url: string, fetchImpl: typeof fetch, timeoutMs: number): Promise<string> {
  let res: Response;
  try {
    res = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  } catch (e) {
    const why = e instanceof Error ? (e.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : e.message) : String(e);
    throw new SchemaError(url, `download failed: ${why}`, undefined, { cause: e });
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new SchemaError(url, `download failed: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`, res.status);
  }
  return res.text();
}

/** What `xapi.doc(path)` gives: the `xDoc` answer for a root. */
/** Asks the device for one xDoc root; resolves `undefined` when the device has none for this user. */
export type XdocFetcher = (path: string[]) => Promise<unknown>;

const DEVICE_ROOTS: [string, keyof XdocDocuments, string[]][] = [
  ['Command', 'Command', ['Command']],
  ['Configuration', 'Configuration', ['Configuration']],
  ['Status', 'StatusSchema', ['StatusSchema', 'Status']],
  ['Event', 'Event', ['Event']],
];

function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * A device's own schema through four `xDoc` requests. The answer may be the subtree itself or
 * wrapped in its root key (jsxapi stores Status as `StatusSchema`). The fetcher resolves `undefined`
 * for a root the device does not have for this user (the client's `xdocFetcher(xapi)` decides which
 * device answers mean that; this layer knows nothing of the wire); any rejection fails the whole read
 * with a SchemaError whose `cause` is that error.
 */
export async function fromDevice(doc: XdocFetcher, label: string): Promise<Schema> {
  return { ...parseXdocSchema(await fetchDeviceDocuments(doc, label), label), source: 'device' };
}

/**
 * The device's xDoc documents as `fromDevice` reads them, unparsed: for a client that keeps them (a cache keyed
 * by software version) or hands them on (the language server's `xapi/setDeviceSchema`).
 */
export async function fetchDeviceDocuments(doc: XdocFetcher, label: string): Promise<XdocDocuments> {
  const docs: Record<string, XdocNode> = {};
  for (const [root, key, wrappers] of DEVICE_ROOTS) {
    let answer: unknown;
    try {
      answer = await doc([root]);
    } catch (e) {
      throw new SchemaError(label, `xDoc ${root} failed: ${reasonOf(e)}`, undefined, { cause: e });
    }
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) continue;
    const wrapped = wrappers.map(w => (answer as Record<string, unknown>)[w]).find(x => typeof x === 'object' && x !== null);
    docs[key] = (wrapped ?? answer) as XdocNode;
  }
  if (Object.keys(docs).length === 0) throw new SchemaError(label, 'the device answered none of the xDoc requests');
  return docs;
}

/**
 * A cloud device's schema from what the Webex cloud gives (its statuses' and commands' JSON Schemas, its
 * configurations' value spaces) and the published schema of its software, when one can be had, for events,
 * descriptions and roles (load/cloud.ts).
 */
export function fromCloudDevice(input: CloudSchemaInput): Schema {
  return parseCloudSchema(input);
}

/**
 * The built-in core schema. Loaded on first use so that loading a published schema does not
 * also pay for building the core one.
 */
export function core(): Schema {
  const mod: typeof import('./core/index') = require('./core/index');
  return mod.coreSchema();
}
