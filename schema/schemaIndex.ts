/**
 * The index over a schema: one trie of path segments per kind, for exact lookup
 * (case-insensitive, as on the device), the children of a prefix (completion),
 * and product filtering. Nodes keep all their variants; `variantFor` picks one.
 */
import { IndexRange, NodeKind, NodeVariant, NODE_KINDS, Schema, SchemaNode } from './model';
import { unionRange } from './indexRange';
import { PathItem, splitPath } from './path';
import { variantsFor } from './variants';

export interface TrieEntry {
  /** This segment in the schema's spelling. */
  readonly name: string;
  /** The widest index range any variant gives this segment, when it is indexed. */
  readonly index?: IndexRange;
  readonly children: ReadonlyMap<string, TrieEntry>;
  /** The node whose path ends here, if any (a path can be both a node and a branch). */
  readonly node?: SchemaNode;
  readonly kind: NodeKind;
  /** Segment names from the root of the kind down to this entry. */
  readonly names: readonly string[];
}

/**
 * A node may carry, under this key, the widest index range of each of its path segments over all
 * its variants (null: no segment is indexed). Loaders whose nodes build their variants on first
 * read provide it, so that indexing does not build them.
 */
export const SEGMENT_RANGES: unique symbol = Symbol('xapi.segmentRanges');
export interface SegmentRanges {
  readonly [SEGMENT_RANGES]: readonly (IndexRange | undefined)[] | null;
}

interface MutableEntry {
  name: string;
  index?: IndexRange;
  children: Map<string, MutableEntry>;
  node?: SchemaNode;
  kind: NodeKind;
  names: readonly string[];
  /** Product codes available somewhere below; null means "every product". Computed lazily. */
  products?: Set<string> | null;
}

/** The children of every entry that has none: most entries are leaves. Never written to. */
const NO_CHILDREN: Map<string, MutableEntry> = new Map();

/** The path of the node inserted last: its kind, names, and the trie entry of each name. */
interface Trail {
  kind: NodeKind | undefined;
  names: readonly string[];
  entries: MutableEntry[];
}

export class SchemaIndex {
  private readonly roots = new Map<NodeKind, MutableEntry>();
  /** Nodes per kind; no prototype, so an unexpected kind string counts 0. */
  private readonly counts: Record<NodeKind, number> = Object.assign(Object.create(null), { Command: 0, Configuration: 0, Status: 0, Event: 0 });

  constructor(readonly schema: Schema) {
    for (const kind of NODE_KINDS) {
      this.roots.set(kind, { name: kind, children: NO_CHILDREN, kind, names: [] });
    }
    const trail: Trail = { kind: undefined, names: [], entries: [] };
    const nodes = schema.nodes;
    for (let i = 0; i < nodes.length; i++) this.insert(nodes[i], trail);
  }

  get version(): string {
    return this.schema.version;
  }

  /** The kinds this schema has at least one node of (the 9.15 schema has no events). */
  kinds(): NodeKind[] {
    return NODE_KINDS.filter(k => this.counts[k] > 0);
  }

  count(kind?: NodeKind): number {
    if (kind) return this.counts[kind] ?? 0;
    return this.schema.nodes.length;
  }

  /** Every product code any node names. */
  products(): string[] {
    const all = new Set<string>();
    for (const n of this.schema.nodes) for (const v of n.variants) for (const p of v.products) all.add(p);
    return [...all].sort();
  }

