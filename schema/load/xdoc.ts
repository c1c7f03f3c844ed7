/**
 * Loader for the device's xDoc schema tree (protocol doc §7.1): what `xDoc {Path:[root], Type:'Schema'}`
 * returns, stored per root as `{Command}`, `{Configuration}`, `{StatusSchema}`, `{Event}`.
 *
 * Lowercase keys are attributes, capitalised keys are children, arrays are indexed lists:
 * configuration lists hold one instance per `id` (the ids give the index range), status lists
 * hold one element describing every entry (`[n]`), array-wrapped command parameters are
 * repeatable and array-wrapped event fields are lists. One device is one product, so variants
 * name no products.
 */
import { SchemaError } from '../errors';
import {
  Backend, CommandParam, EventField, IndexRange, LiteralValue, NodeKind, NodeVariant, Role, Schema, SchemaNode, Segment, ValueSpace,
} from '../model';
import { DEFAULT_ARRAY_MAX, EMPTY_LITERAL, integerSpace, Interner, PLAIN_INTEGER, PLAIN_STRING, stringSpace } from './intern';

/** One node of an xDoc tree: attributes (lowercase keys) and children (capitalised keys). */
export interface XdocNode {
  readonly [key: string]: unknown;
}

/** The four roots as a client stores them (jsxapi's `fetch` names the status root `StatusSchema`). */
export interface XdocDocuments {
  readonly Command?: XdocNode;
  readonly Configuration?: XdocNode;
  readonly StatusSchema?: XdocNode;
  /** Accepted as a synonym of StatusSchema. */
  readonly Status?: XdocNode;
  readonly Event?: XdocNode;
}

const PUBLIC_ACCESS = new Set(['public-api', 'public-api-preview']);
const BACKENDS: Record<string, Backend> = { any: 'any', onprem: 'onprem', cloud: 'cloud' };
/** Attributes with a model field; others are kept in `variant.extra`. */
const KNOWN_ATTRIBUTES = new Set([
  'access', 'backend', 'description', 'role', 'read', 'command', 'event', 'multiline', 'hide_value', 'id', 'products',
  'ValueSpace', 'type', 'Value',
]);

class Bad extends Error {}

interface Leaf {
  kind: NodeKind;
  segments: Segment[];
  variant: NodeVariant;
}

/**
 * True for the keys that name children rather than attributes: capitalised keys, and also
 * lowercase keys holding an object (11.27 has a status leaf `Video intraFrames`; attributes are
 * always strings). `ValueSpace` and a literal field's `Value` list are data, not children.
 */
function isChild(key: string, value: unknown): boolean {
  if (key === 'ValueSpace') return false;
  if (key === 'Value' && Array.isArray(value) && value.every(x => typeof x !== 'object' || x === null)) return false;
  const c = key.charCodeAt(0);
  return (c >= 65 && c <= 90) || (typeof value === 'object' && value !== null);
}

function isObject(x: unknown): x is Record<string, any> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function parseXdocSchema(docs: XdocDocuments, label: string): Schema {
  if (!isObject(docs)) throw new SchemaError(label, 'expected an object with Command, Configuration, StatusSchema or Event roots');
  const roots: [NodeKind, string, unknown][] = [
    ['Command', 'Command', docs.Command],
    ['Configuration', 'Configuration', docs.Configuration],
    ['Status', docs.StatusSchema !== undefined ? 'StatusSchema' : 'Status', docs.StatusSchema ?? docs.Status],
    ['Event', 'Event', docs.Event],
  ];
  if (roots.every(r => r[2] === undefined)) {
    throw new SchemaError(label, 'no Command, Configuration, StatusSchema or Event root found');
  }
  const interner = new Interner();
  let version: string | undefined;
  const nodes: SchemaNode[] = [];
  for (const [kind, rootName, root] of roots) {
    if (root === undefined) continue;
    if (!isObject(root)) throw new SchemaError(label, `${rootName} must be an object`);
    if (version === undefined && typeof root.version === 'string' && root.version.trim()) version = root.version.trim();
    const leaves: Leaf[] = [];
    try {
      walk(kind, root, [], leaves, interner);
    } catch (e) {
      if (e instanceof Bad) throw new SchemaError(label, `${rootName} ${e.message}`);
      throw e;
    }
    nodes.push(...mergeLeaves(leaves));
  }
  return { version: version ?? label, source: 'device', nodes };
}

