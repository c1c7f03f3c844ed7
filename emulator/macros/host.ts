/**
 * The macro runtime's main-thread side: one worker thread per runtime start runs every active macro
 * (worker.ts); each macro's xAPI connection is a DeviceSession of its own here, so its commands, feedback and
 * subscriptions are its own and end with the runtime.
 *
 * The host checks the worker answers (a ping every `pingIntervalMs`); one stuck longer than `unresponsiveMs`
 * (a macro's endless loop), or out of memory, is ended, and the hooks are told which macro's code was running.
 *
 * `workerRuntime(options)` is what a Device takes as `macroRuntime`. The Device itself never imports this file
 * (only its types), so a Device stays free of Node modules for in-memory use.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { KNOWN_ROLES, type Role } from '../../schema/model';
import type { Device, DeviceSession, EmulatorUser } from '../device';
import type { HostToWorker, LogLevel, MacroSource, WorkerLimits, WorkerStart, WorkerToHost } from './messages';

/** One active macro as the runtime runs it. */
export interface RuntimeMacro extends MacroSource {
  /** The roles its xAPI calls run with (`Macros Macro Roles Set`); default every role, as an admin. */
  readonly roles?: readonly Role[];
}

/** What the runtime tells the macros behaviour. Never called after `stop()`. */
export interface RuntimeHooks {
  /** A console line (or an error report) of a macro. */
  log(macro: string, message: string, level: LogLevel): void;
  /** A macro's top level ran to its end. */
  started(macro: string): void;
  /** A macro threw at its top level: it does not run. (The ERROR line came through `log`.) */
  failed(macro: string): void;
  /** Every macro has been evaluated. */
  ready(): void;
  /**
   * The runtime is gone: the worker was ended because `macro`'s code did not answer or ran out of memory,
   * or it died for a reason of its own (`macro` undefined). `reason` says which, for the log.
   */
  ended(macro: string | undefined, reason: string): void;
}

export interface MacroRuntime {
  /** End the runtime: close every macro's session and terminate the worker. Idempotent. */
  stop(): void;
  /** Resolves once its thread has ended (after stop(), or when it died). */
  readonly exited: Promise<void>;
}

/** Starts a runtime for these macros on this device (a Device's `macroRuntime` option). */
/** Starts a runtime for the active `macros`; `library` is every macro the device keeps (what imports find). */
export type MacroRuntimeStarter = (device: Device, macros: readonly RuntimeMacro[], hooks: RuntimeHooks, library?: readonly MacroSource[]) => MacroRuntime;

export interface MacroRuntimeOptions {
  /** How often the host checks that the worker answers. Default 1000 ms. */
  readonly pingIntervalMs?: number;
  /**
   * How long the worker may not answer before it is ended (an endless loop). Default: the device's
   * `Macros UnresponsiveTimeout` (seconds; 0 never ends it), else 5 s.
   */
  readonly unresponsiveMs?: number;
  /** Heap limit of the worker (default 256 MB); a macro that passes it is reported and left out, like a stuck one. */
  readonly memoryLimitMb?: number;
  /** Console lines one macro may write per second (default 1000); the rest are counted, not sent. */
  readonly logLinesPerSecond?: number;
  /** xAPI requests one macro may send per second (default 2000); beyond, the call rejects. */
  readonly framesPerSecond?: number;
  /** Longest console line kept (default 65536 characters). */
  readonly logLineChars?: number;
  /** The worker's entry file (default: found next to this code, see workerEntry()). */
  readonly workerFile?: string;
}

const DEFAULT_PING_MS = 1000;
const DEFAULT_UNRESPONSIVE_S = 5;

/**
 * Where the worker's code is: `macro-worker.js` next to the running bundle (dist/cli.js, dist/simulator.js,
 * dist/extension.js, see scripts/build.mjs), `worker.js` next to this file in the tsc output (lib/), or the
 * TypeScript source (tests under tsx). A `.ts` entry is started through tsx's require hook: a worker does not
 * get the `--import tsx` hooks of its parent for its entry module.
 */
