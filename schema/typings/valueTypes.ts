/** Value spaces → TypeScript types and the JSDoc lines that carry what the type cannot (ranges, lengths). */
import { ValueSpace } from '../model';
import { quote } from './text';

function scalar(vs: ValueSpace): string[] {
  switch (vs.type) {
    case 'Integer': return ['number'];
    case 'String': return ['string'];
    case 'Literal': return vs.values.length ? vs.values.map(v => quote(v.value)) : ['string'];
    // A type this code does not know: the wire only carries strings and numbers.
    default: return ['string', 'number'];
  }
}

/** The union of the scalar types, without duplicates; `fallback` when there is no value space. */
export function scalarType(spaces: readonly ValueSpace[], fallback = 'string'): string {
  const parts = [...new Set(spaces.flatMap(scalar))];
  return parts.length ? parts.join(' | ') : fallback;
}

export function isMultiple(spaces: readonly ValueSpace[]): boolean {
  return spaces.some(s => s.multiple !== undefined);
}

export function arrayOf(t: string): string {
  return /^[\w.]+$/.test(t) ? `${t}[]` : `(${t})[]`;
}

/** The type of a value read back (configuration, status, event field): arrays for the array forms. */
export function valueType(spaces: readonly ValueSpace[], fallback = 'string'): string {
  const t = scalarType(spaces, fallback);
  return isMultiple(spaces) ? arrayOf(t) : t;
}

/** The type of a command argument: a repeatable parameter takes one value or several. */
export function paramType(spaces: readonly ValueSpace[]): string {
  const t = scalarType(spaces);
  return isMultiple(spaces) ? `${t} | readonly ${arrayOf(t)}` : t;
}

/** `@minimum`/`@maximum`, `@minLength`/`@maxLength`, `@maxItems` and the meaning of literal values. */
export function valueDoc(spaces: readonly ValueSpace[]): string[] {
  const out: string[] = [];
  for (const vs of spaces) {
    if (vs.type === 'Integer') {
      if (vs.min !== undefined) out.push(`@minimum ${vs.min}`);
      if (vs.max !== undefined) out.push(`@maximum ${vs.max}`);
    } else if (vs.type === 'String') {
      if (vs.minLength !== undefined && vs.minLength > 0) out.push(`@minLength ${vs.minLength}`);
      if (vs.maxLength !== undefined) out.push(`@maxLength ${vs.maxLength}`);
    } else if (vs.type === 'Literal') {
      for (const v of vs.values) if (v.description) out.push(`- \`${v.value}\`: ${v.description.replace(/\s+/g, ' ').trim()}`);
    } else {
      out.push(`Value space \`${vs.raw}\` (not known to this generator).`);
    }
    if (vs.multiple !== undefined) out.push(`@maxItems ${vs.multiple}`);
  }
  return out;
}
