/**
 * "What is at this position?" — the questions completion, hover and signature help ask of the tree.
 *
 * - `statementAt(doc, line)`: the statement owning a line (binary search; statements are in line order).
 * - `nodeAt(doc, line, character)`: the token under the cursor and its role.
 * - `contextAt(doc, position, index?)`: what the user is typing at the cursor and which range a completion
 *   should replace. Without an index the answer is purely syntactic; with one, a word after a complete
 *   command path (`xCommand Dial Num|`) is recognised as a parameter name rather than a path segment.
 */
import { NodeKind } from '../model';
import { kindOfWord } from '../kinds';
import { SchemaIndex } from '../schemaIndex';
import {
  XcliDocument, XcliFeedbackStatement, XcliParam, XcliPathStatement, XcliPosition, XcliRange, XcliStatement, XcliToken,
} from './ast';

export type XcliContextKind =
  | 'keyword'
  | 'path'
  | 'index'
  | 'paramName'
  | 'paramValue'
  | 'configValue'
  | 'feedbackAction'
  | 'body'
  | 'none';

export interface XcliContext {
  readonly kind: XcliContextKind;
  readonly statement?: XcliStatement;
  /** The schema kind the path belongs to (path, index, param and value contexts). Undefined on a feedback root. */
  readonly nodeKind?: NodeKind;
  /**
   * Path and index contexts: the position of the segment being typed (0 = first after the keyword; for
   * `xFeedback register /Status/…`, 0 is the first segment after the kind, and the kind segment itself
   * is reported as a path context without `nodeKind`).
   */
  readonly segmentIndex?: number;
  /** The names of the path before the cursor's segment (path/index), or of the whole path (params, values). */
  readonly pathNames: readonly string[];
  /** paramValue: the parameter whose value is typed; paramName: the names already given. */
  readonly paramName?: string;
  readonly param?: XcliParam;
  /** The text of the token from its start up to the cursor (a quoted value without its opening quote). */
  readonly prefix: string;
  /** What a completion replaces: the whole token under the cursor, or an empty range at the cursor. */
  readonly replace: XcliRange;
}

export function statementAt(doc: XcliDocument, line: number): XcliStatement | undefined {
  const list = doc.lines;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const st = list[mid]!;
    if (line < st.firstLine) hi = mid - 1;
    else if (line > st.lastLine) lo = mid + 1;
    else return st;
  }
  return undefined;
}

export type XcliTokenRole =
  | 'keyword' | 'segment' | 'index' | 'paramName' | 'colon' | 'paramValue' | 'assignColon' | 'configValue'
  | 'feedbackAction' | 'comment' | 'body' | 'terminator' | 'extra' | 'unknown';

export interface XcliTokenAt {
  readonly statement: XcliStatement;
  readonly token: XcliToken;
  readonly role: XcliTokenRole;
  /** segment/index: which segment; paramName/colon/paramValue: which param (index into `params`). */
  readonly index?: number;
}

interface Item {
  token: XcliToken;
  role: XcliTokenRole;
  index?: number;
}

/** The kind named by the first segment of an xFeedback path (the wire's root words, schema/kinds.ts). */
export function feedbackKind(name: string | undefined): NodeKind | undefined {
  return kindOfWord(name, { exact: true });
}

/** The tokens of one line of a statement, in position order, with their roles. */
function itemsOf(st: XcliStatement, line: number): Item[] {
  const items: Item[] = [];
  switch (st.type) {
    case 'blank':
      return items;
    case 'comment':
      items.push({ token: st.token, role: 'comment' });
      return items;
    case 'unknown':
      for (const t of st.tokens) items.push({ token: t, role: 'unknown' });
      return items;
    case 'feedback':
      if (line !== st.firstLine) return items;
      items.push({ token: st.keyword, role: 'keyword' });
      if (st.actionToken) items.push({ token: st.actionToken, role: 'feedbackAction' });
      st.segments.forEach((s, i) => {
        items.push({ token: s.name, role: 'segment', index: i });
        for (const x of s.indexes) items.push({ token: x.token, role: 'index', index: i });
      });
      break;
    default: {
      if (line !== st.firstLine) {
        const body = st.body;
        if (body?.terminator && body.terminator.range.start.line === line) items.push({ token: body.terminator, role: 'terminator' });
        const b = body?.lines.find(t => t.range.start.line === line);
        if (b) items.push({ token: b, role: 'body' });
        return items;
      }
      items.push({ token: st.keyword, role: 'keyword' });
      st.segments.forEach((s, i) => {
        items.push({ token: s.name, role: 'segment', index: i });
        for (const x of s.indexes) items.push({ token: x.token, role: 'index', index: i });
      });
      st.params.forEach((p, i) => {
        items.push({ token: p.name, role: 'paramName', index: i });
        if (p.colon) items.push({ token: p.colon, role: 'colon', index: i });
        if (p.value) items.push({ token: p.value.token, role: 'paramValue', index: i });
      });
      if (st.assign) {
        items.push({ token: st.assign.colon, role: 'assignColon' });
        if (st.assign.value) items.push({ token: st.assign.value.token, role: 'configValue' });
      }
    }
  }
  for (const t of st.extra) if (t.range.start.line === line) items.push({ token: t, role: 'extra' });
  items.sort((a, b) => a.token.start - b.token.start);
  return items;
}

