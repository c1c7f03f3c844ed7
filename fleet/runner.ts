/**
 * Runs one task on many devices, safely:
 *   - at most `concurrency` devices at once;
 *   - a canary: the first N devices (inventory order) alone; any failure stops the run before the rest;
 *   - then waves of a given size; between and during them, a failure rate (failed ÷ finished, skipped left out)
 *     above the threshold stops the run;
 *   - a per-device time limit;
 *   - the journal: the intent before a device is touched, the outcome after (journal.ts); a resumed run leaves
 *     done devices alone and reports unknown ones as unknown unless asked to retry them;
 *   - interruption: the first stop lets devices in flight finish and starts no more; an abandon leaves them
 *     unknown at once.
 * Exit status: 0 every device ok or skipped, 1 any failed, 2 stopped by the canary or the threshold, 130
 * interrupted. Every device ends with a status and, unless ok, a reason.
 */
import { AuthenticationError, ConnectionError, MaybeExecutedError, NotFoundError, PermissionDeniedError, RateLimitError, TimeoutError, TlsError, XapiError } from '../xapi/errors';
import { cloudDeviceId } from '../xapi/cloud/cloudClient';
import type { InventoryDevice } from './inventory';
import type { FinalStatus, Journal, JournalState } from './journal';

export type DeviceStatus = FinalStatus | 'unknown' | 'not-run';

/** Why a device did not end ok (or was skipped), in words an integrator sorts by. */
export type FailureKind = 'offline' | 'auth' | 'certificate' | 'refused' | 'not-found' | 'permission' | 'timeout' | 'rate-limited'
  | 'maybe-executed' | 'gating' | 'unchanged' | 'interrupted' | 'stopped' | 'error';

/** What a task says of one device. */
export interface TaskResult<R> {
  readonly status: FinalStatus;
  readonly value?: R;
  readonly kind?: FailureKind;
  readonly reason?: string;
  /** The script line a run stopped at. */
  readonly line?: number;
}

export type DeviceTask<R> = (device: InventoryDevice, signal: AbortSignal) => Promise<TaskResult<R>>;

export interface DeviceOutcome<R> extends Partial<Omit<TaskResult<R>, 'status'>> {
  readonly device: InventoryDevice;
  readonly status: DeviceStatus;
  readonly ms: number;
  /** Its outcome is from an earlier run's journal. */
  readonly earlier?: boolean;
}

export interface FleetRunOptions {
  /** Devices at once (default: defaultConcurrency). */
  readonly concurrency?: number;
  /** The first N devices run alone; any failure stops the run. */
  readonly canary?: number;
  /** After the canary, devices per wave (default: all of them in one). */
  readonly waveSize?: number;
  /** Stop when failed ÷ finished exceeds this (0..1); default never. */
  readonly maxFailureRate?: number;
  /** Per device, ms (default 120 s). */
  readonly timeoutMs?: number;
  readonly journal?: Journal;
  /** The operation's name, written at the journal's start. */
  readonly op?: string;
  /** What an earlier run's journal says (resume). */
  readonly resumed?: JournalState;
  /** Resume: run again on devices the earlier run left unknown. */
  readonly retryUnknown?: boolean;
  /** First abort: start no more devices; second (abandon): stop waiting for those in flight. */
  readonly stop?: AbortSignal;
  readonly abandon?: AbortSignal;
  onOutcome?(o: DeviceOutcome<unknown>): void;
  onStart?(device: InventoryDevice): void;
}

export interface FleetReport<R> {
  readonly outcomes: readonly DeviceOutcome<R>[];
  readonly exitCode: 0 | 1 | 2 | 130;
  /** Why the run stopped early, if it did. */
  readonly stopped?: string;
}

export const EXIT = { ok: 0, failed: 1, stopped: 2, interrupted: 130 } as const;

