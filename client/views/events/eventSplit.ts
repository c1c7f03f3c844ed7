/**
 * Turns the `Event` part of a feedback notification into (path, payload) pairs. With one subscription on
 * `['Event']` the listener gets the whole tree (`{ UserInterface: { Extensions: { Widget: { Action: {…}, id: 1 }, … } } }`:
 * the device puts `id` at every level), so where the path ends and the payload begins is decided by the schema
 * where it knows the path, and otherwise by the shape: the path ends at the first object holding a plain value
 * other than `id` (an unknown event's fields).
 */
export interface SplitEvent {
  readonly names: readonly string[];
  readonly payload: unknown;
}

/** What the schema in force says of a path (without the `Event` root): an event, a branch above events, or nothing. */
export type EventSchemaLookup = (names: readonly string[]) => 'event' | 'branch' | undefined;

/** The device's list-item marker, present at every level of an event. */
const ITEM_ID = 'id';

const isBranch = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function splitEvents(tree: unknown, lookup: EventSchemaLookup = () => undefined): SplitEvent[] {
  const out: SplitEvent[] = [];
  const visit = (node: unknown, names: string[]) => {
    const known = names.length ? lookup(names) : 'branch';
    if (known === 'event') { out.push({ names, payload: node }); return; }
    if (!isBranch(node)) {
      // A plain value with no event of its own: the value of a bare event the schema does not know.
      if (names.length > 0) out.push({ names, payload: node });
      return;
    }
    const keys = Object.keys(node).filter(k => k !== ITEM_ID);
    if (known === undefined && (keys.length === 0 || keys.some(k => !isBranch(node[k])))) {
      out.push({ names, payload: node });
      return;
    }
    for (const k of keys) visit(node[k], [...names, k]);
  };
  visit(tree, []);
  return out;
}
