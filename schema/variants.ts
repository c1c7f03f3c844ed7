/**
 * Choosing among a node's variants when the index matters. In the published schemas one product
 * can have several variants of a node that differ per instance: Codec Pro has
 * `Video Output Connector[1] MonitorRole`, `…Connector[2]…` and `…Connector[3]…` as separate
 * entries (45 nodes in 11.27, mostly microphones, cameras and connectors). `SchemaIndex.variantFor`
 * returns the first; these helpers look at all of them.
 */
import { NodeVariant, SchemaNode } from './model';
import { PathItem } from './path';

/** Every variant that applies to a product (those naming it, else those naming no product). */
export function variantsFor(node: SchemaNode, product?: string): NodeVariant[] {
  if (!product) return [...node.variants];
  const own = node.variants.filter(v => v.products.includes(product));
  return own.length ? own : node.variants.filter(v => v.products.length === 0);
}

/** The numeric index given after each name of a path: `Connector 2 MonitorRole` → `[undefined…, 2, undefined]`. */
function indexesByName(items: readonly PathItem[], names: number): (number | undefined)[] {
  const out: (number | undefined)[] = new Array(names).fill(undefined);
  let pos = -1;
  for (const item of items) {
    if (typeof item === 'string') pos++;
    else if (pos >= 0 && pos < names) out[pos] = item;
  }
  return out;
}

function accepts(v: NodeVariant, indexes: (number | undefined)[]): boolean {
  return v.path.every((seg, i) => {
    const n = indexes[i];
    if (n === undefined || !seg.index) return true;
    return n >= seg.index.min && (seg.index.max === undefined || n <= seg.index.max);
  });
}

/**
 * The variant for a concrete path (`['Video', 'Output', 'Connector', 2, 'MonitorRole']`) on a
 * product: the first whose index ranges contain the given indexes. Undefined when the index is
 * outside every variant's range (or the product has none), which is what a validator reports.
 */
export function variantAt(node: SchemaNode, items: readonly PathItem[], product?: string): NodeVariant | undefined {
  const indexes = indexesByName(items, node.names.length);
  return variantsFor(node, product).find(v => accepts(v, indexes));
}
