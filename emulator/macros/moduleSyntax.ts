/**
 * Macros are written as ES modules (`import xapi from 'xapi'`) or, in older ones, CommonJS (`require('xapi')`).
 * The runtime evaluates a macro as a script (vm modules need a Node flag), so the module syntax is rewritten
 * into calls of an `__import` function the runtime provides — line for line, so a stack trace's line numbers
 * are the macro's own. Only the statement forms macros use are handled: import declarations at the start of a
 * line, and the `export` keyword in front of a declaration, `export { … }` and `export default`. What a macro
 * exports is read by the macros that import it (a library macro: `import { send } from './GMM_Lib'`).
 */

/** Does this source use ES module syntax (then it runs in strict mode, as a module does)? */
export function hasModuleSyntax(source: string): boolean {
  return IMPORT_FROM.test(source) || BARE_IMPORT.test(source) || EXPORT.test(source);
}

// `import <clause> from 'x';` — the clause may span lines (`import {\n a, // why\n b\n} from 'x'`).
const IMPORT_FROM = /^([ \t]*)import\s+((?:[\w$]+\s*,?\s*)?(?:\*\s*as\s+[\w$]+|\{[^}]*\})?)\s*from\s*(['"])([^'"\n]+)\3[ \t]*;?/m;
const BARE_IMPORT = /^([ \t]*)import\s*(['"])([^'"\n]+)\2[ \t]*;?/m;
const EXPORT = /^([ \t]*)export\s+(default\b[ \t]*|(?=(?:async\s+)?function\b|class\b|const\b|let\b|var\b)|\{[^}]*\}[ \t]*;?|\*\s*from\s*(['"])[^'"\n]+\3[ \t]*;?)/m;
// The names an `export` declaration binds, and `export { a, b as c }` (without `from`).
const EXPORTED_DECLARATION = /^[ \t]*export\s+(?:(?:async\s+)?function\s*\*?\s*|class\s+|(?:const|let|var)\s+)([\w$]+)/gm;
const EXPORT_LIST = /^[ \t]*export\s*\{([^}]*)\}(?!\s*from)/gm;

const g = (re: RegExp) => new RegExp(re.source, 'gm');

/** The same newlines as `text`, so the rewritten statement keeps the lines below it where they were. */
const newlinesOf = (text: string) => '\n'.repeat(text.split('\n').length - 1);

/** A clause without its comments: `{ a, // why\n b }` would otherwise put `b` inside the comment once joined. */
const withoutComments = (clause: string) => clause.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');

/** `{ a, b as c }` → `{ a, b: c }` (a destructuring pattern). */
function bindingPattern(named: string): string {
  return named.replace(/([\w$]+)\s+as\s+([\w$]+)/g, '$1: $2');
}

/** Export forms the rewrite cannot give their names: refused with a clear error rather than exporting nothing. */
const UNSUPPORTED_EXPORT = /^[ \t]*export\s+(?:const|let|var)\s*[{[]/m;

function importStatement(clause: string, spec: string): string {
  const from = `__import(${JSON.stringify(spec)})`;
  const parts: string[] = [];
  const m = /^([\w$]+)?\s*,?\s*(?:\*\s*as\s+([\w$]+)|(\{[^}]*\}))?\s*$/.exec(withoutComments(clause).trim());
  if (!m) throw new SyntaxError(`Unsupported import: import ${clause} from '${spec}'`);
  const [, def, star, named] = m;
  if (def) parts.push(`const ${def} = ${from}.default;`);
  if (star) parts.push(`const ${star} = ${from};`);
  if (named) parts.push(`const ${bindingPattern(named).replace(/\s+/g, ' ')} = ${from};`);
  return parts.join(' ') || `${from};`;
}

/** The names a module exports, each with the local name it reads (`export { a as b }`: `['b', 'a']`). */
export function exportedNames(source: string): [exported: string, local: string][] {
  const out: [string, string][] = [];
  for (const m of source.matchAll(EXPORTED_DECLARATION)) out.push([m[1]!, m[1]!]);
  for (const m of source.matchAll(EXPORT_LIST)) {
    for (const part of withoutComments(m[1]!).split(',')) {
      const [local, exported] = part.trim().split(/\s+as\s+/);
      if (local && /^[\w$]+$/.test(local)) out.push([exported?.trim() || local, local]);
    }
  }
  return out;
}

/** The macro's source with its import and export statements rewritten for `__import` and `exports`. */
export function rewriteModuleSyntax(source: string): string {
  const unsupported = UNSUPPORTED_EXPORT.exec(source);
  if (unsupported) throw new SyntaxError(`Unsupported export (a destructuring declaration): ${unsupported[0].trim()}… — export the names one by one`);
  return source
    .replace(g(IMPORT_FROM), (all, indent: string, clause: string, _q, spec: string) => indent + importStatement(clause, spec) + newlinesOf(all))
    .replace(g(BARE_IMPORT), (all, indent: string, _q, spec: string) => `${indent}__import(${JSON.stringify(spec)});${newlinesOf(all)}`)
    .replace(g(EXPORT), (all, indent: string, what: string) => {
      if (what.startsWith('default')) return `${indent}exports.default = `;
      // `export { a, b }` binds through exportedNames; `export * from 'x'` re-exports nothing here.
      if (what.startsWith('{') || what.startsWith('*')) return indent + newlinesOf(all);
      return indent;
    });
}
