/** Walking a path through the schema trie, remembering where it stops matching. */
import type { NodeKind } from '../../schema/model';
import type { SchemaIndex, TrieEntry } from '../../schema/schemaIndex';

export interface PathWalk {
  /** The entry after each name, as far as the path matched. */
  entries: TrieEntry[];
  /** The first name that matched nothing, or -1 when the whole path matched. */
  failAt: number;
  /** The entry the failing name was looked up under (the kind root for the first name). */
  parentNames: string[];
}

export function walkPath(index: SchemaIndex, kind: NodeKind, names: readonly string[]): PathWalk {
  const entries: TrieEntry[] = [];
  let cur = index.entry(kind, []);
  for (let i = 0; i < names.length; i++) {
    const next = cur?.children.get(names[i].toLowerCase());
    if (!next) return { entries, failAt: i, parentNames: cur ? [...cur.names] : [] };
    entries.push(next);
    cur = next;
  }
  return { entries, failAt: -1, parentNames: cur ? [...cur.names] : [] };
}

/** The children's names of an entry in the schema's spelling, for "did you mean". */
export function childNames(index: SchemaIndex, kind: NodeKind, names: readonly string[]): string[] {
  return index.children(kind, names).map(c => c.name);
}
