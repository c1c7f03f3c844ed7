/** What behaviours share: the handler contract and tolerant helpers (a behaviour runs on any schema). */
import type { Device, EmulatorUser } from '../device';
import { Leaf } from '../values';

export interface CommandContext {
  readonly device: Device;
  /** Validated parameters by schema name (repeated ones as arrays). */
  readonly params: Readonly<Record<string, Leaf | Leaf[]>>;
  readonly body?: string;
  readonly user: EmulatorUser;
  /** Run after the response went out (state changes that a device reports after the command returned). */
  after(fn: () => void): void;
}

/** Returns extra result fields (`status: 'OK'` is added), or throws RpcError.commandError for a failed command. */
export type CommandHandler = (ctx: CommandContext) => Record<string, unknown> | void;

export interface Behaviour {
  readonly name: string;
  readonly commands: Readonly<Record<string, CommandHandler>>;
  /** The device reboots: forget volatile state, cancel timers. */
  onBoot?(): void;
  /** The device is stopped for good: cancel timers (state no longer matters). Not called on a reboot. */
  dispose?(): void;
}

/** Set a status only when the schema has it for this product (behaviours run on any schema). */
export function trySetStatus(device: Device, path: string, value: unknown): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    device.transaction(() => {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) trySetStatus(device, `${path} ${k}`, v);
    });
    return;
  }
  try {
    device.setStatus(path, value);
  } catch {
    // The schema the device runs has no such status: nothing to report.
  }
}

export function tryEmit(device: Device, path: string, payload?: unknown): void {
  try {
    device.emitEvent(path, payload);
  } catch {
    // No such event in this schema.
  }
}

export function str(v: Leaf | Leaf[] | undefined, fallback = ''): string {
  if (v === undefined) return fallback;
  return Array.isArray(v) ? String(v[0] ?? fallback) : String(v);
}

export function num(v: Leaf | Leaf[] | undefined, fallback: number): number {
  const n = Number(Array.isArray(v) ? v[0] : v);
  return v === undefined || !Number.isFinite(n) ? fallback : n;
}
