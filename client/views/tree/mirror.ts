/**
 * The extension host's copy of the parts of a device's Status or Configuration tree that views have read, kept
 * current by feedback. Pure data: reads (xGet answers) are written at their path, feedback is merged as the device
 * sends it (changed leaves only; list items by `id`; a `ghost` item removes the entry), and every write says which
 * paths changed, so a view refreshes exactly those nodes.
 */
import { GHOST_KEY, GHOST_VALUE, type PathSegment } from '../../../xapi/protocol';

type Json = unknown;
type Obj = Record<string, Json>;

/** The key of a path for maps and sets: case-insensitive, as the device treats paths. */
export function pathKey(path: readonly PathSegment[]): string {
  return path.map(s => String(s).toLowerCase()).join('/');
}

function isObj(x: Json): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isGhost(x: Json): boolean {
  return isObj(x) && x[GHOST_KEY] === GHOST_VALUE;
}

/** A child key of an object case-insensitively, in the object's own spelling (the device's). */
function ownKey(o: Obj, name: string): string | undefined {
  if (name in o) return name;
  const lc = name.toLowerCase();
  return Object.keys(o).find(k => k.toLowerCase() === lc);
}

export class Mirror {
  private readonly root: Obj = {};

  /** The value at a rooted path (`['Status', 'Call', 2, 'Status']`), or undefined when not read. */
  get(path: readonly PathSegment[]): Json {
    let at: Json = this.root;
    for (const seg of path) {
      if (typeof seg === 'number') {
        if (!Array.isArray(at)) return undefined;
        at = at.find(item => isObj(item) && Number(item.id) === seg);
      } else {
        if (!isObj(at)) return undefined;
        const k = ownKey(at, seg);
        at = k === undefined ? undefined : at[k];
      }
      if (at === undefined) return undefined;
    }
    return at;
  }

  /** The ids of a list's items that the device reported (`Call` → [1, 3]). */
  ids(path: readonly PathSegment[]): number[] {
    const v = this.get(path);
    return Array.isArray(v) ? v.filter(isObj).map(i => Number(i.id)).filter(Number.isFinite).sort((a, b) => a - b) : [];
  }

  /** Stores a read of `path` (replacing what was there); returns the changed paths (the path itself). */
  write(path: readonly PathSegment[], value: Json): Set<string> {
    const changed = new Set<string>();
    if (!path.length) return changed;
    const parent = this.container(path.slice(0, -1), typeof path[path.length - 1] === 'number');
    const last = path[path.length - 1];
    if (typeof last === 'number') {
      const list = parent as Json[];
      const i = list.findIndex(item => isObj(item) && Number(item.id) === last);
      const item = isObj(value) ? { ...value, id: last } : { id: last };
      if (i < 0) list.push(item); else list[i] = item;
    } else {
      const o = parent as Obj;
      o[ownKey(o, last) ?? last] = value;
    }
    changed.add(pathKey(path));
    // The parent's list of children changed shape too (a new item, a list instead of nothing).
    changed.add(pathKey(path.slice(0, -1)));
    return changed;
  }

  /** Forgets a read subtree (its view collapsed and is no longer kept current). */
  forget(path: readonly PathSegment[]): void {
    if (!path.length) return;
    const parentValue = this.get(path.slice(0, -1));
    const last = path[path.length - 1];
    if (typeof last === 'number' && Array.isArray(parentValue)) {
      const i = parentValue.findIndex(item => isObj(item) && Number(item.id) === last);
      if (i >= 0) parentValue.splice(i, 1);
    } else if (typeof last === 'string' && isObj(parentValue)) {
      const k = ownKey(parentValue, last);
      if (k !== undefined) delete parentValue[k];
    }
  }

  /**
   * Merges one feedback notification (`{ Status: { Audio: { Volume: 40 } } }`, the `Id` aside). Returns the keys
   * of the paths that changed: each changed leaf, and each list whose items came or went.
   */
  applyFeedback(params: Obj): Set<string> {
    const changed = new Set<string>();
    for (const [rootName, body] of Object.entries(params)) {
      if (rootName === 'Id' || !isObj(body)) continue;
      const root = this.root[rootName];
      // Only what was read is mirrored; feedback for the rest is ignored until a view reads it.
      if (!isObj(root)) continue;
      this.merge(root, body, [rootName], changed);
    }
    return changed;
  }

  private merge(target: Obj, patch: Obj, path: PathSegment[], changed: Set<string>): void {
    for (const [k, v] of Object.entries(patch)) {
      if (k === 'id') continue;
      const key = ownKey(target, k) ?? k;
      const here = [...path, key];
      const cur = target[key];
      if (Array.isArray(v)) {
        const list = Array.isArray(cur) ? cur : (target[key] = []) as Json[];
        this.mergeList(list, v, here, changed);
      } else if (isObj(v)) {
        if (isObj(cur)) this.merge(cur, v, here, changed);
        else { target[key] = v; changed.add(pathKey(here)); changed.add(pathKey(path)); }
      } else if (cur !== v) {
        target[key] = v;
        changed.add(pathKey(here));
        if (cur === undefined) changed.add(pathKey(path));
      }
    }
  }

  private mergeList(list: Json[], items: Json[], path: PathSegment[], changed: Set<string>): void {
    for (const item of items) {
      if (!isObj(item) || item.id === undefined) continue;
      const id = Number(item.id);
      const i = list.findIndex(x => isObj(x) && Number(x.id) === id);
      if (isGhost(item)) {
        if (i >= 0) { list.splice(i, 1); changed.add(pathKey(path)); }
        continue;
      }
      if (i < 0) {
        list.push({ ...item, id });
        changed.add(pathKey(path));
      } else {
        this.merge(list[i] as Obj, item, [...path, id], changed);
      }
    }
  }

  /** The object or list that holds `path`'s children, made on the way. */
  private container(path: readonly PathSegment[], wantList: boolean): Obj | Json[] {
    let at: Obj | Json[] = this.root;
    path.forEach((seg, i) => {
      const nextIsList = i === path.length - 1 ? wantList : typeof path[i + 1] === 'number';
      if (typeof seg === 'number') {
        const list = at as Json[];
        let item = list.find(x => isObj(x) && Number(x.id) === seg) as Obj | undefined;
        if (!item) { item = { id: seg }; list.push(item); }
        at = item;
        return;
      }
      const o = at as Obj;
      const k = ownKey(o, seg) ?? seg;
      let next = o[k];
      if (nextIsList ? !Array.isArray(next) : !isObj(next)) { next = nextIsList ? [] : {}; o[k] = next; }
      at = next as Obj | Json[];
    });
    return at;
  }

  /** Forgets everything (the session ended). */
  clear(): void {
    for (const k of Object.keys(this.root)) delete this.root[k];
  }
}
