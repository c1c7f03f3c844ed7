/**
 * One effective description per node for the typings: either the chosen product's variant,
 * or (without a product) all variants merged so that every product's valid use type-checks —
 * the union of literal values, the widest ranges, a parameter required only where every variant
 * requires it (value spaces united as the rules unite them: variantUnion.ts). A parameter may keep one
 * space per type here, where TypeScript can say "a number or one of these words".
 */
import { unionRange } from '../indexRange';
import { EventField, IndexRange, NodeVariant, ValueSpace } from '../model';
import { byName, mergeSpaces } from '../variantUnion';

export interface Effective {
  readonly description?: string;
  readonly backend: NodeVariant['backend'];
  /** Value spaces of a configuration or status, at most one per type. */
  readonly spaces: readonly ValueSpace[];
  readonly default?: string;
  readonly params: readonly EffectiveParam[];
  readonly multiline: boolean;
  readonly fields: readonly EffectiveField[];
  /** Bare-value event body (`Standby SecondsToStandby`). */
  readonly bare?: readonly ValueSpace[];
  /** Product codes the node is on; undefined when some variant applies to every product. */
  readonly products?: readonly string[];
  /** Index range per path segment (undefined where the segment is not indexed). */
  readonly indexes: readonly (IndexRange | undefined)[];
}

export interface EffectiveParam {
  readonly name: string;
  readonly required: boolean;
  readonly description?: string;
  readonly default?: string;
  readonly spaces: readonly ValueSpace[];
}

export interface EffectiveField {
  readonly name: string;
  readonly required: boolean;
  readonly multiple: boolean;
  readonly spaces: readonly ValueSpace[];
  readonly children: readonly EffectiveField[];
}

function mergeParams(variants: readonly NodeVariant[]): EffectiveParam[] {
  const total = variants.length;
  return byName(variants.map(v => v.params ?? [])).map(all => {
    const first = all[0]!;
    return {
      name: first.name,
      // Required only when every variant has it and requires it: otherwise some product accepts the call without it.
      required: all.length === total && all.every(p => p.required),
      description: first.description,
      default: all.every(p => p.default === first.default) ? first.default : undefined,
      spaces: mergeSpaces(all.map(p => p.valueSpace)),
    };
  });
}

/** The `NameNotUsed` child some schemas use for a bare-number event body. */
function bareField(fields: readonly EventField[] | undefined): EventField | undefined {
  return fields?.length === 1 && fields[0]!.name === 'NameNotUsed' && !fields[0]!.children?.length ? fields[0] : undefined;
}

function mergeFields(groups: readonly (readonly EventField[])[]): EffectiveField[] {
  return byName(groups).map(all => ({
    name: all[0]!.name,
    required: all.length === groups.length && all.every(f => f.required),
    multiple: all.some(f => f.multiple === true),
    spaces: mergeSpaces(all.map(f => f.valueSpace)),
    children: all.some(f => f.children?.length) ? mergeFields(all.map(f => f.children ?? [])) : [],
  }));
}

/** Merges the given (non-empty) variants of a node into what the typings describe. */
export function effective(variants: readonly NodeVariant[]): Effective {
  const first = variants[0]!;
  const width = Math.max(...variants.map(v => v.path.length));
  const indexes: (IndexRange | undefined)[] = [];
  for (let i = 0; i < width; i++) {
    let r: IndexRange | undefined;
    for (const v of variants) r = unionRange(r, v.path[i]?.index);
    indexes.push(r);
  }
  const bareFields = variants.map(v => bareField(v.fields));
  const bare = variants.some(v => v.bareValue) || bareFields.some(Boolean)
    ? mergeSpaces([...variants.map(v => v.bareValue), ...bareFields.map(f => f?.valueSpace)])
    : undefined;
  return {
    description: first.description,
    backend: variants.every(v => v.backend === first.backend) ? first.backend : 'any',
    spaces: mergeSpaces(variants.map(v => v.valueSpace)),
    default: variants.every(v => v.default === first.default) ? first.default : undefined,
    params: mergeParams(variants),
    multiline: variants.some(v => v.multiline === true),
    fields: bare ? [] : mergeFields(variants.filter(v => v.fields).map(v => v.fields!)),
    bare,
    products: variants.some(v => v.products.length === 0) ? undefined : [...new Set(variants.flatMap(v => v.products))].sort(),
    indexes,
  };
}
