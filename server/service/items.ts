/**
 * Completion items both front ends build the same way. Items stay lean (label, kind, a short
 * detail, the edit, a tiny `data` ref); `resolveItem` fills the documentation on demand.
 */
import { describedVariant } from '../../schema/variants';
import type { CommandParam, NodeKind, ValueSpace } from '../../schema/model';
import type { SchemaIndex, TrieEntry } from '../../schema/schemaIndex';
import { branchMarkdown, isPreview, KIND_KEYWORD, literalMarkdown, paramMarkdown, productNote, shortDescription, valueSpaceSummary } from './schemaText';
import { CompletionItem, CompletionItemKind, CompletionList, CompletionRef, Range } from './types';

function entryKind(e: TrieEntry): CompletionItemKind {
  if (!e.node) return CompletionItemKind.Module;
  switch (e.kind) {
    case 'Command': return CompletionItemKind.Function;
    case 'Configuration': return CompletionItemKind.Property;
    case 'Status': return CompletionItemKind.Field;
    default: return CompletionItemKind.Event;
  }
}

export interface SegmentItemOptions {
  /** Text inserted after the name (e.g. a space in `.xapi` to keep typing). */
  suffix?: string;
  /** Builds the inserted text from the name (e.g. `Connector[1]` in a proxy chain). */
  render?: (e: TrieEntry) => string;
}

/** The one-line summary of a node or branch: index range, short description or size, markers. */
export function nodeDetail(index: SchemaIndex, e: TrieEntry, product: string | undefined): string {
  const variant = e.node ? describedVariant(e.node, product) : undefined;
  const note = productNote(index, e.node, product);
  return [
    e.index ? `[${e.index.min}..${e.index.max ?? 'n'}]` : '',
    e.node ? shortDescription(variant?.description, 50) : `${e.children.size} ${e.children.size === 1 ? 'entry' : 'entries'}`,
    isPreview(variant) ? '(preview)' : '',
    note ? `(${note})` : '',
  ].filter(Boolean).join(' ');
}

/** Markers that must show in the list itself, even where the rest of the detail is resolved lazily. */
function isMarked(index: SchemaIndex, e: TrieEntry, product: string | undefined): boolean {
  if (!e.node) return false;
  return !!productNote(index, e.node, product) || isPreview(describedVariant(e.node, product));
}

interface SegmentBase {
  items: CompletionItem[];
  entries: TrieEntry[];
  /** The same items without `data`, for lists that carry one `{ r: 'child' }` default instead. */
  lean: CompletionItem[];
  /** `lean` without `detail` (bar marked nodes), for clients that resolve it; made on first use. */
  bare?: CompletionItem[];
  childData?: CompletionRef;
}

/**
 * The base items below a prefix (everything but the edit), memoised per schema index and product:
 * completion runs on every keystroke and the children of a path never change while the schema stays.
 * The cached arrays and items are shared by every answer, so nothing downstream may mutate them.
 */
const segmentCache = new WeakMap<SchemaIndex, Map<string, SegmentBase>>();

function baseSegmentItems(index: SchemaIndex, kind: NodeKind, prefix: readonly string[], product: string | undefined): SegmentBase {
  let perIndex = segmentCache.get(index);
  if (!perIndex) { perIndex = new Map(); segmentCache.set(index, perIndex); }
  const key = `${kind}\u0000${prefix.join(' ').toLowerCase()}\u0000${product ?? ''}`;
  const hit = perIndex.get(key);
  if (hit) return hit;
  const items: CompletionItem[] = [];
  const entries: TrieEntry[] = [];
  const allowed = product ? new Set(index.children(kind, prefix, product).map(e => e.name)) : undefined;
  for (const e of index.children(kind, prefix)) {
    // Whole branches missing on the product are dropped; a node missing on it stays, marked, last.
    if (allowed && !allowed.has(e.name) && !e.node) continue;
    const note = productNote(index, e.node, product);
    const unavailable = !!note?.startsWith('not on');
    items.push({
      label: e.name,
      kind: entryKind(e),
      detail: nodeDetail(index, e, product),
      // Alphabetical (the client's default order), except nodes the product lacks, which go last.
      ...(unavailable ? { sortText: `~${e.name}` } : {}),
      data: { r: 'node', k: kind, p: e.names.join(' ') },
    });
    entries.push(e);
  }
  // Clients compare by label when either item lacks a sort text (VS Code does), so once some items are
  // pushed last, every item needs one.
  if (items.some(i => i.sortText)) for (const i of items) i.sortText ??= i.label;
  const factored = factorChildData(items);
  const out: SegmentBase = { items, entries, lean: factored?.items ?? items, childData: factored?.data };
  for (const i of out.lean) Object.freeze(i);
  if (perIndex.size > 5000) perIndex.clear(); // bounded: prefixes are finite, but keep memory flat
  perIndex.set(key, out);
  return out;
}

