/**
 * Recognising the x-keywords as users type them.
 *
 * Rule: the first word of a line, case-insensitively, is a keyword when it is `x` followed by a prefix
 * of `command`, `configuration`, `status`, `event` or `feedback` of at least two letters that only one
 * of them starts with. So `xcom`, `xcommand`, `xconf`, `xconfig`, `xstat`, `xst`, `xev`, `xfeed`, `xfe`
 * are keywords; `xco` (command or configuration?) and `xc` are not. Devices accept the short forms
 * `xcom`, `xconf`, `xstat`…; the two-letter minimum keeps `xa`, `xs` and the like from looking like keywords.
 */
import { XcliKeyword } from './ast';

export const KEYWORD_WORDS: Readonly<Record<XcliKeyword, string>> = {
  command: 'command',
  configuration: 'configuration',
  status: 'status',
  event: 'event',
  feedback: 'feedback',
};

/** The spelling completion and messages use. */
export const KEYWORD_SPELLING: Readonly<Record<XcliKeyword, string>> = {
  command: 'xCommand',
  configuration: 'xConfiguration',
  status: 'xStatus',
  event: 'xEvent',
  feedback: 'xFeedback',
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

/** The first whitespace-separated word of a line (empty when none). */
export function firstWord(line: string): string {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  let j = i;
  while (j < line.length && line[j] !== ' ' && line[j] !== '\t') j++;
  return line.slice(i, j);
}

/** True when the line starts (after blanks) with an x-keyword: such a line always begins a statement. */
export function isKeywordLine(line: string): boolean {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  let j = i;
  while (j < line.length && line.charCodeAt(j) !== 32 && line.charCodeAt(j) !== 9) j++;
  return keywordAt(line, i, j) !== undefined;
}

/** A line holding only `.` (blanks around it allowed): the end of a multiline body. */
export function isTerminatorLine(line: string): boolean {
  return line.trim() === '.';
}
