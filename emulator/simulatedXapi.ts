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
import { XapiClient, makeRedactor, type ClientOptions, type Xapi } from '../xapi/client';
import { ClientErrorCode, ConnectionError } from '../xapi/errors';
import { Method } from '../xapi/protocol';
import type { Transport, TransportHandlers } from '../xapi/transport';
import { DEFAULT_USER, Device, type DeviceOptions, type EmulatorUser } from './device';

export interface SimulatedXapiOptions extends ClientOptions, Partial<Omit<DeviceOptions, 'schema'>> {
  /** Schema of the simulated device; default the built-in core schema. */
  schema?: Schema;
  /** Use an existing device (several clients on one device, or one shared with an Emulator). */
  device?: Device;
  /** Who the client logs in as (default `admin`, every role). A name must match one of the device's users. */
  user?: string | EmulatorUser;
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
  /** Set a status leaf (or several: `setStatus('Call[3]', { Status: 'Connected' })`); subscribers get feedback. */
  setStatus(path: string, value: unknown): void;
  setConfiguration(path: string, value: unknown): void;
  /** Emit an event as the device would (`'UserInterface Extensions Widget Action'`, `{ WidgetId, Type, Value }`). */
  emitEvent(path: string, payload?: unknown): void;
  /** Answer a displayed Prompt or TextInput as a user on the touch panel would. */
  answerMessage(answer: Parameters<Device['answerMessage']>[0]): void;
  /** Resolves once everything sent so far has been answered and delivered (no timers involved). */
  settle(): Promise<void>;
}

function memoryTransport(device: Device, user: EmulatorUser, record: (frame: string) => void): Transport {
  let session: ReturnType<Device['openSession']> | undefined;
  let handlers: TransportHandlers | undefined;
  let closed = false;
  const deliver = (frame: string) => queueMicrotask(() => { if (!closed) handlers!.message(frame); });
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
    close() {
      if (closed) return;
      closed = true;
      session?.close();
      queueMicrotask(() => handlers?.close({ code: 1000, reason: 'closed by the client', byClient: true }));
    },
  };
}

export function createSimulatedXapi(options: SimulatedXapiOptions = {}): SimulatedXapi {
  const device = options.device ?? new Device({ ...options, schema: options.schema ?? coreSchema() });
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
  const client = new XapiClient(() => memoryTransport(device, user, record), 'simulated://device/ws',
    { reconnect: { initialDelayMs: 50, maxDelayMs: 1000 }, ...options }, makeRedactor([user.password]));
  // Created synchronously: calls made before the (microtask) connect wait for it.
  client.start().catch(err => client.listenerCount('error') && (client as unknown as { emit(n: string, e: unknown): void }).emit('error', err));
  const norm = (p: string) => p.trim().split(/[\s/]+/).join(' ').toLowerCase();
  const extra = {
    device,
    commands,
    commandsTo: (path: string) => commands.filter(c => c.path.toLowerCase() === norm(path)),
    clearCommands: () => { commands.length = 0; },
    setStatus: (path: string, value: unknown) => device.setStatus(path, value),
    setConfiguration: (path: string, value: unknown) => device.setConfiguration(path, value),
    emitEvent: (path: string, payload?: unknown) => device.emitEvent(path, payload),
    answerMessage: (answer: Parameters<Device['answerMessage']>[0]) => device.answerMessage(answer),
    settle: async () => {
      // Frames hop through microtasks; a macrotask turn lets every hop (and its answer) finish.
      for (let i = 0; i < 3; i++) await new Promise<void>(r => setTimeout(r, 0));
    },
  };
  return Object.assign(client, extra) as unknown as SimulatedXapi;
}
