/**
 * Shape checks for one roomos.cisco.com schema object, run for every object at load time so
 * a malformed file is reported when it is loaded, naming the object. They only read: building
 * the model from a checked object (publishedVariant.ts) happens later, when a node's variants
 * are first read, and trusts what passed here. Anything the builder relies on is checked here.
 *
 * Messages name what is wrong; the loader adds which object it was. Context strings (`param X`,
 * `Values[3]`) are built only on the error path: this runs in the interpreter on a fresh start.
 */
import { NodeKind } from '../model';

/** Thrown with just the detail; the loader adds which object it was. */
export class Bad extends Error {}

// Plain comparisons instead of keyed lookups: a string value from JSON.parse used as a property
// key or Set member must be hashed or internalised first, once per object.
export function kindOf(type: string): NodeKind | undefined {
  switch (type) {
    case 'Status': return 'Status';
    case 'Configuration': return 'Configuration';
    case 'Command': return 'Command';
    case 'Event': return 'Event';
    default: return undefined;
  }
}

export function isObject(x: unknown): x is Record<string, any> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (x === undefined) return 'nothing';
  return `a ${typeof x}`;
}

/** `e`, a Bad, with `context` put in front of its message. */
function within(e: unknown, context: string): unknown {
  return e instanceof Bad ? new Bad(`${context} ${e.message}`) : e;
}

/**
 * Checks an object and returns its kind, or undefined for an object the model leaves out
 * (internal access levels; those are not checked further, as they are never built).
 * The path itself is checked by the loader, which parses it anyway.
 */
export function checkObject(o: unknown): NodeKind | undefined {
  if (!isObject(o)) throw new Bad(`expected an object, got ${describe(o)}`);
  const type = o.type;
  if (typeof type !== 'string') throw new Bad('missing "type"');
  const kind = kindOf(type);
  if (!kind) throw new Bad(`unknown type '${type}' (expected Command, Configuration, Status or Event)`);
  if (typeof o.path !== 'string') throw new Bad('missing "path"');
  const attributes = o.attributes === undefined ? EMPTY_ATTRIBUTES : o.attributes;
  if (!isObject(attributes)) throw new Bad(`"attributes" must be an object, got ${describe(attributes)}`);

  const access = attributes.access === undefined ? 'public-api' : attributes.access;
  if (typeof access !== 'string') throw new Bad(`"access" must be a string, got ${describe(access)}`);
  if (access !== 'public-api' && access !== 'public-api-preview') return undefined;

  if (o.products !== undefined) stringArray(o.products, 'products');
  if (attributes.role !== undefined) stringArray(attributes.role, 'role');
  if (attributes.read !== undefined) stringArray(attributes.read, 'read');
  if (attributes.backend !== undefined && typeof attributes.backend !== 'string') {
    throw new Bad(`"backend" must be a string, got ${describe(attributes.backend)}`);
  }
  optionalString(attributes.description, 'description');

  switch (kind) {
    case 'Configuration':
    case 'Status':
      if (attributes.valuespace !== undefined) checkValueSpace(attributes.valuespace, 'valuespace');
      if (attributes.default !== undefined) scalarString(attributes.default, 'default');
      break;
    case 'Command':
      if (attributes.params !== undefined) checkParams(attributes.params);
      break;
    case 'Event': {
      const children = attributes.children === undefined ? EMPTY_ATTRIBUTES : attributes.children;
      if (!isObject(children)) throw new Bad(`"children" must be an object, got ${describe(children)}`);
      checkEventFields(children);
      break;
    }
  }
  return kind;
}

const EMPTY_ATTRIBUTES: Record<string, unknown> = {};

function checkParams(raw: unknown): void {
  if (!Array.isArray(raw)) throw new Bad(`"params" must be an array, got ${describe(raw)}`);
  for (let i = 0; i < raw.length; i++) {
    const p = raw[i];
    if (!isObject(p) || typeof p.name !== 'string' || p.name.length === 0) throw new Bad(`params[${i}] must be an object with a "name"`);
    try {
      if (p.valuespace !== undefined) checkValueSpace(p.valuespace, 'valuespace');
      optionalString(p.description, 'description');
      if (p.default !== undefined) scalarString(p.default, 'default');
    } catch (e) {
      throw within(e, `param ${p.name}`);
    }
  }
}

