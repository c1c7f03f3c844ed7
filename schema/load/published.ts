/**
 * Loader for the roomos.cisco.com schema format (`{objects: [{id, type, path, normPath,
 * products, attributes}]}`, protocol doc §7.2) into the normalised model.
 *
 * Objects with the same kind and path names become one node with one variant per object.
 * Names come from `path`, not `normPath`: the latter drops segments on some list statuses
 * (`Audio Input LocalInput[n] Connector[n]` has normPath `Audio Input LocalInput`).
 * This runs on 4 MB files at startup, so it avoids regexes and copies on the hot path and
 * shares repeated arrays through an Interner.
 */
import { SchemaError } from '../errors';
import {
  Backend, CommandParam, EventField, LiteralValue, NodeKind, NodeVariant, Schema, SchemaNode, ValueSpace,
} from '../model';
import { DEFAULT_ARRAY_MAX, EMPTY_LITERAL, Interner, PLAIN_INTEGER, PLAIN_STRING } from './intern';
import { parseSegments } from './segments';

// Plain comparisons instead of keyed lookups: a string value from JSON.parse used as a property
// key or Set member must be hashed or internalised first, once per object.
function kindOf(type: string): NodeKind | undefined {
  switch (type) {
    case 'Status': return 'Status';
    case 'Configuration': return 'Configuration';
    case 'Command': return 'Command';
    case 'Event': return 'Event';
    default: return undefined;
  }
}

function backendOf(b: string): Backend | undefined {
  return b === 'any' ? 'any' : b === 'onprem' ? 'onprem' : b === 'cloud' ? 'cloud' : undefined;
}

/** Thrown inside the loader with just the detail; the caller adds which object it was. */
class Bad extends Error {}

interface MutableNode {
  kind: NodeKind;
  names: string[];
  normPath: string;
  variants: NodeVariant[];
}

export function parsePublishedSchema(json: unknown, label: string): Schema {
  if (!isObject(json)) throw new SchemaError(label, `expected a JSON object with an "objects" array, got ${describe(json)}`);
  const objects = (json as { objects?: unknown }).objects;
  if (!Array.isArray(objects)) throw new SchemaError(label, `expected an "objects" array at the top level, got ${describe(objects)}`);

  const interner = new Interner();
  const byKind: Record<NodeKind, Map<string, MutableNode>> = {
    Command: new Map(), Configuration: new Map(), Status: new Map(), Event: new Map(),
  };
  const nodes: MutableNode[] = [];

  for (let i = 0; i < objects.length; i++) {
    const o = objects[i];
    try {
      const variant = parseObject(o, interner);
      if (!variant) continue;
      const kind = kindOf((o as { type: string }).type)!;
      // A path without brackets is already its own normPath: skip rebuilding it.
      const rawPath = (o as { path: string }).path;
      const plain = rawPath.indexOf('[') < 0 && rawPath.indexOf('  ') < 0 && rawPath.charCodeAt(0) !== 32 && rawPath.charCodeAt(rawPath.length - 1) !== 32;
      const normPath = plain ? rawPath : variant.path.map(s => s.name).join(' ');
      const map = byKind[kind];
      const key = normPath.toLowerCase();
      const node = map.get(key);
      if (node) {
        node.variants.push(variant);
      } else {
        const fresh: MutableNode = { kind, names: variant.path.map(s => s.name), normPath, variants: [variant] };
        map.set(key, fresh);
        nodes.push(fresh);
      }
    } catch (e) {
      if (!(e instanceof Bad)) throw e;
      const id = isObject(o) && (typeof o.id === 'number' || typeof o.id === 'string') ? ` (id ${o.id})` : '';
      const path = isObject(o) && typeof o.path === 'string' ? ` '${o.path}'` : '';
      throw new SchemaError(label, `object #${i}${id}${path}: ${e.message}`);
    }
  }
  return { version: label, source: 'published', nodes: nodes as SchemaNode[] };
}

