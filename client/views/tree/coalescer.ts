/**
 * Collects the keys of changed nodes and hands them over at most once per interval, so a storm of thousands of
 * changes per second becomes a few partial refreshes. While paused (the view is hidden) changes pile up as one set
 * and are handed over when it resumes.
 */
export interface CoalescerStats {
  /** Flushes handed over. */
  readonly flushes: number;
  /** Change notes received (before coalescing). */
  readonly changes: number;
}

export class Coalescer {
  private pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private paused = false;
  private _flushes = 0;
  private _changes = 0;

  constructor(private readonly intervalMs: number, private readonly flush: (keys: Set<string>) => void) {}

  add(keys: Iterable<string>): void {
    for (const k of keys) { this.pending.add(k); this._changes++; }
    this.schedule();
  }

  pause(): void { this.paused = true; }

  resume(): void {
    this.paused = false;
    this.schedule();
  }

  get stats(): CoalescerStats { return { flushes: this._flushes, changes: this._changes }; }

  private schedule(): void {
    if (this.timer || this.paused || this.pending.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.paused || this.pending.size === 0) return;
      const keys = this.pending;
      this.pending = new Set();
      this._flushes++;
      this.flush(keys);
    }, this.intervalMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}
