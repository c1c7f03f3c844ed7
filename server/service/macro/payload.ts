/**
 * Completion of listener payloads: `xapi.Event.UserInterface.Extensions.Widget.Action.on(e => e.|)` offers the
 * event's fields, and a listener on a branch (`xapi.Status.Audio.on(s => s.|)`, `xapi.event.on('UserInterface
 * Extensions', e => e.Widget.|)`) offers what lies below it — the payload mirrors the schema tree.
 */
import { eventPayloadPath } from '../../../schema/eventFields';
import { describedVariant } from '../../../schema/variants';
import ts from 'typescript';
import type { EventField } from '../../../schema/model';
import type { TrieEntry } from '../../../schema/schemaIndex';
import { segmentItems } from '../items';
import { valueSpaceSummary } from '../schemaText';
import { CompletionItem, CompletionItemKind } from '../types';
import type { XapiUse } from './analyze';
import type { MacroContext } from './context';

/** The property access whose name the offset is in (or just after its dot), innermost first. */
function accessAt(node: ts.Node, offset: number, sf: ts.SourceFile): ts.PropertyAccessExpression | undefined {
  let found: ts.PropertyAccessExpression | undefined;
  const visit = (n: ts.Node): void => {
    if (offset < n.pos || offset > n.end) return;
    if (ts.isPropertyAccessExpression(n) && offset > n.expression.end && offset <= n.name.end
      && !/[\r\n]/.test(sf.text.slice(n.name.pos, Math.min(offset, n.name.end)))) found = n;
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

function isIdentifierName(s: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(s);
}

function fieldItems(fields: readonly EventField[], range: ReturnType<MacroContext['lines']['range']>): CompletionItem[] {
  return fields.filter(f => isIdentifierName(f.name)).map(f => ({
    label: f.name,
    kind: CompletionItemKind.Field,
    detail: f.children?.length ? `${f.children.length} fields${f.multiple ? ' (list)' : ''}` : `${valueSpaceSummary(f.valueSpace) || 'value'}${f.multiple ? ' (list)' : ''}`,
    textEdit: { range, newText: f.name },
  }));
}

export function payloadCompletion(ctx: MacroContext, offset: number): CompletionItem[] | undefined {
  const { a, index, product } = ctx;
  let best: { u: XapiUse; access: ts.PropertyAccessExpression; names: string[] } | undefined;
  for (const u of a.uses) {
    if (!u.call || (u.method !== 'on' && u.method !== 'once') || offset < u.start || offset > u.end) continue;
    if (best && u.end - u.start >= best.u.end - best.u.start) continue;
    const listener = u.call.arguments[u.style === 'proxy' ? 0 : 1];
    if (!listener || !(ts.isArrowFunction(listener) || ts.isFunctionExpression(listener))) continue;
    const param = listener.parameters[0]?.name;
    if (!param || !ts.isIdentifier(param)) continue;
    const access = accessAt(listener.body, offset, a.sf);
    if (!access) continue;
    const names: string[] = [];
    let e: ts.Expression = access.expression;
    while (ts.isPropertyAccessExpression(e)) { names.unshift(e.name.text); e = e.expression; }
    if (ts.isIdentifier(e) && e.text === param.text) best = { u, access, names };
  }
  if (!best) return undefined;
  const { u, access, names } = best;
  const nameStart = access.name.text === '' ? offset : access.name.getStart(a.sf);
  const range = ctx.lines.range(nameStart, access.name.text === '' ? offset : access.name.end);
  let entry: TrieEntry | undefined = index.entry(u.kind, u.segs.map(s => s.name));
  let fields: readonly EventField[] | undefined;
  for (const n of names) {
    if (fields) {
      fields = fields.find(f => f.name.toLowerCase() === n.toLowerCase())?.children;
      if (!fields) return [];
    } else if (entry?.node) {
      if (entry.kind !== 'Event') return []; // a status or configuration leaf hands over a plain value
      fields = describedVariant(entry.node, product).fields?.find(f => f.name.toLowerCase() === n.toLowerCase())?.children;
      if (!fields) return [];
      entry = undefined;
    } else {
      entry = entry?.children.get(n.toLowerCase());
      if (!entry) return [];
    }
  }
  if (fields) return fieldItems(fields, range);
  if (!entry) return [];
  if (!entry.node) return segmentItems(index, entry.kind, entry.names, product, range);
  if (entry.kind !== 'Event') return [];
  return fieldItems(describedVariant(entry.node, product).fields ?? [], range);
}

/**
 * The payload fields an event path goes on with (`xapi.Event.…Panel.Clicked.|`, `'…Panel Clicked |'`): the names
 * after the event are fields (schema/eventFields.ts). Undefined when `names` do not lead into an event's payload.
 */
export function payloadPathItems(ctx: MacroContext, kind: XapiUse['kind'], names: readonly string[], range: ReturnType<MacroContext['lines']['range']>): CompletionItem[] | undefined {
  if (kind !== 'Event') return undefined;
  // The names may end at the event itself (`…Clicked.|`): then its own fields come next.
  const found = eventPayloadPath(n => ctx.index.lookup('Event', n), names, ctx.product);
  if (!found) return undefined;
  return found.failAt >= 0 ? [] : fieldItems(found.levelFields, range);
}
