/**
 * The tolerant xCLI parser. Never throws; every line of the input ends up in exactly one statement.
 *
 * Statement boundaries (what makes incremental re-parsing bounded, see incremental.ts):
 * - every line that is not part of a multiline body is its own statement (comment, blank, unknown,
 *   or a keyword line);
 * - a multiline command owns the lines after it up to and including a line holding only `.`; a body
 *   also ends (unterminated) before the next line whose first word is an x-keyword, so a forgotten
 *   `.` cannot swallow the rest of a file. Body lines are raw text: `#` in a body is not a comment.
 *
 * Whether a command is multiline: `options.isMultiline(names)` when given and it answers; otherwise
 * the command is multiline when a lone `.` line follows it before the next x-keyword line.
 *
 * API:
 * - `parseXcli(text, options?)` → `XcliDocument` (whole text).
 * - `parseStatementsFrom(source, startLine, options, stop?)` → statements from a statement start
 *   (a line not inside a body) until `stop` says so or the text ends; used by incremental.ts.
 * - `splitLines(text)` → the lines and their start offsets, as the LSP counts them (`\r\n`, `\r`, `\n`).
 */
import {
  XcliBody, XcliDocument, XcliIndex, XcliParam, XcliParseOptions, XcliPathStatement, XcliRange,
  XcliSegment, XcliStatement, XcliToken, XcliValue, XcliFeedbackAction, XcliAssign,
} from './ast';
import { firstWord, isBlankCode, isKeywordLine, isTerminatorLine, keywordOf } from './keywords';

/** Lines of a text and the document offset each starts at. */
export interface LineSource {
  readonly count: number;
  text(line: number): string;
  offset(line: number): number;
}

