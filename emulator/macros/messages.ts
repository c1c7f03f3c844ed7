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
