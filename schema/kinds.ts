/**
 * The words that name a node kind, written once. xCLI keywords (`xStatus`), the lower-case words of
 * statement types and wire roots (`status`, `configuration`), jsxapi's short form (`config`) and the
 * wire's capitalised roots (`Status`) all come here; nothing else keeps a table of them.
 */
import { NodeKind } from './model';

/** The x-keyword users write for a kind, in the spelling completion and messages use. */
export const KIND_KEYWORD: Readonly<Record<NodeKind, string>> = {
  Command: 'xCommand',
  Configuration: 'xConfiguration',
  Status: 'xStatus',
  Event: 'xEvent',
};

/** jsxapi's string-style member for a kind (`xapi.config.get('…')`). */
export const KIND_API_WORD: Readonly<Record<NodeKind, 'command' | 'config' | 'status' | 'event'>> = {
  Command: 'command',
  Configuration: 'config',
  Status: 'status',
  Event: 'event',
};

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
