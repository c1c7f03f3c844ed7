/**
 * `createSimulatedXapi()`: the real client core over an in-memory transport to an in-process emulated Device —
 * no sockets, no ports — for unit tests of code written against the library (macros, integrations).
 * It lives beside the emulator because `xapi/` never imports `emulator/`; the package exports it as
 * `xapi-workbench/testing`.
 *
 * ```ts
 * const xapi = createSimulatedXapi();
 * await myMacro(xapi);                       // code under test uses xapi.Command / xapi.status.on / …
 * xapi.setStatus('Audio Volume', 70);        // drive the device
 * xapi.emitEvent('UserInterface Extensions Widget Action', { WidgetId: 'go', Type: 'clicked' });
 * assert.deepEqual(xapi.commands.map(c => c.path), ['Dial']);
 * await xapi.close();
 * ```
 */
import type { Schema } from '../schema/model';
import { coreSchema } from '../schema/core';
import { XapiClient, type ClientOptions, type Xapi } from '../xapi/client';
import { ClientErrorCode, ConnectionError } from '../xapi/errors';
import { JSONRPC_VERSION, Method, type GetParams, type Request } from '../xapi/protocol';
import type { Transport, TransportHandlers } from '../xapi/transport';
import { DEFAULT_USER, Device, type DeviceOptions, type EmulatorUser } from './device';
import { workerRuntime, type MacroRuntimeStarter } from './macros/host';

export { ValueSpaceError } from './values';

export interface SimulatedXapiOptions extends ClientOptions, Partial<Omit<DeviceOptions, 'schema' | 'macroRuntime'>> {
  /** Schema of the simulated device; default the built-in core schema. */
  schema?: Schema;
  /** Use an existing device (several clients on one device, or one shared with an Emulator). */
  device?: Device;
  /** Who the client logs in as (default `admin`, every role). A name must match one of the device's users. */
  user?: string | EmulatorUser;
  /** What runs the device's active macros: default the worker-thread runtime; false stores them without running. */
  macroRuntime?: MacroRuntimeStarter | false;
}

/** A command the code under test sent, as it went on the wire (also the ones the device rejected). */
export interface SentCommand {
  /** Space-separated command path as sent: `Dial`, `Audio Volume Set`. */
  readonly path: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly body?: string;
}

export interface SimulatedXapi extends Xapi {
  readonly device: Device;
  /** Every command sent through this client, oldest first. */
  readonly commands: SentCommand[];
  /** The commands sent to `path` (`'Audio Volume Set'`, case-insensitive; `/` or spaces). */
  commandsTo(path: string): SentCommand[];
  clearCommands(): void;
  /**
   * Set a status leaf (or several: `setStatus('Call[3]', { Status: 'Connected' })`); subscribers get feedback.
   * Throws ValueSpaceError (naming the path and the allowed values) for a value outside the schema's value
   * space, and EmulatorError for a path the schema lacks.
   */
  setStatus(path: string, value: unknown): void;
  setConfiguration(path: string, value: unknown): void;
  /**
   * Emit an event as the device would (`'UserInterface Extensions Widget Action'`, `{ WidgetId, Type, Value }`).
   * Throws EmulatorError for a field the event lacks and ValueSpaceError for a value outside a field's value space.
   */
  emitEvent(path: string, payload?: unknown): void;
  /** Answer a displayed Prompt or TextInput as a user on the touch panel would. */
  answerMessage(answer: Parameters<Device['answerMessage']>[0]): void;
  /**
   * Resolves once the in-memory connection is open. Rejects with the ConnectionError when it cannot be made
   * (the device is booting, say); calls made meanwhile then reject with ConnectionClosedError naming the reason.
   * A rejection nobody awaits is not reported as unhandled: the failed calls already say it.
   */
  readonly ready: Promise<void>;
  /**
   * Resolves once every frame sent so far has been answered and every frame the device wrote so far (answers,
   * feedback) has been delivered to the client — a round trip through the device, no timers. Waits for the
   * first connect; with no open connection (closed, reconnecting) there is nothing in flight and it resolves.
   */
  settle(): Promise<void>;
}

/** Id prefix of settle()'s probe requests; the client itself only uses numeric ids, so they never collide. */
const PROBE_ID_PREFIX = 'settle-probe-';

interface MemoryTransport extends Transport {
  /**
   * Sends a probe request straight to the device session, behind every frame sent before it, and resolves when
   * its answer comes back through the same queue — so every frame written before that answer has been delivered.
   * The probe and its answer bypass the client (no trace, not recorded). Resolves at once if the session is closed.
   */
  roundTrip(): Promise<void>;
}

