/** The messages between the extension host and the simulated-device child process (one definition for both sides). */

/** Child → host, once the device listens. The password travels over the IPC channel only, never argv or env. */
export interface SimulatedDeviceReady {
  readonly type: 'ready';
  readonly url: string;
  /** PEM of the device's certificate: the session pins it, so verification stays on. */
  readonly certificate?: string;
  readonly username: string;
  readonly password: string;
  readonly product: string;
  readonly version: string;
}

/** Child → host: the device could not start, or reported an error while running. */
export interface SimulatedDeviceFailure {
  readonly type: 'error';
  readonly message: string;
  readonly fatal: boolean;
}

/** Child → host: the answer to one control request. */
export interface SimulatedDeviceControlResult {
  readonly type: 'controlResult';
  readonly id: number;
  readonly error?: string;
  /** For a storm: how many changes or events it made. */
  readonly count?: number;
}

export type DeviceToHost = SimulatedDeviceReady | SimulatedDeviceFailure | SimulatedDeviceControlResult;

import type { WidgetTouch } from '../../schema/panels/touch';

/**
 * What the host (a user's "simulate" action, or a test) can make the device do, as a person in the room would:
 * a status changes, an event happens, a panel button is pressed, a call comes in; or a storm of changes or
 * events at a given rate, to see that views keep up.
 */
export type SimulatedDeviceControl =
  | { readonly op: 'setStatus'; readonly path: string; readonly value: unknown }
  | { readonly op: 'emitEvent'; readonly path: string; readonly payload?: unknown }
  | { readonly op: 'pressWidget'; readonly widgetId: string; readonly type: string; readonly value?: string }
  /** A gesture on a widget (the panel preview): its kind's events; `widgetType` when the panel is not saved on the device. */
  | { readonly op: 'touchWidget'; readonly widgetId: string; readonly widgetType: string; readonly touch: WidgetTouch }
  /** A panel's own button pressed (the preview's panel head): Panel Clicked. */
  | { readonly op: 'clickPanel'; readonly panelId: string }
  /** A panel opened at a page (the preview's tabs); its events when the panel is saved on the device. */
  | { readonly op: 'openPanel'; readonly panelId: string; readonly pageId?: string }
  | { readonly op: 'incomingCall'; readonly number: string }
  | {
    readonly op: 'storm'; readonly target: 'status' | 'event'; readonly path: string; readonly perSecond: number; readonly seconds: number;
    /** Status: the values to cycle through. Event: the payload; `counterField` gets the running count as text. */
    readonly values?: readonly unknown[]; readonly payload?: Record<string, unknown>; readonly counterField?: string;
  };

/** Host → child. `start` comes first, once: the password travels over the IPC channel only, never argv or env. */
export type HostToDevice =
  | { readonly type: 'start'; readonly password: string }
  | { readonly type: 'stop' }
  | { readonly type: 'control'; readonly id: number; readonly control: SimulatedDeviceControl };

/** What the host asks for, as one JSON argument (nothing secret in it). */
export interface SimulatedDeviceOptions {
  readonly product?: string;
  /** A schema file to run instead of the core schema. */
  readonly schemaFile?: string;
  /** Listen on this port (a restart after a crash takes the port it had, so sessions reconnect); default any. */
  readonly port?: number;
  /** Keeps the TLS key and certificate across starts, so a session that pinned the certificate trusts the restart. */
  readonly stateDir?: string;
  /** Feedback subscriptions the device accepts per connection (a real device's limit; the emulator's default is 50). */
  readonly subscriptionLimit?: number;
}
