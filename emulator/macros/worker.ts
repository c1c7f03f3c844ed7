/**
 * The macro runtime's worker thread (bundled to dist/macro-worker.js; run from source under tsx in tests).
 * It evaluates every active macro, each in a vm context of its own (sandbox.ts), and gives each one its own
 * xAPI connection: the real client library (XapiClient) over a transport whose frames go to the host tagged
 * with the macro's name, where a DeviceSession of its own answers them (host.ts).
 *
 * Nothing a macro does may end this thread by accident: throws in listeners, timers and promises are caught and
 * reported as the macro's ERROR lines. What cannot be caught here (an endless loop, running out of memory) the
 * host notices and ends the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { XapiClient } from '../../xapi/client';
import { XapiError } from '../../xapi/errors';
import type { Transport, TransportHandlers } from '../../xapi/transport';
import type { HostToWorker, LogLevel, MacroSource, WorkerLimits, WorkerStart, WorkerToHost } from './messages';
import { describeError, loadMacro, moduleNotFound, type LoadedMacro, type SandboxHooks } from './sandbox';

interface Slot {
  readonly name: string;
  readonly index: number;
  client?: XapiClient;
  /** The transport's handlers while the macro's connection is open. */
  handlers?: TransportHandlers;
  loaded?: LoadedMacro;
  /** Failed at load: it runs nothing any more and reports nothing more. */
  dead: boolean;
  readonly logs: Budget;
  readonly frames: Budget;
  /** The library macros it imported, by name (each evaluated once for this macro). */
  readonly libraries: Map<string, LoadedMacro>;
}

/** So many per second; what goes over is counted. */
class Budget {
  private windowStart = 0;
  private used = 0;
  dropped = 0;
  constructor(private readonly perSecond: number) {}
  /** True when one more fits in this second. `onNewWindow` gets the count dropped in the windows before. */
  take(onNewWindow?: (dropped: number) => void): boolean {
    const now = Date.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.used = 0;
      if (this.dropped) {
        const n = this.dropped;
        this.dropped = 0;
        onNewWindow?.(n);
      }
    }
    if (this.used >= this.perSecond) {
      this.dropped++;
      return false;
    }
    this.used++;
    return true;
  }
}

const port = parentPort;
if (!port) throw new Error('emulator/macros/worker runs as a worker thread (host.ts starts it)');
const start = workerData as WorkerStart;
const limits: WorkerLimits = start.limits;
const running = new Int32Array(start.running);
const post = (m: WorkerToHost) => port.postMessage(m);

const slots: Slot[] = start.macros.map((m: MacroSource, index) => ({
  name: m.name, index, dead: false, logs: new Budget(limits.logLinesPerSecond), frames: new Budget(limits.framesPerSecond), libraries: new Map(),
}));
const byName = new Map(slots.map(s => [s.name, s]));

function enter(slot: Slot | undefined): void {
  Atomics.store(running, 0, slot ? slot.index : -1);
}

function log(slot: Slot, level: LogLevel, message: string): void {
  if (slot.dead && level !== 'ERROR') return;
  const fits = slot.logs.take(n => post({ type: 'log', macro: slot.name, level: 'WARNING', message: `${n} console lines dropped (more than ${limits.logLinesPerSecond} a second)` }));
  if (!fits) return;
  const text = message.length > limits.logLineChars ? `${message.slice(0, limits.logLineChars)}… (${message.length - limits.logLineChars} more characters)` : message;
  post({ type: 'log', macro: slot.name, level, message: text });
}

/** A throw of the macro's: at its top level (`fatal`: it stops), or in a listener, timer or promise (it keeps running). */
function failed(slot: Slot, error: unknown, fatal: boolean): void {
  if (slot.dead) return;
  const { message, line } = describeError(slot.name, error);
  post({ type: 'failed', macro: slot.name, message, ...(line !== undefined ? { line } : {}), fatal });
  if (!fatal) return;
  slot.dead = true;
  slot.loaded?.stop();
  for (const lib of slot.libraries.values()) lib.stop();
  // Its subscriptions and pending calls end with its connection: the macro runs nothing any more.
  void slot.client?.close();
}

function transportFor(slot: Slot): Transport {
  let closed = false;
  return {
    heartbeat: 'none',
    description: `macro://${slot.name}`,
    open(h: TransportHandlers): Promise<void> {
      slot.handlers = h;
      post({ type: 'open', macro: slot.name });
      // Frames sent from now on reach the host after `open`: the port keeps their order.
      return Promise.resolve();
    },
    send(frame: string): void {
      if (closed) throw new Error('the connection is closed');
      if (!slot.frames.take()) throw new Error(`more than ${limits.framesPerSecond} xAPI requests a second`);
      post({ type: 'frame', macro: slot.name, frame });
    },
    close(): void {
      if (closed) return;
      closed = true;
      const h = slot.handlers;
      slot.handlers = undefined;
      post({ type: 'close', macro: slot.name });
      queueMicrotask(() => h?.close({ code: 1000, reason: 'closed by the macro', byClient: true }));
    },
  };
}

/** The macro's `xapi`: its own client, made on first import. */
function clientOf(slot: Slot): XapiClient {
  if (slot.client) return slot.client;
  // The device's own error texts, as a macro on a device sees them (`err.message === 'No such macro'`).
  const client = new XapiClient(() => transportFor(slot), `macro://${slot.name}`, { reconnect: false, errorMessages: 'device' });
  client.on('error', (e: XapiError) => {
    // A listener of the macro's threw (the client reports it with the throw as its cause), or a call failed
    // in a way nobody awaits (a subscription the device refused).
    if (e.cause !== undefined && owns(slot, e.cause)) failed(slot, e.cause, false);
    else log(slot, 'ERROR', e.message);
  });
  client.start().catch(() => undefined);
  slot.client = client;
  return client;
}

