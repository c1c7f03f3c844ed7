/**
 * Feedback fan-out (§6, §12.4): a group of changes made together becomes, for every subscription it
 * touches, one `xFeedback/Event` holding only the changed leaves, rooted at the top node, with that
 * subscription's `Id`. Removed list items become ghosts `{"ghost": "True", "id": n}`, delivered also to
 * subscriptions on leaves inside the removed item. Hidden configurations show as `***`.
 */
import { Role } from '../schema/model';
import { GHOST_KEY, GHOST_VALUE, HIDDEN_VALUE } from '../xapi/protocol';
import { CompiledQuery, Location, matches } from './query';
import { addEventIds, EMPTY_EVENT, insertAt, Json } from './render';
import { Leaf } from './values';

export type Change =
  /** A Status or Configuration leaf that took a new value. */
  | { readonly kind: 'leaf'; readonly loc: Location; readonly value: Leaf; readonly hidden: boolean; readonly readRoles: readonly Role[] }
  /** A removed list item: `loc` ends with its id. */
  | { readonly kind: 'ghost'; readonly loc: Location; readonly readRoles: readonly Role[] }
  /** One field of an event (or the event itself when it has no fields: `value` EMPTY_EVENT). */
  | { readonly kind: 'event'; readonly loc: Location; readonly value: Leaf | typeof EMPTY_EVENT; readonly readRoles: readonly Role[] };

export interface Subscription {
  readonly id: number;
  readonly query: CompiledQuery;
}

export function mayRead(userRoles: readonly Role[], readRoles: readonly Role[]): boolean {
  return readRoles.length === 0 || readRoles.some(r => userRoles.includes(r));
}

/**
 * The `params` of each event a subscription gets for a group of changes: one per root touched
 * (a `**` subscription can see Status and Configuration changes of one group). Empty when nothing matches.
 */
export function feedbackFor(sub: Subscription, changes: readonly Change[], userRoles: readonly Role[]): Record<string, Json>[] {
  const byRoot = new Map<string, { [key: string]: Json }>();
  for (const c of changes) {
    if (!mayRead(userRoles, c.readRoles)) continue;
    if (!matches(sub.query, c.loc, c.kind === 'ghost' ? 'related' : 'within')) continue;
    const root = c.loc[0] as string;
    let tree = byRoot.get(root);
    if (!tree) { tree = {}; byRoot.set(root, tree); }
    if (c.kind === 'leaf') insertAt(tree, c.loc, c.hidden ? HIDDEN_VALUE : c.value);
    else if (c.kind === 'ghost') {
      // A ghost replaces whatever the same group said about the item: only `ghost` and `id` remain.
      insertAt(tree, c.loc, { [GHOST_KEY]: GHOST_VALUE });
      pruneToGhost(tree, c.loc);
    } else insertAt(tree, c.loc, c.value);
  }
  const out: Record<string, Json>[] = [];
  for (const [root, tree] of byRoot) {
    const body = tree[root];
    if (root === 'Event' && body && typeof body === 'object') for (const v of Object.values(body)) addEventIds(v);
    out.push({ Id: sub.id, [root]: body });
  }
  return out;
}

function pruneToGhost(tree: { [key: string]: Json }, loc: Location): void {
  let obj: Json = tree;
  for (let i = 0; i < loc.length; i++) {
    const item = loc[i];
    if (typeof item === 'number') {
      const arr = obj as { [key: string]: Json }[];
      const it = arr.find(x => x.id === item);
      if (it && i === loc.length - 1) for (const k of Object.keys(it)) if (k !== 'id' && k !== GHOST_KEY) delete it[k];
      obj = it ?? null;
    } else obj = (obj as { [key: string]: Json })[item];
    if (obj === null || obj === undefined) return;
  }
}

/** Event changes for one emitted event: its fields flattened to leaves (or the bare event when it has none). */
export function eventChanges(loc: Location, payload: Json | undefined, readRoles: readonly Role[]): Change[] {
  const out: Change[] = [];
  const walk = (value: Json | undefined, at: (string | number)[]): void => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value).filter(k => k !== 'id');
      if (!keys.length && at.length === loc.length) out.push({ kind: 'event', loc: at, value: EMPTY_EVENT, readRoles });
      for (const k of keys) walk(value[k], [...at, k]);
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, [...at, i + 1]));
    } else if (value !== undefined && value !== null) {
      out.push({ kind: 'event', loc: at, value: typeof value === 'boolean' ? (value ? 'True' : 'False') : value, readRoles });
    }
  };
  walk(payload ?? {}, [...loc]);
  return out;
}
