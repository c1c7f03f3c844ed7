/**
 * The device's state: one tree for Configuration and one for Status, built from the schema for one
 * product. Names are looked up case-insensitively and kept in the schema's spelling; lists are maps from
 * item id to item. Leaves hold values already typed for the wire (values.ts).
 */
import { IndexRange, NodeKind, NodeVariant, Role, SchemaNode } from '../schema/model';
import { SchemaIndex } from '../schema/schemaIndex';
import { kindOfWord } from '../schema/kinds';
import { variantsFor } from '../schema/variants';
import { Location } from './query';
import { defaultValue, Leaf, restingValue, typeValue } from './values';

export type StateRoot = 'Status' | 'Configuration';

export interface LeafMeta {
  readonly node: SchemaNode;
  readonly variant: NodeVariant;
  /** Roles that may read it; empty means everyone. */
  readonly readRoles: readonly Role[];
}

export interface LeafNode { readonly t: 'leaf'; value: Leaf; readonly meta: LeafMeta; dynamic?: () => Leaf }
export interface BranchNode { readonly t: 'branch'; readonly children: Map<string, { name: string; node: TreeNode }> }
export interface ListNode {
  readonly t: 'list';
  readonly items: Map<number, TreeNode>;
  /** Built by `find` for a read without an item id: answered even when empty (`[]`), unlike a list of the tree. */
  readonly selection?: true;
}
export type TreeNode = LeafNode | BranchNode | ListNode;

/** Largest number of items instantiated for one indexed segment. */
const MAX_INSTANCES = 64;

/**
 * Status lists that describe things that come and go (calls, connected peripherals…): they start empty.
 * Every other status list starts with each item of its closed range (`Video Output Connector[1..3]`), or with
 * item 1 when the range is open (`Network[n]`), so that its leaves can be read.
 */
const DYNAMIC_STATUS_LISTS = [
  'call', 'conference call', 'mediachannels call', 'mediachannels directshare', 'mediachannels miracast',
  'mediachannels remoteaccess', 'peripherals connecteddevice', 'httpfeedback', 'userinterface extensions widget',
  'conference presentation localinstance', 'diagnostics message', 'audio input localinput', 'audio output localoutput',
  'audio input remoteinput', 'audio output remoteoutput',
];

export function readRolesOf(v: NodeVariant): readonly Role[] {
  return v.readRoles.length ? v.readRoles : v.writeRoles;
}

export function newBranch(): BranchNode {
  return { t: 'branch', children: new Map() };
}

export class StateTree {
  readonly roots: Record<StateRoot, BranchNode> = { Status: newBranch(), Configuration: newBranch() };

  constructor(private readonly index: SchemaIndex, private readonly product: string | undefined) {}

  /** (Re)build one root from the schema at its starting values. */
  build(root: StateRoot, initial: (meta: LeafMeta, loc: Location) => Leaf | undefined): void {
    this.roots[root] = newBranch();
    for (const node of this.index.nodes(root)) {
      // One product can have a variant per index (Codec Pro: `Connector[1]`, `[2]`, `[3] MonitorRole`),
      // so every variant for the product contributes its own instances; the first one placed wins.
      for (const variant of variantsFor(node, this.product)) this.placeVariant(root, node, variant, initial);
    }
  }

  private placeVariant(root: StateRoot, node: SchemaNode, variant: NodeVariant, initial: (meta: LeafMeta, loc: Location) => Leaf | undefined): void {
    const meta: LeafMeta = { node, variant, readRoles: readRolesOf(variant) };
    for (const loc of this.instances(root, node, variant)) {
      if (this.find(loc)) continue;
      const v = initial(meta, loc);
      const index = [...loc].reverse().find((x): x is number => typeof x === 'number');
      const value = v ?? (root === 'Configuration' ? defaultValue(variant.valueSpace, variant.default, index) : restingValue(variant.valueSpace));
      this.put(loc, { t: 'leaf', value, meta });
    }
  }

