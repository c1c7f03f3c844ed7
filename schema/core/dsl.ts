/**
 * A tiny builder language for the hand-written core schema. Each call returns a finished
 * `SchemaNode` with a single variant, so the domain files read like a list of xAPI nodes:
 *
 *   command('Dial', 'AIU', 'Places an outgoing call.', [p('Number!', str(0, 255))])
 *   config('Audio DefaultVolume', int(0, 100), { def: '50', set: 'AIU', read: 'AIU' }, '…')
 *   status('Call[n] Status', lit('Idle', 'Connected'), 'AU', '…')
 *   event('CallSuccessful', 'AU', '…', { CallId: int(), Protocol: str() })
 *
 * Roles are written as letters so a node fits on a line:
 *   A Admin · I Integrator · U User · R RoomControl · T TouchUser · D Audit · P PairedUser
 */
import type { Backend, CommandParam, EventField, NodeKind, NodeVariant, Role, SchemaNode, Segment, ValueSpace } from '../model';

const ROLE_LETTERS: Record<string, Role> = {
  A: 'Admin', I: 'Integrator', U: 'User', R: 'RoomControl', T: 'TouchUser', D: 'Audit', P: 'PairedUser',
};

export function roles(letters: string): Role[] {
  return [...letters].map(ch => {
    const role = ROLE_LETTERS[ch];
    if (!role) throw new Error(`core schema: unknown role letter '${ch}' in '${letters}'`);
    return role;
  });
}

// ---- value spaces ----

export const int = (min?: number, max?: number): ValueSpace =>
  ({ type: 'Integer', ...(min !== undefined && { min }), ...(max !== undefined && { max }) });

export const str = (minLength?: number, maxLength?: number): ValueSpace =>
  ({ type: 'String', ...(minLength !== undefined && { minLength }), ...(maxLength !== undefined && { maxLength }) });

export const lit = (...values: string[]): ValueSpace => ({ type: 'Literal', values: values.map(value => ({ value })) });

/** The array form of a value space: a parameter that may be repeated up to `count` times. */
export const many = (vs: ValueSpace, count: number): ValueSpace => ({ ...vs, multiple: count });

// ---- command parameters ----

interface ParamExtra { def?: string; d?: string }

/** A command parameter; a trailing `!` on the name marks it required. */
export function p(name: string, valueSpace: ValueSpace, extra: ParamExtra | string = {}): CommandParam {
  const { def, d } = typeof extra === 'string' ? { d: extra, def: undefined } : extra;
  const required = name.endsWith('!');
  return {
    name: required ? name.slice(0, -1) : name,
    required,
    valueSpace,
    ...(def !== undefined && { default: def }),
    ...(d !== undefined && { description: d }),
  };
}

// ---- event fields ----

/** An event field that may be absent from the payload (fields are required unless wrapped). */
export interface OptionalField { readonly optional: ValueSpace | FieldMap }
export type FieldSpec = ValueSpace | FieldMap | OptionalField;
export interface FieldMap { readonly [name: string]: FieldSpec }

export const maybe = (spec: ValueSpace | FieldMap): OptionalField => ({ optional: spec });

/** The body of an event that carries a bare value instead of an object. */
export interface BareValue { readonly bare: ValueSpace }
export const bare = (vs: ValueSpace): BareValue => ({ bare: vs });

function isValueSpace(spec: FieldSpec): spec is ValueSpace {
  return typeof (spec as { type?: unknown }).type === 'string';
}

function toFields(map: FieldMap): EventField[] {
  return Object.entries(map).map(([name, spec]) => {
    const optional = 'optional' in spec && Object.keys(spec).length === 1;
    const inner = (optional ? (spec as OptionalField).optional : spec) as ValueSpace | FieldMap;
    const base = { name, required: !optional };
    return isValueSpace(inner) ? { ...base, valueSpace: inner } : { ...base, children: toFields(inner) };
  });
}

// ---- nodes ----

export interface NodeExtra {
  backend?: Backend;
  /** Product code names; leave out for nodes every product has. */
  products?: string[];
  multiline?: boolean;
  hidden?: boolean;
}

/** `Call[n] Status` → segments; `[n]` is open-ended, `[1..5]` a range, `[3]` a single index. */
export function parseSegments(path: string): Segment[] {
  return path.split(' ').map(part => {
    const m = /^([^[\]]+)(?:\[(n|\d+)(?:\.\.(n|\d+))?\])?$/.exec(part);
    if (!m) throw new Error(`core schema: bad path segment '${part}' in '${path}'`);
    const [, name, lo, hi] = m;
    if (lo === undefined) return { name };
    if (lo === 'n') return { name, index: { min: 1 } };
    const min = Number(lo);
    if (hi === undefined) return { name, index: { min, max: min } };
    return { name, index: hi === 'n' ? { min } : { min, max: Number(hi) } };
  });
}

type VariantBody = Omit<NodeVariant, 'path' | 'access' | 'backend' | 'products'>;

function node(kind: NodeKind, path: string, variant: VariantBody, extra: NodeExtra): SchemaNode {
  const segments = parseSegments(path);
  const names = segments.map(s => s.name);
  const full: NodeVariant = {
    products: extra.products ?? [],
    path: segments,
    access: 'public-api',
    backend: extra.backend ?? 'any',
    ...variant,
  };
  return { kind, names, normPath: names.join(' '), variants: [full] };
}

export function command(path: string, who: string, description: string, params: CommandParam[] = [], extra: NodeExtra = {}): SchemaNode {
  return node('Command', path, {
    description, writeRoles: roles(who), readRoles: [], params,
    ...(extra.multiline && { multiline: true }),
  }, extra);
}

interface ConfigRoles { def: string; set: string; read: string }

export function config(path: string, valueSpace: ValueSpace, r: ConfigRoles, description: string, extra: NodeExtra = {}): SchemaNode {
  return node('Configuration', path, {
    description, writeRoles: roles(r.set), readRoles: roles(r.read), valueSpace, default: r.def,
    ...(extra.hidden && { hidden: true }),
  }, extra);
}

export function status(path: string, valueSpace: ValueSpace, who: string, description: string, extra: NodeExtra = {}): SchemaNode {
  return node('Status', path, { description, writeRoles: [], readRoles: roles(who), valueSpace }, extra);
}

export function event(path: string, who: string, description: string, body: FieldMap | BareValue = {}, extra: NodeExtra = {}): SchemaNode {
  const shape = 'bare' in body && Object.keys(body).length === 1
    ? { bareValue: (body as BareValue).bare }
    : { fields: toFields(body as FieldMap) };
  return node('Event', path, { description, writeRoles: [], readRoles: roles(who), ...shape }, extra);
}
