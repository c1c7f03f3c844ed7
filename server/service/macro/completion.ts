/** Completion inside macros: chain segments, string paths, parameter keys and values, configuration values. */
import { describedVariant } from '../../../schema/variants';
import ts from 'typescript';
import { KIND_API_WORD, KIND_PROXY_WORD } from '../../../schema/kinds';
import type { NodeKind } from '../../../schema/model';
import { indexItems, paramList, segmentList, valueItems } from '../items';
import { CompletionItem, CompletionItemKind, CompletionList } from '../types';
import { splitPathString, XapiUse } from './analyze';
import { payloadCompletion, payloadPathItems } from './payload';
import { inArgs, literalContent, MacroContext, propName } from './context';

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

/** What a kind's members under `xapi.` offer: its proxy root, then its string-style member. */
const ROOT_DOCS: Record<NodeKind, [proxy: string, string: string]> = {
  Command: ['xCommand proxy: xapi.Command.Audio.Volume.Set({ Level })', "xapi.command('Path', { params })"],
  Configuration: ['xConfiguration proxy: .get() / .set(value) / .on(cb)', "xapi.config.get/set/on('Path', …)"],
  Status: ['xStatus proxy: .get() / .on(cb)', "xapi.status.get/on('Path', …)"],
  Event: ['xEvent proxy: .on(cb)', "xapi.event.on('Path', cb)"],
};
const ROOT_KINDS = Object.keys(ROOT_DOCS) as NodeKind[];

// Labels from schema/kinds.ts, so completion offers exactly the roots the analyser reads. `command` is the one callable member.
const ROOT_MEMBERS: [string, CompletionItemKind, string][] = [
  ...ROOT_KINDS.map((k): [string, CompletionItemKind, string] => [KIND_PROXY_WORD[k], CompletionItemKind.Module, ROOT_DOCS[k][0]]),
  ...ROOT_KINDS.map((k): [string, CompletionItemKind, string] =>
    [KIND_API_WORD[k], k === 'Command' ? CompletionItemKind.Method : CompletionItemKind.Module, ROOT_DOCS[k][1]]),
];

const METHODS: Record<NodeKind, string[]> = { Command: [], Configuration: ['get', 'set', 'on', 'once'], Status: ['get', 'on', 'once'], Event: ['on', 'once', 'off'] };

const methodCache = new Map<string, CompletionItem[]>();
/**
 * The proxy methods after a path (`set` only on a node), shared between answers. Their own
 * `data: undefined` keeps them out of the list's child-data default when the list is expanded.
 */
function methodItems(kind: NodeKind, isNode: boolean): CompletionItem[] {
  const key = `${kind}${isNode}`;
  let items = methodCache.get(key);
  if (!items) {
    items = METHODS[kind].filter(m => m !== 'set' || isNode)
      .map(m => Object.freeze({ label: m, kind: CompletionItemKind.Method, sortText: `3${m}`, data: undefined }));
    methodCache.set(key, items);
  }
  return items;
}

function lineBreakBetween(text: string, a: number, b: number): boolean {
  return /[\r\n]/.test(text.slice(a, b));
}

/**
 * In a macro our items share the list with the TypeScript server's and with names from the file, the user's own
 * half-typed `Volum` among them. VS Code orders equally good matches by `sortText`, and the TypeScript server's
 * start with a digit ("11", "18"): ours start with a space, so where an xAPI path is completed the schema's
 * entries come first. Shared (frozen) items get one prefixed copy each, kept as long as the item is.
 */
const SORT_FIRST = ' ';
const firstCopies = new WeakMap<CompletionItem, CompletionItem>();

function sortedFirst(list: CompletionList): CompletionList {
  if (!list.items.length) return list;
  const items = list.items.map(item => {
    const copy = firstCopies.get(item);
    if (copy) return copy;
    const first = { ...item, sortText: SORT_FIRST + (item.sortText ?? item.label) };
    if (Object.isFrozen(item)) firstCopies.set(item, Object.freeze(first));
    return first;
  });
  return { ...list, items };
}

export function macroCompletion(ctx: MacroContext, offset: number): CompletionList {
  return sortedFirst(xapiCompletion(ctx, offset));
}