/** The token under (or touching, at its end) a position, innermost first. */
export function nodeAt(doc: XcliDocument, line: number, character: number): XcliTokenAt | undefined {
  const st = statementAt(doc, line);
  if (!st) return undefined;
  const items = itemsOf(st, line);
  // Prefer a token that strictly contains the cursor, then one that ends at it.
  const hit = items.find(i => i.token.range.start.character <= character && character < i.token.range.end.character)
    ?? items.find(i => i.token.range.end.character === character && i.token.text.length > 0);
  return hit ? { statement: st, token: hit.token, role: hit.role, index: hit.index } : undefined;
}

function at(line: number, character: number): XcliRange {
  return { start: { line, character }, end: { line, character } };
}

function prefixOf(token: XcliToken, character: number): string {
  return token.text.slice(0, Math.max(0, character - token.range.start.character));
}

function within(token: XcliToken, character: number): boolean {
  return token.range.start.character <= character && character <= token.range.end.character;
}

export function contextAt(doc: XcliDocument, position: XcliPosition, index?: SchemaIndex): XcliContext {
  const { line, character } = position;
  const st = statementAt(doc, line);
  const none: XcliContext = { kind: 'none', statement: st, pathNames: [], prefix: '', replace: at(line, character) };
  if (!st) return { ...none, kind: line >= doc.lineCount - 1 ? 'keyword' : 'none' };
  switch (st.type) {
    case 'blank':
      return { ...none, kind: 'keyword' };
    case 'comment':
      return none;
    case 'unknown': {
      const first = st.tokens[0];
      if (!first || character < first.range.start.character) return { ...none, kind: first ? 'none' : 'keyword' };
      if (character <= first.range.end.character) {
        return { ...none, kind: 'keyword', prefix: prefixOf(first, character), replace: first.range };
      }
      return none;
    }
    case 'feedback':
      return feedbackContext(st, line, character, none);
    default:
      return pathContext(st, line, character, none, index);
  }
}

function feedbackContext(st: XcliFeedbackStatement, line: number, character: number, none: XcliContext): XcliContext {
  if (line !== st.firstLine) return none;
  if (character < st.keyword.range.start.character) return none;
  if (character <= st.keyword.range.end.character) {
    return { ...none, kind: 'keyword', prefix: prefixOf(st.keyword, character), replace: st.keyword.range };
  }
  const action = st.actionToken;
  if (!action || character < action.range.start.character) return { ...none, kind: 'feedbackAction' };
  if (character <= action.range.end.character) {
    return { ...none, kind: 'feedbackAction', prefix: prefixOf(action, character), replace: action.range };
  }
  const kind = feedbackKind(st.segments[0]?.name.text);
  const names = st.segments.map(s => s.name.text);
  for (let i = 0; i < st.segments.length; i++) {
    const s = st.segments[i]!;
    if (within(s.name, character)) {
      if (i === 0) return { ...none, kind: 'path', segmentIndex: 0, prefix: prefixOf(s.name, character), replace: s.name.range };
      return {
        ...none, kind: 'path', nodeKind: kind, segmentIndex: i - 1, pathNames: names.slice(1, i),
        prefix: prefixOf(s.name, character), replace: s.name.range,
      };
    }
    for (const x of s.indexes) {
      if (x.token.range.start.character < character && (character < x.token.range.end.character || !x.closed)) {
        return { ...none, kind: 'index', nodeKind: kind, segmentIndex: i - 1, pathNames: names.slice(1, i + 1), prefix: prefixOf(x.token, character), replace: x.token.range };
      }
    }
  }
  // In a gap: the next segment. Separators are `/` or blanks; count the segments before the cursor.
  const before = st.segments.filter(s => s.name.range.end.character < character).length;
  if (before === 0) return { ...none, kind: 'path', segmentIndex: 0 };
  return { ...none, kind: 'path', nodeKind: kind, segmentIndex: before - 1, pathNames: names.slice(1, before) };
}

