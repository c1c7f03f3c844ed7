/**
 * Coalesces "there is something new" into at most one flush per interval: the first signal after a quiet spell
 * arms one timer, and signals while it is armed do nothing. So a storm of thousands of events a second costs the
 * webview a few posts a second, and a lone event still shows within one interval.
 */
import type { Clock, TimerHandle } from '../../xapi/clock';

export const FLUSH_INTERVAL_MS = 250;

export class FlushScheduler {
  private timer: TimerHandle | undefined;
  private lastFlush = -Infinity;

  constructor(private readonly flush: () => void, private readonly clock: Clock, private readonly intervalMs = FLUSH_INTERVAL_MS) {}

  /** Something new arrived: flush once the interval since the last flush has passed. */
  signal(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.lastFlush + this.intervalMs - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.lastFlush = this.clock.now();
      this.flush();
    }, wait);
  }

  get armed(): boolean { return this.timer !== undefined; }

  cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