/** A published valuespace object. An unknown `type` is fine (kept as `unknown`). */
function checkValueSpace(raw: unknown, what: string): void {
  if (!isObject(raw)) throw new Bad(`${what} must be an object, got ${describe(raw)}`);
  const type = raw.type;
  if (typeof type !== 'string') throw new Bad(`${what} has no "type"`);
  if (raw.multiple !== undefined && type.endsWith('Array')) count(raw.multiple, what, 'multiple');
  // The known types by their names: no endsWith or slice calls, as this runs per value space.
  switch (type) {
    case 'Integer':
    case 'IntegerArray':
      optionalNumber(raw.Min, what, 'Min');
      optionalNumber(raw.Max, what, 'Max');
      optionalNumber(raw.Step, what, 'Step');
      break;
    case 'String':
    case 'StringArray':
      optionalNumber(raw.MinLength, what, 'MinLength');
      optionalNumber(raw.MaxLength, what, 'MaxLength');
      break;
    case 'Literal':
    case 'LiteralArray':
      // The `description` map is optional and read leniently: nothing to check.
      checkLiteralValues(raw.Values, what);
      break;
  }
}

function checkLiteralValues(raw: unknown, what: string): void {
  if (raw === undefined) return;
  if (!Array.isArray(raw)) throw new Bad(`${what} Values must be an array, got ${describe(raw)}`);
  for (let i = 0; i < raw.length; i++) {
    const x = raw[i];
    if (typeof x !== 'string' && typeof x !== 'number' && typeof x !== 'boolean') {
      throw new Bad(`${what} Values[${i}] must be a string, got ${describe(x)}`);
    }
  }
}

function checkEventFields(children: Record<string, unknown>): void {
  for (const name in children) {
    const raw = children[name];
    if (!isObject(raw)) throw new Bad(`event field ${name} must be an object, got ${describe(raw)}`);
    const type = raw.valuespace;
    if (type !== undefined) {
      if (typeof type !== 'string') throw new Bad(`event field ${name} valuespace must be a string, got ${describe(type)}`);
      if (type === 'literal') checkLiteralValues(raw.values, `event field ${name}`);
    }
    if (raw.children !== undefined) {
      if (!isObject(raw.children)) throw new Bad(`event field ${name} children must be an object`);
      checkEventFields(raw.children);
    }
  }
}

function stringArray(x: unknown, what: string): void {
  if (!Array.isArray(x)) throw new Bad(`"${what}" must be an array of strings, got ${describe(x)}`);
  for (let i = 0; i < x.length; i++) {
    if (typeof x[i] !== 'string') throw new Bad(`"${what}"[${i}] must be a string, got ${describe(x[i])}`);
  }
}

function optionalString(x: unknown, what: string): void {
  if (x !== undefined && x !== null && typeof x !== 'string') throw new Bad(`${what} must be a string, got ${describe(x)}`);
}

/** Defaults and literal values are strings in the files; numbers and booleans are accepted (and stringified). */
function scalarString(x: unknown, what: string): void {
  if (typeof x !== 'string' && typeof x !== 'number' && typeof x !== 'boolean') throw new Bad(`${what} must be a string, got ${describe(x)}`);
}

/** What optionalNumber in the builder accepts: nothing, '', or a finite number (or numeric text). */
function optionalNumber(x: unknown, what: string, field: string): void {
  if (x === undefined || x === null || x === '') return;
  const n = typeof x === 'number' ? x : typeof x === 'string' ? Number(x) : NaN;
  if (!Number.isFinite(n)) throw new Bad(`${what} ${field} must be a number, got ${typeof x === 'string' ? `'${x}'` : describe(x)}`);
}

function count(x: unknown, what: string, field: string): void {
  optionalNumber(x, what, field);
  const n = x === null || x === '' ? undefined : Number(x);
  if (n === undefined || n < 1 || !Number.isInteger(n)) throw new Bad(`${what} ${field} must be a positive integer`);
}
