/**
 * Macros are written as ES modules (`import xapi from 'xapi'`) or, in older ones, CommonJS (`require('xapi')`).
 * The runtime evaluates a macro as a script (vm modules need a Node flag), so the module syntax is rewritten
 * into calls of an `__import` function the runtime provides — line for line, so a stack trace's line numbers
 * are the macro's own. Only the statement forms macros use are handled: import declarations at the start of a
 * line, and the `export` keyword in front of a declaration.
 */

/** Does this source use ES module syntax (then it runs in strict mode, as a module does)? */
export function hasModuleSyntax(source: string): boolean {
  return IMPORT_FROM.test(source) || BARE_IMPORT.test(source) || EXPORT.test(source);
}

// `import <clause> from 'x';` — the clause may span lines (`import {\n a,\n b\n} from 'x'`).
const IMPORT_FROM = /^([ \t]*)import\s+((?:[\w$]+\s*,?\s*)?(?:\*\s*as\s+[\w$]+|\{[^}]*\})?)\s*from\s*(['"])([^'"\n]+)\3[ \t]*;?/m;
const BARE_IMPORT = /^([ \t]*)import\s*(['"])([^'"\n]+)\2[ \t]*;?/m;
const EXPORT = /^([ \t]*)export\s+(default\b[ \t]*|(?=(?:async\s+)?function\b|class\b|const\b|let\b|var\b)|\{[^}]*\}[ \t]*;?|\*\s*from\s*(['"])[^'"\n]+\3[ \t]*;?)/m;

const g = (re: RegExp) => new RegExp(re.source, 'gm');

/** The same newlines as `text`, so the rewritten statement keeps the lines below it where they were. */
const newlinesOf = (text: string) => '\n'.repeat(text.split('\n').length - 1);

/** `{ a, b as c }` → `{ a, b: c }` (a destructuring pattern). */
function bindingPattern(named: string): string {
  return named.replace(/([\w$]+)\s+as\s+([\w$]+)/g, '$1: $2');
}

function importStatement(clause: string, spec: string): string {
  const from = `__import(${JSON.stringify(spec)})`;
  const parts: string[] = [];
  const m = /^([\w$]+)?\s*,?\s*(?:\*\s*as\s+([\w$]+)|(\{[^}]*\}))?\s*$/.exec(clause.trim());
  if (!m) throw new SyntaxError(`Unsupported import: import ${clause} from '${spec}'`);
  const [, def, star, named] = m;
  if (def) parts.push(`const ${def} = ${from}.default;`);
  if (star) parts.push(`const ${star} = ${from};`);
  if (named) parts.push(`const ${bindingPattern(named).replace(/\s+/g, ' ')} = ${from};`);
  return parts.join(' ') || `${from};`;
}

/** The macro's source with its import and export statements rewritten for `__import` and `exports`. */
export function rewriteModuleSyntax(source: string): string {
  return source
    .replace(g(IMPORT_FROM), (all, indent: string, clause: string, _q, spec: string) => indent + importStatement(clause, spec) + newlinesOf(all))
    .replace(g(BARE_IMPORT), (all, indent: string, _q, spec: string) => `${indent}__import(${JSON.stringify(spec)});${newlinesOf(all)}`)
    .replace(g(EXPORT), (all, indent: string, what: string) => {
      if (what.startsWith('default')) return `${indent}exports.default = `;
      // `export { a, b }` and `export * from 'x'`: a macro's exports are not used by anyone, so they go.
      if (what.startsWith('{') || what.startsWith('*')) return indent + newlinesOf(all);
      return indent;
    });
}
