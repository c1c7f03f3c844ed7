/**
 * Sharing of repeated small values while loading. Published schemas repeat the same product
 * lists, role lists, index ranges and value spaces thousands of times; sharing one instance
 * keeps the heap small and costs one cheap lookup. Everything shared is treated as immutable.
 */
import { IndexRange, Role, Segment, ValueSpace } from '../model';
import type { PathNames } from './segments';

const EMPTY: readonly string[] = [];

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * One shared array per distinct list content. Joining each list into a string key was the
 * largest single cost of loading a published schema, hence the numeric hash, and the check
 * against the previous list first (consecutive objects usually have the same products).
 */
export class ListInterner {
  private readonly buckets = new Map<number, (readonly string[])[]>();
  private last: readonly string[] = EMPTY;

  /** `check` runs on lists not seen before (and must throw on bad input); repeats skip it. */
  get<T extends string = string>(raw: unknown, check?: (x: unknown) => readonly T[]): readonly T[] {
    if (!Array.isArray(raw)) return check ? check(raw) : (EMPTY as readonly T[]);
    const items = raw as readonly T[];
    if (items.length === 0) return EMPTY as readonly T[];
    if (sameList(items, this.last)) return this.last as readonly T[];
    let h = items.length;
    for (let i = 0; i < items.length; i++) {
 const s = items[i];
      if (typeof s !== 'string') return check ? check(items) : (EMPTY as readonly T[]);
      // Lengths and last characters only: enough to spread the few hundred distinct lists,
      // and every hit is verified element by element anyway.
      h = (Math.imul(h, 31) + s.length * 977 + (s.length ? s.charCodeAt(s.length - 1) : 0)) | 0;
    }
    let bucket = this.buckets.get(h);
    if (bucket) {
      for (const candidate of bucket) {
        if (sameList(items, candidate)) return (this.last = candidate) as readonly T[];
      }
    } else {
      bucket = [];
      this.buckets.set(h, bucket);
    }
    const copy = (check ? check(items) : items).slice();
    bucket.push(copy);
    return (this.last = copy) as readonly T[];
  }
}

export class Interner {
  readonly products = new ListInterner();
  private readonly writeRoles = new ListInterner();
  private readonly readRoles = new ListInterner();
  private readonly ranges = new Map<number, IndexRange>();

  /** The last path parsed, split at spaces, and the segment of each word (none for empty words): see parseSegments. */
  previousWords: readonly string[] = [];
  previousSegments: readonly (Segment | undefined)[] = [];
  /** The last path parsePathNames parsed. */
  previousPath: PathNames | undefined = undefined;

  write(items: readonly string[]): readonly Role[] {
    return this.writeRoles.get(items);
  }

  read(items: readonly string[]): readonly Role[] {
    return this.readRoles.get(items);
  }

  range(min: number, max: number | undefined): IndexRange {
    // Indexes are small: one number keys both ends (max + 1 so that "open" is 0).
    const key = min * 1_000_003 + (max === undefined ? 0 : max + 1);
    let r = this.ranges.get(key);
    if (!r) {
      r = max === undefined ? { min } : { min, max };
      this.ranges.set(key, r);
    }
    return r;
  }
}

/**
 * One instance that lives as long as the module: a full GC that finds no Interner alive drops
 * the class's hidden classes, and with them V8's optimised loader code, so a later load (a
 * language server switching schemas) would start cold again.
 */
export const KEEP_SHAPES_ALIVE = new Interner();

/** Value spaces without bounds or values occur on most statuses and event fields: share them. */
export const PLAIN_INTEGER: ValueSpace = { type: 'Integer' };
export const PLAIN_STRING: ValueSpace = { type: 'String' };
export const EMPTY_LITERAL: ValueSpace = { type: 'Literal', values: [] };

/**
 * An Integer value space with the bounds a loader read, leaving out the missing ones (the model never
 * holds `min: undefined`: it would change the object's shape and what JSON shows); the shared plain one
 * when there are none. Both loaders build them here, so they cannot differ.
 */
export function integerSpace(min?: number, max?: number, step?: number, multiple?: number): ValueSpace {
  if (min === undefined && max === undefined && step === undefined && multiple === undefined) return PLAIN_INTEGER;
  const vs: { type: 'Integer'; min?: number; max?: number; step?: number; multiple?: number } = { type: 'Integer' };
  if (min !== undefined) vs.min = min;
  if (max !== undefined) vs.max = max;
  if (step !== undefined) vs.step = step;
  if (multiple !== undefined) vs.multiple = multiple;
  return vs;
}

/** A String value space with the lengths a loader read (see integerSpace). */
export function stringSpace(minLength?: number, maxLength?: number, multiple?: number): ValueSpace {
  if (minLength === undefined && maxLength === undefined && multiple === undefined) return PLAIN_STRING;
  const vs: { type: 'String'; minLength?: number; maxLength?: number; multiple?: number } = { type: 'String' };
  if (minLength !== undefined) vs.minLength = minLength;
  if (maxLength !== undefined) vs.maxLength = maxLength;
  if (multiple !== undefined) vs.multiple = multiple;
  return vs;
}

/**
 * The count to use for an array value space that does not say how many values it takes.
 * 255 is the largest `multiple` the published schemas use.
 */
export const DEFAULT_ARRAY_MAX = 255;
