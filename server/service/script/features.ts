/** `.xapi` features over the xCLI tree: completion, hover, signature help, symbols, folding. */
import { describedVariant } from '../../../schema/variants';
import { KEYWORD_SPELLING, kindOfWord } from '../../../schema/kinds';
import type { NodeKind } from '../../../schema/model';
import type { SchemaIndex } from '../../../schema/schemaIndex';
import { contextAt, feedbackKind, nodeAt, statementAt, XcliKeyword, XcliPathStatement, XcliStatement } from '../../../schema/xcli';
import { indexItems, paramList, segmentList, valueItems } from '../items';
import { branchMarkdown, KIND_KEYWORD, literalMarkdown, paramMarkdown } from '../schemaText';
import { commandSignature } from '../signature';
import {
  CompletionItem, CompletionItemKind, CompletionList, DocumentSymbol, FoldingRange, Hover, Position, Range, SignatureHelp, SymbolKind,
} from '../types';
import type { ScriptDoc } from './scriptDoc';


const KEYWORD_DOC: Record<XcliKeyword, string> = {
  command: 'Run a command: `xCommand Audio Volume Set Level: 50`',
  configuration: 'Read or set a configuration: `xConfiguration Audio DefaultVolume: 50`',
  status: 'Read a status: `xStatus Audio Volume`',
  event: 'Name an event: `xEvent UserInterface Extensions Widget Action`',
  feedback: 'Subscribe to changes: `xFeedback register /Status/Audio/Volume`',
};

export interface ScriptContext {
  readonly index: SchemaIndex;
  readonly product?: string;
  readonly doc: ScriptDoc;
  /** Completion leaves schema items' `detail` to resolve (see LanguageService.lazyCompletionDetail). */
  readonly lazyDetail?: boolean;
}

function keywordItems(range: Range): CompletionItem[] {
  return (Object.keys(KEYWORD_SPELLING) as XcliKeyword[]).map((k, i) => ({
    label: KEYWORD_SPELLING[k], kind: CompletionItemKind.Keyword, detail: KEYWORD_DOC[k].split(':')[0], sortText: String(i),
    textEdit: { range, newText: `${KEYWORD_SPELLING[k]} ` },
    data: k === 'feedback' ? undefined : { r: 'keyword', k: kindOfWord(k, { exact: true })! },
  }));
}

function pathOf(st: XcliStatement): { kind?: NodeKind; names: string[] } {
  if (st.type === 'feedback') return { kind: feedbackKind(st.segments[0]?.name.text), names: st.segments.slice(1).map(s => s.name.text) };
  const kind = kindOfWord(st.type, { exact: true });
  if (kind) return { kind, names: (st as XcliPathStatement).segments.map(s => s.name.text) };
  return { names: [] };
}

export function scriptCompletion(ctx: ScriptContext, pos: Position): CompletionList {
  const { index, product } = ctx;
  const c = contextAt(ctx.doc.doc, pos, index);
  const range = { start: { ...c.replace.start }, end: { ...c.replace.end } };
  let items: CompletionItem[] = [];
  const kind = c.nodeKind;
  switch (c.kind) {
    case 'keyword':
      items = keywordItems(range);
      break;
    case 'feedbackAction':
      items = ['register', 'deregister', 'list', 'deregisterall'].map(a => ({ label: a, kind: CompletionItemKind.Keyword, textEdit: { range, newText: a } }));
      break;
    case 'path':
      if (!kind) {
        items = ['Status', 'Configuration', 'Event'].map(k => ({ label: k, kind: CompletionItemKind.Module, textEdit: { range, newText: k } }));
      } else {
        return segmentList(index, kind, c.pathNames, product, range, undefined, ctx.lazyDetail);
      }
      break;
    case 'index':
      if (kind) {
        const typed = (ctx.doc.lines[pos.line] ?? '').slice(range.start.character, pos.character).replace(/\D/g, '');
        items = indexItems(index.entry(kind, c.pathNames), range, n => `[${n}]`, typed);
      }
      break;
    case 'paramName': {
      const node = kind && index.lookup(kind, c.pathNames);
      const v = node && describedVariant(node, product);
      const st = c.statement as XcliPathStatement | undefined;
      const present = new Set((st?.params ?? []).filter(p => p.colon).map(p => p.name.text.toLowerCase()));
      if (node && v?.params) return paramList('Command', node.normPath, v.params, present, range, true, ctx.lazyDetail);
      break;
    }
    case 'paramValue': {
      const node = kind && index.lookup(kind, c.pathNames);
      const v = node && describedVariant(node, product);
      const param = v?.params?.find(p => p.name.toLowerCase() === c.paramName?.toLowerCase());
      const quoted = !!c.param?.value?.quoted;
      if (node && param) items = valueItems('Command', node.normPath, param.name, param.valueSpace, range, x => (quoted ? `"${x}"` : x), param.default, quoted);
      break;
    }
    case 'configValue': {
      const node = kind && index.lookup(kind, c.pathNames);
      const v = node && describedVariant(node, product);
      const st = c.statement as XcliPathStatement | undefined;
      const quoted = !!st?.assign?.value?.quoted;
      if (node && v) items = valueItems(node.kind, node.normPath, undefined, v.valueSpace, range, x => (quoted ? `"${x}"` : x), v.default, quoted);
      break;
    }
    default:
      break;
  }
  return { isIncomplete: false, items };
}