/** Depth-first over one root; `segments` is the path so far (with the index of each instance). */
function walk(kind: NodeKind, node: Record<string, any>, segments: Segment[], out: Leaf[], interner: Interner): void {
  const here = () => segments.map(s => s.name).join(' ') || '(root)';
  if (segments.length > 0 && isLeaf(kind, node)) {
    const v = leafVariant(kind, node, segments, interner, here);
    if (v) out.push({ kind, segments, variant: v });
    return;
  }
  for (const key in node) {
    const child = node[key];
    if (!isChild(key, child)) continue;
    if (Array.isArray(child)) {
      // A list: configuration instances carry their own id; a status list has one describing element.
      for (let i = 0; i < child.length; i++) {
        const item = child[i];
        if (!isObject(item)) throw new Bad(`${here()} ${key}[${i}]: expected an object, got ${typeof item}`);
        const id = item.id === undefined ? undefined : Number(item.id);
        if (id !== undefined && !(Number.isInteger(id) && id >= 0)) throw new Bad(`${here()} ${key}: bad id '${item.id}'`);
        const index = id === undefined ? interner.range(1, undefined) : interner.range(id, id);
        walk(kind, item, [...segments, { name: key, index }], out, interner);
      }
    } else if (isObject(child)) {
      walk(kind, child, [...segments, { name: key }], out, interner);
    } else {
      throw new Bad(`${here()} ${key}: expected an object or a list, got ${child === null ? 'null' : typeof child}`);
    }
  }
}

function isLeaf(kind: NodeKind, node: Record<string, any>): boolean {
  switch (kind) {
    case 'Command': return node.command === 'True' || node.command === true;
    case 'Event': return node.event === 'True' || node.event === true;
    default: return node.ValueSpace !== undefined;
  }
}

function roles(x: unknown, what: string): string[] {
  if (x === undefined || x === null || x === '') return [];
  if (Array.isArray(x)) return x.map(String);
  if (typeof x !== 'string') throw new Bad(`${what} must be a ';'-separated string`);
  return x.split(';').map(s => s.trim()).filter(Boolean);
}

function leafVariant(
  kind: NodeKind, node: Record<string, any>, segments: Segment[], interner: Interner, here: () => string,
): NodeVariant | undefined {
  const access = node.access === undefined ? 'public-api' : String(node.access);
  if (!PUBLIC_ACCESS.has(access)) return undefined;
  const role: readonly Role[] = roles(node.role, `${here()} role`);
  const read: readonly Role[] = roles(node.read, `${here()} read`);
  let extra: Record<string, unknown> | undefined;
  for (const k in node) {
    if (!isChild(k, node[k]) && !KNOWN_ATTRIBUTES.has(k)) (extra ??= {})[k] = node[k];
  }
  let backend: Backend = 'any';
  if (node.backend !== undefined) {
    const b = typeof node.backend === 'string' ? BACKENDS[node.backend] : undefined;
    if (b) backend = b;
    else (extra ??= {}).backend = node.backend;
  }
  const v: { -readonly [K in keyof NodeVariant]: NodeVariant[K] } = {
    products: [],
    path: segments,
    access,
    backend,
    writeRoles: interner.write(kind === 'Status' || kind === 'Event' ? [] : role),
    // A device writes status read roles as `read`; some trees use `role` as the published format does.
    readRoles: interner.read(kind === 'Status' && read.length === 0 ? role : read),
  };
  if (typeof node.description === 'string') v.description = node.description;
  if (extra) v.extra = extra;
  switch (kind) {
    case 'Configuration':
    case 'Status': {
      const vs = node.ValueSpace;
      if (!isObject(vs)) throw new Bad(`${here()}: ValueSpace must be an object`);
      v.valueSpace = valueSpace(vs, `${here()} ValueSpace`, false);
      if (vs.default !== undefined) v.default = String(vs.default);
      if (node.hide_value === 'True' || node.hide_value === true) v.hidden = true;
      break;
    }
    case 'Command': {
      v.params = params(node, here);
      if (node.multiline === 'True' || node.multiline === true) v.multiline = true;
      break;
    }
    case 'Event': {
      if (node.type !== undefined) {
        v.bareValue = fieldValueSpace(node.type, node.Value, `${here()} type`);
      } else {
        const keys = Object.keys(node).filter(k => isChild(k, node[k]));
        if (keys.length === 1 && keys[0] === 'NameNotUsed' && isObject(node.NameNotUsed)) {
          const f = node.NameNotUsed;
          v.bareValue = f.type === undefined ? PLAIN_STRING : fieldValueSpace(f.type, f.Value, `${here()} NameNotUsed type`);
        } else {
          v.fields = eventFields(node, here());
        }
      }
      break;
    }
  }
  return v;
}

function params(node: Record<string, any>, here: () => string): CommandParam[] {
  const out: CommandParam[] = [];
  for (const name in node) {
    let raw = node[name];
    if (!isChild(name, raw)) continue;
    const repeatable = Array.isArray(raw);
    if (repeatable) raw = raw[0];
    if (!isObject(raw)) throw new Bad(`${here()} ${name}: a parameter must be an object`);
    const vsRaw = raw.ValueSpace;
    if (vsRaw !== undefined && !isObject(vsRaw)) throw new Bad(`${here()} ${name}: ValueSpace must be an object`);
    const p: { -readonly [K in keyof CommandParam]: CommandParam[K] } = {
      name,
      required: raw.required === 'True' || raw.required === true,
      valueSpace: vsRaw ? valueSpace(vsRaw, `${here()} ${name} ValueSpace`, repeatable) : PLAIN_STRING,
    };
    if (typeof raw.description === 'string') p.description = raw.description;
    const def = raw.default ?? vsRaw?.default;
    if (def !== undefined) p.default = String(def);
    out.push(p);
  }
  return out;
}