  /**
   * Every location a node has at start: all indexes of configuration ranges and of status lists with a closed
   * range (a product with three video outputs reports three output connectors); item 1 of open-ended static
   * status lists; none of the dynamic ones.
   */
  private instances(root: StateRoot, node: SchemaNode, variant: NodeVariant): Location[] {
    let locs: (string | number)[][] = [[root]];
    const names = node.names;
    for (let i = 0; i < names.length; i++) {
      const seg = variant.path[i];
      const name = names[i];
      locs = locs.map(l => [...l, name]);
      const range = seg?.index;
      if (!range) continue;
      if (root === 'Status') {
        const prefix = names.slice(0, i + 1).join(' ').toLowerCase();
        if (i === names.length - 1 || DYNAMIC_STATUS_LISTS.includes(prefix)) return [];
        if (range.max === undefined) {
          // The configuration of the same list says how many the product has (`Video Output Connector[1..3]`).
          const count = this.configuredRange(names.slice(0, i + 1), i);
          if (!count) { locs = locs.map(l => [...l, range.min]); continue; }
          const max = Math.min(count.max ?? count.min, count.min + MAX_INSTANCES - 1);
          const next: (string | number)[][] = [];
          for (const l of locs) for (let n = count.min; n <= max; n++) next.push([...l, n]);
          locs = next;
          continue;
        }
      }
      const max = Math.min(range.max ?? range.min, range.min + MAX_INSTANCES - 1);
      const next: (string | number)[][] = [];
      for (const l of locs) for (let n = range.min; n <= max; n++) next.push([...l, n]);
      locs = next;
    }
    return locs;
  }

  private readonly configuredRanges = new Map<string, IndexRange | undefined>();

  /**
   * The closed range the product's configurations give a list (`Configuration Video Output Connector[1..3]` on a
   * Codec Pro) at segment `i` of `names`; undefined when no configuration names that list.
   */
  private configuredRange(names: readonly string[], i: number): IndexRange | undefined {
    const key = names.join(' ').toLowerCase();
    if (this.configuredRanges.has(key)) return this.configuredRanges.get(key);
    let found: IndexRange | undefined;
    for (const node of this.index.nodes('Configuration', names)) {
      for (const v of variantsFor(node, this.product)) {
        const r = v.path[i]?.index;
        // Per-connector variants (`Connector[3]` alone on a Codec Pro) add up to the product's whole range.
        if (r?.max !== undefined) found = found ? { min: Math.min(found.min, r.min), max: Math.max(found.max!, r.max) } : { min: r.min, max: r.max };
      }
    }
    this.configuredRanges.set(key, found);
    return found;
  }

  /** Put a node at a location, creating branches and list items on the way. */
  put(loc: Location, leaf: TreeNode): void {
    let parent: BranchNode = this.roots[loc[0] as StateRoot];
    for (let i = 1; i < loc.length; i++) {
      const name = loc[i] as string;
      const isLast = i === loc.length - 1;
      const idx = typeof loc[i + 1] === 'number' ? (loc[i + 1] as number) : undefined;
      const key = name.toLowerCase();
      if (idx !== undefined) {
        let entry = parent.children.get(key);
        if (!entry || entry.node.t !== 'list') {
          entry = { name, node: { t: 'list', items: new Map() } };
          parent.children.set(key, entry);
        }
        const list = entry.node as ListNode;
        i++;
        if (i === loc.length - 1) { list.items.set(idx, leaf); return; }
        let item = list.items.get(idx);
        if (!item || item.t !== 'branch') { item = newBranch(); list.items.set(idx, item); }
        parent = item;
        continue;
      }
      if (isLast) { parent.children.set(key, { name, node: leaf }); return; }
      let entry = parent.children.get(key);
      if (!entry || entry.node.t !== 'branch') {
        entry = { name, node: newBranch() };
        parent.children.set(key, entry);
      }
      parent = entry.node as BranchNode;
    }
  }

  /**
   * The node at a location given in any letter case (`['status', 'call', 3]`), with the location in schema
   * spelling. A name after a list without an item id (`['Status', 'Call', 'Status']`) selects that name in
   * every item, the rule for reads without an index (schema/rules/index.ts): the answer is a list of the
   * items that have it (`[{ id: 3, Status: 'Connected' }]`), empty when the schema has the path but no item
   * exists now. Such a list is built for the answer; it is not part of the tree.
   */
  find(path: readonly (string | number)[]): { node: TreeNode; loc: (string | number)[] } | undefined {
    const root = kindOfWord(typeof path[0] === 'string' ? path[0] : undefined, { exact: true });
    if (root !== 'Status' && root !== 'Configuration') return undefined;
    return this.findFrom(this.roots[root], [root], path, 1);
  }