function xapiCompletion(ctx: MacroContext, offset: number): CompletionList {
  const { a, lines, index, product } = ctx;
  const text = a.sf.text;
  const rangeOf = (start: number, end: number) => lines.range(start, end);

  // 1. A name in a proxy chain (also the empty name right after a dot).
  for (const n of a.names) {
    if (offset < n.dotEnd || offset > n.end) continue;
    if (offset < n.start && lineBreakBetween(text, offset, n.start)) {
      // `xapi.Status.Audio.` at the end of a line, the parser took the next line's word as the name.
    } else if (offset < n.start) continue;
    const [start, end] = offset < n.start ? [offset, offset] : [n.start, n.end];
    if (n.seg === -1) return fromChainStart(ctx, rootItems(rangeOf(start, end)), start);
    const use = n.use!;
    const prefix = use.segs.slice(0, n.seg).map(s => s.name);
    const entry = index.entry(use.kind, prefix);
    const fields = (!entry || entry.node) && payloadPathItems(ctx, use.kind, prefix, rangeOf(start, end));
    if (fields) {
      // A list without item defaults: every item carries its own edit, the methods too.
      const methods = methodItems(use.kind, false).map(m => ({ ...m, textEdit: { range: rangeOf(start, end), newText: m.label } }));
      return fromChainStart(ctx, { isIncomplete: false, items: [...fields, ...methods] }, start);
    }
    const list = segmentList(index, use.kind, prefix, product, rangeOf(start, end), prefix.length && entry ? methodItems(use.kind, !!entry.node) : undefined, ctx.lazyDetail);
    return fromChainStart(ctx, list, start);
  }
  for (const r of a.roots) {
    if (offset >= r.dotEnd && offset <= r.nameEnd && (offset >= r.nameStart || lineBreakBetween(text, offset, r.nameStart))) {
      const start = offset < r.nameStart ? offset : r.nameStart;
      return fromChainStart(ctx, rootItems(rangeOf(start, offset < r.nameStart ? offset : r.nameEnd)), start);
    }
  }

  for (const slot of a.indexSlots) {
    if (offset < slot.start || offset > slot.end) continue;
    const names = slot.use.segs.slice(0, slot.seg + 1).map(s => s.name);
    const word = /\d*$/.exec(text.slice(slot.start, offset))![0];
    return { isIncomplete: false, items: indexItems(index.entry(slot.use.kind, names), rangeOf(offset - word.length, offset), String, word) };
  }

  for (const u of a.uses) {
    if (offset < u.start || offset > u.end) continue;
    // 2. Inside a string path.
    if (u.pathLiteral) {
      const c = literalContent(a.sf, u.pathLiteral);
      if (offset >= c.start && offset <= c.end) return stringPathItems(ctx, u, c.start, c.end, offset);
    }
    // 3. Inside the parameter object of a command.
    if (u.params && offset > u.params.getStart(a.sf) && (offset < u.params.end || !text.slice(u.params.getStart(a.sf), u.params.end).endsWith('}'))) {
      return paramCompletion(ctx, u, u.params, offset);
    }
    // 4. A configuration value.
    if (u.kind === 'Configuration' && u.method === 'set' && u.call && inArgs(u.call, offset)) {
      const valueArgIndex = u.style === 'proxy' ? 0 : 1;
      if (u.style === 'string' && u.call.arguments[0] && offset <= u.call.arguments[0].end) continue;
      return valueCompletion(ctx, u, undefined, u.call.arguments[valueArgIndex], offset);
    }
  }
  // 5. A listener's payload: `.on(e => e.|)`.
  const payload = payloadCompletion(ctx, offset);
  return payload ? { isIncomplete: false, items: payload } : EMPTY;
}

/**
 * A name in a chain is completed over the chain as typed on its line (`xapi.Status.Audio.Volum`), not the last
 * name alone: VS Code ranks items by how well they match the typed word before any sort text, and a name of the
 * file equal to the half-typed one (the TypeScript server offers `Volum`) matches `Volum` better than `Volume`
 * does. Matching the whole `xapi.Status.Audio.Volum` puts the schema's entries first. Accepting one inserts the
 * same chain with the entry's name. `start` is where the name's own range starts.
 */
function fromChainStart(ctx: MacroContext, list: CompletionList, start: number): CompletionList {
  const text = ctx.a.sf.text;
  let from = start;
  while (from > 0 && /[\w$.?[\]]/.test(text[from - 1])) from--;
  if (from === start || !list.items.length) return list;
  const lead = text.slice(from, start);
  const snippetLead = lead.replace(/[$}\\]/g, '\\$&');
  const leadFor = (i: CompletionItem) => (i.insertTextFormat === 2 ? snippetLead : lead);
  const startPos = ctx.lines.range(from, from).start;
  const items = list.items.map(i => ({
    ...i,
    filterText: lead + (i.filterText ?? i.label),
    ...(i.textEdit
      ? { textEdit: { range: { start: startPos, end: i.textEdit.range.end }, newText: leadFor(i) + i.textEdit.newText } }
      : { textEditText: leadFor(i) + (i.textEditText ?? i.label) }),
  }));
  return { ...list, items, ...(list.itemDefaults ? { itemDefaults: { ...list.itemDefaults, editRange: { start: startPos, end: list.itemDefaults.editRange.end } } } : {}) };
}

function rootItems(range: ReturnType<MacroContext['lines']['range']>): CompletionList {
  return {
    isIncomplete: false,
    items: ROOT_MEMBERS.map(([label, kind, detail], i) => ({ label, kind, detail, sortText: String(i), textEdit: { range, newText: label } })),
  };
}