/** Settles when `signal` aborts — at once if it already has (a listener added after the abort would never hear it). */
function whenAborted(signal: AbortSignal): Promise<void> {
  return signal.aborted ? Promise.resolve() : new Promise(r => signal.addEventListener('abort', () => r(), { once: true }));
}

function abandoned<R>(device: InventoryDevice, ms: number): DeviceOutcome<R> {
  return { device, status: 'unknown', kind: 'interrupted', reason: 'abandoned while in flight: it may have been changed', ms };
}
/** Devices at once by default: 16 on their own addresses; 8 when any is reached through Webex, which publishes no rate budget. */
export const DEFAULT_CONCURRENCY = { local: 16, cloud: 8 } as const;

export function defaultConcurrency(devices: readonly InventoryDevice[]): number {
  return devices.some(d => cloudDeviceId(d.url) !== undefined) ? DEFAULT_CONCURRENCY.cloud : DEFAULT_CONCURRENCY.local;
}
/** A device's time limit by default (a whole script or deployment on one device). */
export const DEFAULT_TIMEOUT_MS = 120_000;

/** An error from a device, as the report's kind and reason. */
export function failureOf(e: unknown): { kind: FailureKind; reason: string } {
  const reason = e instanceof Error ? e.message : String(e);
  if (e instanceof AuthenticationError) return { kind: 'auth', reason };
  if (e instanceof TlsError) return { kind: 'certificate', reason };
  if (e instanceof ConnectionError) return { kind: 'offline', reason };
  if (e instanceof TimeoutError) return { kind: 'timeout', reason };
  if (e instanceof RateLimitError) return { kind: 'rate-limited', reason };
  if (e instanceof MaybeExecutedError) return { kind: 'maybe-executed', reason };
  if (e instanceof NotFoundError) return { kind: 'not-found', reason };
  if (e instanceof PermissionDeniedError) return { kind: 'permission', reason };
  if (e instanceof XapiError) return { kind: 'refused', reason };
  return { kind: 'error', reason };
}

