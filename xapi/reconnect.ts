/**
 * When and whether to reconnect after the link drops: exponential backoff with jitter, on by default.
 * Failures that waiting cannot fix (wrong credentials, untrusted certificate) stop the retries instead of
 * hammering the device — a device under a login storm may lock the account or rate-limit everyone.
 */
import { AuthenticationError, TlsError } from './errors';

export interface ReconnectOptions {
  /** Default true. */
  enabled?: boolean;
  /** First delay; default 500 ms. */
  initialDelayMs?: number;
  /** Upper bound of the delay; default 30 s. */
  maxDelayMs?: number;
  /** Growth per attempt; default 2. */
  factor?: number;
  /** Random spread as a fraction of the delay (0–1); default 0.3, so many clients do not return in lockstep. */
  jitter?: number;
  /** Give up after this many failed attempts; default unlimited. */
  maxAttempts?: number;
}

export type ResolvedReconnect = Required<ReconnectOptions>;

export function resolveReconnect(opt: boolean | ReconnectOptions | undefined): ResolvedReconnect {
  const o: ReconnectOptions = typeof opt === 'boolean' ? { enabled: opt } : opt ?? {};
  const r: ResolvedReconnect = {
    enabled: o.enabled ?? true,
    initialDelayMs: o.initialDelayMs ?? 500,
    maxDelayMs: o.maxDelayMs ?? 30_000,
    factor: o.factor ?? 2,
    jitter: o.jitter ?? 0.3,
    maxAttempts: o.maxAttempts ?? Infinity,
  };
  if (!(r.initialDelayMs >= 0) || !(r.maxDelayMs >= r.initialDelayMs) || !(r.factor >= 1) || !(r.jitter >= 0 && r.jitter <= 1) || !(r.maxAttempts >= 0)) {
    throw new TypeError(`Invalid reconnect options: ${JSON.stringify(o)}`);
  }
  return r;
}

/**
 * Delay before attempt number `attempt` (1-based): uniform in `base ± jitter·base`, with the window's top cut at
 * `maxDelayMs`. Sampling inside the cut window (rather than clamping the result) keeps clients at the cap spread
 * out instead of all returning exactly at `maxDelayMs`.
 */
export function backoffDelay(attempt: number, o: ResolvedReconnect, random: () => number = Math.random): number {
  const base = Math.min(o.maxDelayMs, o.initialDelayMs * Math.pow(o.factor, Math.max(0, attempt - 1)));
  const spread = base * o.jitter;
  const hi = Math.min(o.maxDelayMs, base + spread);
  const lo = Math.max(0, base - spread);
  return Math.min(hi, Math.max(0, Math.round(lo + random() * (hi - lo))));
}

/** Whether a failed attempt is worth repeating. */
export function isRetryable(err: unknown): boolean {
  return !(err instanceof AuthenticationError || err instanceof TlsError);
}