export function segmentItems(index: SchemaIndex, kind: NodeKind, prefix: readonly string[], product: string | undefined,
  range: Range, opts: SegmentItemOptions = {}): CompletionItem[] {
  const { items, entries } = baseSegmentItems(index, kind, prefix, product);
  return items.map((item, i) => ({
    ...item,
    textEdit: { range, newText: (opts.render ? opts.render(entries[i]) : item.label) + (opts.suffix ?? '') },
  }));
}

/**
 * The children below a prefix as a list with `itemDefaults`: every item replaces `range` with its label,
 * so the items need no edit of their own and the cached array is answered as is — no per-request
 * allocation. `extra` items (same range, newText = label) are appended. `expandItemDefaults` gives the
 * per-item form. `lazyDetail` (clients that resolve `detail`) leaves the detail to `resolveItem`, except
 * on nodes marked as preview or missing on the product.
 */
export function segmentList(index: SchemaIndex, kind: NodeKind, prefix: readonly string[], product: string | undefined,
  range: Range, extra?: readonly CompletionItem[], lazyDetail = false): CompletionList {
  const base = baseSegmentItems(index, kind, prefix, product);
  let lean = base.lean;
  if (lazyDetail) {
    lean = base.bare ??= base.lean.map((i, n) => (i.detail === undefined || isMarked(index, base.entries[n], product)
      ? i : Object.freeze(withoutDetail(i))));
  }
  const items = extra?.length ? [...lean, ...extra] : lean;
  return { isIncomplete: false, items, itemDefaults: { editRange: range, ...(base.childData ? { data: base.childData } : {}) } };
}

/** The per-item form of a list with `itemDefaults` (for clients without LSP 3.17 defaults, and for tests). */
export function expandItemDefaults(list: CompletionList): CompletionList {
  const defaults = list.itemDefaults;
  if (!defaults) return list;
  const { editRange: r, data } = defaults;
  const dataFor = (label: string): CompletionRef | undefined => (data?.r === 'child'
    ? { r: 'node', k: data.k, p: data.parent ? `${data.parent} ${label}` : label }
    : data?.r === 'params' ? { r: 'param', k: data.k, p: data.p, n: label } : data);
  return {
    isIncomplete: list.isIncomplete,
    items: list.items.map(({ textEditText, ...i }) => {
      const out: CompletionItem = { ...i, textEdit: { range: { start: { ...r.start }, end: { ...r.end } }, newText: textEditText ?? i.label } };
      const d = 'data' in i ? i.data : dataFor(i.label); // an item's own `data: undefined` opts out
      if (d) out.data = d;
      else delete out.data;
      return out;
    }),
  };
}

/** A completion list as sent to a client: `itemDefaults` may carry only the defaults that client takes. */
export interface ClientCompletionList {
  isIncomplete: boolean;
  items: CompletionItem[];
  itemDefaults?: { editRange?: Range; data?: CompletionRef };
}

/** What a client declared about completion lists (LSP 3.17 `itemDefaults`, snippet support). */
export interface ClientCompletionSupport {
  editRangeDefault: boolean;
  dataDefault: boolean;
  snippets: boolean;
}

const hasSnippet = (list: CompletionList): boolean => list.items.some(i => i.insertTextFormat === 2);

/**
 * Smaller completion payloads for clients that take LSP 3.17 `itemDefaults`: when every item replaces
 * the same range, the range is sent once and items carry only their text (not even that when it equals
 * the label); when every item is a child of one path, one data ref serves them all. `list` is in the
 * per-item form (see `expandItemDefaults`).
 */
export function withItemDefaults(list: CompletionList, editRange: boolean, data: boolean): ClientCompletionList {
  let items = list.items;
  const itemDefaults: NonNullable<ClientCompletionList['itemDefaults']> = {};
  const first = items[0]?.textEdit?.range;
  const same = (r: Range) => !!first && r.start.line === first.start.line && r.start.character === first.start.character
    && r.end.line === first.end.line && r.end.character === first.end.character;
  if (editRange && first && items.every(i => i.textEdit && same(i.textEdit.range))) {
    itemDefaults.editRange = first;
    items = items.map(({ textEdit, ...rest }) => (textEdit!.newText === rest.label ? rest : { ...rest, textEditText: textEdit!.newText }));
  }
  const factored = data ? factorChildData(items) : undefined;
  if (factored) {
    itemDefaults.data = factored.data;
    items = factored.items;
  }
  return Object.keys(itemDefaults).length ? { isIncomplete: list.isIncomplete, itemDefaults, items } : list;
}