function parseObject(o: unknown, interner: Interner): NodeVariant | undefined {
  if (!isObject(o)) throw new Bad(`expected an object, got ${describe(o)}`);
  const type = o.type;
  if (typeof type !== 'string') throw new Bad('missing "type"');
  const kind = kindOf(type);
  if (!kind) throw new Bad(`unknown type '${type}' (expected Command, Configuration, Status or Event)`);
  if (typeof o.path !== 'string') throw new Bad('missing "path"');
  const attributes = o.attributes === undefined ? {} : o.attributes;
  if (!isObject(attributes)) throw new Bad(`"attributes" must be an object, got ${describe(attributes)}`);

  const access = attributes.access === undefined ? 'public-api' : attributes.access;
  if (typeof access !== 'string') throw new Bad(`"access" must be a string, got ${describe(access)}`);
  if (access !== 'public-api' && access !== 'public-api-preview') return undefined;

  const path = parseSegments(o.path, interner);
  if (typeof path === 'string') throw new Bad(path);

  // Validated only when the interner meets a new list: a repeat equals an already checked one.
  const products = o.products === undefined ? [] : interner.products.get(o.products, checkProducts);
  const role = attributes.role === undefined ? [] : stringArray(attributes.role, 'role');
  const read = attributes.read === undefined ? [] : stringArray(attributes.read, 'read');

  let backend: Backend = 'any';
  if (attributes.backend !== undefined) {
    const b = typeof attributes.backend === 'string' ? backendOf(attributes.backend) : undefined;
    if (typeof attributes.backend !== 'string') throw new Bad(`"backend" must be a string, got ${describe(attributes.backend)}`);
    if (b) backend = b; // an unknown backend stays readable in `extra`
  }

  const description = optionalString(attributes.description, 'description');
  const v: { -readonly [K in keyof NodeVariant]: NodeVariant[K] } = {
    products,
    path,
    access,
    backend,
    writeRoles: interner.write(kind === 'Status' || kind === 'Event' ? [] : role),
    readRoles: interner.read(kind === 'Status' ? role : read),
  };
  if (description !== undefined) v.description = description;
  // Attributes the model has no field for stay readable here; the object is shared, not copied,
  // because copying the unknown keys out cost a quarter of the load time.
  v.extra = attributes;

  switch (kind) {
    case 'Configuration':
    case 'Status': {
      if (attributes.valuespace !== undefined) v.valueSpace = valueSpace(attributes.valuespace, 'valuespace');
      if (attributes.default !== undefined) v.default = scalarString(attributes.default, 'default');
      if (attributes.hide_value === 'True' || attributes.hide_value === true) v.hidden = true;
      break;
    }
    case 'Command': {
      v.params = attributes.params === undefined ? [] : params(attributes.params);
      if (attributes.multiline === 'True' || attributes.multiline === true) v.multiline = true;
      break;
    }
    case 'Event': {
      const children = attributes.children === undefined ? {} : attributes.children;
      if (!isObject(children)) throw new Bad(`"children" must be an object, got ${describe(children)}`);
      const keys = Object.keys(children);
      if (keys.length === 1 && keys[0] === 'NameNotUsed') {
        const only = eventField('NameNotUsed', children.NameNotUsed);
        v.bareValue = only.valueSpace ?? PLAIN_STRING;
      } else {
        v.fields = eventFields(children);
      }
      break;
    }
  }
  return v;
}

function params(raw: unknown): CommandParam[] {
  if (!Array.isArray(raw)) throw new Bad(`"params" must be an array, got ${describe(raw)}`);
  const out: CommandParam[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const p = raw[i];
    if (!isObject(p) || typeof p.name !== 'string' || p.name.length === 0) throw new Bad(`params[${i}] must be an object with a "name"`);
    const param: { -readonly [K in keyof CommandParam]: CommandParam[K] } = {
      name: p.name,
      required: p.required === true || p.required === 'True' || p.required === 'true',
      valueSpace: p.valuespace === undefined ? PLAIN_STRING : valueSpace(p.valuespace, `param ${p.name} valuespace`),
    };
    const description = optionalString(p.description, `param ${p.name} description`);
    if (description !== undefined) param.description = description;
    if (p.default !== undefined) param.default = scalarString(p.default, `param ${p.name} default`);
    out[i] = param;
  }
  return out;
}

/** A published valuespace object; an unknown `type` is kept as `unknown` with its name. */
function valueSpace(raw: unknown, what: string): ValueSpace {
  if (!isObject(raw)) throw new Bad(`${what} must be an object, got ${describe(raw)}`);
  const type = raw.type;
  if (typeof type !== 'string') throw new Bad(`${what} has no "type"`);
  const isArray = type.endsWith('Array');
  const base = isArray ? type.slice(0, -5) : type;
  const multiple = isArray ? (raw.multiple === undefined ? DEFAULT_ARRAY_MAX : count(raw.multiple, `${what} multiple`)) : undefined;
  switch (base) {
    case 'Integer': {
      const min = optionalNumber(raw.Min, `${what} Min`);
      const max = optionalNumber(raw.Max, `${what} Max`);
      const step = optionalNumber(raw.Step, `${what} Step`);
      if (min === undefined && max === undefined && step === undefined && multiple === undefined) return PLAIN_INTEGER;
      const vs: { type: 'Integer'; min?: number; max?: number; step?: number; multiple?: number } = { type: 'Integer' };
      if (min !== undefined) vs.min = min;
      if (max !== undefined) vs.max = max;
      if (step !== undefined) vs.step = step;
      if (multiple !== undefined) vs.multiple = multiple;
      return vs;
    }
    case 'String': {
      const minLength = optionalNumber(raw.MinLength, `${what} MinLength`);
      const maxLength = optionalNumber(raw.MaxLength, `${what} MaxLength`);
      if (minLength === undefined && maxLength === undefined && multiple === undefined) return PLAIN_STRING;
      const vs: { type: 'String'; minLength?: number; maxLength?: number; multiple?: number } = { type: 'String' };
      if (minLength !== undefined) vs.minLength = minLength;
      if (maxLength !== undefined) vs.maxLength = maxLength;
      if (multiple !== undefined) vs.multiple = multiple;
      return vs;
    }
    case 'Literal': {
      const values = literalValues(raw.Values, raw.description, what);
      if (values.length === 0 && multiple === undefined) return EMPTY_LITERAL;
      return multiple === undefined ? { type: 'Literal', values } : { type: 'Literal', values, multiple };
    }
    default:
      return multiple === undefined ? { type: 'unknown', raw: type } : { type: 'unknown', raw: type, multiple };
  }
}

