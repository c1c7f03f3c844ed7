/** `xapi schema show PATH` and `xapi schema diff A B`: look into a schema and compare two. */
import { existsSync } from 'node:fs';
import { numberOption, parseOptions } from '../args';
import { CliCommand, CliIO, UsageError } from '../command';
import { checkSchemaOptions, loadSchemaFromOptions, publishedOptions, resolveProductOption, SchemaOptions } from '../schemaOption';
import { formatFields, formatParam, formatSegments, formatValueSpace } from '../../schema/describe';
import { diffSchemas, formatDiff } from '../../schema/diff';
import { kindOfRoot } from '../../schema/kinds';
import { NODE_KINDS, NodeKind, NodeVariant, Schema, SchemaNode } from '../../schema/model';
import { PathItem, splitPath } from '../../schema/path';
import { productName } from '../../schema/products';
import { SchemaIndex } from '../../schema/schemaIndex';
import { variantsFor } from '../../schema/variants';
import { core, fromFile, fromPublished } from '../../schema/sources';
import { loadDeviceSchema } from '../deviceSchema';

const USAGE = `Usage:
  xapi schema show PATH [--kind KIND] [--schema FILE | --version V | --device URL] [--product P] [--json]
  xapi schema diff A B [--json] [--limit N]

show: one node of the schema with its kind, value space, parameters or event fields,
products (by name), roles and variants. PATH is written as in xCLI, optionally starting with
the kind: "Audio Volume", "xStatus Call Status", "Configuration Audio DefaultVolume".
A path that is a branch lists its children.

diff: nodes added, removed and changed (value space, params, products, roles, multiline)
from schema A to schema B. A and B are schema files, published version names
(e.g. 10.19.4.2, 11.27.2.0), "core", or a device: wss://HOST (password from XAPI_PASSWORD or a
prompt) or webex://DEVICE_ID (token from WEBEX_TOKEN or a prompt) — what the device really has.

Options:
  --kind KIND      Command, Configuration, Status or Event (default: every kind that has PATH)
  --schema FILE    a schema file (roomos.cisco.com JSON or a device xDoc tree)
  --version V      a published RoomOS schema by version (cached; seeded from $XAPI_SCHEMA_DIR)
  --device URL     a device's own schema: over xDoc (host or wss:// URL, user admin), or a Webex
                   cloud device (webex://ID) pieced together from the cloud and its published schema
  --product P      product code or name (e.g. hopen, "Room Kit"): only its variant
  --json           machine-readable output
  --limit N        diff: at most N lines per section in the text output

Exit codes: 0 ok, 1 not found or schema error, 2 bad arguments.
`;

interface Args extends SchemaOptions {
  positional: string[];
  /** `--device URL`: a device's own schema (show). */
  device?: string;
  kind?: NodeKind;
  json: boolean;
  limit?: number;
}

function parseSchemaArgs(argv: string[]): Args {
  const { values, positionals } = parseOptions(argv, {
    json: { type: 'boolean' }, kind: { type: 'string' }, schema: { type: 'string' }, version: { type: 'string' },
    product: { type: 'string' }, limit: { type: 'string' }, device: { type: 'string' },
  });
  let kind: NodeKind | undefined;
  if (values.kind !== undefined) {
    kind = kindOfRoot(values.kind);
    if (!kind) throw new UsageError(`--kind must be one of ${NODE_KINDS.join(', ')}, got '${values.kind}'`);
  }
  const a: Args = {
    positional: positionals, kind, schema: values.schema, version: values.version, device: values.device, product: values.product, json: values.json ?? false,
    limit: values.limit === undefined ? undefined : numberOption('--limit', values.limit, { min: 0, integer: true }),
  };
  checkSchemaOptions(a);
  if (a.device !== undefined && (a.schema !== undefined || a.version !== undefined)) throw new UsageError('give one of --schema FILE, --version V or --device URL');
  return a;
}