/** For clients without snippet support: each placeholder's default text, inserted as is. */
export function withoutSnippets(list: CompletionList): CompletionList {
  if (!hasSnippet(list)) return list;
  const plain = (t: string) => t.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
  return {
    ...list,
    items: list.items.map(i => (i.insertTextFormat !== 2 ? i : {
      ...i, insertTextFormat: 1 as const, ...(i.textEdit ? { textEdit: { ...i.textEdit, newText: plain(i.textEdit.newText) } } : {}),
      ...(i.insertText !== undefined ? { insertText: plain(i.insertText) } : {}),
    })),
  };
}

/**
 * A service list (possibly with `itemDefaults`) in the form a client can take. The common case (VS Code:
 * both defaults, snippets) answers the service's cached list as is — no copy per request.
 */
export function completionForClient(list: CompletionList, client: ClientCompletionSupport): ClientCompletionList {
  const defaults = list.itemDefaults;
  if (defaults && client.editRangeDefault && (client.dataDefault || !defaults.data) && (client.snippets || !hasSnippet(list))) return list;
  const expanded = expandItemDefaults(list);
  return withItemDefaults(client.snippets ? expanded : withoutSnippets(expanded), client.editRangeDefault, client.dataDefault);
}

function withoutDetail({ detail: _detail, ...rest }: CompletionItem): CompletionItem {
  return rest;
}

const paramCache = new WeakMap<readonly CommandParam[], Map<string, CompletionItem[]>>();

/**
 * Parameter names, required first, those already written left out (a repeatable one stays), as a list
 * with `itemDefaults` (the range, and one `{ r: 'params' }` data ref): the items
 * for a command's parameters are built once per schema variant and shared; only the filter for those
 * already written runs per request. `withColon` inserts `Name: ` (xCLI, and a new macro object key).
 */
export function paramList(kind: NodeKind, path: string, params: readonly CommandParam[], present: ReadonlySet<string>,
  range: Range, withColon: boolean, lazyDetail = false): CompletionList {
  let perParams = paramCache.get(params);
  if (!perParams) { perParams = new Map(); paramCache.set(params, perParams); }
  const key = `${withColon}${lazyDetail}`;
  let all = perParams.get(key);
  if (!all) { all = leanParams(params, withColon, lazyDetail); perParams.set(key, all); }
  const items = present.size === 0 ? all : all.filter((_, i) => !present.has(params[i].name.toLowerCase()) || (params[i].valueSpace.multiple ?? 0) > 1);
  return { isIncomplete: false, items, itemDefaults: { editRange: range, data: { r: 'params', k: kind, p: path } } };
}

export function paramDetail(p: CommandParam): string {
  return `${p.required ? 'required' : 'optional'} ${valueSpaceSummary(p.valueSpace)}`.trim();
}

function leanParams(params: readonly CommandParam[], withColon: boolean, lazyDetail: boolean): CompletionItem[] {
  return params.map(p => Object.freeze({
    label: p.name,
    kind: CompletionItemKind.Field,
    ...(lazyDetail ? {} : { detail: paramDetail(p) }),
    sortText: `${p.required ? '0' : '1'}${p.name}`,
    ...(withColon ? { textEditText: `${p.name}: ` } : {}),
  }));
}

/**
 * Literal values of a value space (and the default first when it has one). `filterAsInserted` when the
 * range starts with text the label lacks (an opening quote): editors filter by the range's text, so the
 * filter text must then be the inserted text.
 */
export function valueItems(kind: NodeKind, path: string, param: string | undefined, vs: ValueSpace | undefined,
  range: Range, render: (v: string) => string, def?: string, filterAsInserted = false): CompletionItem[] {
  if (vs?.type !== 'Literal') return [];
  return vs.values.map((v, i) => ({
    label: v.value,
    kind: CompletionItemKind.EnumMember,
    detail: v.value === def ? 'default' : undefined,
    sortText: `${v.value === def ? '0' : '1'}${String(i).padStart(4, '0')}`,
    ...(filterAsInserted ? { filterText: render(v.value) } : {}),
    textEdit: { range, newText: render(v.value) },
    data: { r: 'value', k: kind, p: path, n: param, v: v.value },
  }));
}

