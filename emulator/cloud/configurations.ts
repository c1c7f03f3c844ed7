/**
 * A simulated device's configurations as the Webex cloud shows them (`GET /deviceConfigurations`): flat items keyed
 * by dotted keys, each with its value, the source it comes from, the sources (default, configured, and an
 * organisation rule where one applies, with the fields real devices add: `level`, `enforced`), and its value space
 * as JSON Schema; and the cloud's key filters (absolute, `*` wildcards, `[n]`, `[*]`, `[a..b]`, `[a..n]` ranges).
 */
import type { SchemaIndex } from '../../schema/schemaIndex';
import type { ValueSpace } from '../../schema/model';
import { variantAt } from '../../schema/variants';
import { parseKey } from '../../schema/cloudKeys';
import { dottedKey, parseDottedKey } from '../../xapi/cloud/cloudPaths';
import { EditReason, type ConfigurationItem, type ConfigurationSource } from '../../xapi/cloud/webexApi';
import type { PathSegment } from '../../xapi/protocol';


/** A value space as JSON Schema (what `valueSpace` and `/xapi/schema` carry). */
export function jsonSchemaOf(space: ValueSpace | undefined): Record<string, unknown> {
  switch (space?.type) {
    case 'Integer': return { type: 'integer', ...(space.min !== undefined ? { minimum: space.min } : {}), ...(space.max !== undefined ? { maximum: space.max } : {}) };
    case 'Literal': return { type: 'string', enum: space.values.map(v => v.value) };
    case 'String': return { type: 'string', ...(space.minLength !== undefined ? { minLength: space.minLength } : {}), ...(space.maxLength !== undefined ? { maxLength: space.maxLength } : {}) };
    default: return {};
  }
}

/** The device's configuration tree (its xGet answer) as flat dotted keys → values. */
export function flatten(tree: unknown, prefix: PathSegment[] = [], out = new Map<string, { names: PathSegment[]; value: unknown }>()): Map<string, { names: PathSegment[]; value: unknown }> {
  if (Array.isArray(tree)) {
    for (const item of tree) {
      const id = Number((item as { id?: unknown })?.id);
      if (!Number.isInteger(id)) continue;
      const { id: _id, ...rest } = item as Record<string, unknown>;
      flatten(rest, [...prefix, id], out);
    }
  } else if (typeof tree === 'object' && tree !== null) {
    for (const [k, v] of Object.entries(tree)) flatten(v, [...prefix, k], out);
  } else if (prefix.length) {
    out.set(dottedKey(prefix), { names: prefix, value: tree });
  }
  return out;
}

/** The items of one device, with the organisation's rules applied. */
export function configurationItems(index: SchemaIndex, product: string | undefined, tree: unknown, rules: ReadonlyMap<string, string | number>): Record<string, ConfigurationItem> {
  const items: Record<string, ConfigurationItem> = {};
  for (const [key, { names, value }] of flatten(tree)) {
    const node = index.lookup('Configuration', names.filter((s): s is string => typeof s === 'string'));
    const variant = node && variantAt(node, names, product);
    const rule = rules.get(key.toLowerCase());
    const fallback = variant?.default ?? value;
    const defaultValue = typeof value === 'number' && variant?.default !== undefined && /^-?\d+$/.test(variant.default) ? Number(variant.default) : fallback;
    const sources: Record<string, ConfigurationSource> = {
      default: { value: defaultValue, editability: { isEditable: false, reason: EditReason.factoryDefault }, level: 'schemaDefault' },
      configured: rule === undefined
        ? { value, editability: { isEditable: true }, level: 'device' }
        : { editability: { isEditable: false, reason: EditReason.otherAuthority }, level: 'device' },
    };
    if (rule !== undefined) sources.organizationRule = { value: rule, editability: { isEditable: false, reason: EditReason.rule }, level: 'organization', enforced: true };
    const source = rule !== undefined ? 'organizationRule' : String(value) === String(defaultValue) ? 'default' : 'configured';
    items[key] = { value: rule ?? value, source, sources, valueSpace: jsonSchemaOf(variant?.valueSpace) };
  }
  return items;
}

/**
 * The cloud's key filter as a predicate on dotted keys: `Audio.DefaultVolume` (that key), `Audio.Ultrasound.*`
 * (everything below), `*` (everything), `Service[1]`, `Service[*]`, `Service[1..3]`, `Service[2..n]`.
 * Undefined when the pattern is malformed.
 */
export function keyFilter(pattern: string): ((key: string) => boolean) | undefined {
  const wanted = parseKey(pattern);
  if (!wanted) return undefined;
  return key => {
    const names = parseDottedKey(key);
    if (!names) return false;
    let i = 0;
    for (const part of wanted.parts) {
      const n = names[i++];
      if (typeof n !== 'string' || n.toLowerCase() !== part.name.toLowerCase()) return false;
      if (typeof names[i] === 'number') {
        const ix = names[i++] as number;
        if (!part.index || ix < part.index.from || ix > part.index.to) return false;
      } else if (part.index) return false;
    }
    return wanted.below ? i < names.length : i === names.length;
  };
}
