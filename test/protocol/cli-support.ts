/**
 * Runs the `xapi` CLI in-process through its I/O interface (cli/command.ts CliIO): streams are PassThroughs,
 * so a test types input and reads output while the command runs against a real emulator on port 0.
 */
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { CliIO } from '../../cli/command';
import { main } from '../../cli/main';

export interface FakeConsole {
  readonly io: CliIO;
  /** Feeds text to the command's stdin (a terminal gets keystrokes: `\r` is Enter, `\u0003` Ctrl-C). */
  type(text: string): void;
  /** Ends stdin (Ctrl-D on a pipe). */
  end(): void;
  out(): string;
  err(): string;
}

/**
 * Console streams for one run. With `tty`, stdin claims to be a terminal: a real one cannot exist in a test,
 * so this is the one boundary that is faked (readline then reads keystrokes and draws a prompt).
 */
export function fakeConsole(env: Record<string, string | undefined>, opts: { tty?: boolean } = {}): FakeConsole {
  const stdin = new PassThrough();
  if (opts.tty) Object.assign(stdin, { isTTY: true, setRawMode: () => stdin });
  let out = '';
  let err = '';
  const stdout = new PassThrough();
  stdout.setEncoding('utf8');
  stdout.on('data', d => { out += d; });
  const stderr = new PassThrough();
  stderr.setEncoding('utf8');
  stderr.on('data', d => { err += d; });
  return {
    io: { stdin, stdout, stderr, env: env as NodeJS.ProcessEnv },
    type: t => { stdin.write(t); },
    end: () => { stdin.end(); },
    out: () => out,
    err: () => err,
  };
}

export interface CliRun { code: number; stdout: string; stderr: string }

/** `xapi ARGS…` with stdin holding `input` (ended), in this process. */
export async function runCli(args: string[], env: Record<string, string | undefined>, input = ''): Promise<CliRun> {
  const c = fakeConsole(env);
  c.type(input);
  c.end();
  const code = await main(args, c.io);
  // Writes to a PassThrough may reach its 'data' listener on a later tick: 'end' comes after the last of them.
  await Promise.all([c.io.stdout, c.io.stderr].map(s => { const p = once(s as PassThrough, 'end'); (s as PassThrough).end(); return p; }));
  return { code, stdout: c.out(), stderr: c.err() };
}