/**
 * Index numbers for an indexed segment. A small closed range (`Connector[1..5]`) lists each number; an
 * open range (`Call[1..n]`: ids the device hands out) or a long one gets one snippet with the number as a
 * placeholder, so the editor still shows what goes there. `typed` is the digits already typed.
 * `render` builds the inserted text (`[2]` in `.xapi`, where the range covers the brackets too); the
 * filter text follows it so editors match what is typed against what is inserted.
 */
export function indexItems(e: TrieEntry | undefined, range: Range, render: (n: string) => string = String, typed = ''): CompletionItem[] {
  if (!e?.index) return [];
  const { min, max } = e.index;
  const span = `${e.name} ${min}..${max ?? 'n'}`;
  if (max === undefined || max - min > 32) {
    const n = typed || String(min);
    return [{
      label: n, kind: CompletionItemKind.Snippet, detail: `${span}${max === undefined ? ' (any id the device reports)' : ''}`,
      filterText: render(n), insertTextFormat: 2, textEdit: { range, newText: render(`\${1:${n}}`) },
    }];
  }
  const out: CompletionItem[] = [];
  for (let n = min; n <= max; n++) {
    const text = render(String(n));
    out.push({ label: String(n), kind: CompletionItemKind.Value, detail: span, sortText: String(n).padStart(4, '0'),
      ...(text !== String(n) ? { filterText: text } : {}), textEdit: { range, newText: text } });
  }
  return out;
}

export function resolveItem(item: CompletionItem, index: SchemaIndex, product: string | undefined): CompletionItem {
  let ref = item.data;
  if (!ref || (item.documentation && item.detail !== undefined)) return item;
  if (ref.r === 'child') ref = { r: 'node', k: ref.k, p: ref.parent ? `${ref.parent} ${item.label}` : item.label };
  else if (ref.r === 'params') ref = { r: 'param', k: ref.k, p: ref.p, n: item.label };
  let doc: string | undefined;
  let detail: string | undefined;
  if (ref.r === 'node') {
    const e = index.entry(ref.k, ref.p);
    if (e) { doc = branchMarkdown(index, e, product); detail = nodeDetail(index, e, product); }
  } else if (ref.r === 'keyword') {
    const kids = index.children(ref.k, [], product);
    doc = `**${KIND_KEYWORD[ref.k]}** — ${index.count(ref.k)} nodes in schema ${index.version}, under ${kids.length} top-level names: `
      + `${kids.slice(0, 12).map(k => `\`${k.name}\``).join(', ')}${kids.length > 12 ? ', …' : ''}`;
  } else if (ref.r === 'param' || ref.r === 'value') {
    const node = index.lookup(ref.k, ref.p);
    const v = node && describedVariant(node, product);
    const param = ref.n ? v?.params?.find(p => p.name === ref.n) : undefined;
    if (node && ref.r === 'param' && param) { doc = paramMarkdown(ref.k, node, param); detail = paramDetail(param); }
    if (node && ref.r === 'value') doc = literalMarkdown(param ? param.valueSpace : v?.valueSpace, ref.v);
  }
  // `detail` is resolved too (LSP allows it by default) for items sent without one.
  const addDetail = item.detail === undefined && detail !== undefined;
  if (!doc && !addDetail) return item;
  return { ...item, ...(addDetail ? { detail } : {}), ...(doc && !item.documentation ? { documentation: { kind: 'markdown', value: doc } } : {}) };
}

/**
 * For clients that take `itemDefaults.data`: when every item is a child of one path, one list-wide
 * `{ r: 'child' }` ref replaces the per-item refs (resolve rebuilds each from the label).
 */
export function factorChildData(items: readonly CompletionItem[]): { data: CompletionRef; items: CompletionItem[] } | undefined {
  const first = items[0]?.data;
  if (!first || first.r !== 'node') return undefined;
  const parent = first.p.slice(0, Math.max(0, first.p.length - items[0].label.length)).trimEnd();
  for (const i of items) {
    const d = i.data;
    if (!d || d.r !== 'node' || d.k !== first.k || d.p !== (parent ? `${parent} ${i.label}` : i.label)) return undefined;
  }
  return { data: { r: 'child', k: first.k, parent }, items: items.map(({ data: _data, ...rest }) => rest) };
}