const library = new Map(start.library.map(m => [m.name, m.content]));

/**
 * A library macro imported by a main macro (`import { send } from './GMM_Lib'`): another saved macro, active or
 * not, as a device resolves it, evaluated once per main macro (inside it `require.main.name` is the main's) with
 * the main's console and session. A cycle gets the library's exports object as it is so far (a namespace import then
 * sees the rest once set; a named import reads its value at once).
 */
function libraryModule(slot: Slot, name: string): Record<string, unknown> {
  const loaded = slot.libraries.get(name);
  if (loaded) return loaded.exports;
  const source = library.get(name);
  if (source === undefined) throw moduleNotFound(`./${name}`);
  // Registered before its body runs, so a library importing this one back gets its exports as far as they are set.
  const lib = loadMacro(name, source, hooksFor(slot), { main: slot.name, mode: start.mode, beforeRun: l => slot.libraries.set(name, l) });
  // Its top level's failure is the main macro's: it fails the import.
  lib.done.catch((e: unknown) => failed(slot, e, true));
  return lib.exports;
}

/** `./Name`, `Name` or `./Name.js` of a saved macro: its name; undefined for anything else. */
function libraryName(spec: string): string | undefined {
  const name = spec.replace(/^\.\//, '').replace(/\.js$/, '');
  return library.has(name) ? name : undefined;
}

/**
 * `import xapi from 'xapi'` (the client as `default`, and its parts by name) / `require('xapi')` (the client); a
 * saved macro by name (`./GMM_Lib`): its exports.
 */
function moduleFor(slot: Slot, spec: string, how: 'import' | 'require'): unknown {
  if (spec !== 'xapi') {
    const name = libraryName(spec);
    if (name === undefined || name === slot.name) throw moduleNotFound(spec);
    const exports = libraryModule(slot, name);
    // `import X from './lib'` of a CommonJS library (`module.exports = …`) gives the whole of it, as Babel's interop does.
    return how === 'require' || 'default' in exports ? exports : Object.create(exports, { default: { value: exports } });
  }
  const xapi = clientOf(slot);
  if (how === 'require') return xapi;
  return Object.freeze({
    default: xapi,
    Command: xapi.Command, Config: xapi.Config, Configuration: xapi.Configuration, Status: xapi.Status, Event: xapi.Event,
    command: xapi.command, config: xapi.config, status: xapi.status, event: xapi.event, feedback: xapi.feedback,
    doc: xapi.doc.bind(xapi), query: xapi.query.bind(xapi),
  });
}

function hooksFor(slot: Slot): SandboxHooks {
  return {
    log: (level, message) => log(slot, level, message),
    threw: e => failed(slot, e, false),
    entered: () => enter(slot),
    module: (spec, how) => moduleFor(slot, spec, how),
  };
}

/** Whether an error came from a macro's code or from a library it imported. */
function owns(slot: Slot, error: unknown): boolean {
  return !!slot.loaded?.owns(error) || [...slot.libraries.values()].some(l => l.owns(error));
}

/** Who threw something nobody caught: the macro its stack names, else the one whose code ran last. */
function culprit(error: unknown): Slot | undefined {
  return slots.find(s => s.loaded?.owns(error)) ?? slots[Atomics.load(running, 0)];
}

function uncaught(error: unknown): void {
  const slot = culprit(error);
  if (slot) failed(slot, error, false);
  else post({ type: 'log', macro: '', level: 'ERROR', message: describeError('', error).message });
}
process.on('unhandledRejection', uncaught);
process.on('uncaughtException', uncaught);

port.on('message', (m: HostToWorker) => {
  switch (m.type) {
    case 'ping':
      post({ type: 'pong', id: m.id });
      return;
    case 'frame': {
      const slot = byName.get(m.macro);
      if (!slot?.handlers) return;
      // Feedback runs the macro's listeners, an answer its awaiting code: its code runs from here.
      enter(slot);
      slot.handlers.message(m.frame);
      return;
    }
    case 'closed': {
      const slot = byName.get(m.macro);
      const h = slot?.handlers;
      if (!slot || !h) return;
      slot.handlers = undefined;
      enter(slot);
      h.close({ code: 1006, reason: `the device ended the session (${m.reason})`, byClient: false });
      return;
    }
  }
});

async function main(): Promise<void> {
  post({ type: 'booted' });
  const evaluated: Promise<unknown>[] = [];
  for (const slot of slots) {
    const source = start.macros[slot.index].content;
    enter(slot);
    try {
      slot.loaded = loadMacro(slot.name, source, hooksFor(slot), { main: slot.name, mode: start.mode });
    } catch (e) {
      // A syntax error (or an import form the runtime does not know): the macro never ran.
      failed(slot, e, true);
      continue;
    }
    const loaded = slot.loaded;
    const done = loaded.done.then(
      () => { if (!slot.dead) post({ type: 'started', macro: slot.name }); },
      (e: unknown) => failed(slot, e, true),
    );
    // A top level that awaits something slow does not hold up the others, nor the runtime's Ready.
    evaluated.push(Promise.race([done, new Promise(resolve => setImmediate(resolve))]));
  }
  enter(undefined);
  await Promise.all(evaluated);
  enter(undefined);
  post({ type: 'loaded' });
}

void main();