export async function runFleet<R>(devices: readonly InventoryDevice[], task: DeviceTask<R>, o: FleetRunOptions = {}): Promise<FleetReport<R>> {
  const concurrency = Math.max(1, o.concurrency ?? defaultConcurrency(devices));
  const outcomes = new Map<string, DeviceOutcome<R>>();
  const finish = (out: DeviceOutcome<R>) => {
    outcomes.set(out.device.name, out);
    o.onOutcome?.(out as DeviceOutcome<unknown>);
  };
  o.journal?.write({ t: 'start', at: new Date().toISOString(), op: o.op ?? 'run', devices: devices.map(d => d.name) });

  // A resumed run: done devices keep their outcome; unknown ones are reported unknown unless retried.
  const todo: InventoryDevice[] = [];
  for (const d of devices) {
    const earlier = o.resumed?.done.get(d.name);
    if (earlier) finish({ device: d, status: earlier.status, kind: earlier.kind as FailureKind | undefined, reason: earlier.reason, line: earlier.line, ms: 0, earlier: true });
    else if (o.resumed?.unknown.has(d.name) && !o.retryUnknown) {
      finish({ device: d, status: 'unknown', kind: 'interrupted', reason: 'an earlier run was stopped while this device was in flight: it may have been changed (--retry-unknown runs it again)', ms: 0, earlier: true });
    } else todo.push(d);
  }

  let stopped: string | undefined;
  let interrupted = false;
  const counts = () => {
    const fresh = [...outcomes.values()].filter(x => !x.earlier);
    const failed = fresh.filter(x => x.status === 'failed').length;
    const finished = fresh.filter(x => x.status === 'ok' || x.status === 'failed').length;
    return { failed, finished };
  };
  const overThreshold = () => {
    if (o.maxFailureRate === undefined) return false;
    const { failed, finished } = counts();
    return finished > 0 && failed / finished > o.maxFailureRate;
  };
  // An abandon is a stop too: nothing more starts.
  for (const s of [o.stop, o.abandon]) s?.addEventListener('abort', () => { interrupted = true; }, { once: true });
  if (o.stop?.aborted || o.abandon?.aborted) interrupted = true;

  const inFlight = new Set<string>();
  const runOne = async (d: InventoryDevice): Promise<void> => {
    const t0 = Date.now();
    inFlight.add(d.name);
    o.onStart?.(d);
    o.journal?.write({ t: 'intent', at: new Date().toISOString(), device: d.name });
    const timeout = AbortSignal.timeout(o.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const signal = o.abandon ? AbortSignal.any([timeout, o.abandon]) : timeout;
    let result: TaskResult<R>;
    try {
      result = await Promise.race([task(d, signal), whenAborted(signal).then(() => { throw signal.reason; })]);
    } catch (e) {
      if (o.abandon?.aborted) {
        inFlight.delete(d.name);
        if (!outcomes.has(d.name)) finish(abandoned(d, Date.now() - t0));
        return;
      }
      const f = timeout.aborted ? { kind: 'timeout' as const, reason: `no end within ${o.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms` } : failureOf(e);
      result = { status: 'failed', ...f };
    }
    inFlight.delete(d.name);
    if (outcomes.has(d.name)) return; // abandoned meanwhile: reported unknown, and no outcome is journaled
    o.journal?.write({ t: 'outcome', at: new Date().toISOString(), device: d.name, status: result.status, ...(result.kind ? { kind: result.kind } : {}), ...(result.reason ? { reason: result.reason } : {}), ...(result.line !== undefined ? { line: result.line } : {}) });
    finish({ device: d, ...result, ms: Date.now() - t0 });
  };

  /** Runs `group` with the concurrency cap; stops starting when asked, interrupted or past the threshold. */
  const runGroup = async (group: readonly InventoryDevice[]): Promise<void> => {
    let next = 0;
    const worker = async () => {
      while (next < group.length && !interrupted && !stopped) {
        const d = group[next++];
        await runOne(d);
        if (overThreshold()) stopped ??= `the failure rate passed ${Math.round((o.maxFailureRate ?? 0) * 100)}% (${counts().failed} of ${counts().finished} failed)`;
      }
    };
    const workers = Array.from({ length: Math.min(concurrency, group.length) }, worker);
    await (o.abandon ? Promise.race([Promise.all(workers), whenAborted(o.abandon)]) : Promise.all(workers));
  };

  const canary = Math.max(0, Math.min(o.canary ?? 0, todo.length));
  if (canary > 0) {
    await runGroup(todo.slice(0, canary));
    const failed = todo.slice(0, canary).filter(d => outcomes.get(d.name)?.status === 'failed');
    if (failed.length && !interrupted) stopped = `the canary failed on ${failed.map(d => d.name).join(', ')}`;
  }
  const rest = todo.slice(canary);
  const wave = o.waveSize && o.waveSize > 0 ? o.waveSize : rest.length;
  for (let i = 0; i < rest.length && !stopped && !interrupted && !o.abandon?.aborted; i += wave) await runGroup(rest.slice(i, i + wave));

  for (const d of devices) {
    if (outcomes.has(d.name)) continue;
    // Abandoned in flight: no outcome in the journal, so a resume knows it as unknown.
    if (inFlight.has(d.name)) { finish(abandoned(d, 0)); continue; }
    const why = o.abandon?.aborted || interrupted ? 'the run was interrupted before this device' : `not run: ${stopped}`;
    finish({ device: d, status: 'not-run', kind: interrupted ? 'interrupted' : 'stopped', reason: why, ms: 0 });
  }
  const list = devices.map(d => outcomes.get(d.name)!);
  const exitCode = interrupted || o.abandon?.aborted ? EXIT.interrupted
    : stopped ? EXIT.stopped
      : list.some(x => x.status === 'failed' || x.status === 'unknown') ? EXIT.failed : EXIT.ok;
  return { outcomes: list, exitCode, ...(stopped ? { stopped } : {}) };
}
