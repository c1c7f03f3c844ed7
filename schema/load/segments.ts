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
 * only the rest is parsed. The split and the whole-word comparisons are native string
 * operations: a character loop here was most of this function's cost in a fresh process,
 * where the loader runs in the interpreter. Runs of spaces give empty words, which are skipped.
 */
export function parseSegments(path: string, interner: Interner): Segment[] | string {
  const words = path.split(' ');
  const prevWords = interner.previousWords;
  const prevSegs = interner.previousSegments;
  const segs: (Segment | undefined)[] = new Array(words.length);
  const out: Segment[] = [];
  let sharedPrefix = true;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (sharedPrefix && i < prevWords.length && word === prevWords[i]) {
      const seg = prevSegs[i];
      segs[i] = seg;
      if (seg) out.push(seg);
      continue;
    }
    sharedPrefix = false;
    if (word.length === 0) continue;
    let seg: Segment;
    if (word.indexOf('[') < 0 && word.indexOf(']') < 0) {
      seg = { name: word };
    } else {
      const parsed = parseSegment(word, interner);
      if (typeof parsed === 'string') return parsed;
      seg = parsed;
    }
    segs[i] = seg;
    out.push(seg);
  }
  if (out.length === 0) return 'empty path';
  interner.previousWords = words;
  interner.previousSegments = segs;
  return out;
}

/** `Connector[1..3]`, `Call[n]`, `ARC[3]`: the inverse of parseSegment. */
export function formatSegment(seg: Segment): string {
  const r = seg.index;
  if (!r) return seg.name;
  if (r.max === undefined) return r.min === 1 ? `${seg.name}[n]` : `${seg.name}[${r.min}..n]`;
  return r.min === r.max ? `${seg.name}[${r.min}]` : `${seg.name}[${r.min}..${r.max}]`;
}

/** A path's segment names, and the index range of each indexed segment. */
export interface PathNames {
  /** The path split at spaces, as written. */
  readonly words: readonly string[];
  readonly names: string[];
  /** Undefined when no segment is indexed. */
  readonly ranges: (IndexRange | undefined)[] | undefined;
}

/**
 * What the loader needs of a path at load time: its names and index ranges, checked as
 * parseSegments checks them, without building Segment objects (those are built with the
 * variants, on first read). A string result says what is wrong. Like parseSegments, it takes
 * the words a path shares with the previous one from the previous result.
 */
export function parsePathNames(path: string, interner: Interner): PathNames | string {
  const words = path.split(' ');
  const prev = interner.previousPath;
  let shared = prev !== undefined;
  // The words are the names until a word has brackets or is empty (a run of spaces); then the
  // names get an array of their own, sized once.
  let names = words;
  let ranges: (IndexRange | undefined)[] | undefined;
  let n = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word.length === 0) {
      if (names === words) names = words.slice();
      shared = false;
      continue;
    }
    let name = word;
    let range: IndexRange | undefined;
    if (shared && i < prev!.words.length && word === prev!.words[i]) {
      // No empty word so far on either path, so names line up with words.
      name = prev!.names[i];
      range = prev!.ranges?.[i];
    } else {
      shared = false;
      const open = word.indexOf('[');
      if (open > 0 && open === word.length - 3 && word.charCodeAt(open + 1) === 110 /* n */ && word.charCodeAt(open + 2) === 93 /* ] */) {
        // `Name[n]`, most indexed segments: no Segment object or index text needed.
        name = word.slice(0, open);
        range = interner.range(1, undefined);
      } else if (open >= 0 || word.indexOf(']') >= 0) {
        const seg = parseSegment(word, interner);
        if (typeof seg === 'string') return seg;
        name = seg.name;
        range = seg.index;
      }
    }
    if (names === words && name !== word) names = words.slice();
    names[n] = name;
    if (range) (ranges ??= new Array(words.length))[n] = range;
    n++;
  }
  if (n === 0) return 'empty path';
  if (n < words.length) {
    names.length = n;
    if (ranges) ranges.length = n;
  }
  return (interner.previousPath = { words, names, ranges });
}
