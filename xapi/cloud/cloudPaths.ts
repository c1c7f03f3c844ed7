/**
 * Paths between the client's form (`['Video', 'Input', 'Connector', 2, 'Connected']`) and the cloud's dotted
 * keys (`Video.Input.Connector[2].Connected`), and values in the cloud's trees: a status `result` is the tree
 * from the root's first name down (a list as items with `id`, as the device's own JSON), a configuration read is
 * flat `items` keyed by dotted keys. Pure: shared by the client and the simulated cloud.
 */
import { formatKey, parseKey, type KeyPart } from '../../schema/cloudKeys';
import type { PathSegment } from '../protocol';

/** `['Audio', 'Volume']` → `Audio.Volume`; an index goes in brackets after its name. */
export function dottedKey(names: readonly PathSegment[]): string {
  const parts: KeyPart[] = [];
  for (const s of names) {
    if (typeof s === 'number' && parts.length) parts[parts.length - 1] = { name: parts[parts.length - 1].name, index: { from: s, to: s } };
    else parts.push({ name: String(s) });
  }
  return formatKey(parts);
}

/** `Video.Input.Connector[2].Connected` → `['Video', 'Input', 'Connector', 2, 'Connected']`; undefined unless one entry's key. */
export function parseDottedKey(key: string): PathSegment[] | undefined {
  const parsed = parseKey(key);
  if (!parsed || parsed.below) return undefined;
  const out: PathSegment[] = [];
  for (const p of parsed.parts) {
    out.push(p.name);
    if (!p.index) continue;
    if (p.index.from !== p.index.to) return undefined; // a range names many entries
    out.push(p.index.from);
  }
  return out;
}

function ownKey(o: Record<string, unknown>, name: string): string | undefined {
  if (name in o) return name;
  const lc = name.toLowerCase();
  return Object.keys(o).find(k => k.toLowerCase() === lc);
}

/** The value at `names` in a tree (names case-insensitive, indexes by item `id`); undefined when it is not there. */
export function valueAt(tree: unknown, names: readonly PathSegment[]): unknown {
  let at = tree;
  for (const s of names) {
    if (typeof s === 'number') {
      if (!Array.isArray(at)) return undefined;
      at = at.find(item => typeof item === 'object' && item !== null && Number((item as { id?: unknown }).id) === s);
    } else {
      if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
      const k = ownKey(at as Record<string, unknown>, s);
      if (k === undefined) return undefined;
      at = (at as Record<string, unknown>)[k];
    }
  }
  return at;
}

/** The tree a value at `names` makes on its own (`['Audio', 'Volume']`, 50 → `{ Audio: { Volume: 50 } }`). */
export function treeOf(names: readonly PathSegment[], value: unknown): unknown {
  let out = value;
  for (let i = names.length - 1; i >= 0; i--) {
    const s = names[i];
    if (typeof s === 'number') {
      const item = typeof out === 'object' && out !== null && !Array.isArray(out) ? out : {};
      out = [{ id: s, ...(item as object) }]; // the list's name comes next
    } else out = { [s]: out };
  }
  return out;
}

/** Merges `b` into `a` (objects by key, lists by item id); returns `a`. */
export function mergeTrees(a: unknown, b: unknown): unknown {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (const item of b) {
      const id = (item as { id?: unknown })?.id;
      const have = a.find(x => (x as { id?: unknown })?.id === id);
      if (have) mergeTrees(have, item); else a.push(item);
    }
    return a;
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ao = a as Record<string, unknown>;
    for (const [k, v] of Object.entries(b)) ao[k] = k in ao ? mergeTrees(ao[k], v) : v;
    return a;
  }
  return b;
}

/** Flat dotted items (`{ 'Audio.DefaultVolume': 50, … }`) as one tree; keys that do not parse are left out. */
export function treeOfItems(items: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(items)) {
    const names = parseDottedKey(key);
    if (names) mergeTrees(root, treeOf(names, value));
  }
  return root;
}
