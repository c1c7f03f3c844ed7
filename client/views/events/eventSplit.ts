/**
 * Turns the `Event` part of a feedback notification into (path, payload) pairs. With one subscription on
 * `['Event']` the listener gets the whole tree (`{ UserInterface: { Extensions: { Widget: { Action: {…} } } } }`),
 * so where the path ends and the payload begins is decided by the schema when it knows the path, and otherwise
 * by the shape: the path ends at the first object holding a plain value (an unknown event's fields).
 */
export interface SplitEvent {
  readonly names: readonly string[];
  readonly payload: unknown;
}

/** True when `names` (without the `Event` root) is an event the schema in force knows. */
export type IsEventPath = (names: readonly string[]) => boolean;

const isBranch = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function splitEvents(tree: unknown, isEvent: IsEventPath = () => false): SplitEvent[] {
  const out: SplitEvent[] = [];
  const visit = (node: unknown, names: string[]) => {
    if (names.length > 0 && isEvent(names)) { out.push({ names, payload: node }); return; }
    if (!isBranch(node)) {
      // A plain value with no event of its own: the value of a bare event the schema does not know.
      if (names.length > 0) out.push({ names, payload: node });
      return;
    }
    const keys = Object.keys(node);
    const fieldsHere = keys.length === 0 || (keys.some(k => !isBranch(node[k])) && !keys.some(k => isEvent([...names, k])));
    if (names.length > 0 && fieldsHere) {
      out.push({ names, payload: node });
      return;
    }
    for (const k of keys) visit(node[k], [...names, k]);
  };
  visit(tree, []);
  return out;
}
