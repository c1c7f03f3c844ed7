/** What every macro feature works from: the parsed macro, the schema and the document's line map. */
import ts from 'typescript';
import type { SchemaIndex } from '../../../schema/schemaIndex';
import type { LineMap } from '../text';
import type { MacroAnalysis, XapiUse } from './analyze';

export interface MacroContext {
  readonly uri: string;
  readonly index: SchemaIndex;
  readonly product?: string;
  readonly lines: LineMap;
  readonly a: MacroAnalysis;
  /** Completion leaves schema items' `detail` to resolve (see LanguageService.lazyCompletionDetail). */
  readonly lazyDetail?: boolean;
}

/** The range of a string literal's content: after the opening quote, up to the closing one (or the end when unterminated). */
export function literalContent(sf: ts.SourceFile, lit: ts.Node): { start: number; end: number; terminated: boolean } {
  const start = lit.getStart(sf);
  const q = sf.text[start];
  const terminated = lit.end - start >= 2 && sf.text[lit.end - 1] === q;
  return { start: start + 1, end: terminated ? lit.end - 1 : lit.end, terminated };
}

/** The property name of an object-literal member as written (`Level`, `'Level'`), with its offsets. */
export function propName(sf: ts.SourceFile, p: ts.ObjectLiteralElementLike): { text: string; start: number; end: number } | undefined {
  const n = p.name;
  if (!n) return undefined;
  if (ts.isIdentifier(n)) return { text: n.text, start: n.text === '' ? n.pos : n.getStart(sf), end: n.end };
  if (ts.isStringLiteral(n) || ts.isNumericLiteral(n)) return { text: n.text, start: n.getStart(sf), end: n.end };
  return undefined;
}

/** The innermost use whose expression contains the offset. */
export function useAt(a: MacroAnalysis, offset: number): XapiUse | undefined {
  let best: XapiUse | undefined;
  for (const u of a.uses) {
    if (offset >= u.start && offset <= u.end && (!best || u.end - u.start < best.end - best.start)) best = u;
  }
  return best;
}

/**
 * Whether an offset sits inside a call's parentheses. The argument list ends at its last argument (or
 * comma), so whitespace before `)` — `f('a', |)` — counts by the call's own end.
 */
export function inArgs(call: ts.CallExpression, offset: number): boolean {
  if (offset < call.arguments.pos) return false;
  if (offset <= call.arguments.end) return true;
  const closed = call.getSourceFile().text.charCodeAt(call.end - 1) === 41; /* ) */
  return closed && offset < call.end;
}
