/**
 * The one polling helper of the tests: waits for a condition reached through sockets, processes or
 * timers, with a deadline and a message naming what was awaited. Not a sleep: it returns as soon as
 * the condition holds, and `wake` lets an event source re-check at once instead of at the next poll.
 */
export interface WaitOptions {
  /** Give up after this long; default 10 s. */
  timeoutMs?: number;
  /** Re-check at least this often; default 10 ms. */
  pollMs?: number;
  /** Subscribes a callback that re-checks now (e.g. on every message received). */
  wake?: (recheck: () => void) => void;
}

export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError';
}

/**
 * Resolves with the first value of `check` that is neither `undefined` nor `false` (so both
 * `() => list.length > 2` and `() => list.find(…)` work); rejects with a WaitTimeoutError naming
 * `what` after the deadline. An exception thrown by `check` rejects at once. An async `check` is awaited
 * (a probe over a socket).
 */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, opts: WaitOptions = {}): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() >= deadline) throw new WaitTimeoutError(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise<void>(resolve => {
      const t = setTimeout(resolve, Math.min(opts.pollMs ?? 10, Math.max(0, deadline - Date.now())));
      opts.wake?.(() => { clearTimeout(t); resolve(); });
    });
  }
}
