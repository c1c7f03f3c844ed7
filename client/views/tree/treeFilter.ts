/**
 * A live tree's filter: the schema paths whose text contains what the user typed, with what lies above them (to
 * reach them) and below them (what they hold). Pure: plain Node tests it.
 */
import type { NodeKind } from '../../../schema/model';
import type { SchemaIndex } from '../../../schema/schemaIndex';

export class TreeFilter {
  private text = '';
  private keys: { prefixes: Set<string>; matches: Set<string> } | undefined;

  get value(): string { return this.text; }

  /** True when something is set but no path matches it. */
  get matchesNothing(): boolean { return !!this.text && this.keys?.prefixes.size === 0; }

  /** Filters the `kind` paths of `index` by `text` (case-insensitive); empty clears. */
  set(text: string, index: SchemaIndex, kind: NodeKind): void {
    this.text = text.trim();
    this.keys = undefined;
    if (!this.text) return;
    const needle = this.text.toLowerCase();
    const prefixes = new Set<string>();
    const matches = new Set<string>();
    for (const n of index.nodes(kind)) {
      const names = n.names.map(s => s.toLowerCase());
      if (!names.join(' ').includes(needle)) continue;
      for (let i = 1; i <= names.length; i++) {
        const k = names.slice(0, i).join('/');
        prefixes.add(k);
        if (names.slice(0, i).join(' ').includes(needle)) matches.add(k);
      }
    }
    this.keys = { prefixes, matches };
  }

  /** Whether a path (its names) is shown: on the way to a match, a match, or below one. */
  passes(names: readonly string[]): boolean {
    const f = this.keys;
    if (!f) return true;
    const lc = names.map(s => s.toLowerCase());
    if (f.prefixes.has(lc.join('/'))) return true;
    for (let i = 1; i < lc.length; i++) if (f.matches.has(lc.slice(0, i).join('/'))) return true;
    return false;
  }
}
