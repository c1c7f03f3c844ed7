/**
 * Index ranges, one definition of "in range" and of the union of ranges. The index (the widest range a
 * trie entry shows), the variant choice and every front end's index check use these.
 */
import { IndexRange } from './model';

/** True when `n` lies in the range; `[n]` ranges (no max) take any id from min up. */
export function inRange(n: number, r: IndexRange): boolean {
  return n >= r.min && (r.max === undefined || n <= r.max);
}

/** The smallest range holding both (an open-ended side stays open); either may be missing. */
export function unionRange(a: IndexRange | undefined, b: IndexRange | undefined): IndexRange | undefined {
  if (!a) return b;
  if (!b) return a;
  const max = a.max === undefined || b.max === undefined ? undefined : Math.max(a.max, b.max);
  return max === undefined ? { min: Math.min(a.min, b.min) } : { min: Math.min(a.min, b.min), max };
}

/** `1..5`, `1..n` for an open range. */
export function formatRange(r: IndexRange): string {
  return `${r.min}..${r.max ?? 'n'}`;
}

/** The nearest index in the range. */
export function nearestIn(n: number, r: IndexRange): number {
  return n < r.min ? r.min : r.max !== undefined && n > r.max ? r.max : n;
}
