/**
 * Time as the simulated device and the extension's views see it. Every timed behaviour (call progress, boot delay,
 * uptime, coalesced view updates) goes through a Clock so that tests can drive it deterministically with ManualClock.
 */
export type TimerHandle = unknown;

export interface Clock {
  /** Milliseconds, like Date.now(). */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // Timers of a simulated device must never keep a process alive on their own.
    t.unref?.();
    return t;
  },
  clearTimeout: h => clearTimeout(h as NodeJS.Timeout),
};

interface ManualTimer {
  readonly seq: number;
  readonly due: number;
  readonly fn: () => void;
}

/**
 * A clock that only moves when told to. `advance(ms)` runs every timer that falls due,
 * in due-time order (ties in creation order), including timers created while advancing.
 */
export class ManualClock implements Clock {
  private time: number;
  private seq = 0;
  private timers = new Map<number, ManualTimer>();

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const seq = ++this.seq;
    this.timers.set(seq, { seq, due: this.time + Math.max(0, ms), fn });
    return seq;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as number);
  }

  /** Number of timers still waiting. */
  pending(): number {
    return this.timers.size;
  }

  advance(ms: number): void {
    const target = this.time + Math.max(0, ms);
    for (;;) {
      let next: ManualTimer | undefined;
      for (const t of this.timers.values()) {
        if (t.due <= target && (!next || t.due < next.due || (t.due === next.due && t.seq < next.seq))) next = t;
      }
      if (!next) break;
      this.timers.delete(next.seq);
      this.time = Math.max(this.time, next.due);
      next.fn();
    }
    this.time = target;
  }
}
