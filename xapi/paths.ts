/**
 * Path normalisation for the client (runtime code of its own: `xapi/` imports `schema/` for types only,
 * but for schema/kinds.ts, which names the roots). Same spellings as schema/path.ts — `Call[3] Status`,
 * `Call 3 Status`, `Call/3/Status`, `Call.3.Status`, arrays — plus what the device needs: capitalised names
 * (the device and jsxapi use canonical case) and the root (`Status`, `xStatus`, `config`, …) recognised and split off.
 */
import { ClientErrorCode, InvalidParameterError } from './errors';
import { kindOfRoot } from '../schema/kinds';
import type { PathSegment, Root } from './protocol';

const bad = (msg: string) => new InvalidParameterError(msg, ClientErrorCode.Usage);

export type PathInput = string | readonly (string | number)[];

const SEPARATORS = /[\s/.]+/;

function capitalise(name: string): string {
  const c = name.charCodeAt(0);
  return c >= 97 && c <= 122 ? String.fromCharCode(c - 32) + name.slice(1) : name;
}

/** True for a name already in canonical form (`Audio`, `SystemUnit`): the common case, checked without regexes. */
function isCanonicalName(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  let c = s.charCodeAt(0);
  if (c < 65 || c > 90) return false;
  for (let i = 1; i < n; i++) {
    c = s.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45)) return false;
  }
  return true;
}

/** Splits a path into names and numeric indexes, capitalising names. Throws InvalidParameterError on non-path input. */
export function normalizePath(path: PathInput): PathSegment[] {
  if (Array.isArray(path)) {
    // Fast path: arrays of canonical names and integer indexes (what typed code and tools pass).
    const n = path.length;
    let i = 0;
    for (; i < n; i++) {
      const p = path[i];
      if (typeof p === 'string' ? !isCanonicalName(p) : !(typeof p === 'number' && Number.isInteger(p) && p >= 0)) break;
    }
    if (i === n) return path.slice() as PathSegment[];
  }
  const out: PathSegment[] = [];
  const push = (raw: string) => {
    if (!raw) return;
    const m = /^([^[\]]*)\[(\d+)\]$/.exec(raw);
    if (m) {
      if (m[1]) out.push(capitalise(m[1]));
      out.push(Number(m[2]));
    } else if (/^\d+$/.test(raw)) out.push(Number(raw));
    else if (/^[A-Za-z_][\w-]*$/.test(raw)) out.push(capitalise(raw));
    else throw bad(`Invalid path segment "${raw}"`);
  };
  if (typeof path === 'string') {
    for (const raw of path.split(SEPARATORS)) push(raw);
  } else if (Array.isArray(path)) {
    for (const p of path) {
      if (typeof p === 'number' && Number.isInteger(p) && p >= 0) out.push(p);
      else if (typeof p === 'string') for (const raw of p.split(SEPARATORS)) push(raw);
      else throw bad(`Invalid path segment ${JSON.stringify(p)}`);
    }
  } else {
    throw bad(`A path must be a string or an array, not ${path === null ? 'null' : typeof path}`);
  }
  return out;
}

/** The root named by the first segment, if any (`xStatus Audio` → `Status`). */
export function rootOf(first: PathSegment | undefined): Root | undefined {
  return typeof first === 'string' ? kindOfRoot(first) : undefined;
}

/** Normalises and makes sure the path starts with `root` (adding it, or replacing an alias like `xStatus`). */
export function rootedPath(root: Root, path: PathInput): PathSegment[] {
  const p = normalizePath(path);
  const r = rootOf(p[0]);
  if (r === root) p[0] = root;
  else if (r && r !== root) throw bad(`Path "${formatPath(p)}" is not a ${root} path`);
  else p.unshift(root);
  return p;
}

/** `['Status','Call',3,'Status']` → `Status Call[3] Status`. */
export function formatPath(p: readonly PathSegment[]): string {
  let s = '';
  for (const x of p) s += typeof x === 'number' ? `[${x}]` : (s ? ' ' : '') + x;
  return s;
}

/** The `x`-prefixed description used in messages: `xStatus Audio Volume`, `xCommand Dial`. */
export function describePath(p: readonly PathSegment[]): string {
  const [root, ...rest] = p;
  return `x${root}${rest.length ? ' ' + formatPath(rest) : ''}`;
}
