/**
 * One device read shared by every caller while it is in flight or younger than `maxAgeMs`, and dropped at once by
 * `invalidate()` (a change we made, or one the device announced). VS Code stats a document's file several times
 * around an open and a save, and each stat of a device's macro or panel was a listing read over the network: now
 * those calls share one. A failed read is not kept: the next caller asks the device again.
 */
import type { Clock } from '../../xapi/clock';

/** Long enough to cover one open or save (a burst of stats), short enough that a change made elsewhere shows. */
export const RECENT_READ_MAX_AGE_MS = 1000;

export class RecentRead<T> {
  private entry: { key: string; value: Promise<T>; settledAt?: number } | undefined;

  constructor(private readonly clock: Clock, private readonly maxAgeMs = RECENT_READ_MAX_AGE_MS) {}

  /**
   * The value read for `key` (the device it was read from: another device's read is never shared), from a read in
   * flight or recent enough, else from `read()` now.
   */
  get(key: string, read: () => Promise<T>): Promise<T> {
    const e = this.entry;
    if (e && e.key === key && (e.settledAt === undefined || this.clock.now() - e.settledAt < this.maxAgeMs)) return e.value;
    const entry: { key: string; value: Promise<T>; settledAt?: number } = { key, value: read() };
    this.entry = entry;
    entry.value.then(
      () => { entry.settledAt = this.clock.now(); },
      () => { if (this.entry === entry) this.entry = undefined; },
    );
    return entry.value;
  }

  /** What was read is stale now: the next caller reads again. */
  invalidate(): void {
    this.entry = undefined;
  }
}
