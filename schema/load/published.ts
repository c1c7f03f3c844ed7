/**
 * Loader for the roomos.cisco.com schema format (`{objects: [{id, type, path, normPath,
 * products, attributes}]}`, protocol doc §7.2) into the normalised model.
 *
 * Objects with the same kind and path names become one node with one variant per object.
 * Names come from `path`, not `normPath`: the latter drops segments on some list statuses
 * (`Audio Input LocalInput[n] Connector[n]` has normPath `Audio Input LocalInput`).
 *
 * This runs on 4 MB files at startup, mostly before the JIT has compiled it, so the load does
 * only what the index and error reporting need: it checks every object's shape (a malformed
 * file fails here, naming the object), groups objects into nodes by kind and path, and takes the
 * widest index range of each path segment. A node builds its variants (value spaces, params,
 * event fields, interned lists) the first time they are read: building them all costs about as
 * much again as the load, and most uses (a script check, completion, hover) read few nodes.
 */
import { SchemaError } from '../errors';
import { IndexRange, NodeKind, NodeVariant, Schema, SchemaNode } from '../model';
import { SEGMENT_RANGES, SegmentRanges } from '../schemaIndex';
import { Interner } from './intern';
import { Bad, checkObject, describe, isObject } from './publishedCheck';
import { buildVariant } from './publishedVariant';
import { parsePathNames, PathNames } from './segments';

/**
 * A node whose variants are built on first read, from the objects it was grouped from. It is a
 * plain SchemaNode to readers; note that object spread does not copy `variants` (a getter on the
 * prototype): write `{ ...node, variants: node.variants }`.
 */
class PublishedNode implements SchemaNode, SegmentRanges {
  // Fields are declared, not initialised, and assigned in the constructor: a class field
  // initialiser is one more call per node, on a path that runs in the interpreter.
  declare readonly kind: NodeKind;
  declare readonly names: readonly string[];
  declare readonly normPath: string;
  declare [SEGMENT_RANGES]: (IndexRange | undefined)[] | null;
  /** The first source object (checked), until the variants are built. */
  declare private first: Record<string, any> | undefined;
  /** The source objects after the first, until the variants are built; most nodes have one. */
  declare private more: Record<string, any>[] | undefined;
  declare private built: readonly NodeVariant[] | undefined;
  declare private readonly interner: Interner;

  constructor(kind: NodeKind, names: readonly string[], normPath: string, first: Record<string, any>, interner: Interner) {
    this.kind = kind;
    this.names = names;
    this.normPath = normPath;
    this[SEGMENT_RANGES] = null;
    this.first = first;
    this.more = undefined;
    this.built = undefined;
    this.interner = interner;
  }

  get variants(): readonly NodeVariant[] {
    if (this.built === undefined) {
      const variants = [buildVariant(this.first!, this.kind, this.interner)];
      if (this.more) for (const o of this.more) variants.push(buildVariant(o, this.kind, this.interner));
      this.built = variants;
      this.first = this.more = undefined;
    }
    return this.built;
  }

  add(o: Record<string, any>): void {
    if (this.more) this.more.push(o);
    else this.more = [o];
  }

  /** Widens the node's range of each segment by a variant's ranges (which it may keep). */
  widen(add: (IndexRange | undefined)[]): void {
    const ranges = this[SEGMENT_RANGES];
    if (!ranges) {
      this[SEGMENT_RANGES] = add;
      return;
    }
    for (let i = 0; i < add.length; i++) {
      const a = ranges[i];
      const b = add[i];
      if (!b || a === b) continue;
      if (!a) {
        ranges[i] = b;
      } else {
        const max = a.max === undefined || b.max === undefined ? undefined : Math.max(a.max, b.max);
        ranges[i] = max === undefined ? { min: Math.min(a.min, b.min) } : { min: Math.min(a.min, b.min), max };
      }
    }
  }
}

/** True when a path needs no parsing: single spaces between words, no index brackets. */
function isPlainPath(p: string): boolean {
  return p.length > 0 && p.indexOf('[') < 0 && p.indexOf(']') < 0 && p.indexOf('  ') < 0
    && p.charCodeAt(0) !== 32 && p.charCodeAt(p.length - 1) !== 32;
}

export function parsePublishedSchema(json: unknown, label: string): Schema {
  if (!isObject(json)) throw new SchemaError(label, `expected a JSON object with an "objects" array, got ${describe(json)}`);
  const objects = (json as { objects?: unknown }).objects;
  if (!Array.isArray(objects)) throw new SchemaError(label, `expected an "objects" array at the top level, got ${describe(objects)}`);

  const interner = new Interner();
  const byKind: Record<NodeKind, Map<string, PublishedNode>> = {
    Command: new Map(), Configuration: new Map(), Status: new Map(), Event: new Map(),
  };
  const nodes: PublishedNode[] = [];

  for (let i = 0; i < objects.length; i++) {
    const o = objects[i];
    try {
      const kind = checkObject(o);
      if (!kind) continue;
      const rawPath: string = o.path;
      let normPath = rawPath;
      let parsed: PathNames | undefined;
      if (!isPlainPath(rawPath)) {
        const p = parsePathNames(rawPath, interner);
        if (typeof p === 'string') throw new Bad(p);
        parsed = p;
        normPath = p.names.join(' ');
      }
      const map = byKind[kind];
      const key = normPath.toLowerCase();
      let node = map.get(key);
      if (node) {
        node.add(o);
      } else {
        node = new PublishedNode(kind, parsed ? parsed.names : rawPath.split(' '), normPath, o, interner);
        map.set(key, node);
        nodes.push(node);
      }
      if (parsed && parsed.ranges) node.widen(parsed.ranges);
    } catch (e) {
      if (!(e instanceof Bad)) throw e;
      const id = isObject(o) && (typeof o.id === 'number' || typeof o.id === 'string') ? ` (id ${o.id})` : '';
      const path = isObject(o) && typeof o.path === 'string' ? ` '${o.path}'` : '';
      throw new SchemaError(label, `object #${i}${id}${path}: ${e.message}`);
    }
  }
  return { version: label, source: 'published', nodes };
}
