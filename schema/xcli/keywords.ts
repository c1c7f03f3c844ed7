/**
 * Recognising the x-keywords as users type them.
 *
 * Rule: the first word of a line, case-insensitively, is a keyword when it is `x` followed by a prefix
 * of `command`, `configuration`, `status`, `event` or `feedback` of at least two letters that only one
 * of them starts with. So `xcom`, `xcommand`, `xconf`, `xconfig`, `xstat`, `xst`, `xev`, `xfeed`, `xfe`
 * are keywords; `xco` (command or configuration?) and `xc` are not. Devices accept the short forms
 * `xcom`, `xconf`, `xstat`…; the two-letter minimum keeps `xa`, `xs` and the like from looking like keywords.
 * How each keyword is spelled for users (`xConfiguration`) is schema/kinds.ts's KEYWORD_SPELLING.
 */
import { XcliKeyword } from './ast';

export const KEYWORD_WORDS: Readonly<Record<XcliKeyword, string>> = {
  command: 'command',
  configuration: 'configuration',
  status: 'status',
  event: 'event',
  feedback: 'feedback',
};

const ALL = Object.keys(KEYWORD_WORDS) as XcliKeyword[];

/** The keyword a word stands for, or undefined. Allocation-free: it runs on every line. */
export function keywordOf(word: string): XcliKeyword | undefined {
  return keywordAt(word, 0, word.length);
}

/** The keyword `text.slice(from, to)` stands for (see the rule above). */
export function keywordAt(text: string, from: number, to: number): XcliKeyword | undefined {
  const n = to - from;
  if (n < 3) return undefined;
  const x = text.charCodeAt(from);
  if (x !== 120 /* x */ && x !== 88 /* X */) return undefined;
  let found: XcliKeyword | undefined;
  for (const k of ALL) {
    const w = KEYWORD_WORDS[k];
    if (n - 1 > w.length) continue;
    let i = 1;
    while (i < n && (text.charCodeAt(from + i) | 0x20) === w.charCodeAt(i - 1)) i++;
    if (i === n) {
      if (found) return undefined; // ambiguous
      found = k;
    }
  }
  return found;
}

/**
 * What separates words in xCLI, for the parser and the keyword reader alike: every character JavaScript
 * counts as white space (`/\s/`, what `String.prototype.trim` strips) — space, tab, no-break space
 * (U+00A0, which editors and chat tools put in pasted text), the other Unicode spaces, and the byte-order
 * mark U+FEFF, so a file saved "with BOM" reads like one without. Line breaks never reach it (lines are split first).
 */
export function isBlankCode(c: number): boolean {
  if (c === 32 || c === 9) return true;
  if (c < 0x80) return c === 11 || c === 12 || c === 10 || c === 13;
  return BLANK.test(String.fromCharCode(c));
}

const BLANK = /\s/;

/** The first whitespace-separated word of a line (empty when none). */
export function firstWord(line: string): string {
  const [i, j] = firstWordAt(line);
  return line.slice(i, j);
}

function firstWordAt(line: string): [number, number] {
  let i = 0;
  while (i < line.length && isBlankCode(line.charCodeAt(i))) i++;
  let j = i;
  while (j < line.length && !isBlankCode(line.charCodeAt(j))) j++;
  return [i, j];
}

/** True when the line starts (after blanks) with an x-keyword: such a line always begins a statement. */
export function isKeywordLine(line: string): boolean {
  const [i, j] = firstWordAt(line);
  return keywordAt(line, i, j) !== undefined;
}

/** A line holding only `.` (blanks around it allowed): the end of a multiline body. */
export function isTerminatorLine(line: string): boolean {
  return line.trim() === '.';
}