export function workerEntry(dir: string = __dirname): { code: string; eval: boolean } {
  for (const f of ['macro-worker.js', 'worker.js']) {
    const file = join(dir, f);
    if (existsSync(file)) return { code: file, eval: false };
  }
  const ts = join(dir, 'worker.ts');
  if (!existsSync(ts)) throw new Error(`The macro runtime's worker is missing (looked for macro-worker.js, worker.js, worker.ts in ${dir})`);
  // Resolved here, where tsx is a dependency; a variable, so bundlers leave the lookup alone.
  const tsxHook = 'tsx/cjs';
  const hook = require.resolve(tsxHook);
  return { code: `require(${JSON.stringify(hook)}); require(${JSON.stringify(ts)});`, eval: true };
}

/** The user a macro's session runs as: not one of the device's users, so nobody can log in with it. */
function macroUser(m: RuntimeMacro): EmulatorUser {
  return { username: `macro:${m.name}`, password: '', roles: m.roles?.length ? m.roles : [...KNOWN_ROLES] };
}

/**
 * `Macros EvaluateTranspiled` of the device (each schema version's default when never set: True in 11.27, False
 * in 26.4): True runs macros transpiled, where `require` works; False as plain modules. A schema without the
 * setting (the core schema) runs them transpiled, which takes either style.
 */
function modeFromConfig(device: Device): 'transpiled' | 'module' {
  try {
    return String(device.getConfiguration('Macros EvaluateTranspiled')) === 'False' ? 'module' : 'transpiled';
  } catch {
    return 'transpiled';
  }
}

function unresponsiveFromConfig(device: Device): number {
  try {
    const v = Number(device.getConfiguration('Macros UnresponsiveTimeout'));
    return Number.isFinite(v) && v >= 0 ? v * 1000 : DEFAULT_UNRESPONSIVE_S * 1000;
  } catch {
    return DEFAULT_UNRESPONSIVE_S * 1000;
  }
}

/** The runtime of the emulator: worker threads (this file). */
export function workerRuntime(options: MacroRuntimeOptions = {}): MacroRuntimeStarter {
  return (device, macros, hooks, library) => new WorkerRuntime(device, macros, hooks, options, library ?? macros);
}

class WorkerRuntime implements MacroRuntime {
  private readonly worker: Worker;
  readonly exited: Promise<void>;
  private readonly running = new SharedArrayBuffer(4);
  private readonly sessions = new Map<string, DeviceSession>();
  private readonly byName: Map<string, RuntimeMacro>;
  private readonly pingMs: number;
  private readonly unresponsiveMs: number;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private nextPing = 0;
  private outstanding: { id: number; since: number } | undefined;
  private stopped = false;

  constructor(private readonly device: Device, private readonly macros: readonly RuntimeMacro[], private readonly hooks: RuntimeHooks, options: MacroRuntimeOptions,
    library: readonly MacroSource[]) {
    this.byName = new Map(macros.map(m => [m.name, m]));
    this.pingMs = Math.max(1, options.pingIntervalMs ?? DEFAULT_PING_MS);
    this.unresponsiveMs = options.unresponsiveMs ?? unresponsiveFromConfig(device);
    new Int32Array(this.running)[0] = -1;
    const limits: WorkerLimits = {
      logLinesPerSecond: options.logLinesPerSecond ?? 1000,
      framesPerSecond: options.framesPerSecond ?? 2000,
      logLineChars: options.logLineChars ?? 65536,
    };
    const data: WorkerStart = {
      macros: macros.map(m => ({ name: m.name, content: m.content })), library: library.map(m => ({ name: m.name, content: m.content })),
      mode: modeFromConfig(device), running: this.running, limits,
    };
    const entry = options.workerFile ? { code: options.workerFile, eval: false } : workerEntry();
    this.worker = new Worker(entry.code, {
      eval: entry.eval,
      workerData: data,
      resourceLimits: { maxOldGenerationSizeMb: options.memoryLimitMb ?? 256 },
    });
    // The runtime never keeps a process alive by itself: the emulator's server (or a test) does.
    this.worker.unref();
    this.exited = new Promise(resolve => this.worker.once('exit', () => resolve()));
    this.worker.on('message', (m: WorkerToHost) => this.onMessage(m));
    this.worker.on('error', e => this.onWorkerError(e));
    this.worker.on('exit', code => {
      if (!this.stopped) this.end(this.culprit(), `the macro runtime ended (exit code ${code})`);
    });
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = undefined;
    for (const s of this.sessions.values()) s.close();
    this.sessions.clear();
    this.worker.terminate().catch(() => undefined);
  }