  private findFrom(start: TreeNode, at: (string | number)[], path: readonly (string | number)[], from: number): { node: TreeNode; loc: (string | number)[] } | undefined {
    let node = start;
    const loc = at;
    for (let i = from; i < path.length; i++) {
      const item = path[i];
      if (typeof item === 'number') {
        if (node.t !== 'list') return undefined;
        const next: TreeNode | undefined = node.items.get(item);
        if (!next) return undefined;
        node = next;
      } else {
        if (node.t === 'list') return this.acrossItems(node, loc, path, i);
        if (node.t !== 'branch') return undefined;
        const entry = node.children.get(item.toLowerCase());
        if (!entry) return this.noItems(loc, path, i);
        node = entry.node;
        loc.push(entry.name);
        continue;
      }
      loc.push(item);
    }
    return { node, loc };
  }

  /**
   * A path the tree has nothing at because a list it names or crosses without an item id has no items now
   * (`['Status', 'Call']` or `['Status', 'Call', 'Status']` with no call): the empty selection, when the schema
   * has the path.
   */
  private noItems(loc: (string | number)[], path: readonly (string | number)[], from: number): { node: TreeNode; loc: (string | number)[] } | undefined {
    const root = loc[0] as StateRoot;
    let entry = this.index.entry(root, []);
    let crossesList = false;
    for (let i = 1; i < path.length; i++) {
      const item = path[i];
      if (typeof item === 'number') continue;
      entry = entry?.children.get(item.toLowerCase());
      if (!entry) return undefined;
      if (i >= from && entry.index && typeof path[i + 1] !== 'number') crossesList = true;
    }
    if (!crossesList || !entry) return undefined;
    return { node: { t: 'list', items: new Map(), selection: true }, loc: [root, ...entry.names] };
  }

  /** `path[from…]` in every item of a list, gathered into a list of the same ids (see `find`). */
  private acrossItems(list: ListNode, loc: (string | number)[], path: readonly (string | number)[], from: number): { node: TreeNode; loc: (string | number)[] } | undefined {
    const names = path.filter((p, i): p is string => i > 0 && typeof p === 'string');
    const root = loc[0] as StateRoot;
    const schemaEntry = this.index.entry(root, names);
    if (!schemaEntry) return undefined;
    const items = new Map<number, TreeNode>();
    for (const [id, item] of list.items) {
      const found = this.findFrom(item, [], path, from);
      if (found) items.set(id, rewrap(found.node, found.loc));
    }
    return { node: { t: 'list', items, selection: true }, loc: [...loc, ...schemaEntry.names.slice(loc.filter(x => typeof x === 'string').length - 1)] };
  }

  /** Remove a list item; false when it did not exist. */
  removeItem(listLoc: Location, id: number): boolean {
    const found = this.find(listLoc);
    if (!found || found.node.t !== 'list') return false;
    return found.node.items.delete(id);
  }
}

/** A node found at `rest` below a list item, put back under the names (and ids) that lead to it. */
function rewrap(node: TreeNode, rest: readonly (string | number)[]): TreeNode {
  let out = node;
  for (let i = rest.length - 1; i >= 0; i--) {
    const item = rest[i]!;
    if (typeof item === 'number') out = { t: 'list', items: new Map([[item, out]]) };
    else out = { t: 'branch', children: new Map([[item.toLowerCase(), { name: item, node: out }]]) };
  }
  return out;
}

/** Every leaf below a node with its location. */
export function* leavesOf(node: TreeNode, loc: Location): Generator<{ loc: Location; leaf: LeafNode }> {
  if (node.t === 'leaf') { yield { loc, leaf: node }; return; }
  if (node.t === 'list') {
    for (const [id, item] of node.items) yield* leavesOf(item, [...loc, id]);
    return;
  }
  for (const { name, node: child } of node.children.values()) yield* leavesOf(child, [...loc, name]);
}

export function leafValue(leaf: LeafNode): Leaf {
  return leaf.dynamic ? leaf.dynamic() : leaf.value;
}

export function isHidden(leaf: LeafNode): boolean {
  return leaf.meta.variant.hidden === true;
}

/** A typed value for a leaf from anything a test passes (`'50'` → 50 for an Integer node). */
export function typedFor(meta: LeafMeta, raw: unknown): Leaf {
  return typeValue(meta.variant.valueSpace, raw);
}

export type { NodeKind };
