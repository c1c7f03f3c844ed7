/** Small text helpers for writing TypeScript: identifiers, string literals, JSDoc, unique type names. */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A string as a single-quoted TypeScript literal. */
export function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}'`;
}

/** A property key: bare when it is an identifier, else quoted (`'802.1X'`, `'3D'`). */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : quote(name);
}

/** A JSDoc block at an indent, or '' when there is nothing to say. `*\/` in the text cannot end it early. */
export function jsdoc(lines: readonly string[], indent: string): string {
  const body = lines
    .flatMap(l => l.split(/\r?\n/))
    .map(l => l.replace(/\*\//g, '*\\/').trimEnd());
  while (body.length && !body[body.length - 1]) body.pop();
  while (body.length && !body[0]) body.shift();
  if (!body.length) return '';
  if (body.length === 1) return `${indent}/** ${body[0]} */\n`;
  return `${indent}/**\n${body.map(l => (l ? `${indent} * ${l}` : `${indent} *`)).join('\n')}\n${indent} */\n`;
}

/**
 * Hands out type names derived from paths, never the same one twice: `Status Audio Volume` →
 * `StatusAudioVolume`; if `StatusAudio Volume` also exists it becomes `StatusAudioVolume_2`.
 * Callers ask in a fixed order, so the names are stable for a given schema.
 */
export class TypeNames {
  private readonly used = new Set<string>();

  constructor(reserved: Iterable<string>) {
    for (const r of reserved) this.used.add(r);
  }

  take(parts: readonly string[], suffix = ''): string {
    const base = parts.map(p => p.replace(/[^A-Za-z0-9_]/g, '_')).join('') + suffix;
    const start = /^[A-Za-z_]/.test(base) ? base : `_${base}`;
    let name = start;
    for (let n = 2; this.used.has(name); n++) name = `${start}_${n}`;
    this.used.add(name);
    return name;
  }
}
