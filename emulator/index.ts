/**
 * The simulated RoomOS device: `startEmulator()` serves it over WebSocket; `Device` is the transport-free core.
 * See docs/emulator.md for the behaviour and the choices made where the protocol is not documented.
 */
// The emitted .d.ts uses Node's types (Buffer, NodeJS.*) and ES2022 built-ins: say so, so a user project with
// `"types": []` and no `lib` setting compiles as is (`preserve` keeps the directives in the declaration output).
/// <reference types="node" preserve="true" />
/// <reference lib="es2022" preserve="true" />
import { coreSchema } from '../schema/core';
import { Schema } from '../schema/model';
import type { PathItem } from '../schema/path';
import { Clock } from '../xapi/clock';
import { CallTimings, Device, EmulatorUser } from './device';
import { EmulatorError } from './errors';
import { workerRuntime, type MacroRuntimeOptions } from './macros/host';
import { startServer } from './server';
import { persistentCertificate, TlsMaterial } from './tls';

export { Device, DEFAULT_USER } from './device';
export type { CallTimings, DeviceOptions, DeviceSession, EmulatorUser, ReceivedCommand, SessionOptions } from './device';
export { ManualClock, systemClock } from '../xapi/clock';
export type { Clock } from '../xapi/clock';
export { EmulatorError } from './errors';
export { workerRuntime } from './macros/host';
export type { MacroRuntimeOptions, MacroRuntimeStarter } from './macros/host';
export type { HttpRequest, HttpResponder, HttpResponse } from './behaviours/httpClient';

export interface EmulatorOptions {
  /** Default 127.0.0.1 (loopback only). */
  readonly host?: string;
  /** Default 0: any free port. */
  readonly port?: number;
  /** Default true: wss:// with a self-signed certificate made at start. false: ws://. Or your own key and certificate. */
  readonly tls?: boolean | TlsMaterial;
  /**
   * A folder that keeps the self-signed key and certificate across starts (made on first use, key mode 0600), so a
   * client pinned with `ca` keeps trusting the device. Only with `tls: true`.
   */
  readonly stateDir?: string;
  /** Default: the built-in core schema. */
  readonly schema?: Schema;
  readonly product?: string;
  /** Default: `admin` with an empty password and every role. */
  readonly users?: readonly EmulatorUser[];
  readonly subscriptionLimit?: number;
  /** Largest frame accepted (default 1 MiB); bigger frames close the connection with 1009. */
  readonly maxPayload?: number;
  /** A client whose unsent data passes this is dropped (default 8 MiB). */
  readonly maxBufferedBytes?: number;
  readonly bootDelayMs?: number;
  /** After a boot, how long requests are answered -31997 Not Ready (default 0). */
  readonly notReadyMs?: number;
  readonly callTimings?: Partial<CallTimings>;
  readonly clock?: Clock;
  /** The macro runtime's limits (emulator/macros/host.ts), or false to store macros without running them. */
  readonly macros?: MacroRuntimeOptions | false;
  /**
   * Serve this device instead of making one (a simulated fleet serves the same devices through its simulated Webex
   * cloud); the options that make a device (schema, product, users, timings, macros, clock) are then not used.
   */
  readonly device?: Device;
  /** Each request of a client is taken this long after it arrives, as a device this far away would (default 0). */
  readonly latencyMs?: number;
}

export interface Emulator {
  /** `wss://127.0.0.1:PORT/ws` (or `ws://…`). */
  readonly url: string;
  readonly port: number;
  /** The PEM certificate to pass as `ca` to verify the connection (undefined without TLS). */
  readonly certificate?: string;
  readonly device: Device;
  setStatus(path: string | readonly PathItem[], value: unknown): void;
  emitEvent(path: string | readonly PathItem[], payload?: unknown): void;
  /** Drop every connection at once (clients see an abnormal close). */
  dropConnections(): void;
  /** Reboot the device as SystemUnit Boot does; resolves when it accepts connections again. */
  /** Rejects with EmulatorError when stop() comes first. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Errors nobody can be answered about (a step after a response failed, a server error); the emulator
   * keeps running. Without a listener they go to console.error. Returns the unsubscribe function.
   */
  onError(listener: (error: EmulatorError) => void): () => void;
}

export const DEFAULT_MAX_PAYLOAD = 1024 * 1024;
export const DEFAULT_MAX_BUFFERED = 8 * 1024 * 1024;

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const host = opts.host ?? '127.0.0.1';
  if (opts.stateDir !== undefined && (opts.tls ?? true) !== true) throw new EmulatorError('stateDir keeps the generated certificate: it needs tls: true');
  const tls = opts.stateDir !== undefined ? await persistentCertificate(opts.stateDir, host) : opts.tls ?? true;
  const device = opts.device ?? new Device({
    schema: opts.schema ?? coreSchema(),
    product: opts.product,
    clock: opts.clock,
    subscriptionLimit: opts.subscriptionLimit,
    users: opts.users, // none given: the Device's DEFAULT_USER
    bootDelayMs: opts.bootDelayMs,
    notReadyMs: opts.notReadyMs,
    callTimings: opts.callTimings,
    macroRuntime: opts.macros === false ? undefined : workerRuntime(opts.macros),
  });
  const server = await startServer(device, {
    host,
    port: opts.port ?? 0,
    tls,
    maxPayload: opts.maxPayload ?? DEFAULT_MAX_PAYLOAD,
    maxBufferedBytes: opts.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED,
    latencyMs: opts.latencyMs ?? 0,
  });
  return {
    url: server.url,
    port: server.port,
    certificate: server.certificate,
    device,
    setStatus: (path, value) => device.setStatus(path, value),
    emitEvent: (path, payload) => device.emitEvent(path, payload),
    dropConnections: () => { device.dropSessions('dropped'); server.dropConnections(); },
    restart: () => device.boot(),
    // A device given to serve is its owner's to dispose of.
    stop: async () => { if (!opts.device) device.dispose(); await server.close(); },
    onError: listener => device.onError(listener),
  };
}