  private insert(node: SchemaNode, trail: Trail): void {
    // Plain loops: this runs once per node on the load path, mostly before the JIT has warmed up.
    const names = node.names;
    const ranges = (node as Partial<SegmentRanges>)[SEGMENT_RANGES];
    const variants = ranges === undefined ? node.variants : undefined;
    // Nodes usually come in path order, so a node shares its first names with the previous one:
    // the entries on that shared prefix are taken from the trail instead of looked up again.
    const same = trail.kind === node.kind;
    let shared = true;
    let entry = this.roots.get(node.kind)!;
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      let next: MutableEntry | undefined;
      if (shared && same && i < trail.names.length && name === trail.names[i]) {
        next = trail.entries[i];
      } else {
        shared = false;
        const key = name.toLowerCase();
        next = entry.children.get(key);
        if (!next) {
          // The last entry of a path takes the node's own names array; entries below it share it too.
          // Every field from the start: fields added later would each cost the entry a
          // separate property store.
          next = {
            name, children: NO_CHILDREN, kind: node.kind, names: i === names.length - 1 ? names : names.slice(0, i + 1),
            index: undefined, node: undefined, products: undefined,
          };
          if (entry.children === NO_CHILDREN) entry.children = new Map();
          entry.children.set(key, next);
        }
        trail.entries[i] = next;
      }
      if (variants) {
        for (let v = 0; v < variants.length; v++) {
          const index = variants[v].path[i]?.index;
          if (index) next.index = unionRange(next.index, index);
        }
      } else if (ranges) {
        const index = ranges[i];
        if (index) next.index = unionRange(next.index, index);
      }
      entry = next;
    }
    trail.kind = node.kind;
    trail.names = names;
    if (entry.node) {
      // Two nodes with the same path: the loaders merge these into variants, so this only
      // happens with hand-built schemas. Keep both by merging variants.
      entry.node = { ...entry.node, variants: [...entry.node.variants, ...node.variants] };
    } else {
      entry.node = node;
      this.counts[node.kind]++;
    }
  }

  /** The trie entry at a path (names only; numeric indexes in `path` are skipped). */
  entry(kind: NodeKind, path: string | readonly PathItem[]): TrieEntry | undefined {
    let entry: MutableEntry | undefined = this.roots.get(kind);
    for (const item of typeof path === 'string' ? splitPath(path) : path) {
      if (typeof item === 'number') continue;
      entry = entry?.children.get(item.toLowerCase());
      if (!entry) return undefined;
    }
    return entry;
  }

  /** The node at exactly this path, case-insensitively; numeric indexes are skipped. */
  lookup(kind: NodeKind, path: string | readonly PathItem[]): SchemaNode | undefined {
    return this.entry(kind, path)?.node;
  }

  /**
   * The entries directly below a prefix, in the schema's spelling and sorted by name.
   * With a product, entries with nothing for that product below them are left out.
   */
  children(kind: NodeKind, prefix: string | readonly PathItem[], product?: string): TrieEntry[] {
    const entry = this.entry(kind, prefix);
    if (!entry) return [];
    const out = [...entry.children.values()];
    const filtered = product ? out.filter(e => this.entryHasProduct(e as MutableEntry, product)) : out;
    return filtered.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Every node of a kind (or all kinds) under an optional prefix, depth first. */
  *nodes(kind?: NodeKind, prefix: readonly PathItem[] = []): Generator<SchemaNode> {
    for (const k of kind ? [kind] : NODE_KINDS) {
      const start = this.entry(k, prefix);
      if (!start) continue;
      const stack: TrieEntry[] = [start];
      while (stack.length) {
        const e = stack.pop()!;
        if (e.node) yield e.node;
        for (const c of e.children.values()) stack.push(c);
      }
    }
  }

  /** True when some variant of the node is available on the product (or the product is not given). */
  hasProduct(node: SchemaNode, product?: string): boolean {
    return this.variantFor(node, product) !== undefined;
  }

  /**
   * The variant for a product when no index is known: the first of `variantsFor` (variants.ts, the one
   * rule of which variants a product gets). With indexes, use `variantAt`.
   */
  variantFor(node: SchemaNode, product?: string): NodeVariant | undefined {
    return variantsFor(node, product)[0];
  }

  private entryHasProduct(entry: MutableEntry, product: string): boolean {
    if (entry.products === undefined) {
      let set: Set<string> | null = new Set();
      const stack: MutableEntry[] = [entry];
      while (stack.length && set) {
        const e = stack.pop()!;
        for (const v of e.node?.variants ?? []) {
          if (v.products.length === 0) { set = null; break; }
          for (const p of v.products) set.add(p);
        }
        for (const c of e.children.values()) stack.push(c);
      }
      entry.products = set;
    }
    return entry.products === null || entry.products.has(product);
  }
}
