/**
 * Turning state and changes into wire JSON: subtrees (lists as arrays of objects with an integer `id`),
 * trees rooted at `Status`/`Configuration`/`Event` built from single leaves, and the canonical
 * serialisation (keys in alphabetical order, as the device writes them, §2).
 */
import { HIDDEN_VALUE } from '../xapi/protocol';
import { Location } from './query';
import { isHidden, LeafNode, leafValue, TreeNode } from './state';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** Marks an event with no fields: it renders as an object holding only `id`. */
export const EMPTY_EVENT = Symbol('empty-event');

/** A subtree as the wire shows it, leaving out leaves `readable` refuses; undefined when nothing is left. */
export function renderNode(node: TreeNode, readable: (leaf: LeafNode) => boolean): Json | undefined {
  if (node.t === 'leaf') {
    if (!readable(node)) return undefined;
    return isHidden(node) ? HIDDEN_VALUE : leafValue(node);
  }
  if (node.t === 'list') {
    const out: Json[] = [];
    for (const id of [...node.items.keys()].sort((a, b) => a - b)) {
      const item = renderNode(node.items.get(id)!, readable);
      if (item === undefined) continue;
      out.push(item !== null && typeof item === 'object' && !Array.isArray(item) ? { ...item, id } : { Value: item, id });
    }
    return out.length ? out : undefined;
  }
  const out: { [key: string]: Json } = {};
  let any = false;
  for (const { name, node: child } of node.children.values()) {
    const v = renderNode(child, readable);
    if (v !== undefined) { out[name] = v; any = true; }
  }
  return any ? out : undefined;
}

/**
 * Put a value at a location inside a tree being built (`['Status', 'Call', 3, 'Status']` →
 * `{Status: {Call: [{id: 3, Status: …}]}}`). A location ending in an index places `value`'s keys
 * (or `{Value: value}`) in that list item.
 */
export function insertAt(tree: { [key: string]: Json }, loc: Location, value: Json | typeof EMPTY_EVENT): void {
  let obj = tree;
  for (let i = 0; i < loc.length; i++) {
    const name = loc[i] as string;
    const next = loc[i + 1];
    if (typeof next === 'number') {
      const arr = (Array.isArray(obj[name]) ? obj[name] : (obj[name] = [])) as { [key: string]: Json }[];
      let item = arr.find(x => x.id === next);
      if (!item) { item = { id: next }; arr.push(item); }
      i++;
      if (i === loc.length - 1) {
        if (value !== EMPTY_EVENT && value !== null && typeof value === 'object' && !Array.isArray(value)) Object.assign(item, value);
        else if (value !== EMPTY_EVENT) item.Value = value;
        return;
      }
      obj = item;
      continue;
    }
    if (i === loc.length - 1) {
      if (value === EMPTY_EVENT) {
        if (typeof obj[name] !== 'object' || obj[name] === null) obj[name] = {};
      } else obj[name] = value;
      return;
    }
    const child = obj[name];
    obj = (child !== null && typeof child === 'object' && !Array.isArray(child) ? child : (obj[name] = {})) as { [key: string]: Json };
  }
}

/** Event feedback carries `"id": 1` on every object level below the `Event` root (§3.6). */
export function addEventIds(value: Json): void {
  if (Array.isArray(value)) { for (const v of value) addEventIds(v); return; }
  if (value === null || typeof value !== 'object') return;
  for (const v of Object.values(value)) addEventIds(v);
  if (!('id' in value)) value.id = 1;
}

function sortDeep(value: unknown, stringify: boolean): unknown {
  if (Array.isArray(value)) return value.map(v => sortDeep(v, stringify));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortDeep((value as Record<string, unknown>)[k], stringify);
    return out;
  }
  if (stringify && typeof value === 'number') return String(value);
  return value;
}

/** JSON text with every object's keys sorted; with `stringifyNumbers`, numbers become strings (`/ws?legacy`). */
export function canonicalJson(value: unknown, stringifyNumbers = false): string {
  return JSON.stringify(sortDeep(value, stringifyNumbers));
}
