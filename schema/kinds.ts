/**
 * The words that name a node kind, written once. xCLI keywords (`xStatus`), the lower-case words of
 * statement types and wire roots (`status`, `configuration`), jsxapi's short form (`config`) and the
 * wire's capitalised roots (`Status`) all come here; nothing else keeps a table of them.
 *
 * Pure constants and functions with no I/O: the one file of schema/ that xapi/ may import at run time
 * (eslint.config.mjs), so the client spells roots by the same rule as everything else. Keep it that way:
 * import nothing here but types and schema/xcli/keywords.ts (itself pure).
 */
import type { NodeKind } from './model';
import type { XcliKeyword } from './xcli/ast';
import { keywordOf } from './xcli/keywords';

/** The x-keyword users write for a kind, in the spelling completion and messages use. */
export const KIND_KEYWORD: Readonly<Record<NodeKind, string>> = {
  Command: 'xCommand',
  Configuration: 'xConfiguration',
  Status: 'xStatus',
  Event: 'xEvent',
};

/**
 * The spelling of every xCLI keyword (schema/xcli/keywords.ts), for completion and messages: the kinds' own,
 * plus `xFeedback`, the one keyword that names no kind. Key order is the order completion offers them.
 */
export const KEYWORD_SPELLING: Readonly<Record<XcliKeyword, string>> = {
  command: KIND_KEYWORD.Command,
  configuration: KIND_KEYWORD.Configuration,
  status: KIND_KEYWORD.Status,
  event: KIND_KEYWORD.Event,
  feedback: 'xFeedback',
};

/**
 * jsxapi's string-style member for a kind (`xapi.config.get('…')`). `as const` so that a StateKind indexes
 * to `'status' | 'config'`, a key of the client's string API, and the member can be called without a cast.
 */
export const KIND_API_WORD = {
  Command: 'command',
  Configuration: 'config',
  Status: 'status',
  Event: 'event',
} as const satisfies Readonly<Record<NodeKind, string>>;

/**
 * jsxapi's proxy root for a kind, as code we write spells it (`xapi.Config.Audio.DefaultVolume.get()`).
 * Macros may also write `xapi.Configuration` (kindOfWord reads both); `Config` is what jsxapi documents.
 */
export const KIND_PROXY_WORD = {
  Command: 'Command',
  Configuration: 'Config',
  Status: 'Status',
  Event: 'Event',
} as const satisfies Readonly<Record<NodeKind, string>>;

/** Words, lower-cased, that stand for a kind. `config` is jsxapi's and the terminal's short form. */
const KIND_WORDS: Readonly<Record<string, NodeKind>> = Object.assign(Object.create(null) as Record<string, NodeKind>, {
  command: 'Command',
  configuration: 'Configuration',
  config: 'Configuration',
  status: 'Status',
  event: 'Event',
});

/**
 * The kind a word names, case-insensitively (`Status`, `status`, `configuration`, `Config`), or
 * undefined. With `exact`, only the full kind names count (wire roots and xCLI statement types never
 * use `config`).
 */
export function kindOfWord(word: string | undefined, options: { exact?: boolean } = {}): NodeKind | undefined {
  if (word === undefined) return undefined;
  const lc = word.toLowerCase();
  if (options.exact && lc === 'config') return undefined;
  return KIND_WORDS[lc];
}

/** The kinds with a state tree on the device (xGet, xQuery; xSet for configurations). */
export const STATE_KINDS = ['Status', 'Configuration'] as const satisfies readonly NodeKind[];
export type StateKind = (typeof STATE_KINDS)[number];

/** The kinds feedback can be registered for (`xFeedback register /Status/…`): commands have none. */
export const FEEDBACK_KINDS = ['Status', 'Configuration', 'Event'] as const satisfies readonly NodeKind[];
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/**
 * The kind the first word of a path names, case-insensitively: a kind word (`Status`, `config`, see
 * kindOfWord) or an x-keyword in any spelling the device's terminal accepts (`xStatus`, `xstat`,
 * `xconf`, `xcom`: the rule of schema/xcli/keywords.ts). `xFeedback` names no kind.
 */
export function kindOfRoot(word: string | undefined): NodeKind | undefined {
  if (word === undefined) return undefined;
  const kind = kindOfWord(word);
  if (kind) return kind;
  const keyword = keywordOf(word);
  return keyword === undefined ? undefined : kindOfWord(keyword, { exact: true });
}

/** The state kind a word names (`status`, `Configuration`; exact names only, as wire roots are), or undefined. */
export function stateKindOfWord(word: string | undefined): StateKind | undefined {
  const kind = kindOfWord(word, { exact: true });
  return kind === 'Status' || kind === 'Configuration' ? kind : undefined;
}

/** The feedback kind a word names (exact names only, as wire roots are), or undefined. */
export function feedbackKindOfWord(word: string | undefined): FeedbackKind | undefined {
  const kind = kindOfWord(word, { exact: true });
  return kind === 'Command' ? undefined : kind;
}

/**
 * The reserved command parameter that carries a multiline body, on the wire and in the macro API alike: jsxapi
 * sends `xapi.command(path, params, body)` as `Object.assign({ body }, params)`, so a `body` key among the
 * parameters is the body. Here, beside the root words, so the library, the emulator and the macro checker share it.
 */
export const BODY_PARAM = 'body';
