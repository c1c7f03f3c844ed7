/**
 * Which schema the language server uses, and under which cache key: the device's schema over the
 * `xapi.schema.source` setting over the built-in core schema; files versus published versions; where
 * downloaded schemas are cached. Pure: it takes what the client said and returns a decision; reading
 * files and downloading is server/schemaLoader.ts, talking LSP is server/lsp.ts.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Schema } from '../schema/model';
import { resolveProduct } from '../schema/products';
import { defaultCacheDir, publishedFileName } from '../schema/sources';
import type { XapiInitializationOptions, XapiServerSettings } from './contract';

/** The schema the connected device handed over (`xapi/setDeviceSchema`), already parsed. */
export interface DeviceSchema {
  schema: Schema;
  product?: string;
}

export type SchemaSource =
  | { kind: 'core' }
  | { kind: 'device'; schema: Schema }
  /** An absolute path. */
  | { kind: 'file'; file: string }
  /** `cacheDir` undefined: the default cache of schema/sources.ts. */
  | { kind: 'published'; version: string; cacheDir?: string };

export interface SchemaPolicyInput {
  settings: XapiServerSettings;
  device?: DeviceSchema;
  /** `initializationOptions.schemaCacheDir`, kept apart because settings replace each other whole. */
  initCacheDir?: string;
  /** Relative paths resolve here: the first workspace folder, else the server's working directory. */
  baseDir: string;
}

export interface SchemaDecision {
  source: SchemaSource;
  /** The product in force (code or name, as given), undefined for all products. */
  product?: string;
  /** What was asked for, for messages: `device`, or the setting as the user wrote it (trimmed). */
  requested: string;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * Settings as the client sent them, keeping only well-typed fields: a number where a path belongs is
 * ignored rather than crashing the schema switch. Accepts `{ xapi: {…} }` (most clients) and the bare
 * section (Helix sends its `config` table as is); undefined when neither shape is there.
 */
export function settingsFrom(raw: unknown): XapiServerSettings | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const section = 'xapi' in raw ? (raw as { xapi: unknown }).xapi : 'schema' in raw ? raw : undefined;
  if (!section || typeof section !== 'object') return undefined;
  const schema = (section as { schema?: unknown }).schema;
  if (!schema || typeof schema !== 'object') return {};
  const s = schema as Record<string, unknown>;
  const out: NonNullable<XapiServerSettings['schema']> = {};
  for (const k of ['source', 'product', 'cacheDir'] as const) if (typeof s[k] === 'string') out[k] = s[k];
  return { schema: out };
}

/** The schema-related initialization options, typed (see `settingsFrom`). */
export function initOptionsFrom(raw: unknown): Pick<XapiInitializationOptions, 'schemaCacheDir' | 'diagnosticsDelay'> & { settings?: XapiServerSettings } {
  if (!raw || typeof raw !== 'object') return {};
  const o = raw as Record<string, unknown>;
  return {
    ...(text(o.schemaCacheDir) ? { schemaCacheDir: text(o.schemaCacheDir) } : {}),
    ...(typeof o.diagnosticsDelay === 'number' && o.diagnosticsDelay >= 0 ? { diagnosticsDelay: o.diagnosticsDelay } : {}),
    ...('schema' in o ? { settings: settingsFrom({ xapi: o }) } : {}),
  };
}

/** A setting that names a file rather than a published version. */
export function isFilePath(source: string): boolean {
  return /[\\/]/.test(source) || /\.json$/i.test(source) || source.startsWith('file:');
}

function resolvePath(p: string, baseDir: string): string {
  return p.startsWith('file:') ? fileURLToPath(p) : path.resolve(baseDir, p);
}

/** The cache folder for published schemas: the setting, else the initialization option, else the default. */
export function schemaCacheDir(input: Pick<SchemaPolicyInput, 'settings' | 'initCacheDir' | 'baseDir'>): string | undefined {
  const dir = text(input.settings.schema?.cacheDir) ?? text(input.initCacheDir);
  return dir ? resolvePath(dir, input.baseDir) : undefined;
}

export function decideSchema(input: SchemaPolicyInput): SchemaDecision {
  const requested = text(input.settings.schema?.source) ?? 'core';
  // With a device schema, its product (when it sent one) wins over the setting.
  const inForce = text(input.device?.product ?? input.settings.schema?.product);
  let source: SchemaSource;
  if (input.device) source = { kind: 'device', schema: input.device.schema };
  else if (requested === 'core') source = { kind: 'core' };
  else if (isFilePath(requested)) source = { kind: 'file', file: resolvePath(requested, input.baseDir) };
  else source = { kind: 'published', version: requested, cacheDir: schemaCacheDir(input) };
  return { source, requested: input.device ? 'device' : requested, ...(inForce ? { product: inForce } : {}) };
}

/**
 * The key under which a loaded index may be reused. A file's includes its modification time and size
 * (when it could be stat'ed), so an edited file is read again; a published one its cache folder. Device
 * schemas are compared by identity (each `xapi/setDeviceSchema` is a new one), not by key.
 */
export function cacheKey(source: SchemaSource, stat?: { mtimeMs: number; size: number }): string {
  switch (source.kind) {
    case 'core': return 'core';
    case 'device': return 'device';
    case 'file': return stat ? `file:${source.file}\u0000${stat.mtimeMs}\u0000${stat.size}` : `file:${source.file}`;
    case 'published': return `published:${source.version}\u0000${source.cacheDir ?? ''}`;
  }
}

/** What users read when the requested schema could not be loaded. */
export function loadFailureMessage(requested: string, error: unknown): string {
  return `Could not load schema '${requested}': ${error instanceof Error ? error.message : String(error)}. Using the built-in core schema.`;
}

/** True when `product` is neither a known product (code or name) nor one the schema lists. */
export function isUnknownProduct(product: string, schemaProducts: readonly string[]): boolean {
  return !resolveProduct(product) && !schemaProducts.includes(product);
}

/** The file a schema source is read from (a published version: its cache file), for the host to read the same. */
export function sourceFile(source: SchemaSource): string | undefined {
  if (source.kind === 'file') return source.file;
  if (source.kind === 'published') return path.join(source.cacheDir ?? defaultCacheDir(), publishedFileName(source.version));
  return undefined;
}