export function scriptHover(ctx: ScriptContext, pos: Position): Hover | null {
  const { index, product } = ctx;
  const at = nodeAt(ctx.doc.doc, pos.line, pos.character);
  if (!at) return null;
  const md = (value: string): Hover => ({ contents: { kind: 'markdown', value }, range: { start: { ...at.token.range.start }, end: { ...at.token.range.end } } });
  const st = at.statement;
  const { kind, names } = pathOf(st);
  switch (at.role) {
    case 'keyword': {
      const k = st.type as XcliKeyword;
      return KEYWORD_DOC[k] ? md(`**${KEYWORD_SPELLING[k]}** — ${KEYWORD_DOC[k]}`) : null;
    }
    case 'segment':
    case 'index': {
      if (!kind) return null;
      const i = st.type === 'feedback' ? at.index! - 1 : at.index!;
      if (i < 0) return md(`**${KIND_KEYWORD[kind]}** tree: ${index.count(kind)} nodes`);
      const e = index.entry(kind, names.slice(0, i + 1));
      return e ? md(branchMarkdown(index, e, product)) : null;
    }
    case 'paramName':
    case 'paramValue':
    case 'configValue': {
      const node = kind && index.lookup(kind, names);
      const v = node && describedVariant(node, product);
      if (!node || !v) return null;
      if (at.role === 'configValue') return md(literalMarkdown(v.valueSpace, (st as XcliPathStatement).assign?.value?.value ?? at.token.text));
      const p = (st as XcliPathStatement).params[at.index!];
      const param = v.params?.find(x => x.name.toLowerCase() === p?.name.text.toLowerCase());
      if (!param) return null;
      return at.role === 'paramName' ? md(paramMarkdown('Command', node, param)) : md(literalMarkdown(param.valueSpace, p.value?.value ?? ''));
    }
    default:
      return null;
  }
}

export function scriptSignature(ctx: ScriptContext, pos: Position): SignatureHelp | null {
  const st = statementAt(ctx.doc.doc, pos.line);
  if (!st || st.type !== 'command' || pos.line !== st.firstLine) return null;
  const names = st.segments.map(s => s.name.text);
  // The command is the longest path prefix naming one; words after it are parameters typed without `:`.
  let cut = -1;
  for (let i = names.length; i > 0 && cut < 0; i--) if (ctx.index.lookup('Command', names.slice(0, i))) cut = i;
  if (cut < 0) return null;
  const node = ctx.index.lookup('Command', names.slice(0, cut))!;
  const v = describedVariant(node, ctx.product);
  const lastSeg = st.segments[cut - 1];
  if (pos.character <= lastSeg.name.range.end.character) return null;
  const given = new Set(st.params.map(p => p.name.text.toLowerCase()));
  let active = st.params.find(p => p.name.range.start.character <= pos.character
    && pos.character <= (p.value?.token.range.end.character ?? p.colon?.range.end.character ?? p.name.range.end.character))?.name.text;
  const typing = st.segments.slice(cut).find(s => s.name.range.start.character <= pos.character && pos.character <= s.name.range.end.character);
  if (!active && typing) {
    const prefix = typing.name.text.slice(0, pos.character - typing.name.range.start.character).toLowerCase();
    active = v.params?.find(p => p.name.toLowerCase().startsWith(prefix))?.name;
  }
  return commandSignature(node, v, 'xcli', given, active);
}

const SYMBOL_KIND: Record<string, SymbolKind> = {
  command: SymbolKind.Function, configuration: SymbolKind.Property, status: SymbolKind.Field, event: SymbolKind.Event, feedback: SymbolKind.Variable,
};

export function scriptSymbols(ctx: ScriptContext): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const st of ctx.doc.doc.lines) {
    if (!(st.type in SYMBOL_KIND)) continue;
    const s = st as XcliPathStatement;
    const path = s.segments.map(x => x.name.text + x.indexes.map(i => i.token.text).join('')).join(' ');
    const name = st.type === 'feedback'
      ? [st.keyword.text, st.actionToken?.text, st.pathToken?.text].filter(Boolean).join(' ')
      : `${s.keyword.text} ${path}`.trim();
    const detail = s.type === 'command' && s.params.length ? s.params.map(p => p.name.text).join(', ')
      : s.assign?.value ? s.assign.value.value : undefined;
    out.push({ name, detail, kind: SYMBOL_KIND[s.type], range: copy(s.range), selectionRange: copy(s.keyword.range) });
  }
  return out;
}

function copy(r: { start: Position; end: Position }) {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

export function scriptFolding(ctx: ScriptContext): FoldingRange[] {
  const out: FoldingRange[] = [];
  let commentStart = -1;
  let commentEnd = -1;
  const flush = () => {
    if (commentStart >= 0 && commentEnd > commentStart) out.push({ startLine: commentStart, endLine: commentEnd, kind: 'comment' });
    commentStart = -1;
  };
  for (const st of ctx.doc.doc.lines) {
    if (st.type === 'comment') {
      if (commentStart < 0) commentStart = st.firstLine;
      commentEnd = st.lastLine;
      continue;
    }
    flush();
    if (st.lastLine > st.firstLine) out.push({ startLine: st.firstLine, endLine: st.lastLine });
  }
  flush();
  return out;
}
