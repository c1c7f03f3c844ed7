/**
 * Which variants a product gets: the one rule, used by the index, the validator, the macro
 * diagnostics, the emulator and the typings.
 *
 * In the published schemas one product can have several variants of a node that differ per instance:
 * Codec Pro has `Video Output Connector[1] MonitorRole`, `…Connector[2]…` and `…Connector[3]…` as
 * separate entries (45 nodes in 11.27, mostly microphones, cameras and connectors). So the answer is a
 * list, narrowed by the indexes written (`variantAt`), and only its first entry is "the" variant when
 * no index is known (`SchemaIndex.variantFor`).
 */
import { NodeVariant, SchemaNode } from './model';
import { inRange } from './indexRange';
import { PathItem } from './path';

/**
 * Every variant that applies to a product: those naming it, else those naming no product (every
 * product). Without a product, all of them. Empty when the product has none: the node is not on it.
 */
export function variantsFor(node: SchemaNode, product?: string): NodeVariant[] {
  if (!product) return [...node.variants];
  const own = node.variants.filter(v => v.products.includes(product));
  return own.length ? own : node.variants.filter(v => v.products.length === 0);
}

/**
 * The variant to describe a node by (hover, completion, placeholders): the product's, else the first
 * of all, so a node that is not on the product is still documented.
 */
export function describedVariant(node: SchemaNode, product?: string): NodeVariant {
  return variantsFor(node, product)[0] ?? node.variants[0]!;
}

/** The numeric index given after each name of a path: `Connector 2 MonitorRole` → `[undefined, 2, undefined]`. */
export function indexesByName(items: readonly PathItem[], names: number): (number | undefined)[] {
  const out: (number | undefined)[] = new Array(names).fill(undefined);
  let pos = -1;
  for (const item of items) {
    if (typeof item === 'string') pos++;
    else if (pos >= 0 && pos < names) out[pos] = item;
  }
  return out;
}

/** True when every index written lies in the variant's range for its segment (unindexed segments take any). */
export function variantAccepts(v: NodeVariant, indexes: readonly (number | undefined)[]): boolean {
  return v.path.every((seg, i) => {
    const n = indexes[i];
    return n === undefined || !seg.index || inRange(n, seg.index);
  });
}

/**
 * The variant for a concrete path (`['Video', 'Output', 'Connector', 2, 'MonitorRole']`) on a
 * product: the first whose index ranges contain the given indexes. Undefined when the index is
 * outside every variant's range (or the product has none), which is what a validator reports.
 */
export function variantAt(node: SchemaNode, items: readonly PathItem[], product?: string): NodeVariant | undefined {
  const indexes = indexesByName(items, node.names.length);
  return variantsFor(node, product).find(v => variantAccepts(v, indexes));
}
