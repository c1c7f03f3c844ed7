/** `--schema FILE | --version V` and `--product P`: the one way the CLI commands pick a schema and a product. */
import { UsageError } from './command';
import { Schema } from '../schema/model';
import { PRODUCT_NAMES, resolveProduct } from '../schema/products';
import { SchemaIndex } from '../schema/schemaIndex';
import { core, defaultCacheDir, fromFile, fromPublished, PublishedOptions } from '../schema/sources';

export interface SchemaOptions {
  readonly schema?: string;
  readonly version?: string;
  readonly product?: string;
}

export interface LoadedSchema {
  readonly schema: Schema;
  /** The product code `--product` names; undefined without `--product`. */
  readonly product?: string;
}

let builtIn: SchemaIndex | undefined;
/** The built-in core schema's index, built once: what run and repl translate with when nothing better is known. */
export function coreIndex(): SchemaIndex {
  return (builtIn ??= new SchemaIndex(core()));
}

/** Both sources at once is a usage error; call it while parsing, before anything slow happens. */
export function checkSchemaOptions(o: SchemaOptions): void {
  if (o.schema !== undefined && o.version !== undefined) throw new UsageError('give either --schema or --version, not both');
}

/** Published schemas: the cache and seed folder and offline switch the environment names (XAPI_SCHEMA_DIR, XAPI_SCHEMA_OFFLINE). */
export function publishedOptions(env: NodeJS.ProcessEnv): PublishedOptions {
  return { seedDir: env.XAPI_SCHEMA_DIR, cacheDir: defaultCacheDir(env), offline: env.XAPI_SCHEMA_OFFLINE === '1' };
}

/** A product code (`hopen`), a name (`Room Kit`) or a code only this schema knows → its code; else a UsageError. */
export function resolveProductOption(given: string, schema: Schema): string {
  const code = resolveProduct(given) ?? (new SchemaIndex(schema).products().includes(given) ? given : undefined);
  if (code) return code;
  const examples = Object.entries(PRODUCT_NAMES).slice(0, 3).map(([c, n]) => `${c} ("${n}")`).join(', ');
  throw new UsageError(`unknown product '${given}' (use a code or a name, e.g. ${examples})`);
}

/**
 * The schema `--schema FILE` or `--version V` names, else the built-in core schema; with `product`,
 * also its resolved code. Schema load failures reject with the loader's error, bad options with a UsageError.
 */
export async function loadSchemaFromOptions(o: SchemaOptions, env: NodeJS.ProcessEnv = process.env): Promise<LoadedSchema> {
  checkSchemaOptions(o);
  const schema = o.schema !== undefined ? await fromFile(o.schema)
    : o.version !== undefined ? await fromPublished(o.version, publishedOptions(env))
      : core();
  return { schema, product: o.product === undefined ? undefined : resolveProductOption(o.product, schema) };
}
