/**
 * Did-you-mean: the candidates closest to a mistyped word, case-insensitively, by edit distance with
 * transpositions (`Vidoe` → `Video` is one edit). Used for paths, parameter names and literal values.
 */

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), capped at `limit + 1`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

export interface DidYouMeanOptions {
  /** At most this many suggestions (default 3). */
  readonly max?: number;
}

/**
 * The candidates worth suggesting for `word`, best first: within an edit distance of about a third of
 * the word's length (at least 1, at most 3), or starting with the word (at least 2 characters), or
 * differing only in case. Ties keep the candidates' order. Empty when nothing is close.
 */
export function didYouMean(word: string, candidates: Iterable<string>, options: DidYouMeanOptions = {}): string[] {
  const w = String(word).toLowerCase();
  if (!w) return [];
  const limit = Math.min(3, Math.max(1, Math.floor(w.length / 3)));
  const scored: { c: string; score: number; order: number }[] = [];
  const seen = new Set<string>();
  let order = 0;
  for (const c of candidates) {
    const lc = c.toLowerCase();
    if (seen.has(lc)) continue;
    seen.add(lc);
    order++;
    if (lc === w) { scored.push({ c, score: -1, order }); continue; }
    const d = editDistance(w, lc, limit);
    if (d <= limit) scored.push({ c, score: d, order });
    else if (w.length >= 2 && lc.startsWith(w)) scored.push({ c, score: limit + 0.5, order });
  }
  scored.sort((a, b) => a.score - b.score || a.order - b.order);
  return scored.slice(0, options.max ?? 3).map(s => s.c);
}
