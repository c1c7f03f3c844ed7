/**
 * Model → the device's xDoc schema tree (protocol doc §7.1), the inverse of load/xdoc.ts, so a
 * simulated device can answer `xDoc` from any schema. One device is one product: with a product,
 * each node contributes the variant for that product (nodes it lacks are left out); without one,
 * the first variant.
 *
 * The result is the subtree for one root, with the root attributes (`version`, `apiVersion`,
 * `product`) at its top; wrap it as `{Command: …}` / `{StatusSchema: …}` where a client expects that.
 */
import { CommandParam, EventField, NodeKind, NodeVariant, Schema, SchemaNode, Segment, ValueSpace } from './model';
import { productName } from './products';
import { variantsFor } from './variants';

export type XdocRoot = NodeKind;

export interface ToXdocOptions {
  /** Product code (`hopen`): pick that product's variants and name it on the root. */
  product?: string;
  /**
   * The `version` written on the root, which fromDevice takes as the schema's label. A device writes
   * its software version there; default: the schema's own label (`core` for the core schema).
   */
  version?: string;
}

type Tree = Record<string, unknown>;

/** Configuration lists are written as one instance per id; an open range (`[n]`) as its first id only. */
const MAX_INSTANCES = 64;

export function toXdoc(schema: Schema, root: XdocRoot, opts: ToXdocOptions = {}): unknown {
  const out: Tree = { version: opts.version ?? schema.version, apiVersion: '4' };
  if (opts.product) out.product = productName(opts.product);
  for (const node of schema.nodes) {
    if (node.kind !== root) continue;
    for (const v of pickVariants(node, opts.product)) {
      const path = v.path.length === node.names.length ? v.path : node.names.map(name => ({ name }));
      insert(out, path, 0, root, leaf(root, v));
    }
  }
  return out;
}

/**
 * The variants to write. A product can have several configuration variants that differ only in
 * their index (`Connector[1]`, `Connector[2]` …): each fills its own instances, in reverse so
 * that where they overlap the first variant wins. Elsewhere one variant per node.
 */
function pickVariants(node: SchemaNode, product: string | undefined): NodeVariant[] {
  // Without a product the device is none in particular: the first variant (variantsFor would give all).
  if (!product) return node.variants.slice(0, 1);
  const own = variantsFor(node, product);
  if (node.kind !== 'Configuration' || own.length < 2) return own.slice(0, 1);
  const indexed = own.filter(v => v.path.some(s => s.index));
  return indexed.length === own.length ? indexed.reverse() : own.slice(0, 1);
}

function instanceIds(seg: Segment): number[] {
  const r = seg.index!;
  const max = r.max === undefined ? r.min : Math.min(r.max, r.min + MAX_INSTANCES - 1);
  const ids: number[] = [];
  for (let id = r.min; id <= max; id++) ids.push(id);
  return ids;
}

function insert(container: Tree, path: readonly Segment[], i: number, kind: NodeKind, value: Tree): void {
  const seg = path[i];
  const last = i === path.length - 1;
  const existing = container[seg.name];
  if (seg.index && kind === 'Configuration') {
    const list = (Array.isArray(existing) ? existing : (container[seg.name] = [])) as Tree[];
    for (const id of instanceIds(seg)) {
      let instance = list.find(x => x.id === String(id));
      if (!instance) {
        instance = { id: String(id) };
        list.push(instance);
        list.sort((a, b) => Number(a.id) - Number(b.id));
      }
      if (last) Object.assign(instance, value);
      else insert(instance, path, i + 1, kind, value);
    }
    return;
  }
  if (seg.index || Array.isArray(existing)) {
    // Status (and any other) lists: one element describes every entry.
    const list = (Array.isArray(existing) ? existing : (container[seg.name] = [{}])) as Tree[];
    if (last) Object.assign(list[0], value);
    else insert(list[0], path, i + 1, kind, value);
    return;
  }
  if (last) {
    container[seg.name] = typeof existing === 'object' && existing !== null ? Object.assign(existing as Tree, value) : value;
    return;
  }
  const next = (typeof existing === 'object' && existing !== null ? existing : (container[seg.name] = {})) as Tree;
  insert(next, path, i + 1, kind, value);
}

const roles = (list: readonly string[]): string => list.join(';');

function leaf(kind: NodeKind, v: NodeVariant): Tree {
  const out: Tree = { access: v.access };
  if (v.backend !== 'any') out.backend = v.backend;
  if (v.description !== undefined) out.description = v.description;
  switch (kind) {
    case 'Configuration':
      out.role = roles(v.writeRoles);
      out.read = roles(v.readRoles);
      if (v.hidden) out.hide_value = 'True';
      out.ValueSpace = valueSpace(v.valueSpace ?? { type: 'String' }, v.default);
      break;
    case 'Status':
      out.read = roles(v.readRoles);
      out.ValueSpace = valueSpace(v.valueSpace ?? { type: 'String' }, undefined);
      break;
    case 'Command':
      out.command = 'True';
      out.role = roles(v.writeRoles);
      if (v.readRoles.length) out.read = roles(v.readRoles);
      if (v.multiline) out.multiline = 'True';
      for (const p of v.params ?? []) out[p.name] = param(p);
      break;
    case 'Event':
      out.event = 'True';
      out.read = roles(v.readRoles);
      if (v.bareValue) out.NameNotUsed = { required: 'True', ...fieldType(v.bareValue) };
      else for (const f of v.fields ?? []) out[f.name] = field(f);
      break;
  }
  return out;
}

function valueSpace(vs: ValueSpace, def: string | undefined): Tree {
  const suffix = vs.multiple !== undefined ? 'Array' : '';
  const out: Tree = {};
  switch (vs.type) {
    case 'Integer':
      out.type = `Integer${suffix}`;
      if (vs.min !== undefined) out.min = String(vs.min);
      if (vs.max !== undefined) out.max = String(vs.max);
      if (vs.step !== undefined) out.step = String(vs.step);
      break;
    case 'String':
      out.type = `String${suffix}`;
      if (vs.minLength !== undefined) out.minLength = String(vs.minLength);
      if (vs.maxLength !== undefined) out.maxLength = String(vs.maxLength);
      break;
    case 'Literal':
      out.type = `Literal${suffix}`;
      out.Value = vs.values.map(x => x.value);
      break;
    default:
      out.type = vs.raw;
  }
  if (vs.multiple !== undefined) out.multiple = String(vs.multiple);
  if (def !== undefined) out.default = def;
  return out;
}

function param(p: CommandParam): unknown {
  const out: Tree = { required: p.required ? 'True' : 'False', ValueSpace: valueSpace(p.valueSpace, p.default) };
  if (p.description !== undefined) out.description = p.description;
  // Repeatable parameters are array-wrapped, as on the device.
  return p.valueSpace.multiple !== undefined ? [out] : out;
}

function fieldType(vs: ValueSpace): Tree {
  switch (vs.type) {
    case 'Integer': return { type: 'int' };
    case 'String': return { type: 'string' };
    case 'Literal': return vs.values.length ? { type: 'literal', Value: vs.values.map(x => x.value) } : { type: 'literal' };
    default: return { type: vs.raw };
  }
}

function field(f: EventField): unknown {
  const out: Tree = { required: f.required ? 'True' : 'False' };
  if (f.valueSpace) Object.assign(out, fieldType(f.valueSpace));
  for (const c of f.children ?? []) out[c.name] = field(c);
  return f.multiple ? [out] : out;
}
