/**
 * The paths a live tree watches (pinned at its top, followed live), kept per root in workspace state. Only the
 * storage is here: a `Memento`-like store, so plain Node tests it; subscribing is the tree's.
 */
import type { PathSegment } from '../../../xapi/protocol';

/** What the list needs of VS Code's `Memento`. */
export interface WatchStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export class WatchList {
  constructor(private readonly store: WatchStore, private readonly root: string, private readonly keyOf: (path: readonly PathSegment[]) => string) {}

  private get storeKey(): string { return `xapi.watched.${this.root}`; }

  /** The watched paths, in the order they were added; anything malformed in the store is left out. */
  paths(): PathSegment[][] {
    const raw = this.store.get<unknown>(this.storeKey);
    return Array.isArray(raw) ? raw.filter((p): p is PathSegment[] => Array.isArray(p) && p.every(s => typeof s === 'string' || typeof s === 'number')) : [];
  }

  /** Adds a path; false when it was already watched. */
  async add(path: readonly PathSegment[]): Promise<boolean> {
    const paths = this.paths();
    if (paths.some(p => this.keyOf(p) === this.keyOf(path))) return false;
    await this.store.update(this.storeKey, [...paths, [...path]]);
    return true;
  }

  async remove(path: readonly PathSegment[]): Promise<void> {
    const key = this.keyOf(path);
    await this.store.update(this.storeKey, this.paths().filter(p => this.keyOf(p) !== key));
  }
}
