/**
 * Path queries as the wire sends them (`["Status", "Call", 3, "Status"]`, `["Status", "**", "DisplayName"]`)
 * compiled once and matched against concrete locations in the state tree.
 *
 * Matching is case-insensitive (choice documented in README.md): names compare lower-cased.
 * A name without an index in the query matches every item of a list; `**` matches zero or more levels.
 */
import { RpcError } from './errors';

/** A concrete location: root first, names in schema spelling, list item ids as numbers: `['Status', 'Call', 3, 'Status']`. */
export type Location = readonly (string | number)[];

export type QueryToken = { readonly any: true } | { readonly any?: false; readonly name: string; readonly index?: number };

export interface CompiledQuery {
  readonly tokens: readonly QueryToken[];
  readonly hasWildcard: boolean;
}

/** Longest Path/Query array accepted; longer arrays cannot name a schema node and are refused. */
export const MAX_QUERY_LENGTH = 40;
export const WILDCARD = '**';

/** Throws RpcError -32602 (No match) when the array is not a path: wrong item types, an index first, two indexes in a row. */
export function compileQuery(items: unknown, allowWildcard: boolean): CompiledQuery {
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_QUERY_LENGTH) throw RpcError.noMatch();
  const tokens: QueryToken[] = [];
  let hasWildcard = false;
  for (const item of items) {
    let index: number | undefined;
    if (typeof item === 'number') index = item;
    else if (typeof item === 'string' && /^\d+$/.test(item)) index = Number(item);
    if (index !== undefined) {
      const prev = tokens[tokens.length - 1];
      if (!Number.isSafeInteger(index) || index < 0 || !prev || prev.any || prev.index !== undefined) throw RpcError.noMatch();
      tokens[tokens.length - 1] = { name: prev.name, index };
      continue;
    }
    if (typeof item !== 'string' || item.length === 0) throw RpcError.noMatch();
    if (item === WILDCARD) {
      if (!allowWildcard) throw RpcError.noMatch();
      hasWildcard = true;
      tokens.push({ any: true });
    } else {
      tokens.push({ name: item.toLowerCase() });
    }
  }
  return { tokens, hasWildcard };
}

/** The root a query names, lower-cased, or undefined when it starts with `**`. */
export function queryRoot(q: CompiledQuery): string | undefined {
  const t = q.tokens[0];
  return t && !t.any ? t.name : undefined;
}

interface Seg { name: string; index?: number }

function segments(loc: Location): Seg[] {
  const out: Seg[] = [];
  for (const item of loc) {
    if (typeof item === 'number') out[out.length - 1].index = item;
    else out.push({ name: item.toLowerCase() });
  }
  return out;
}

/**
 * `within`: the location is the query's node or lies below it (a changed leaf reaches a subscription).
 * `related`: additionally true when the query lies below the location (a removed list item — ghost — reaches
 * subscriptions on leaves inside it).
 */
export function matches(q: CompiledQuery, loc: Location, mode: 'within' | 'related' = 'within'): boolean {
  const p = segments(loc);
  const t = q.tokens;
  const memo = q.hasWildcard ? new Map<number, boolean>() : undefined;
  const go = (qi: number, pi: number): boolean => {
    if (qi === t.length) return true;
    if (pi === p.length) return mode === 'related';
    const key = qi * 1024 + pi;
    const cached = memo?.get(key);
    if (cached !== undefined) return cached;
    const tok = t[qi];
    let r: boolean;
    if (tok.any) r = go(qi + 1, pi) || go(qi, pi + 1);
    else {
      const seg = p[pi];
      r = tok.name === seg.name && (tok.index === undefined || tok.index === seg.index) && go(qi + 1, pi + 1);
    }
    memo?.set(key, r);
    return r;
  };
  return go(0, 0);
}
