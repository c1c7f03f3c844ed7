/**
 * What several variants of one node accept together: the rule for "no product known" (no device connected, no
 * product setting, no `--product`: the settings promise that an empty product means every product), and for the
 * per-instance variants one product can have when no index narrows them. Literal values are united, ranges and
 * lengths widened, a parameter is required only where every variant requires it, payload fields united. The
 * typings (typings/merge.ts) and the rules (rules/indexes.ts) both build on it.
 */
import { unionRange } from './indexRange';
import { CommandParam, EventField, LiteralValue, NodeVariant, Segment, ValueSpace } from './model';
import { checkValue } from './valueCheck';

function lower(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : Math.min(a, b);
}
function upper(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : Math.max(a, b);
}
function maxMultiple(a: ValueSpace, b: ValueSpace): number | undefined {
  return a.multiple === undefined ? b.multiple : b.multiple === undefined ? a.multiple : Math.max(a.multiple, b.multiple);
}

/** Two value spaces of one type united (of two types: the first, unchanged). */
function mergeTwo(a: ValueSpace, b: ValueSpace): ValueSpace {
  const multiple = maxMultiple(a, b);
  const withMultiple = <T extends object>(vs: T): T => (multiple === undefined ? vs : { ...vs, multiple });
  if (a.type === 'Integer' && b.type === 'Integer') {
    return withMultiple({ type: 'Integer', min: lower(a.min, b.min), max: upper(a.max, b.max), step: a.step === b.step ? a.step : undefined });
  }
  if (a.type === 'String' && b.type === 'String') {
    return withMultiple({ type: 'String', minLength: lower(a.minLength, b.minLength), maxLength: upper(a.maxLength, b.maxLength) });
  }
  if (a.type === 'Literal' && b.type === 'Literal') {
    const seen = new Set(a.values.map(v => v.value));
    const values: LiteralValue[] = [...a.values, ...b.values.filter(v => !seen.has(v.value))];
    return withMultiple({ type: 'Literal', values });
  }
  return a; // two unknown value spaces: keep the first as written
}

/** Value spaces united per type, in the order the types first appear. */
export function mergeSpaces(list: readonly (ValueSpace | undefined)[]): ValueSpace[] {
  const out: ValueSpace[] = [];
  for (const vs of list) {
    if (!vs) continue;
    const i = out.findIndex(o => o.type === vs.type);
    if (i < 0) out.push(vs);
    else out[i] = mergeTwo(out[i]!, vs);
  }
  return out;
}

/** One value space that accepts what any of them does; of several types, one that checks nothing (undecidable). */
function unitedSpace(list: readonly (ValueSpace | undefined)[]): ValueSpace | undefined {
  const spaces = mergeSpaces(list);
  if (spaces.length <= 1) return spaces[0];
  return { type: 'unknown', raw: spaces.map(s => s.type).join(' | ') };
}

/** The items of several lists grouped by name (case-insensitive), in the order names first appear. */
export function byName<T extends { readonly name: string }>(lists: readonly (readonly T[])[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const list of lists) {
    for (const item of list) {
      const key = item.name.toLowerCase();
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
  }
  return [...groups.values()];
}

function unitedParams(variants: readonly NodeVariant[]): CommandParam[] | undefined {
  if (!variants.some(v => v.params)) return undefined;
  return byName(variants.map(v => v.params ?? [])).map(all => {
    const first = all[0]!;
    return {
      ...first,
      // Required only when every variant has it and requires it: otherwise some product accepts the call without it.
      required: all.length === variants.length && all.every(p => p.required),
      default: all.every(p => p.default === first.default) ? first.default : undefined,
      valueSpace: unitedSpace(all.map(p => p.valueSpace))!,
    };
  });
}

function unitedFields(groups: readonly (readonly EventField[])[]): EventField[] {
  return byName(groups).map(all => {
    const children = all.some(f => f.children?.length) ? unitedFields(all.map(f => f.children ?? [])) : undefined;
    const valueSpace = unitedSpace(all.map(f => f.valueSpace));
    return {
      name: all[0]!.name,
      required: all.length === groups.length && all.every(f => f.required),
      ...(all.some(f => f.multiple) ? { multiple: true } : {}),
      ...(valueSpace ? { valueSpace } : {}),
      ...(children ? { children } : {}),
    };
  });
}

const unions = new WeakMap<NodeVariant, Map<string, NodeVariant>>();

/**
 * One variant accepting what any of `variants` (of one node, non-empty) accepts. Memoised: the same group of
 * variants always gives the same object, so per-variant caches (parameter tables) keep working.
 */
export function unionVariant(variants: readonly NodeVariant[]): NodeVariant {
  if (variants.length === 1) return variants[0]!;
  const first = variants[0]!;
  let byFirst = unions.get(first);
  if (!byFirst) { byFirst = new Map(); unions.set(first, byFirst); }
  const key = variants.map(v => `${v.products.join(',')}|${v.path.map(s => s.index ? `${s.index.min}-${s.index.max ?? ''}` : '').join('/')}`).join(';');
  const hit = byFirst.get(key);
  if (hit) return hit;
  const width = Math.max(...variants.map(v => v.path.length));
  const path: Segment[] = [];
  for (let i = 0; i < width; i++) {
    const seg = variants.find(v => v.path[i])!.path[i]!;
    let index = seg.index;
    for (const v of variants) index = unionRange(index, v.path[i]?.index);
    path.push(index ? { name: seg.name, index } : { name: seg.name });
  }
  const params = unitedParams(variants);
  const valueSpace = unitedSpace(variants.map(v => v.valueSpace));
  const fields = variants.some(v => v.fields) ? unitedFields(variants.filter(v => v.fields).map(v => v.fields!)) : undefined;
  const united: NodeVariant = {
    ...first,
    products: variants.some(v => v.products.length === 0) ? [] : [...new Set(variants.flatMap(v => v.products))],
    path,
    default: variants.every(v => v.default === first.default) ? first.default : undefined,
    multiline: variants.some(v => v.multiline === true) || undefined,
    ...(params ? { params } : {}),
    ...(valueSpace ? { valueSpace } : {}),
    ...(fields ? { fields } : {}),
  };
  byFirst.set(key, united);
  return united;
}

/**
 * The products that take a value, when only some of a node's variants do (for hover: "only on …"); undefined when
 * every variant takes it, or none does. `param` names a command parameter; without it the node's own value space.
 */
export function productsTaking(variants: readonly NodeVariant[], value: string | number, param?: string): string[] | undefined {
  const takes = (v: NodeVariant): boolean => {
    const vs = param === undefined ? v.valueSpace : v.params?.find(p => p.name.toLowerCase() === param.toLowerCase())?.valueSpace;
    return !!vs && checkValue(vs, value).ok;
  };
  const taking = variants.filter(takes);
  if (taking.length === 0 || taking.length === variants.length) return undefined;
  return [...new Set(taking.flatMap(v => v.products))];
}
