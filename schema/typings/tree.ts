/**
 * The path tree of one kind as the typings see it: segments merged case-insensitively
 * (first spelling wins), indexed where any node below gives the segment an index, and children
 * sorted so the output is the same whatever order the schema lists its nodes in.
 */
import { IndexRange, NodeKind, Schema } from '../model';
import { variantsFor } from '../variants';
import { Effective, effective } from './merge';

export interface TypingsNode {
  readonly name: string;
  /** Segment names from the kind's root down to this node. */
  readonly names: readonly string[];
  index?: IndexRange;
  readonly children: Map<string, TypingsNode>;
  /** Set when a schema node ends here. */
  leaf?: Effective;
}

function widen(a: IndexRange | undefined, b: IndexRange | undefined): IndexRange | undefined {
  if (!a) return b;
  if (!b) return a;
  const min = Math.min(a.min, b.min);
  return a.max === undefined || b.max === undefined ? { min } : { min, max: Math.max(a.max, b.max) };
}

export function buildTree(schema: Schema, kind: NodeKind, product?: string): TypingsNode {
  const root: TypingsNode = { name: kind, names: [], children: new Map() };
  for (const node of schema.nodes) {
    if (node.kind !== kind || node.names.length === 0) continue;
    const variants = variantsFor(node, product);
    if (variants.length === 0) continue;
    const eff = effective(variants);
    let at = root;
    node.names.forEach((name, i) => {
      const key = name.toLowerCase();
      let next = at.children.get(key);
      if (!next) {
        next = { name, names: [...at.names, name], children: new Map() };
        at.children.set(key, next);
      }
      next.index = widen(next.index, eff.indexes[i]);
      at = next;
    });
    // Two schema nodes on one path only come from hand-built schemas; the first wins.
    at.leaf ??= eff;
  }
  return root;
}

/** Children in a stable order (by name, code-unit order). */
export function sortedChildren(node: TypingsNode): TypingsNode[] {
  return [...node.children.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
