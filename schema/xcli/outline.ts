/**
 * The outline of a script for editors: folding ranges (multiline bodies, runs of comment lines) and one
 * symbol per x-statement. Pure data; the language server maps it to LSP types.
 */
import { XcliDocument, XcliRange, XcliStatement } from './ast';
import { KEYWORD_SPELLING } from '../kinds';

export interface XcliFold {
  readonly startLine: number;
  readonly endLine: number;
  readonly kind: 'body' | 'comment';
}

/** A multiline command folds from its header to its `.`; three or more comment lines in a row fold too. */
export function foldingRanges(doc: XcliDocument): XcliFold[] {
  const out: XcliFold[] = [];
  let commentStart = -1;
  let commentEnd = -1;
  const flush = (): void => {
    if (commentStart >= 0 && commentEnd - commentStart >= 2) out.push({ startLine: commentStart, endLine: commentEnd, kind: 'comment' });
    commentStart = -1;
  };
  for (const st of doc.lines) {
    if (st.type === 'comment') {
      if (commentStart < 0) commentStart = st.firstLine;
      commentEnd = st.firstLine;
      continue;
    }
    flush();
    if (st.type === 'command' && st.body && st.lastLine > st.firstLine) {
      out.push({ startLine: st.firstLine, endLine: st.lastLine, kind: 'body' });
    }
  }
  flush();
  return out;
}

export interface XcliSymbol {
  /** `xCommand Dial`, `xConfiguration SystemUnit Name`, `xFeedback register /Status/Audio`. */
  readonly name: string;
  readonly kind: XcliStatement['type'];
  /** The whole statement, body included. */
  readonly range: XcliRange;
  /** The path (or the keyword when there is none): what an editor highlights. */
  readonly selectionRange: XcliRange;
}

export function documentSymbols(doc: XcliDocument): XcliSymbol[] {
  const out: XcliSymbol[] = [];
  for (const st of doc.lines) {
    switch (st.type) {
      case 'command':
      case 'configuration':
      case 'status':
      case 'event': {
        const first = st.segments[0];
        const last = st.segments[st.segments.length - 1];
        const names = st.segments.map(s => s.name.text + s.indexes.map(i => (i.form === 'bracket' ? i.token.text : `[${i.token.text}]`)).join(''));
        out.push({
          name: [KEYWORD_SPELLING[st.type], ...names].join(' '),
          kind: st.type,
          range: st.range,
          selectionRange: first && last ? { start: first.name.range.start, end: last.name.range.end } : st.keyword.range,
        });
        break;
      }
      case 'feedback':
        out.push({
          name: ['xFeedback', st.actionToken?.text, st.pathToken?.text].filter(Boolean).join(' '),
          kind: 'feedback',
          range: st.range,
          selectionRange: st.pathToken?.range ?? st.actionToken?.range ?? st.keyword.range,
        });
        break;
      default:
        break;
    }
  }
  return out;
}
