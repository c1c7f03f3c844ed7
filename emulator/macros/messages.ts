/**
 * What the macro runtime host (main thread, `host.ts`) and its worker (`worker.ts`) say to each other.
 * Each macro has its own xAPI connection: its frames travel tagged with the macro's name and the host
 * feeds them to a DeviceSession of its own, so a command or a subscription is the macro's, as on a device.
 */

/** One macro as the runtime loads it. */
export interface MacroSource {
  readonly name: string;
  readonly content: string;
}

/** `workerData` of a runtime worker. */
export interface WorkerStart {
  readonly macros: readonly MacroSource[];
  /** Every macro the device keeps, active or not: what `import … from './Name'` finds. */
  readonly library: readonly MacroSource[];
  /** `Macros EvaluateTranspiled`: True runs macros transpiled (CommonJS `require` works), False as plain modules. */
  readonly mode: 'transpiled' | 'module';
  /**
   * One Int32: the index in `macros` of the macro whose code runs now (-1: none). Shared memory, because a worker
   * stuck in a macro's endless loop can say nothing any more: the host reads the culprit from here.
   */
  readonly running: SharedArrayBuffer;
  readonly limits: WorkerLimits;
}

/** Budgets that keep a runaway macro from flooding the host while the liveness check has not yet caught it. */
export interface WorkerLimits {
  /** Console lines a macro may write per second; the rest are dropped and counted in a WARNING line. */
  readonly logLinesPerSecond: number;
  /** xAPI frames (requests) a macro may send per second; beyond, the call rejects. */
  readonly framesPerSecond: number;
  /** Characters of one console line kept; longer lines are cut. */
  readonly logLineChars: number;
}

export type HostToWorker =
  /** A frame from the device to a macro's xAPI client. */
  | { readonly type: 'frame'; readonly macro: string; readonly frame: string }
  /** The device ended a macro's session (boot, stop). */
  | { readonly type: 'closed'; readonly macro: string; readonly reason: string }
  /** Liveness probe: a worker that does not answer is stuck (an endless loop). */
  | { readonly type: 'ping'; readonly id: number };

/** Console levels as they appear in `Macros Log` Level. */
export type LogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';

export type WorkerToHost =
  /** The worker's own code is loaded; the macros are evaluated next (the host starts its liveness probes). */
  | { readonly type: 'booted' }
  /** A macro's xAPI client connects: the host opens a DeviceSession for it. */
  | { readonly type: 'open'; readonly macro: string }
  | { readonly type: 'frame'; readonly macro: string; readonly frame: string }
  | { readonly type: 'close'; readonly macro: string }
  /** A console line of a macro. */
  | { readonly type: 'log'; readonly macro: string; readonly level: LogLevel; readonly message: string }
  /** A macro's top level ran to its end (after its top-level awaits). */
  | { readonly type: 'started'; readonly macro: string }
  /**
   * A macro threw. `fatal`: at load (it does not run); otherwise in a listener, timer or promise, after
   * which it keeps running. `line` is the macro's own line when the stack names it.
   */
  | { readonly type: 'failed'; readonly macro: string; readonly message: string; readonly line?: number; readonly fatal: boolean }
  /** Every macro has been evaluated (each one started or failed). */
  | { readonly type: 'loaded' }
  | { readonly type: 'pong'; readonly id: number };
