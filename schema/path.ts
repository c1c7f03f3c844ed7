/**
 * Path text as users and wire formats write it, turned into names and numeric indexes.
 * `Call[3] Status`, `Call 3 Status`, `Call/3/Status`, `Call.3.Status` and `['Call', 3, 'Status']`
 * all become `['Call', 3, 'Status']`. A leading kind (`Status`, `xStatus`, `xStat`…) is left to callers.
 */
export type PathItem = string | number;

const SEPARATORS = /[\s/.]+/;

export function splitPath(path: string | readonly PathItem[]): PathItem[] {
  if (typeof path !== 'string') {
    return path.map(p => (typeof p === 'string' && /^\d+$/.test(p) ? Number(p) : p));
  }
  const out: PathItem[] = [];
  for (const raw of path.split(SEPARATORS)) {
    if (!raw) continue;
    const m = /^([^[\]]*)\[(\d+)\]$/.exec(raw);
    if (m) {
      if (m[1]) out.push(m[1]);
      out.push(Number(m[2]));
    } else if (/^\d+$/.test(raw)) {
      out.push(Number(raw));
    } else {
      out.push(raw);
    }
  }
  return out;
}

/** The names of a path, without its indexes. */
export function pathNames(items: readonly PathItem[]): string[] {
  return items.filter((p): p is string => typeof p === 'string');
}

/** `['Call', 3, 'Status']` → `Call[3] Status`. */
export function formatPath(items: readonly PathItem[]): string {
  let s = '';
  for (const p of items) {
    if (typeof p === 'number') s += `[${p}]`;
    else s += (s ? ' ' : '') + p;
  }
  return s;
}

/**
 * The words of a path as jsxapi reads a string path (its `normalizePath`: `path.match(/\w+/g)`), with their
 * offsets: every run of letters, digits and `_` is a word, so spaces, `/`, `.`, `:`, `-`, `[` and `]` all separate.
 * An all-digit word is an index of the name before it; jsxapi upper-cases each name's first letter, and names are
 * case-insensitive on the device anyway. The device's own macro runtime is assumed to read paths the same way (its
 * `xapi` object is jsxapi's): nothing public says otherwise.
 */
export function jsxapiPathWords(text: string): { word: string; start: number; end: number; index: boolean }[] {
  return [...text.matchAll(/\w+/g)].map(m => ({ word: m[0], start: m.index!, end: m.index! + m[0].length, index: /^\d+$/.test(m[0]) }));
}