function literalValues(raw: unknown, descriptions: unknown, what: string): LiteralValue[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new Bad(`${what} Values must be an array, got ${describe(raw)}`);
  const out: LiteralValue[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = { value: scalarString(raw[i], `${what} Values[${i}]`) };
  // Walk the description map's own keys rather than looking each value up in it: its keys are
  // already internalised, a value string used as a key would have to be internalised first.
  if (isObject(descriptions)) {
    for (const key in descriptions) {
      const text = descriptions[key];
      if (typeof text !== 'string' || text.length === 0) continue;
      for (let i = 0; i < out.length; i++) {
        if (out[i].value === key) {
          out[i] = { value: key, description: text };
          break;
        }
      }
    }
  }
  return out;
}

function eventFields(children: Record<string, unknown>): EventField[] {
  const out: EventField[] = [];
  for (const name in children) out.push(eventField(name, children[name]));
  return out;
}

function eventField(name: string, raw: unknown): EventField {
  if (!isObject(raw)) throw new Bad(`event field ${name} must be an object, got ${describe(raw)}`);
  const f: { -readonly [K in keyof EventField]: EventField[K] } = {
    name,
    required: raw.required === true || raw.required === 'True' || raw.required === 'true',
  };
  if (raw.valuespace !== undefined) f.valueSpace = eventValueSpace(raw.valuespace, raw.values, `event field ${name}`);
  if (raw.multiple === true || raw.multiple === 'True') f.multiple = true;
  if (raw.children !== undefined) {
    if (!isObject(raw.children)) throw new Bad(`event field ${name} children must be an object`);
    const children = eventFields(raw.children);
    if (children.length > 0) f.children = children;
  }
  return f;
}

/** Event fields use lowercase type names (`string`, `int`, `literal`) and a separate `values` list. */
function eventValueSpace(type: unknown, values: unknown, what: string): ValueSpace {
  if (typeof type !== 'string') throw new Bad(`${what} valuespace must be a string, got ${describe(type)}`);
  switch (type) {
    case 'string': return PLAIN_STRING;
    case 'int': return PLAIN_INTEGER;
    case 'literal': {
      if (values === undefined) return EMPTY_LITERAL;
      return { type: 'Literal', values: literalValues(values, undefined, what) };
    }
    default: return { type: 'unknown', raw: type };
  }
}

// --- small checked readers -------------------------------------------------------------

function isObject(x: unknown): x is Record<string, any> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (x === undefined) return 'nothing';
  return `a ${typeof x}`;
}

function checkProducts(x: unknown): readonly string[] {
  return stringArray(x, 'products');
}

function stringArray(x: unknown, what: string): string[] {
  if (!Array.isArray(x)) throw new Bad(`"${what}" must be an array of strings, got ${describe(x)}`);
  for (let i = 0; i < x.length; i++) {
    if (typeof x[i] !== 'string') throw new Bad(`"${what}"[${i}] must be a string, got ${describe(x[i])}`);
  }
  return x as string[];
}

function optionalString(x: unknown, what: string): string | undefined {
  if (x === undefined || x === null) return undefined;
  if (typeof x !== 'string') throw new Bad(`${what} must be a string, got ${describe(x)}`);
  return x;
}

/** Defaults and literal values are strings in the files; numbers and booleans are accepted and stringified. */
function scalarString(x: unknown, what: string): string {
  if (typeof x === 'string') return x;
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  throw new Bad(`${what} must be a string, got ${describe(x)}`);
}

function optionalNumber(x: unknown, what: string): number | undefined {
  if (x === undefined || x === null || x === '') return undefined;
  const n = typeof x === 'number' ? x : typeof x === 'string' ? Number(x) : NaN;
  if (!Number.isFinite(n)) throw new Bad(`${what} must be a number, got ${typeof x === 'string' ? `'${x}'` : describe(x)}`);
  return n;
}

function count(x: unknown, what: string): number {
  const n = optionalNumber(x, what);
  if (n === undefined || n < 1 || !Number.isInteger(n)) throw new Bad(`${what} must be a positive integer`);
  return n;
}
