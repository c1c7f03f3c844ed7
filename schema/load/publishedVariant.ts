/**
 * Builds the model variant of one roomos.cisco.com schema object. Runs when a node's variants are
 * first read, on objects publishedCheck.ts has passed at load time, so it does not re-check shapes.
 * Repeated lists, ranges and value spaces are shared through the schema's Interner.
 */
import {
  Backend, CommandParam, EventField, LiteralValue, NodeKind, NodeVariant, ValueSpace,
} from '../model';
import { DEFAULT_ARRAY_MAX, EMPTY_LITERAL, integerSpace, Interner, PLAIN_INTEGER, PLAIN_STRING, stringSpace } from './intern';
import { parseSegments } from './segments';

const NO_ATTRIBUTES: Readonly<Record<string, unknown>> = {};

function backendOf(b: unknown): Backend {
  // An unknown backend counts as `any`; the attributes (`extra`) still hold what the file says.
  return b === 'onprem' ? 'onprem' : b === 'cloud' ? 'cloud' : 'any';
}

/** `o` is an object that passed checkObject with this kind. */
export function buildVariant(o: Record<string, any>, kind: NodeKind, interner: Interner): NodeVariant {
  const attributes: Record<string, any> = o.attributes ?? NO_ATTRIBUTES;
  const path = parseSegments(o.path, interner);
  if (typeof path === 'string') throw new Error(`unchecked path '${o.path}': ${path}`); // the loader parsed it already
  const role: readonly string[] = attributes.role ?? [];
  const v: { -readonly [K in keyof NodeVariant]: NodeVariant[K] } = {
    products: o.products === undefined ? [] : interner.products.get(o.products),
    path,
    access: attributes.access ?? 'public-api',
    backend: backendOf(attributes.backend),
    writeRoles: interner.write(kind === 'Status' || kind === 'Event' ? [] : role),
    readRoles: interner.read(kind === 'Status' ? role : attributes.read ?? []),
  };
  if (typeof attributes.description === 'string') v.description = attributes.description;
  // Attributes the model has no field for stay readable here; the object is shared, not copied.
  v.extra = attributes;

  switch (kind) {
    case 'Configuration':
    case 'Status':
      if (attributes.valuespace !== undefined) v.valueSpace = valueSpace(attributes.valuespace);
      if (attributes.default !== undefined) v.default = String(attributes.default);
      if (attributes.hide_value === 'True' || attributes.hide_value === true) v.hidden = true;
      break;
    case 'Command':
      v.params = attributes.params === undefined ? [] : params(attributes.params);
      if (attributes.multiline === 'True' || attributes.multiline === true) v.multiline = true;
      break;
    case 'Event': {
      const children: Record<string, any> = attributes.children ?? NO_ATTRIBUTES;
      const keys = Object.keys(children);
      if (keys.length === 1 && keys[0] === 'NameNotUsed') {
        v.bareValue = eventField('NameNotUsed', children.NameNotUsed).valueSpace ?? PLAIN_STRING;
      } else {
        v.fields = eventFields(children);
      }
      break;
    }
  }
  return v;
}

function params(raw: Record<string, any>[]): CommandParam[] {
  const out: CommandParam[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const p = raw[i];
    const param: { -readonly [K in keyof CommandParam]: CommandParam[K] } = {
      name: p.name,
      required: p.required === true || p.required === 'True' || p.required === 'true',
      valueSpace: p.valuespace === undefined ? PLAIN_STRING : valueSpace(p.valuespace),
    };
    if (typeof p.description === 'string') param.description = p.description;
    if (p.default !== undefined) param.default = String(p.default);
    out[i] = param;
  }
  return out;
}

/** A published valuespace object; an unknown `type` is kept as `unknown` with its name. */
function valueSpace(raw: Record<string, any>): ValueSpace {
  const type: string = raw.type;
  const isArray = type.endsWith('Array');
  const multiple = isArray ? (raw.multiple === undefined ? DEFAULT_ARRAY_MAX : Number(raw.multiple)) : undefined;
  switch (isArray ? type.slice(0, -5) : type) {
    case 'Integer': {
      const min = optionalNumber(raw.Min);
      const max = optionalNumber(raw.Max);
      return integerSpace(min, max, optionalNumber(raw.Step), multiple);
    }
    case 'String': {
      const minLength = optionalNumber(raw.MinLength);
      return stringSpace(minLength, optionalNumber(raw.MaxLength), multiple);
    }
    case 'Literal': {
      const values = literalValues(raw.Values, raw.description);
      if (values.length === 0 && multiple === undefined) return EMPTY_LITERAL;
      return multiple === undefined ? { type: 'Literal', values } : { type: 'Literal', values, multiple };
    }
    default:
      return multiple === undefined ? { type: 'unknown', raw: type } : { type: 'unknown', raw: type, multiple };
  }
}

function literalValues(raw: unknown[] | undefined, descriptions: unknown): LiteralValue[] {
  if (raw === undefined) return [];
  const out: LiteralValue[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = { value: String(raw[i]) };
  // Walk the description map's own keys rather than looking each value up in it: its keys are
  // already internalised, a value string used as a key would have to be internalised first.
  if (typeof descriptions === 'object' && descriptions !== null && !Array.isArray(descriptions)) {
    const texts = descriptions as Record<string, unknown>;
    for (const key in texts) {
      const text = texts[key];
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

function eventFields(children: Record<string, any>): EventField[] {
  const out: EventField[] = [];
  for (const name in children) out.push(eventField(name, children[name]));
  return out;
}

function eventField(name: string, raw: Record<string, any>): EventField {
  const f: { -readonly [K in keyof EventField]: EventField[K] } = {
    name,
    required: raw.required === true || raw.required === 'True' || raw.required === 'true',
  };
  if (raw.valuespace !== undefined) f.valueSpace = eventValueSpace(raw.valuespace, raw.values);
  if (raw.multiple === true || raw.multiple === 'True') f.multiple = true;
  if (raw.children !== undefined) {
    const children = eventFields(raw.children);
    if (children.length > 0) f.children = children;
  }
  return f;
}

/** Event fields use lowercase type names (`string`, `int`, `literal`) and a separate `values` list. */
function eventValueSpace(type: string, values: unknown[] | undefined): ValueSpace {
  switch (type) {
    case 'string': return PLAIN_STRING;
    case 'int': return PLAIN_INTEGER;
    case 'literal': return values === undefined ? EMPTY_LITERAL : { type: 'Literal', values: literalValues(values, undefined) };
    default: return { type: 'unknown', raw: type };
  }
}

function optionalNumber(x: unknown): number | undefined {
  return x === undefined || x === null || x === '' ? undefined : Number(x);
}
