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

/** The keyword a word stands for, or undefined. */
export function keywordOf(word: string): XcliKeyword | undefined {
  if (word.length < 3 || (word[0] !== 'x' && word[0] !== 'X')) return undefined;
  const rest = word.slice(1).toLowerCase();
  let found: XcliKeyword | undefined;
  for (const k of ALL) {
    if (KEYWORD_WORDS[k].startsWith(rest)) {
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
  return keywordOf(firstWord(line)) !== undefined;
}

/** A line holding only `.` (blanks around it allowed): the end of a multiline body. */
export function isTerminatorLine(line: string): boolean {
  return line.trim() === '.';
}
