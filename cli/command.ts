/** The contract every `xapi <command>` module implements; cli/main.ts only dispatches. */
export interface CliIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  readonly name: string;
  /** One line for `xapi --help`. */
  readonly summary: string;
  /** Full usage text for `xapi <name> --help`. */
  readonly usage: string;
  /** Returns the process exit code. Must not call process.exit itself. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** A bad command line: printed as one line plus a pointer to --help, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
