/**
 * The reads of one live tree: which subtrees have been read from the device into the mirror (and are kept current
 * by a subscription), which are being read, and which failed. A read waits for the subscription that covers it,
 * so no change falls between the read and the registration. No VS Code here: plain Node tests it against the
 * simulated device.
 */
import { KIND_API_WORD, type StateKind } from '../../../schema/kinds';
import { NotFoundError, type Xapi } from '../../../xapi';
import type { PathSegment } from '../../../xapi/protocol';
import { pathKey, type Mirror } from './mirror';
import type { TreeSubscriptions } from './treeSubscriptions';

export interface SubtreeReadsHost {
  readonly root: StateKind;
  /** The client reads go to; a read whose client has changed by its answer is dropped. */
  xapi(): Xapi | undefined;
  readonly mirror: Mirror;
  readonly subscriptions: TreeSubscriptions;
  /** Whether the schema has a list (indexed) at this names-only path: a list the device has nothing for is `[]`. */
  isList(path: readonly PathSegment[]): boolean;
  /** Whether something keeps a read subtree current besides its subscription (a cloud device's polling). */
  polled?(): boolean;
}

export class SubtreeReads {
  /** Paths read from the device (their subtree is in the mirror). */
  private readonly loaded = new Set<string>();
  private readonly loading = new Map<string, Promise<void>>();
  private readonly errors = new Map<string, string>();
  /** Bumped by `forgetAll`: reads begun before then do not count as current when they answer. */
  private generation = 0;
  /** Subtree reads (xGet) sent to the device. */
  reads = 0;

  constructor(private readonly host: SubtreeReadsHost) {}

  /** Reads a subtree once (later calls share it); nothing when it, or a live ancestor, was read already. */
  load(path: readonly PathSegment[]): Promise<void> {
    const key = pathKey(path);
    if (this.loaded.has(key) || this.coveredByLoadedAncestor(path)) return Promise.resolve();
    const pending = this.loading.get(key);
    if (pending) return pending;
    const p = this.read(path).finally(() => this.loading.delete(key));
    this.loading.set(key, p);
    return p;
  }

  /** Reads a subtree now, read before or not; a failure is kept as the path's error (`error()`). */
  async read(path: readonly PathSegment[]): Promise<void> {
    const xapi = this.host.xapi();
    if (!xapi) return;
    const key = pathKey(path);
    const generation = this.generation;
    const rooted = [this.host.root, ...path];
    await this.host.subscriptions.covering(path)?.registered.catch(() => undefined);
    try {
      this.reads++;
      const value = await xapi[KIND_API_WORD[this.host.root]].get(rooted);
      if (this.host.xapi() !== xapi) return;
      this.host.mirror.write(rooted, value);
      this.errors.delete(key);
    } catch (e) {
      if (this.host.xapi() !== xapi) return;
      // A list with no entries, or a branch the device has nothing for, is empty rather than an error.
      if (e instanceof NotFoundError) this.host.mirror.write(rooted, this.host.isList(path) && typeof path[path.length - 1] === 'string' ? [] : {});
      else this.errors.set(key, (e as Error).message);
    }
    if (generation === this.generation) this.loaded.add(key);
  }

  /** Whether the subtree at `path` is held read (not counting ancestors). */
  isLoaded(path: readonly PathSegment[]): boolean {
    const key = pathKey(path);
    return this.loaded.has(key) || this.loading.has(key);
  }

  /** The last read's error at `path`, if it failed. */
  error(path: readonly PathSegment[]): string | undefined {
    return this.errors.get(pathKey(path));
  }

  /** The paths' keys held read (a reconnect reads them again). */
  loadedKeys(): string[] {
    return [...this.loaded];
  }

  /** `path` is no longer current: the next `load` reads it again. */
  forget(path: readonly PathSegment[]): void {
    this.loaded.delete(pathKey(path));
  }

  /** Nothing at or below `path` is current any more (it collapsed and its subscription ended). */
  forgetBelow(path: readonly PathSegment[]): void {
    const key = pathKey(path);
    for (const k of [...this.loaded]) if (k === key || k.startsWith(`${key}/`)) this.loaded.delete(k);
  }

  /** Nothing is current any more (the view hid): reads on their way will not count either. */
  forgetAll(): void {
    this.loaded.clear();
    this.loading.clear();
    this.generation++;
  }

  /** A new session: no reads, no errors. */
  clear(): void {
    this.forgetAll();
    this.errors.clear();
  }

  private coveredByLoadedAncestor(path: readonly PathSegment[]): boolean {
    for (let i = path.length - 1; i >= 1; i--) {
      const up = path.slice(0, i);
      if (this.loaded.has(pathKey(up)) && (this.host.subscriptions.has(pathKey(up)) || this.host.polled?.())) return true;
    }
    return false;
  }
}