function num(x: unknown, what: string): number | undefined {
  if (x === undefined || x === null || x === '') return undefined;
  const n = typeof x === 'number' ? x : typeof x === 'string' ? Number(x) : NaN;
  if (!Number.isFinite(n)) throw new Bad(`${what} must be a number, got '${String(x)}'`);
  return n;
}

function literalValues(raw: unknown, what: string): LiteralValue[] {
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((x, i) => {
    if (typeof x === 'string' || typeof x === 'number') return { value: String(x) };
    if (isObject(x) && typeof x.value === 'string') {
      return typeof x.description === 'string' ? { value: x.value, description: x.description } : { value: x.value };
    }
    throw new Bad(`${what} Value[${i}] must be a string`);
  });
}

/** `{type, Value, min, max, minLength, maxLength}`; `wrapped` is an array-wrapped (repeatable) parameter. */
function valueSpace(vs: Record<string, any>, what: string, wrapped: boolean): ValueSpace {
  const type = typeof vs.type === 'string' ? vs.type : '';
  const isArray = type.endsWith('Array');
  const base = isArray ? type.slice(0, -5) : type;
  const multiple = isArray || wrapped ? num(vs.multiple, `${what} multiple`) ?? DEFAULT_ARRAY_MAX : undefined;
  switch (base) {
    case 'Integer': {
      const min = num(vs.min, `${what} min`), max = num(vs.max, `${what} max`), step = num(vs.step, `${what} step`);
      return integerSpace(min, max, step, multiple);
    }
    case 'String': {
      const minLength = num(vs.minLength, `${what} minLength`), maxLength = num(vs.maxLength, `${what} maxLength`);
      return stringSpace(minLength, maxLength, multiple);
    }
    case 'Literal': {
      const values = literalValues(vs.Value, what);
      return multiple === undefined ? { type: 'Literal', values } : { type: 'Literal', values, multiple };
    }
    default:
      return multiple === undefined ? { type: 'unknown', raw: type } : { type: 'unknown', raw: type, multiple };
  }
}

function fieldValueSpace(type: unknown, values: unknown, what: string): ValueSpace {
  if (typeof type !== 'string') throw new Bad(`${what} must be a string`);
  switch (type) {
    case 'string': return PLAIN_STRING;
    case 'int': return PLAIN_INTEGER;
    case 'literal': return values === undefined ? EMPTY_LITERAL : { type: 'Literal', values: literalValues(values, what) };
    default: return { type: 'unknown', raw: type };
  }
}

/** Event payload fields: typed leaves, nested objects, array-wrapped lists. */
function eventFields(node: Record<string, any>, where: string): EventField[] {
  const out: EventField[] = [];
  for (const name in node) {
    let raw = node[name];
    if (!isChild(name, raw)) continue;
    const multiple = Array.isArray(raw);
    if (multiple) raw = raw[0] ?? {};
    if (!isObject(raw)) throw new Bad(`${where} ${name}: an event field must be an object`);
    const f: { -readonly [K in keyof EventField]: EventField[K] } = {
      name,
      required: raw.required === 'True' || raw.required === true || (raw.required === undefined && raw.optional !== 'True'),
    };
    if (raw.type !== undefined) f.valueSpace = fieldValueSpace(raw.type, raw.Value, `${where} ${name} type`);
    if (multiple) f.multiple = true;
    if (Object.keys(raw).some(k => isChild(k, raw[k]))) f.children = eventFields(raw, `${where} ${name}`);
    out.push(f);
  }
  return out;
}

/**
 * Leaves from list instances become one node: configuration instances with ids 1, 2, 3 give
 * `Connector[1..3]`, each leaf getting the range of the instances it appears in.
 */
function mergeLeaves(leaves: Leaf[]): SchemaNode[] {
  const byKey = new Map<string, { kind: NodeKind; names: string[]; ranges: (IndexRange | undefined)[]; variant: NodeVariant }>();
  for (const leaf of leaves) {
    const names = leaf.segments.map(s => s.name);
    const key = names.join(' ').toLowerCase();
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { kind: leaf.kind, names, ranges: leaf.segments.map(s => s.index), variant: leaf.variant });
      continue;
    }
    leaf.segments.forEach((s, i) => {
      const a = seen.ranges[i], b = s.index;
      if (!a || !b) return;
      const max = a.max === undefined || b.max === undefined ? undefined : Math.max(a.max, b.max);
      seen.ranges[i] = max === undefined ? { min: Math.min(a.min, b.min) } : { min: Math.min(a.min, b.min), max };
    });
  }
  const out: SchemaNode[] = [];
  for (const { kind, names, ranges, variant } of byKey.values()) {
    const path: Segment[] = names.map((name, i) => (ranges[i] ? { name, index: ranges[i] } : { name }));
    out.push({ kind, names, normPath: names.join(' '), variants: [{ ...variant, path }] });
  }
  return out;
}
