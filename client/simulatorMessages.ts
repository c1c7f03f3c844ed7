/** The messages between the extension host and the simulated-device child process (one definition for both sides). */

/** Child → host, once the device listens. The password travels over the IPC channel only, never argv or env. */
export interface SimulatorReady {
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
export interface SimulatorFailure {
  readonly type: 'error';
  readonly message: string;
  readonly fatal: boolean;
}

export type SimulatorToHost = SimulatorReady | SimulatorFailure;

/** Host → child. */
export type HostToSimulator = { readonly type: 'stop' };

/** What the host asks for, as one JSON argument (nothing secret in it). */
export interface SimulatorOptions {
  readonly product?: string;
  /** A schema file to run instead of the core schema. */
  readonly schemaFile?: string;
}