/** A diff operand: an existing file, `core`, a device (`wss://…`, `webex://…`), or a published version name. */
async function loadOperand(spec: string, io: CliIO): Promise<Schema> {
  if (spec === 'core') return core();
  if (/^(wss?|webex):\/\//i.test(spec)) return loadDeviceSchema({ device: spec, command: 'xapi schema' }, io);
  if (existsSync(spec) || spec.endsWith('.json')) return fromFile(spec);
  return fromPublished(spec, publishedOptions(io.env));
}

/** `--device URL` for show: the device's own schema, and `--product` checked against it. */
async function deviceOperand(device: string, product: string | undefined, io: CliIO): Promise<{ schema: Schema; product?: string }> {
  const schema = await loadDeviceSchema({ device, command: 'xapi schema' }, io);
  return { schema, product: product === undefined ? undefined : resolveProductOption(product, schema) };
}

/** A leading kind word (`xStatus Audio Volume`) is taken off the path. */
function splitKind(words: string[]): { kind?: NodeKind; path: PathItem[] } {
  const items = splitPath(words.join(' '));
  const first = typeof items[0] === 'string' ? kindOfRoot(items[0]) : undefined;
  return first ? { kind: first, path: items.slice(1) } : { path: items };
}

function productsText(v: NodeVariant): string {
  if (v.products.length === 0) return 'all products';
  return `${v.products.map(productName).join(', ')} (${v.products.length})`;
}

function renderNode(node: SchemaNode, variants: NodeVariant[], schema: Schema): string[] {
  const lines = [`${node.kind} ${node.normPath}    (schema ${schema.version})`];
  for (const v of variants) {
    lines.push(variants.length > 1 || node.variants.length > 1 ? `  variant ${node.variants.indexOf(v) + 1} of ${node.variants.length}` : '  variant');
    lines.push(`    path: ${formatSegments(v.path)}`);
    lines.push(`    products: ${productsText(v)}`);
    if (v.valueSpace) lines.push(`    value space: ${formatValueSpace(v.valueSpace)}`);
    if (v.valueSpace?.type === 'Literal') {
      for (const lit of v.valueSpace.values) if (lit.description) lines.push(`      ${lit.value}: ${lit.description}`);
    }
    if (v.default !== undefined) lines.push(`    default: ${JSON.stringify(v.default)}`);
    if (v.hidden) lines.push('    value hidden in feedback (***)');
    if (v.params) {
      lines.push(v.params.length ? '    params:' : '    params: (none)');
      for (const p of v.params) lines.push(`      ${formatParam(p)}${p.required ? '   (required)' : ''}`);
    }
    if (v.multiline) lines.push('    multiline: takes a body');
    if (v.bareValue) lines.push(`    payload: bare value ${formatValueSpace(v.bareValue)}`);
    else if (v.fields) lines.push(`    payload: ${formatFields(v.fields)}`);
    if (node.kind === 'Command' || node.kind === 'Configuration') lines.push(`    write roles: ${v.writeRoles.join(', ') || '(none)'}`);
    lines.push(`    read roles: ${v.readRoles.join(', ') || '(none)'}`);
    lines.push(`    backend: ${v.backend}    access: ${v.access}`);
    if (v.description) lines.push(`    description: ${v.description.replace(/\s+/g, ' ').trim()}`);
  }
  return lines;
}

function jsonNode(node: SchemaNode, variants: NodeVariant[]): unknown {
  return {
    kind: node.kind,
    path: node.normPath,
    names: node.names,
    variants: variants.map(({ extra: _extra, ...v }) => ({ ...v, productNames: v.products.map(productName) })),
  };
}

async function show(a: Args, io: CliIO): Promise<number> {
  if (a.positional.length === 0) throw new UsageError('schema show needs a PATH');
  const { kind: pathKind, path } = splitKind(a.positional);
  if (pathKind && a.kind && pathKind !== a.kind) throw new UsageError(`the path says ${pathKind} but --kind says ${a.kind}`);
  const kind = a.kind ?? pathKind;
  if (path.length === 0) throw new UsageError('schema show needs a PATH below the kind');
  const { schema, product } = a.device !== undefined ? await deviceOperand(a.device, a.product, io) : await loadSchemaFromOptions(a, io.env);
  const index = new SchemaIndex(schema);
  const kinds = kind ? [kind] : index.kinds();
  const found = kinds.map(k => index.lookup(k, path)).filter((n): n is SchemaNode => n !== undefined);
  const shown = found
    .map(node => ({ node, variants: variantsFor(node, product) }))
    .filter(x => x.variants.length > 0);

  if (shown.length) {
    if (a.json) io.stdout.write(JSON.stringify(shown.map(x => jsonNode(x.node, x.variants)), null, 2) + '\n');
    else io.stdout.write(shown.map(x => renderNode(x.node, x.variants, schema).join('\n')).join('\n\n') + '\n');
    return 0;
  }
  const label = path.filter(p => typeof p === 'string').join(' ');
  if (found.length && product) {
    io.stderr.write(`${found[0].kind} ${found[0].normPath} is not available on ${productName(product)} (${product}) in schema ${schema.version}\n`);
    return 1;
  }
  // A branch: list what is below it.
  const branches = kinds
    .map(k => ({ k, children: index.entry(k, path) ? index.children(k, path, product) : [] }))
    .filter(b => b.children.length);
  if (branches.length) {
    if (a.json) {
      io.stdout.write(JSON.stringify(branches.map(b => ({ kind: b.k, path: label, children: b.children.map(c => c.name) })), null, 2) + '\n');
    } else {
      for (const b of branches) io.stdout.write(`${b.k} ${index.entry(b.k, path)!.names.join(' ')} is a branch; children: ${b.children.map(c => c.name).join(', ')}\n`);
    }
    return 0;
  }
  io.stderr.write(`${kind ? `${kind} ${label}` : `'${label}'`}: not found in schema ${schema.version}${kind ? '' : ' (any kind)'}${suggest(index, kinds, path)}\n`);
  return 1;
}

/** Below the longest prefix that exists (in any of the kinds), what could have been meant. */
function suggest(index: SchemaIndex, kinds: NodeKind[], path: PathItem[]): string {
  const names = path.filter((p): p is string => typeof p === 'string');
  for (let n = names.length - 1; n >= 0; n--) {
    const prefix = names.slice(0, n);
    const wanted = names[n].toLowerCase().slice(0, 3);
    const hints: string[] = [];
    for (const k of kinds) {
      if (!index.entry(k, prefix)) continue;
      const children = index.children(k, prefix).map(c => c.name);
      const close = children.filter(c => c.toLowerCase().startsWith(wanted));
      if (close.length) hints.push(`${[k, ...index.entry(k, prefix)!.names].join(' ')} ${close.slice(0, 8).join('|')}`);
    }
    if (hints.length) return `; did you mean: ${hints.join(', ')}`;
  }
  return '';
}

async function diff(a: Args, io: CliIO): Promise<number> {
  if (a.positional.length !== 2) throw new UsageError(`schema diff needs two schemas (files or versions), got ${a.positional.length}`);
  if (a.schema !== undefined || a.version !== undefined || a.product !== undefined || a.kind) throw new UsageError('schema diff takes only A, B, --json and --limit');
  const [left, right] = await Promise.all(a.positional.map(spec => loadOperand(spec, io)));
  const d = diffSchemas(left, right);
  io.stdout.write((a.json ? JSON.stringify(d, null, 2) : formatDiff(d, { limit: a.limit })) + '\n');
  return 0;
}

export const schemaCommand: CliCommand = {
  name: 'schema',
  summary: 'show a node of an xAPI schema, or diff two schemas',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (!sub) throw new UsageError('missing sub-command: show or diff');
    const a = parseSchemaArgs(rest);
    if (sub === 'show') return show(a, io);
    if (sub === 'diff') return diff(a, io);
    throw new UsageError(`unknown sub-command '${sub}' (show or diff)`);
  },
};
