/**
 * What changed between two schemas (e.g. two RoomOS releases): nodes added, removed, and
 * changed in value space, parameters, event fields, products, roles, multiline or default.
 * A node's variants are compared as a whole (the union of what its variants say), so a product
 * moving from one variant to another is not reported as a change. Ordering is stable:
 * by kind (Command, Configuration, Status, Event), then path, case-insensitively.
 */
import { formatFields, formatParam, formatValueSpace } from './describe';
import { NODE_KINDS, NodeKind, nodeKey, Schema, SchemaNode } from './model';
import { productName } from './products';

export interface NodeRef {
  readonly kind: NodeKind;
  /** The path as users write it (`normPath`). */
  readonly path: string;
}

export interface NodeChange {
  readonly node: NodeRef;
  /** One line per difference, each starting with what changed: `value space: …`, `params: …`, `products: …`. */
  readonly changes: string[];
}

export interface SchemaDiff {
  readonly from: string;
  readonly to: string;
  readonly added: NodeRef[];
  readonly removed: NodeRef[];
  readonly changed: NodeChange[];
}

const KIND_ORDER = new Map(NODE_KINDS.map((k, i) => [k, i]));

function compareRefs(a: NodeRef, b: NodeRef): number {
  const k = KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)!;
  if (k) return k;
  const x = a.path.toLowerCase(), y = b.path.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

const ref = (n: SchemaNode): NodeRef => ({ kind: n.kind, path: n.normPath });

function byKey(schema: Schema): Map<string, SchemaNode> {
  const m = new Map<string, SchemaNode>();
  for (const n of schema.nodes) {
    const key = nodeKey(n.kind, n.names);
    const seen = m.get(key);
    m.set(key, seen ? { ...seen, variants: [...seen.variants, ...n.variants] } : n);
  }
  return m;
}

const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

function setChange(label: string, before: string[], after: string[], show: (x: string) => string = x => x): string | undefined {
  const a = new Set(before), b = new Set(after);
  const added = after.filter(x => !a.has(x));
  const removed = before.filter(x => !b.has(x));
  if (!added.length && !removed.length) return undefined;
  const parts: string[] = [];
  if (added.length) parts.push(`added ${added.map(show).join(', ')}`);
  if (removed.length) parts.push(`removed ${removed.map(show).join(', ')}`);
  return `${label}: ${parts.join('; ')}`;
}

function listChange(label: string, before: string[], after: string[]): string | undefined {
  const x = before.join(' | '), y = after.join(' | ');
  return x === y ? undefined : `${label}: ${x || '(none)'} → ${y || '(none)'}`;
}

/** What a node says, with variants folded together, as comparable texts. */
function summary(n: SchemaNode) {
  const products = new Set<string>();
  let allProducts = false;
  for (const v of n.variants) {
    if (v.products.length === 0) allProducts = true;
    for (const p of v.products) products.add(p);
  }
  const params = new Map<string, string[]>();
  for (const v of n.variants) {
    for (const p of v.params ?? []) {
      const list = params.get(p.name) ?? [];
      list.push(formatParam(p));
      params.set(p.name, list);
    }
  }
  return {
    products: allProducts ? ['(all)'] : sorted(products),
    valueSpace: sorted(n.variants.filter(v => v.valueSpace).map(v => formatValueSpace(v.valueSpace))),
    params,
    fields: sorted(n.variants.filter(v => v.fields || v.bareValue).map(v => (v.bareValue ? `bare ${formatValueSpace(v.bareValue)}` : formatFields(v.fields)))),
    writeRoles: sorted(n.variants.flatMap(v => v.writeRoles)),
    readRoles: sorted(n.variants.flatMap(v => v.readRoles)),
    multiline: sorted(n.variants.map(v => (v.multiline ? 'multiline' : 'single line'))),
    defaults: sorted(n.variants.filter(v => v.default !== undefined).map(v => JSON.stringify(v.default))),
  };
}

export function compareNodes(a: SchemaNode, b: SchemaNode): string[] {
  const x = summary(a), y = summary(b);
  const changes: (string | undefined)[] = [
    listChange('value space', x.valueSpace, y.valueSpace),
    listChange('default', x.defaults, y.defaults),
    listChange('event fields', x.fields, y.fields),
    listChange('multiline', x.multiline, y.multiline),
  ];
  const names = sorted([...x.params.keys(), ...y.params.keys()]);
  const paramParts: string[] = [];
  for (const name of names) {
    const p = x.params.get(name), q = y.params.get(name);
    if (!p) paramParts.push(`added ${sorted(q!).join(' | ')}`);
    else if (!q) paramParts.push(`removed ${name}`);
    else if (sorted(p).join(' | ') !== sorted(q).join(' | ')) paramParts.push(`${sorted(p).join(' | ')} → ${sorted(q).join(' | ')}`);
  }
  if (paramParts.length) changes.push(`params: ${paramParts.join('; ')}`);
  changes.push(setChange('products', x.products, y.products, p => (p === '(all)' ? p : `${productName(p)} (${p})`)));
  changes.push(setChange('write roles', x.writeRoles, y.writeRoles));
  changes.push(setChange('read roles', x.readRoles, y.readRoles));
  return changes.filter((c): c is string => c !== undefined);
}

export function diffSchemas(a: Schema, b: Schema): SchemaDiff {
  const left = byKey(a), right = byKey(b);
  const added: NodeRef[] = [], removed: NodeRef[] = [], changed: NodeChange[] = [];
  for (const [key, n] of left) {
    const m = right.get(key);
    if (!m) {
      removed.push(ref(n));
      continue;
    }
    const changes = compareNodes(n, m);
    if (changes.length) changed.push({ node: ref(m), changes });
  }
  for (const [key, m] of right) if (!left.has(key)) added.push(ref(m));
  added.sort(compareRefs);
  removed.sort(compareRefs);
  changed.sort((p, q) => compareRefs(p.node, q.node));
  return { from: a.version, to: b.version, added, removed, changed };
}

export interface DiffFormatOptions {
  /** At most this many lines per section (the rest is counted); default: all. */
  limit?: number;
}

export function formatDiff(diff: SchemaDiff, opts: DiffFormatOptions = {}): string {
  const limit = opts.limit ?? Infinity;
  const lines = [
    `${diff.from} → ${diff.to}: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`,
  ];
  const section = <T>(title: string, items: T[], render: (x: T) => string[]) => {
    if (!items.length) return;
    lines.push('', `${title} (${items.length}):`);
    for (const item of items.slice(0, limit)) lines.push(...render(item));
    if (items.length > limit) lines.push(`  … and ${items.length - limit} more`);
  };
  section('Added', diff.added, r => [`  + ${r.kind} ${r.path}`]);
  section('Removed', diff.removed, r => [`  - ${r.kind} ${r.path}`]);
  section('Changed', diff.changed, c => [`  ~ ${c.node.kind} ${c.node.path}`, ...c.changes.map(x => `      ${x}`)]);
  return lines.join('\n');
}