function stringPathItems(ctx: MacroContext, u: XapiUse, start: number, end: number, offset: number): CompletionList {
  const text = ctx.a.sf.text;
  const before = text.slice(start, offset);
  const { segs } = splitPathString(before, start);
  const indexing = /\[\d*$/.exec(before);
  // Words as jsxapi reads them (splitPathString): anything but a letter, digit or `_` ends one.
  const endsWithSep = before === '' || !!indexing || /\W$/.test(before);
  let partialStart = offset;
  let completed = segs;
  if (!endsWithSep && segs.length) {
    completed = segs.slice(0, -1);
    partialStart = segs[segs.length - 1].start;
  }
  let wordEnd = offset;
  while (wordEnd < end && /\w/.test(text[wordEnd])) wordEnd++;
  const range = ctx.lines.range(partialStart, wordEnd);
  let names = completed.map(s => s.name);
  // `xapi.feedback.on('/Status/Audio…')` names the kind first.
  if (u.call && ts.isPropertyAccessExpression(u.call.expression) && ts.isPropertyAccessExpression(u.call.expression.expression)
    && u.call.expression.expression.name.text === 'feedback') {
    if (!names.length) {
      return { isIncomplete: false, items: ['Status', 'Configuration', 'Event'].map(k => ({ label: k, kind: CompletionItemKind.Module, textEdit: { range, newText: k } })) };
    }
    names = names.slice(1);
  }
  if (indexing && completed.length) {
    const digits = indexing[0].slice(1);
    return { isIncomplete: false, items: indexItems(ctx.index.entry(u.kind, names), ctx.lines.range(offset - digits.length, offset), String, digits) };
  }
  const entry = ctx.index.entry(u.kind, names);
  const fields = (!entry || entry.node) && payloadPathItems(ctx, u.kind, names, range);
  if (fields) return { isIncomplete: false, items: fields };
  return segmentList(ctx.index, u.kind, names, ctx.product, range, undefined, ctx.lazyDetail);
}

function commandVariant(ctx: MacroContext, u: XapiUse) {
  if (u.kind !== 'Command') return undefined;
  const node = ctx.index.lookup('Command', u.segs.map(s => s.name));
  const v = node && describedVariant(node, ctx.product);
  return node && v ? { node, v } : undefined;
}

function paramCompletion(ctx: MacroContext, u: XapiUse, obj: ts.ObjectLiteralExpression, offset: number): CompletionList {
  const cmd = commandVariant(ctx, u);
  if (!cmd) return EMPTY;
  const { sf } = ctx.a;
  const params = cmd.v.params ?? [];
  const path = cmd.node.normPath;
  const present = new Set<string>();
  let editing: ts.ObjectLiteralElementLike | undefined;
  for (const p of obj.properties) {
    if (offset >= p.getStart(sf) && offset <= p.end) editing = p;
    else {
      const n = propName(sf, p);
      if (n) present.add(n.text.toLowerCase());
    }
  }
  const keyItems = (start: number, end: number, withColon: boolean): CompletionList => paramList('Command', path, params, present, ctx.lines.range(start, end), withColon, ctx.lazyDetail);
  if (!editing) return keyItems(offset, offset, true);
  const name = propName(sf, editing);
  if (ts.isShorthandPropertyAssignment(editing) && name) return keyItems(name.start, name.end, true);
  if (ts.isPropertyAssignment(editing) && name) {
    if (offset <= name.end) return keyItems(name.start, name.end, false);
    const param = params.find(p => p.name.toLowerCase() === name.text.toLowerCase());
    if (!param) return EMPTY;
    return valueCompletion(ctx, u, param.name, editing.initializer, offset, param.valueSpace, param.default, path);
  }
  return EMPTY;
}

function valueCompletion(ctx: MacroContext, u: XapiUse, paramName: string | undefined, expr: ts.Expression | undefined, offset: number,
  vs = ctx.index.lookup(u.kind, u.segs.map(s => s.name)) && (ctx.index.variantFor(ctx.index.lookup(u.kind, u.segs.map(s => s.name))!, ctx.product)?.valueSpace),
  def?: string, path = u.segs.map(s => s.name).join(' ')): CompletionList {
  const { sf } = ctx.a;
  let items: CompletionItem[];
  if (expr && (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr))) {
    const c = literalContent(sf, expr);
    if (offset < c.start || offset > c.end) return EMPTY;
    items = valueItems(u.kind, path, paramName, vs, ctx.lines.range(c.start, c.end), v => v, def);
  } else if (expr && ts.isIdentifier(expr) && expr.text !== '') {
    items = valueItems(u.kind, path, paramName, vs, ctx.lines.range(expr.getStart(sf), expr.end), v => `'${v}'`, def);
  } else if (!expr || (ts.isIdentifier(expr) && expr.text === '')) {
    items = valueItems(u.kind, path, paramName, vs, ctx.lines.range(offset, offset), v => `'${v}'`, def);
  } else return EMPTY;
  if (!def && u.kind === 'Configuration') {
    const node = ctx.index.lookup(u.kind, u.segs.map(s => s.name));
    const d = node && ctx.index.variantFor(node, ctx.product)?.default;
    if (d) for (const i of items) if (i.label === d) { i.detail = 'default'; i.sortText = `0${i.sortText}`; }
  }
  return { isIncomplete: false, items };
}
