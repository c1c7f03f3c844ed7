/**
 * Re-parsing only what an edit can change, for large documents in the language server.
 *
 * Usage: after replacing old lines `[startLine, oldEndLine)` with `newLineCount` lines, call
 * `reparseXcli(oldDoc, newSource, { startLine, oldEndLine, newLineCount }, options)` where `newSource`
 * gives the new text's lines and offsets (`arraySource(splitLines(text))`, or a view over the editor's
 * line table). It returns the new document and how many statements/lines it parsed afresh.
 *
 * Why the work is bounded: a statement's parse depends only on its own lines and on the lines after it up
 * to the next x-keyword line or lone `.` (the multiline look-ahead). So re-parsing starts at the nearest
 * command at or before the edit whose look-ahead could reach it, and stops at the first statement
 * boundary after the edit that was also a boundary before it — from there on the old statements are
 * still right, only moved. Moving them shifts their positions IN PLACE: the old document is consumed and
 * must not be used afterwards (this keeps an edit on a 100,000-line file free of re-allocation).
 */
import { XcliDocument, XcliParseOptions, XcliStatement } from './ast';
import { LineSource, parseStatementsFrom } from './parser';

export interface XcliLineEdit {
  /** First replaced line (old and new numbering agree before it). */
  readonly startLine: number;
  /** One past the last replaced old line. `startLine === oldEndLine` for a pure insertion. */
  readonly oldEndLine: number;
  /** How many lines replace them. */
  readonly newLineCount: number;
}

export interface XcliReparse {
  readonly doc: XcliDocument;
  /** Statements parsed afresh. */
  readonly statements: number;
  /** Lines those statements cover — the work measure the language server's tests count. */
  readonly lines: number;
}

function isKeywordStatement(st: XcliStatement): boolean {
  return st.type === 'command' || st.type === 'configuration' || st.type === 'status' || st.type === 'event' || st.type === 'feedback';
}

function isStrayTerminator(st: XcliStatement): boolean {
  return st.type === 'unknown' && st.tokens.length === 1 && st.tokens[0]!.text === '.';
}

/** Index of the statement owning `line` (the last statement when the line is past the end). */
function statementIndex(list: readonly XcliStatement[], line: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (list[mid]!.firstLine <= line) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Adds to every line number and offset in a statement, in place. */
function shift(node: unknown, lines: number, offsets: number): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const x of node) shift(x, lines, offsets);
    return;
  }
  const o = node as Record<string, unknown>;
  for (const key in o) {
    const v = o[key];
    if (typeof v === 'number') {
      if (key === 'line' || key === 'firstLine' || key === 'lastLine') o[key] = v + lines;
      else if (key === 'start' || key === 'end') o[key] = v + offsets;
    } else if (typeof v === 'object') {
      shift(v, lines, offsets);
    }
  }
}

function full(source: LineSource, options: XcliParseOptions): XcliReparse {
  const fresh = parseStatementsFrom(source, 0, options);
  return { doc: { lines: fresh, lineCount: source.count }, statements: fresh.length, lines: source.count };
}

export function reparseXcli(old: XcliDocument, source: LineSource, edit: XcliLineEdit, options: XcliParseOptions = {}): XcliReparse {
  const list = old.lines;
  const delta = edit.newLineCount - (edit.oldEndLine - edit.startLine);
  if (list.length === 0 || source.count === 0) return full(source, options);
  let from = statementIndex(list, Math.min(edit.startLine, old.lineCount - 1));
  // A body-less command before the edit may have looked ahead into it (a new `.` makes it multiline, a
  // removed keyword line lets its look-ahead run further): start there. Statements whose first line is
  // edited cannot stop the look-ahead any more; a command with a body, another keyword line or a stray
  // `.` before the edit did stop it.
  for (let i = from; i >= 0; i--) {
    const st = list[i]!;
    if (st.firstLine >= edit.startLine) continue;
    if (st.type === 'command' && !st.body?.terminator) { from = i; break; }
    if (isKeywordStatement(st) || isStrayTerminator(st)) break;
  }
  const startLine = list[from]!.firstLine;
  // Lines equal but line ends changed (`\n` → `\r\n`) shift offsets the edit does not describe: start over.
  if (list[from]!.start !== source.offset(startLine)) return full(source, options);
  const editEndNew = edit.startLine + edit.newLineCount;
  let j = from; // old statements before j are replaced
  const fresh = parseStatementsFrom(source, startLine, options, next => {
    if (next < editEndNew) return false;
    const oldLine = next - delta;
    while (j < list.length && list[j]!.firstLine < oldLine) j++;
    return j < list.length && list[j]!.firstLine === oldLine && oldLine >= edit.oldEndLine;
  });
  const lastFresh = fresh[fresh.length - 1];
  const nextNew = lastFresh ? lastFresh.lastLine + 1 : startLine;
  let tail: XcliStatement[] = [];
  if (nextNew < source.count) {
    // Stopped early: the old statements from j on are still valid; move them.
    tail = list.slice(j);
    const offsetDelta = source.offset(nextNew) - (tail[0]?.start ?? 0);
    if (delta !== 0 || offsetDelta !== 0) for (const st of tail) shift(st, delta, offsetDelta);
  }
  const lines = list.slice(0, from).concat(fresh, tail);
  const last = lines[lines.length - 1];
  if (!last || last.lastLine !== source.count - 1 || last.end !== source.offset(last.lastLine) + source.text(last.lastLine).length) {
    return full(source, options); // the edit did not describe the change: never hand out a wrong tree
  }
  const parsedLines = fresh.reduce((n, st) => n + st.lastLine - st.firstLine + 1, 0);
  return { doc: { lines, lineCount: source.count }, statements: fresh.length, lines: parsedLines };
}