export function splitLines(text: string): { lines: string[]; offsets: number[] } {
  const lines: string[] = [];
  const offsets: number[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */ || c === 13 /* \r */) {
      lines.push(text.slice(start, i));
      offsets.push(start);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  lines.push(text.slice(start));
  offsets.push(start);
  return { lines, offsets };
}

export function arraySource(lines: readonly string[], offsets: readonly number[]): LineSource {
  return { count: lines.length, text: i => lines[i] ?? '', offset: i => offsets[i] ?? 0 };
}

export function parseXcli(text: string, options: XcliParseOptions = {}): XcliDocument {
  const { lines, offsets } = splitLines(typeof text === 'string' ? text : String(text));
  const source = arraySource(lines, offsets);
  return { lines: parseStatementsFrom(source, 0, options), lineCount: lines.length };
}

/**
 * Parses statements starting at `startLine` (which must begin a statement). After each statement,
 * `stop(nextLine)` may end the run (incremental re-parse stops once it is back in step with the old tree).
 */
export function parseStatementsFrom(
  source: LineSource,
  startLine: number,
  options: XcliParseOptions = {},
  stop?: (nextLine: number) => boolean,
): XcliStatement[] {
  const out: XcliStatement[] = [];
  let line = startLine;
  while (line < source.count) {
    const st = parseStatementAt(source, line, options);
    out.push(st);
    line = st.lastLine + 1;
    if (stop && stop(line)) break;
  }
  return out;
}

/** One statement beginning at `line`. */
export function parseStatementAt(source: LineSource, line: number, options: XcliParseOptions = {}): XcliStatement {
  const text = source.text(line);
  const lt = new LineTokens(line, source.offset(line), text);
  const trimmed = text.trim();
  const whole = lt.range(0, text.length);
  const base: Base = { firstLine: line, lastLine: line, range: whole, start: lt.lineOffset, end: lt.lineOffset + text.length, extra: [] };
  if (trimmed === '') return { type: 'blank', firstLine: line, lastLine: line, range: whole, start: base.start, end: base.end, extra: base.extra };
  const lead = text.length - text.trimStart().length;
  if (trimmed.startsWith('#')) {
    return { type: 'comment', firstLine: line, lastLine: line, range: whole, start: base.start, end: base.end, extra: base.extra, token: lt.token(lead, text.trimEnd().length) };
  }
  const word = firstWord(text);
  const keyword = keywordOf(word);
  if (!keyword) return { type: 'unknown', firstLine: line, lastLine: line, range: whole, start: base.start, end: base.end, extra: base.extra, tokens: lt.words(0) };
  const kwToken = lt.token(lead, lead + word.length);
  if (keyword === 'feedback') return parseFeedback(lt, base, kwToken);
  const st = parsePathStatement(lt, base, kwToken, keyword);
  if (keyword !== 'command') return st;
  return attachBody(source, st, options);
}

function attachBody(source: LineSource, st: XcliPathStatement, options: XcliParseOptions): XcliPathStatement {
  const line = st.firstLine;
  const names = st.segments.map(s => s.name.text);
  let multiline: boolean | undefined;
  try {
    multiline = options.isMultiline?.(names);
  } catch {
    multiline = undefined; // a faulty callback must not make the parser throw
  }
  let end = line + 1; // first line after the body
  let terminator: number | undefined;
  for (; end < source.count; end++) {
    const t = source.text(end);
    if (isTerminatorLine(t)) { terminator = end; break; }
    if (isKeywordLine(t)) break;
  }
  if (multiline === undefined) multiline = terminator !== undefined;
  // Multiline, but nothing follows before the next keyword line: no body at all (the validator says so).
  if (!multiline || (terminator === undefined && end === line + 1)) return st;
  const last = terminator ?? end - 1;
  const bodyLines: XcliToken[] = [];
  for (let l = line + 1; l <= (terminator ?? end) - 1; l++) {
    const t = source.text(l);
    bodyLines.push(new LineTokens(l, source.offset(l), t).token(0, t.length));
  }
  let termToken: XcliToken | undefined;
  if (terminator !== undefined) {
    const t = source.text(terminator);
    const lead = t.length - t.trimStart().length;
    termToken = new LineTokens(terminator, source.offset(terminator), t).token(lead, lead + 1);
  }
  const lastText = source.text(last);
  const lastEnd: XcliToken = new LineTokens(last, source.offset(last), lastText).token(lastText.length, lastText.length);
  const first = bodyLines[0] ?? termToken ?? lastEnd;
  // Fresh position objects: nothing in the tree is shared, so incremental.ts can shift it in place.
  const body: XcliBody = {
    lines: bodyLines,
    terminator: termToken,
    range: { start: { ...first.range.start }, end: { ...lastEnd.range.end } },
  };
  return {
    type: 'command', firstLine: st.firstLine, lastLine: last,
    range: { start: { line: st.range.start.line, character: st.range.start.character }, end: lastEnd.range.end },
    start: st.start, end: lastEnd.end, extra: st.extra,
    keyword: st.keyword, segments: st.segments, params: st.params, assign: st.assign, body,
  };
}

type Base = { firstLine: number; lastLine: number; range: XcliRange; start: number; end: number; extra: XcliToken[] };

/** One definition of white space for the whole xCLI (keywords.ts); `trim()` in this file strips the same set. */
const isSpaceCode = isBlankCode;

function isSpace(c: string | undefined): boolean {
  return c !== undefined && isSpaceCode(c.charCodeAt(0));
}

function isDigits(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * A token. The range is computed on demand: a 100,000-line script has millions of tokens, and four
 * objects per token instead of one made parsing allocation-bound. `line` is an own field so that
 * incremental.ts can shift it.
 */
class Token implements XcliToken {
  constructor(
    readonly text: string,
    readonly line: number,
    readonly character: number,
    readonly endCharacter: number,
    readonly start: number,
    readonly end: number,
  ) {}

  get range(): XcliRange {
    return { start: { line: this.line, character: this.character }, end: { line: this.line, character: this.endCharacter } };
  }

  toJSON(): unknown {
    return { text: this.text, range: this.range, start: this.start, end: this.end };
  }
}

const COLON = 58;
const QUOTE = 34;

/** Token factory and scanner for one line. */
class LineTokens {
  constructor(readonly line: number, readonly lineOffset: number, readonly text: string) {}

  range(from: number, to: number): XcliRange {
    return { start: { line: this.line, character: from }, end: { line: this.line, character: to } };
  }

  token(from: number, to: number): XcliToken {
    return new Token(this.text.slice(from, to), this.line, from, to, this.lineOffset + from, this.lineOffset + to);
  }

  skipSpace(i: number): number {
    const t = this.text;
    while (i < t.length && isSpaceCode(t.charCodeAt(i))) i++;
    return i;
  }

  /** End of a bare word starting at i, stopping at blanks (and at `:` and `"` when `names`). */
  wordEnd(i: number, names: boolean): number {
    const t = this.text;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (isSpaceCode(c) || (names && (c === COLON || c === QUOTE))) break;
      i++;
    }
    return i;
  }

  /** Whitespace-separated words from `from`. */
  words(from: number): XcliToken[] {
    const out: XcliToken[] = [];
    let i = this.skipSpace(from);
    while (i < this.text.length) {
      const e = this.wordEnd(i, false);
      out.push(this.token(i, e));
      i = this.skipSpace(e);
    }
    return out;
  }

  /** A double-quoted string starting at i (text[i] === '"'). */
  quoted(i: number): { value: XcliValue; end: number } {
    const t = this.text;
    let j = i + 1;
    let value = '';
    let chunk = j;
    let terminated = false;
    while (j < t.length) {
      const c = t.charCodeAt(j);
      if (c === 92 /* \ */ && j + 1 < t.length && (t.charCodeAt(j + 1) === QUOTE || t.charCodeAt(j + 1) === 92)) {
        value += t.slice(chunk, j) + t[j + 1];
        j += 2;
        chunk = j;
        continue;
      }
      if (c === QUOTE) {
        value += t.slice(chunk, j);
        terminated = true;
        j++;
        break;
      }
      j++;
    }
    if (!terminated) value += t.slice(chunk, j);
    return { value: { token: this.token(i, j), value, quoted: true, terminated }, end: j };
  }

  bare(i: number, end: number): XcliValue {
    const token = this.token(i, end);
    return { token, value: token.text, quoted: false, terminated: true };
  }

  /**
   * The value after a colon, from `from` on: a quoted string, or an unquoted value that ends where
   * `unquotedEnd` says (undefined: no value typed yet). Returns where reading goes on.
   */
  value(from: number, unquotedEnd: (v: number) => number | undefined): { value?: XcliValue; end: number } {
    const v = this.skipSpace(from);
    if (v >= this.text.length) return { end: from };
    if (this.text[v] === '"') return this.quoted(v);
    const end = unquotedEnd(v);
    return end === undefined ? { end: from } : { value: this.bare(v, end), end };
  }
}

const PARAM_NAME_AS_VALUE = /^[A-Za-z][A-Za-z0-9_.-]*:$/;

const NO_INDEXES: readonly XcliIndex[] = Object.freeze([]);

/** Splits `Call[3]` into a name and bracket indexes; leftovers after the brackets go to `extra`. */
function segmentFromWord(lt: LineTokens, from: number, to: number, extra: XcliToken[]): XcliSegment {
  const text = lt.text;
  let i = from;
  while (i < to && text[i] !== '[' && text[i] !== ']') i++;
  const name = lt.token(from, i);
  if (i >= to) return { name, indexes: NO_INDEXES };
  const indexes: XcliIndex[] = [];
  while (i < to && text[i] === '[') {
    let j = i + 1;
    while (j < to && text[j] !== ']' && text[j] !== '[') j++;
    const closed = j < to && text[j] === ']';
    const inner = text.slice(i + 1, j).trim();
    const value = /^\d+$/.test(inner) ? Number(inner) : undefined;
    if (closed) j++;
    indexes.push({ token: lt.token(i, j), value, form: 'bracket', closed });
    i = j;
  }
  if (i < to) extra.push(lt.token(i, to));
  return { name, indexes };
}

function parsePathStatement(
  lt: LineTokens,
  base: Base,
  keyword: XcliToken,
  type: 'command' | 'configuration' | 'status' | 'event',
): XcliPathStatement {
  const text = lt.text;
  const segments: XcliSegment[] = [];
  const params: XcliParam[] = [];
  const extra = base.extra;
  let assign: XcliAssign | undefined;
  let i = keyword.range.end.character;
  let inParams = false;

  while (true) {
    i = lt.skipSpace(i);
    if (i >= text.length) break;
    if (text[i] === '"') {
      // A string where a name belongs: keep it, the validator reports it.
      const q = lt.quoted(i);
      extra.push(q.value.token);
      i = q.end;
      continue;
    }
    if (text[i] === ':') {
      // A colon with no name before it.
      extra.push(lt.token(i, i + 1));
      i++;
      continue;
    }
    const wEnd = lt.wordEnd(i, true);
    const hasColon = text[wEnd] === ':';
    if (!inParams && !hasColon) {
      if (isDigits(text, i, wEnd) && segments.length > 0) {
        const prev = segments[segments.length - 1]!;
        const idx: XcliIndex = { token: lt.token(i, wEnd), value: Number(text.slice(i, wEnd)), form: 'separate', closed: true };
        segments[segments.length - 1] = { name: prev.name, indexes: [...prev.indexes, idx] };
      } else {
        segments.push(segmentFromWord(lt, i, wEnd, extra));
      }
      i = wEnd;
      continue;
    }
    if (type !== 'command') {
      // `Path Name: value` — the name is the last segment, then the value.
      if (!inParams) segments.push(segmentFromWord(lt, i, wEnd, extra));
      else extra.push(lt.token(i, wEnd));
      if (!hasColon) { i = wEnd; continue; }
      const colon = lt.token(wEnd, wEnd + 1);
      i = wEnd + 1;
      if (assign) { extra.push(colon); continue; }
      inParams = true;
      // An unquoted configuration value is the rest of the line, as the device reads it.
      const read = lt.value(i, () => text.trimEnd().length);
      i = read.end;
      assign = { colon, value: read.value };
      continue;
    }
    // Command parameters.
    inParams = true;
    const name = lt.token(i, wEnd);
    if (!hasColon) {
      params.push({ name });
      i = wEnd;
      continue;
    }
    const colon = lt.token(wEnd, wEnd + 1);
    i = wEnd + 1;
    const read = lt.value(i, v => {
      const end = lt.wordEnd(v, false);
      // `Number: CallType: Video` — the user has not typed Number's value yet.
      return PARAM_NAME_AS_VALUE.test(text.slice(v, end)) ? undefined : end;
    });
    i = read.end;
    params.push({ name, colon, value: read.value });
  }

  // An explicit literal, not `{ ...base }`: the spread was the parser's hottest line.
  return {
    type, firstLine: base.firstLine, lastLine: base.lastLine, range: base.range, start: base.start, end: base.end, extra,
    keyword, segments, params, assign,
  };
}

const FEEDBACK_ACTIONS: readonly XcliFeedbackAction[] = ['register', 'deregister', 'list', 'deregisterall'];

function parseFeedback(lt: LineTokens, base: Base, keyword: XcliToken): XcliStatement {
  const text = lt.text;
  let i = lt.skipSpace(keyword.range.end.character);
  let actionToken: XcliToken | undefined;
  let action: XcliFeedbackAction | undefined;
  if (i < text.length) {
    const e = lt.wordEnd(i, false);
    actionToken = lt.token(i, e);
    const lower = actionToken.text.toLowerCase();
    action = FEEDBACK_ACTIONS.find(a => a === lower);
    i = lt.skipSpace(e);
  }
  const segments: XcliSegment[] = [];
  let pathToken: XcliToken | undefined;
  if (i < text.length) {
    const end = text.trimEnd().length;
    pathToken = lt.token(i, end);
    let j = i;
    while (j < end) {
      while (j < end && (text[j] === '/' || isSpace(text[j]))) j++;
      if (j >= end) break;
      let k = j;
      while (k < end && text[k] !== '/' && !isSpace(text[k])) k++;
      const word = text.slice(j, k);
      if (isDigits(word, 0, word.length) && segments.length > 0) {
        const prev = segments[segments.length - 1]!;
        const idx: XcliIndex = { token: lt.token(j, k), value: Number(word), form: 'separate', closed: true };
        segments[segments.length - 1] = { name: prev.name, indexes: [...prev.indexes, idx] };
      } else {
        segments.push(segmentFromWord(lt, j, k, base.extra));
      }
      j = k;
    }
  }
  return {
    type: 'feedback', firstLine: base.firstLine, lastLine: base.lastLine, range: base.range, start: base.start, end: base.end,
    extra: base.extra, keyword, actionToken, action, pathToken, segments,
  };
}
