/**
 * Tab completion for `xapi repl` (readline's completer contract: `[candidates, the text they replace]`):
 * keywords, path segments, parameter names and literal values, from the schema index the session uses.
 * A finished word gets its trailing space (`xStatus `, `Audio `, `CallType: `), so Tab after Tab walks on.
 */
import type { NodeKind, ValueSpace } from '../schema/model';
import type { SchemaIndex } from '../schema/schemaIndex';
import { FEEDBACK_KINDS, feedbackKindOfWord, KEYWORD_SPELLING, kindOfWord } from '../schema/kinds';
import type { XcliKeyword } from '../schema/xcli/ast';
import { keywordOf } from '../schema/xcli/keywords';

/** The keywords a repl line starts with: events are the device's to send, not lines to type. */
const REPL_KEYWORDS: readonly XcliKeyword[] = ['command', 'configuration', 'status', 'feedback'];
export const DOT_COMMANDS = ['.help', '.exit', '.json', '.text'];

/** What a line's first word starts, in any spelling the terminal accepts (`xStatus`, `xstat`, `xconf`). */
function kindOf(word: string): NodeKind | 'Feedback' | undefined {
  const k = keywordOf(word);
  if (k === undefined || !REPL_KEYWORDS.includes(k)) return undefined;
  return k === 'feedback' ? 'Feedback' : kindOfWord(k, { exact: true });
}

function stripIndex(w: string): string {
  return w.replace(/\[\d*\]?$/, '');
}

const startsWith = (partial: string) => (s: string) => s.toLowerCase().startsWith(partial.toLowerCase());
const spaced = (s: string) => s + ' ';

/** The literal values of a value space, quoted when they hold a space; nothing for numbers and strings. */
function literals(vs: ValueSpace | undefined): string[] {
  return vs?.type === 'Literal' ? vs.values.map(v => (/\s/.test(v.value) ? `"${v.value}"` : v.value)) : [];
}

/** `/Status/Aud` → `/Status/Audio`; slash paths continue with `/`, so no space is added. */
function completeFeedback(words: string[], last: string, index: SchemaIndex): [string[], string] {
  if (words.length === 2) return [['register', 'deregister'].filter(startsWith(last)).map(spaced), last];
  const [root, ...rest] = last.replace(/^\//, '').split('/');
  if (last.split('/').filter(Boolean).length <= 1 && !last.endsWith('/')) {
    return [FEEDBACK_KINDS.map(k => `/${k}`).filter(startsWith('/' + last.replace(/^\//, ''))), last];
  }
  const k = feedbackKindOfWord(root);
  if (!k) return [[], last];
  const prefix = rest.slice(0, -1).map(stripIndex);
  const partial = rest[rest.length - 1] ?? '';
  const base = last.slice(0, last.length - partial.length);
  const names = index.children(k, prefix).map(e => e.name).filter(startsWith(partial));
  return [names.map(n => base + n), last];
}

function commandParams(index: SchemaIndex, names: string[]) {
  const node = index.lookup('Command', names);
  return node ? index.variantFor(node)?.params ?? [] : [];
}

/** Completion candidates for the text before the cursor. */
export function complete(line: string, index: SchemaIndex): [string[], string] {
  const words = line.split(/\s+/);
  const last = words[words.length - 1];
  if (words.length === 1) {
    return [[...REPL_KEYWORDS.map(k => spaced(KEYWORD_SPELLING[k])), ...DOT_COMMANDS].filter(startsWith(last)), last];
  }
  const kind = kindOf(words[0]);
  if (kind === 'Feedback') return completeFeedback(words, last, index);
  if (!kind) return [[], last];
  const before = words.slice(1, -1);
  const firstParam = before.findIndex(w => w.includes(':'));
  const pathWords = (firstParam >= 0 ? before.slice(0, firstParam) : before).map(stripIndex).filter(w => !/^\d+$/.test(w));

  // A value: right after `Name:` (as its own word or glued, `Name:Vi`), or after a configuration path's `:`.
  const prev = before[before.length - 1];
  const glued = last.indexOf(':');
  if ((prev !== undefined && prev.endsWith(':')) || glued >= 0) {
    const name = glued >= 0 ? last.slice(0, glued) : prev.slice(0, -1);
    const partial = glued >= 0 ? last.slice(glued + 1) : last;
    const head = glued >= 0 ? last.slice(0, glued + 1) : '';
    let values: string[] = [];
    if (kind === 'Command') {
      values = literals(commandParams(index, pathWords).find(p => p.name.toLowerCase() === name.toLowerCase())?.valueSpace);
    } else if (kind === 'Configuration') {
      const node = index.lookup('Configuration', [...pathWords, ...(name ? [stripIndex(name)] : [])]);
      values = literals(node && index.variantFor(node)?.valueSpace);
    }
    return [values.filter(startsWith(partial)).map(v => spaced(head + v)), last];
  }
  const paramNames = () => commandParams(index, pathWords).map(p => p.name + ': ').filter(startsWith(last));
  if (firstParam >= 0) return kind === 'Command' ? [paramNames(), last] : [[], last];
  const hits = index.children(kind, pathWords).map(e => e.name).filter(startsWith(last));
  if (hits.length === 0 && kind === 'Command') return [paramNames(), last];
  return [hits.map(spaced), last];
}
