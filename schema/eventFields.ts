/**
 * An event's payload fields are part of its path: `xapi.Event.UserInterface.Extensions.Panel.Clicked.PanelId.on(…)`
 * listens to one field of the event (jsxapi subscribes to the longer path, and the device sends that part of the
 * payload). So the names after an event node are looked up among its fields, case-insensitively, through the
 * variants the product gets (all of them united when no product is known: variantUnion.ts).
 */
import type { EventField, SchemaNode } from './model';
import { variantsFor } from './variants';
import { unionVariant } from './variantUnion';

export interface FieldPath {
  /** The fields matched, one per name, as far as they matched. */
  readonly fields: readonly EventField[];
  /** The first name that is no field where it stands, or -1 when every name is one. */
  readonly failAt: number;
  /** The field names where `failAt` stands (for "did you mean"). */
  readonly fieldNames: readonly string[];
  /** The fields below the last name matched (the event's own fields for no names): what may come next. */
  readonly levelFields: readonly EventField[];
}

/** The payload fields below an event node that `names` lead to. */
export function eventFieldPath(event: SchemaNode, names: readonly string[], product?: string): FieldPath {
  const variants = variantsFor(event, product);
  const all = variants.length ? variants : event.variants;
  let level: readonly EventField[] = (all.length ? unionVariant(all).fields : undefined) ?? [];
  const fields: EventField[] = [];
  for (let i = 0; i < names.length; i++) {
    const f = level.find(x => x.name.toLowerCase() === names[i]!.toLowerCase());
    if (!f) return { fields, failAt: i, fieldNames: level.map(x => x.name), levelFields: level };
    fields.push(f);
    level = f.children ?? [];
  }
  return { fields, failAt: -1, fieldNames: [], levelFields: level };
}

/** Where an event path leaves the schema's tree for the payload: the event node, how many names name it, its fields. */
export interface EventPayloadPath extends FieldPath {
  readonly event: SchemaNode;
  /** How many of the names lead to the event; the rest are fields. */
  readonly eventNames: number;
}

/**
 * The longest prefix of `names` that is an event node, and the payload fields the rest name (`UserInterface
 * Extensions Panel Clicked PanelId`; none when the names end at the event). Undefined when no prefix is an event.
 */
export function eventPayloadPath(lookup: (names: readonly string[]) => SchemaNode | undefined, names: readonly string[], product?: string): EventPayloadPath | undefined {
  for (let n = names.length; n > 0; n--) {
    const event = lookup(names.slice(0, n));
    if (event?.kind === 'Event') return { event, eventNames: n, ...eventFieldPath(event, names.slice(n), product) };
  }
  return undefined;
}