function pathContext(st: XcliPathStatement, line: number, character: number, none: XcliContext, index?: SchemaIndex): XcliContext {
  if (line !== st.firstLine) {
    if (st.body?.terminator && st.body.terminator.range.start.line === line) return none;
    return { ...none, kind: 'body' };
  }
  if (character < st.keyword.range.start.character) return none;
  const nodeKind = kindOfWord(st.type, { exact: true })!;
  const names = st.segments.map(s => s.name.text);
  const base = { ...none, nodeKind };
  const items = itemsOf(st, line);

  const asPath = (segmentIndex: number, prefix: string, replace: XcliRange): XcliContext => {
    const pathNames = names.slice(0, segmentIndex);
    // With a schema: after a complete command path, a word is a parameter name.
    if (index && st.type === 'command' && segmentIndex > 0 && index.lookup('Command', pathNames)
      && !index.entry('Command', pathNames)?.children.size) {
      return { ...base, kind: 'paramName', pathNames, prefix, replace };
    }
    return { ...base, kind: 'path', segmentIndex, pathNames, prefix, replace };
  };
  const paramNames = names; // params and values always refer to the whole path

  const hit = items.find(i => within(i.token, character) && !(i.role === 'index' && character === i.token.range.start.character));
  if (hit) {
    const t = hit.token;
    switch (hit.role) {
      case 'keyword':
        return { ...none, kind: 'keyword', prefix: prefixOf(t, character), replace: t.range };
      case 'segment':
        return asPath(hit.index!, prefixOf(t, character), t.range);
      case 'index': {
        const s = st.segments[hit.index!]!;
        const x = s.indexes.find(ix => ix.token === t)!;
        if (character < t.range.end.character || !x.closed) {
          return { ...base, kind: 'index', segmentIndex: hit.index, pathNames: names.slice(0, hit.index! + 1), prefix: prefixOf(t, character), replace: t.range };
        }
        return asPath(hit.index! + 1, '', at(line, character));
      }
      case 'paramName':
        return { ...base, kind: 'paramName', pathNames: paramNames, prefix: prefixOf(t, character), replace: t.range };
      case 'colon': {
        if (character === t.range.start.character) {
          const p = st.params[hit.index!]!;
          return { ...base, kind: 'paramName', pathNames: paramNames, prefix: prefixOf(p.name, character), replace: p.name.range };
        }
        const p = st.params[hit.index!]!;
        return { ...base, kind: 'paramValue', pathNames: paramNames, paramName: p.name.text, param: p, prefix: '', replace: at(line, character) };
      }
      case 'paramValue': {
        const p = st.params[hit.index!]!;
        const v = p.value!;
        if (v.quoted && v.terminated && character === t.range.end.character && t.text.length > 1) {
          return { ...base, kind: 'paramName', pathNames: paramNames, prefix: '', replace: at(line, character) };
        }
        const raw = prefixOf(t, character);
        return { ...base, kind: 'paramValue', pathNames: paramNames, paramName: p.name.text, param: p, prefix: v.quoted ? raw.slice(1) : raw, replace: t.range };
      }
      case 'assignColon':
        if (character === t.range.start.character) {
          const last = st.segments[st.segments.length - 1];
          if (last) return asPath(st.segments.length - 1, prefixOf(last.name, character), last.name.range);
          return none;
        }
        return { ...base, kind: 'configValue', pathNames: paramNames, prefix: '', replace: at(line, character) };
      case 'configValue': {
        const v = st.assign!.value!;
        const raw = prefixOf(t, character);
        return { ...base, kind: 'configValue', pathNames: paramNames, prefix: v.quoted ? raw.slice(1) : raw, replace: t.range };
      }
      default:
        return none;
    }
  }
  // A gap between tokens: decided by the last token before the cursor.
  let prev: Item | undefined;
  for (const i of items) if (i.token.range.end.character < character) prev = i;
  if (!prev) return none;
  switch (prev.role) {
    case 'keyword':
      return asPath(0, '', at(line, character));
    case 'segment':
    case 'index':
      return asPath(prev.index! + 1, '', at(line, character));
    case 'colon': {
      const p = st.params[prev.index!]!;
      return { ...base, kind: 'paramValue', pathNames: paramNames, paramName: p.name.text, param: p, prefix: '', replace: at(line, character) };
    }
    case 'paramName':
    case 'paramValue':
      return { ...base, kind: 'paramName', pathNames: paramNames, prefix: '', replace: at(line, character) };
    case 'assignColon':
      return { ...base, kind: 'configValue', pathNames: paramNames, prefix: '', replace: at(line, character) };
    default:
      return none;
  }
}