function memoryTransport(device: Device, user: EmulatorUser, record: (frame: string) => void): MemoryTransport {
  let session: ReturnType<Device['openSession']> | undefined;
  let handlers: TransportHandlers | undefined;
  let closed = false;
  let nextProbe = 0;
  const probes = new Map<string, () => void>();
  const endProbes = () => { for (const done of probes.values()) done(); probes.clear(); };
  // One hop = one microtask, in both directions: FIFO, so frames keep their order.
  const deliver = (frame: string) => queueMicrotask(() => {
    if (closed) return;
    if (probes.size && frame.includes(`"${PROBE_ID_PREFIX}`)) {
      const id = (JSON.parse(frame) as { id?: unknown }).id;
      const done = typeof id === 'string' ? probes.get(id) : undefined;
      if (done) { probes.delete(id as string); done(); return; }
    }
    handlers!.message(frame);
  });
  return {
    heartbeat: 'none',
    description: 'simulated://device/ws',
    open(h: TransportHandlers): Promise<void> {
      handlers = h;
      try {
        session = device.openSession(user, deliver, {
          onClose: reason => {
            if (closed) return;
            closed = true;
            endProbes();
            queueMicrotask(() => h.close({ code: 1006, reason: `device ended the session (${reason})`, byClient: false }));
          },
        });
      } catch (e) {
        return Promise.reject(new ConnectionError(`Cannot connect to the simulated device: ${(e as Error).message}`, ClientErrorCode.Connection));
      }
      return Promise.resolve();
    },
    send(frame: string) {
      if (closed) throw new Error('session closed');
      record(frame);
      const s = session!;
      queueMicrotask(() => s.receive(frame));
    },
    roundTrip(): Promise<void> {
      const s = session;
      if (closed || !s) return Promise.resolve();
      const id = PROBE_ID_PREFIX + nextProbe++;
      const probe: Request<GetParams> = { jsonrpc: JSONRPC_VERSION, id, method: Method.Get, params: { Path: ['Status', 'SystemUnit', 'Uptime'] } };
      const frame = JSON.stringify(probe);
      // Answered whatever the outcome (a result, NotReady, PermissionDenied): only its arrival matters.
      return new Promise<void>(resolve => {
        probes.set(id, resolve);
        queueMicrotask(() => { if (closed) resolve(); else s.receive(frame); });
      });
    },
    close() {
      if (closed) return;
      closed = true;
      session?.close();
      endProbes();
      queueMicrotask(() => handlers?.close({ code: 1000, reason: 'closed by the client', byClient: true }));
    },
  };
}

export function createSimulatedXapi(options: SimulatedXapiOptions = {}): SimulatedXapi {
  const device = options.device ?? new Device({
    ...options, schema: options.schema ?? coreSchema(),
    macroRuntime: options.macroRuntime === false ? undefined : options.macroRuntime ?? workerRuntime(),
  });
  const user = typeof options.user === 'object' ? options.user
    : options.user === undefined ? device.users[0] ?? DEFAULT_USER
      : device.users.find(u => u.username === options.user);
  if (!user) throw new TypeError(`The simulated device has no user '${String(options.user)}'`);
  const commands: SentCommand[] = [];
  const record = (frame: string) => {
    // Only command frames are parsed; reads and subscriptions pass untouched.
    if (!frame.includes(`"${Method.CommandPrefix}`)) return;
    try {
      const msg = JSON.parse(frame) as { method?: string; params?: Record<string, unknown> };
      if (typeof msg.method !== 'string' || !msg.method.startsWith(Method.CommandPrefix)) return;
      const { body, ...params } = msg.params ?? {};
      commands.push({ path: msg.method.slice(Method.CommandPrefix.length).split('/').join(' '), params, ...(typeof body === 'string' ? { body } : {}) });
    } catch { /* the client only sends JSON */ }
  };
  let current: MemoryTransport | undefined;
  const client = new XapiClient(() => (current = memoryTransport(device, user, record)), 'simulated://device/ws',
    { reconnect: { initialDelayMs: 50, maxDelayMs: 1000 }, ...options });
  // Created synchronously: calls made before the (microtask) connect wait for it.
  const ready = client.start().then(() => undefined);
  ready.catch(() => undefined);
  const norm = (p: string) => p.trim().split(/[\s/]+/).join(' ').toLowerCase();
  const extra = {
    device,
    commands,
    commandsTo: (path: string) => commands.filter(c => c.path.toLowerCase() === norm(path)),
    clearCommands: () => { commands.length = 0; },
    // Checked against the schema: a test that sets a status or emits a field no device could is told so.
    setStatus: (path: string, value: unknown) => device.setStatus(path, value, { checked: true }),
    setConfiguration: (path: string, value: unknown) => device.setConfiguration(path, value),
    emitEvent: (path: string, payload?: unknown) => device.emitEvent(path, payload, { checked: true }),
    answerMessage: (answer: Parameters<Device['answerMessage']>[0]) => device.answerMessage(answer),
    ready,
    settle: async () => {
      // After the first connect, every call made before it has been sent; a failed connect leaves nothing in flight.
      await ready.catch(() => undefined);
      await current?.roundTrip();
    },
  };
  return Object.assign(client, extra) as unknown as SimulatedXapi;
}
