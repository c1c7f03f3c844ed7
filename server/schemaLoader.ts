/**
 * Loads the index a schema decision names, reusing the one in use when its cache key still matches.
 * Besides the core index only the index in use is kept: a full published index is large, so switching
 * source drops the previous one (switching back loads it again).
 */
import { promises as fs } from 'node:fs';
import { SchemaIndex } from '../schema/schemaIndex';
import { fromFile, fromPublished } from '../schema/sources';
import { cacheKey, SchemaSource } from './schemaPolicy';

export interface LoadedIndex { key: string; index: SchemaIndex }

export class SchemaLoader {
  private current: LoadedIndex;

  constructor(readonly coreIndex: SchemaIndex) {
    this.current = { key: cacheKey({ kind: 'core' }), index: coreIndex };
  }

  get inUse(): LoadedIndex { return this.current; }

  /** Loads (or reuses) the index for `source` and makes it the one in use; throws a SchemaError when it cannot. */
  async load(source: SchemaSource): Promise<LoadedIndex> {
    this.current = await this.indexFor(source);
    return this.current;
  }

  /** Makes the core index the one in use (after a failed load). */
  useCore(): LoadedIndex {
    this.current = { key: cacheKey({ kind: 'core' }), index: this.coreIndex };
    return this.current;
  }

  private async indexFor(source: SchemaSource): Promise<LoadedIndex> {
    switch (source.kind) {
      case 'core': return { key: cacheKey(source), index: this.coreIndex };
      case 'device': {
        const same = this.current.key === cacheKey(source) && this.current.index.schema === source.schema;
        return same ? this.current : { key: cacheKey(source), index: new SchemaIndex(source.schema) };
      }
      case 'file': {
        // A file that cannot be stat'ed is left to fromFile, which says why in a SchemaError.
        const stat = await fs.stat(source.file).catch(() => undefined);
        const key = cacheKey(source, stat);
        return this.current.key === key ? this.current : { key, index: new SchemaIndex(await fromFile(source.file)) };
      }
      case 'published': {
        const key = cacheKey(source);
        if (this.current.key === key) return this.current;
        return { key, index: new SchemaIndex(await fromPublished(source.version, source.cacheDir ? { cacheDir: source.cacheDir } : {})) };
      }
    }
  }
}
