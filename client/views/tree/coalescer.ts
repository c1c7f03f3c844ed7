/**
 * Collects the keys of changed nodes and hands them over as one set per flush, so a storm of thousands of changes
 * per second becomes a few partial refreshes. When to flush is the events panel's rule (FlushScheduler: a lone
 * change at once, then at most one flush per interval), kept in one place. While paused (the view is hidden)
 * changes pile up as one set and are handed over when it resumes.
 */
import { systemClock, type Clock } from '../../../xapi/clock';
import { FlushScheduler } from '../../shared/flushScheduler';

/** The live trees' refresh interval: at most four refreshes a second, however many changes arrive. */
export const TREE_REFRESH_INTERVAL_MS = 250;

export interface CoalescerStats {
  /** Flushes handed over. */
  readonly flushes: number;
  /** Change notes received (before coalescing). */
  readonly changes: number;
}

export class Coalescer {
  private pending = new Set<string>();
  private paused = false;
  private _flushes = 0;
  private _changes = 0;
  private readonly scheduler: FlushScheduler;

  constructor(intervalMs: number, private readonly flush: (keys: Set<string>) => void, clock: Clock = systemClock) {
    this.scheduler = new FlushScheduler(() => this.handOver(), clock, intervalMs);
  }

  add(keys: Iterable<string>): void {
    for (const k of keys) { this.pending.add(k); this._changes++; }
    this.schedule();
  }

  pause(): void {
    this.paused = true;
    this.scheduler.cancel();
  }

  resume(): void {
    this.paused = false;
    this.schedule();
  }

  get stats(): CoalescerStats { return { flushes: this._flushes, changes: this._changes }; }

  private schedule(): void {
    if (!this.paused && this.pending.size > 0) this.scheduler.signal();
  }

  private handOver(): void {
    if (this.paused || this.pending.size === 0) return;
    const keys = this.pending;
    this.pending = new Set();
    this._flushes++;
    this.flush(keys);
  }

  dispose(): void {
    this.scheduler.cancel();
    this.pending.clear();
  }
}