  private post(m: HostToWorker): void {
    if (this.stopped) return;
    try { this.worker.postMessage(m); } catch { /* the worker is gone; its exit is handled */ }
  }

  /** The macro whose code the worker ran last (its sandbox marks it on entry). */
  private culprit(): string | undefined {
    return this.macros[Atomics.load(new Int32Array(this.running), 0)]?.name;
  }

  private onMessage(m: WorkerToHost): void {
    if (this.stopped) return;
    switch (m.type) {
      case 'booted': this.startPings(); return;
      case 'pong': if (this.outstanding?.id === m.id) this.outstanding = undefined; return;
      case 'open': this.open(m.macro); return;
      case 'frame': this.sessions.get(m.macro)?.receive(m.frame); return;
      case 'close': {
        const s = this.sessions.get(m.macro);
        this.sessions.delete(m.macro);
        s?.close();
        return;
      }
      case 'log': this.hooks.log(m.macro, m.message, m.level); return;
      case 'started': this.hooks.started(m.macro); return;
      case 'failed':
        this.hooks.log(m.macro, m.message, 'ERROR');
        if (m.fatal) this.hooks.failed(m.macro);
        return;
      case 'loaded': this.hooks.ready(); return;
    }
  }

  private open(name: string): void {
    const macro = this.byName.get(name);
    if (!macro || this.sessions.has(name)) return;
    try {
      const session = this.device.openSession(macroUser(macro), frame => this.post({ type: 'frame', macro: name, frame }), {
        onClose: reason => {
          if (this.sessions.get(name) !== session) return;
          this.sessions.delete(name);
          this.post({ type: 'closed', macro: name, reason });
        },
      });
      this.sessions.set(name, session);
    } catch (e) {
      this.post({ type: 'closed', macro: name, reason: e instanceof Error ? e.message : String(e) });
    }
  }

  private startPings(): void {
    if (this.pingTimer || !(this.unresponsiveMs > 0)) return;
    this.pingTimer = setInterval(() => this.tick(), this.pingMs);
    this.pingTimer.unref();
    this.tick();
  }

  private tick(): void {
    if (this.stopped) return;
    const o = this.outstanding;
    if (!o) {
      this.outstanding = { id: ++this.nextPing, since: Date.now() };
      this.post({ type: 'ping', id: this.nextPing });
      return;
    }
    if (Date.now() - o.since < this.unresponsiveMs) return;
    // Timers run before the messages that arrived meanwhile: after a busy spell of this thread the pong may be
    // waiting in the queue. The verdict waits for it to be read.
    setImmediate(() => {
      if (this.stopped || this.outstanding !== o) return;
      const seconds = Math.round(this.unresponsiveMs / 100) / 10;
      this.end(this.culprit(), `did not answer for ${seconds} s (an endless loop?)`);
    });
  }

  private onWorkerError(e: Error): void {
    if (this.stopped) return;
    const code = (e as { code?: unknown }).code;
    this.end(this.culprit(), code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'ran out of memory' : `stopped the macro runtime: ${e.message}`);
  }

  /** The worker is stuck or gone: end everything, then tell the behaviour. */
  private end(macro: string | undefined, reason: string): void {
    if (this.stopped) return;
    const hooks = this.hooks;
    this.stop();
    hooks.ended(macro, reason);
  }
}
