/**
 * Path text with index ranges, as both schema formats write it: `Call[n] Status`,
 * `Video Output Connector[1..3] MonitorRole`, `Audio Input ARC[3] Mode`.
 */
import { IndexRange, Segment } from '../model';
import { Interner } from './intern';

/** The index range in `[…]` text (without brackets), or a description of what is wrong. */
export function parseIndex(text: string, interner: Interner): IndexRange | string {
  if (text === 'n' || text === 'N') return interner.range(1, undefined);
  const dots = text.indexOf('..');
  if (dots < 0) {
    const k = toIndexNumber(text);
    return k === undefined ? `bad index '[${text}]'` : interner.range(k, k);
  }
  const min = toIndexNumber(text.slice(0, dots));
  const maxText = text.slice(dots + 2);
  const max = maxText === 'n' || maxText === 'N' ? undefined : toIndexNumber(maxText);
  if (min === undefined || (max === undefined && maxText !== 'n' && maxText !== 'N') || (max !== undefined && max < min)) {
    return `bad index range '[${text}]'`;
  }
  return interner.range(min, max);
}

function toIndexNumber(text: string): number | undefined {
  if (text.length === 0 || text.length > 9) return undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return Number(text);
}

/** One space-separated segment, e.g. `Connector[1..3]` → `{name: 'Connector', index: {min: 1, max: 3}}`. */
export function parseSegment(text: string, interner: Interner): Segment | string {
  const open = text.indexOf('[');
  if (open < 0) {
    if (text.indexOf(']') >= 0) return `bad path segment '${text}'`;
    return { name: text };
  }
  if (open === 0 || text.charCodeAt(text.length - 1) !== 93 /* ] */) return `bad path segment '${text}'`;
  const index = parseIndex(text.slice(open + 1, -1), interner);
  if (typeof index === 'string') return `${index} in '${text}'`;
  return { name: text.slice(0, open), index };
}

/**
 * A whole path; a string result says what is wrong.
 *
 * Published files list paths in order, so a path usually shares its first segments with the
 * previous one (`Audio Input HDMI[n] Mode`, `Audio Input HDMI[n] VideoAssociation …`). Those
 * segments are reused from the previous result (segments are immutable, so sharing is safe);
 * only the rest is sliced and parsed. This was the largest cost of loading a published file.
 */
export function parseSegments(path: string, interner: Interner): Segment[] | string {
  const prev = interner.previousPath;
  const prevSegs = interner.previousSegments;
  const prevEnds = interner.previousEnds;
  // Length of the common prefix, then how many whole previous segments fit into it.
  const limit = Math.min(prev.length, path.length);
  let common = 0;
  while (common < limit && prev.charCodeAt(common) === path.charCodeAt(common)) common++;
  const out: Segment[] = [];
  const ends: number[] = [];
  let start = 0;
  for (let i = 0; i < prevEnds.length; i++) {
    const end = prevEnds[i];
    if (end > common || (end < path.length && path.charCodeAt(end) !== 32)) break;
    out.push(prevSegs[i]);
    ends.push(end);
    start = end + 1;
  }
  const n = path.length;
  while (start <= n) {
    let end = path.indexOf(' ', start);
    if (end < 0) end = n;
    if (end > start) {
      const part = path.slice(start, end);
      if (part.indexOf('[') < 0 && part.indexOf(']') < 0) {
        out.push({ name: part });
      } else {
        const parsed = parseSegment(part, interner);
        if (typeof parsed === 'string') return parsed;
        out.push(parsed);
      }
      ends.push(end);
    }
    start = end + 1;
  }
  if (out.length === 0) return 'empty path';
  interner.previousPath = path;
  interner.previousSegments = out;
  interner.previousEnds = ends;
  return out;
}

/** `Connector[1..3]`, `Call[n]`, `ARC[3]`: the inverse of parseSegment. */
export function formatSegment(seg: Segment): string {
  const r = seg.index;
  if (!r) return seg.name;
  if (r.max === undefined) return r.min === 1 ? `${seg.name}[n]` : `${seg.name}[${r.min}..n]`;
  return r.min === r.max ? `${seg.name}[${r.min}]` : `${seg.name}[${r.min}..${r.max}]`;
}
