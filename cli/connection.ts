/**
 * The connection plumbing `xapi run`, `repl`, `watch` and `types --device` share: the options, who logs in
 * (URL credentials, --user, XAPI_PASSWORD or a prompt; for a `webex://` target, WEBEX_TOKEN or a prompt), and
 * one-line errors that name the CLI's own flags.
 */
import { existsSync, readFileSync } from 'node:fs';
import { numberOption, parseOptions, type OptionSpec, type OptionSpecs, type ParsedArgs } from './args';
import { CliIO, UsageError } from './command';
import {
  AuthenticationError, ConnectionError, TLS_HINT, TlsError, XapiError, connect, resolveUrl, type Xapi,
} from '../xapi/index';
import { cloudDeviceId } from '../xapi/cloud/cloudClient';

/** Exit codes shared by run, repl and watch. */
export const Exit = { Ok: 0, Failed: 1, Usage: 2, Connect: 3 } as const;

export const DEFAULT_USER = 'admin';

export interface Login {
  /** The URL without credentials. */
  url: string;
  user: string;
  /** From the URL (`ws://user:pw@host/ws`); otherwise read later by readPassword. */
  password?: string;
  /** A `webex://` target: a Webex token instead of a login. */
  cloud?: boolean;
}

export interface ConnectionArgs extends Login {
  insecure: boolean;
  ca?: string;
  timeoutMs?: number;
  json: boolean;
  trace: boolean;
  /** `--base-url`: where the Webex cloud is (a simulated one, `xapi emulator --cloud`). */
  baseUrl?: string;
  rest: string[];
}

const CONNECTION_OPTIONS = {
  user: { type: 'string', short: 'u' }, insecure: { type: 'boolean', short: 'k' }, ca: { type: 'string' },
  timeout: { type: 'string' }, json: { type: 'boolean' }, trace: { type: 'boolean' }, 'base-url': { type: 'string' },
} as const;

/** What the usage texts say of cloud targets. */
export const CLOUD_TARGET_HELP = `A device on the Webex cloud is webex://DEVICE_ID (or webex://DEVICE_NAME); its token comes from
WEBEX_TOKEN or a prompt, --base-url URL (or WEBEX_BASE_URL) names another cloud (xapi emulator --cloud).`;

/** The PEM text of `--ca FILE`. */
export function readCaFile(file: string): string {
  if (!existsSync(file)) throw new UsageError(`--ca: no such file: ${file}`);
  return readFileSync(file, 'utf8');
}

/**
 * Who logs in where: credentials in the URL take effect (as the library takes them); `--user` may repeat the
 * URL's user but not contradict it. The password never leaves this object except towards `connect`.
 */
export function loginFrom(urlOrHost: string, user: string | undefined): Login {
  if (cloudDeviceId(urlOrHost) !== undefined) {
    if (user !== undefined) throw new UsageError('--user is a device\'s own login: a webex:// target uses a Webex token (WEBEX_TOKEN)');
    return { url: urlOrHost, user: '', cloud: true };
  }
  let target: ReturnType<typeof resolveUrl>;
  try { target = resolveUrl(urlOrHost); } catch (e) { throw new UsageError((e as Error).message); }
  if (target.username !== undefined && user !== undefined && user !== target.username) {
    throw new UsageError(`the URL logs in as '${target.username}' but --user says '${user}': give one of them`);
  }
  return { url: target.url, user: target.username ?? user ?? DEFAULT_USER, ...(target.password !== undefined ? { password: target.password } : {}) };
}

/** Parses the options every connecting command shares, plus the command's own `extra` ones (returned as `extra`). */
export function parseConnectionArgs<E extends OptionSpecs = Record<never, OptionSpec>>(
  args: string[], extra?: E,
): ConnectionArgs & { extra: ParsedArgs<E>['values'] } {
  const { values, positionals } = parseOptions(args, { ...CONNECTION_OPTIONS, ...extra });
  const { user, insecure, ca: caFile, timeout, json, trace, 'base-url': baseUrl, ...own } = values as ParsedArgs<typeof CONNECTION_OPTIONS>['values'];
  const ca = caFile === undefined ? undefined : readCaFile(caFile);
  const timeoutMs = timeout === undefined ? undefined : numberOption('--timeout', timeout, { min: 0 });
  const [url, ...rest] = positionals;
  if (!url) throw new UsageError('missing the device URL or host');
  return {
    ...loginFrom(url, user), insecure: insecure ?? false, ca, timeoutMs, json: json ?? false, trace: trace ?? false, baseUrl, rest,
    extra: own as ParsedArgs<E>['values'],
  };
}

/**
 * The password: the URL's, else `XAPI_PASSWORD` (an explicitly empty one counts), else a prompt without echo
 * on a terminal. Without a terminal to ask on, an unset XAPI_PASSWORD is a usage error, not an empty password.
 */
export async function readPassword(io: CliIO, login: Pick<Login, 'user' | 'password'>): Promise<string> {
  if (login.password !== undefined) return login.password;
  const env = io.env.XAPI_PASSWORD;
  if (env !== undefined) return env;
  return promptHidden(io, `Password for ${login.user}: `, `no password for ${login.user}: set XAPI_PASSWORD (XAPI_PASSWORD='' for none), there is no terminal to ask on`);
}

/** The Webex access token: WEBEX_TOKEN, else a prompt without echo on a terminal. Never an argument (shell history). */
export async function readToken(io: CliIO): Promise<string> {
  const env = io.env.WEBEX_TOKEN?.trim();
  if (env) return env;
  return promptHidden(io, 'Webex access token: ', 'no Webex token: set WEBEX_TOKEN, there is no terminal to ask on');
}

/** What the Webex cloud options of a command make: the token, and where the cloud is. */
export async function cloudOptions(io: CliIO, baseUrl: string | undefined): Promise<{ token: string; baseUrl?: string }> {
  const base = baseUrl ?? io.env.WEBEX_BASE_URL;
  return { token: await readToken(io), ...(base ? { baseUrl: base } : {}) };
}

/** Asks on the terminal without echo; without a terminal, `noTerminal` as a usage error. */
function promptHidden(io: CliIO, label: string, noTerminal: string): Promise<string> {
  const stdin = io.stdin as NodeJS.ReadStream;
  if (!stdin.isTTY || typeof stdin.setRawMode !== 'function') throw new UsageError(noTerminal);
  io.stderr.write(label);
  return new Promise<string>((resolve, reject) => {
    let pw = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') { done(); resolve(pw); return; }
        if (ch === '\u0003') { done(); reject(new UsageError('cancelled')); return; }
        if (ch === '\u007f' || ch === '\b') pw = pw.slice(0, -1);
        else pw += ch;
      }
    };
    const done = () => { stdin.off('data', onData); stdin.setRawMode(false); stdin.pause(); io.stderr.write('\n'); };
    stdin.on('data', onData);
  });
}

export async function connectFromArgs(a: ConnectionArgs, io: CliIO, reconnect: boolean): Promise<Xapi> {
  if (a.cloud) {
    if (a.insecure || a.ca !== undefined) throw new UsageError('--insecure and --ca are about a device\'s own certificate: the Webex cloud is verified as any HTTPS site');
    if (a.trace) throw new UsageError('--trace prints WebSocket frames: a webex:// target has none');
    return connect(a.url, { ...(await cloudOptions(io, a.baseUrl)), timeoutMs: a.timeoutMs });
  }
  if (a.baseUrl !== undefined) throw new UsageError('--base-url is for webex:// targets');
  const password = await readPassword(io, a);
  return connect(a.url, {
    username: a.user, password, allowSelfSignedTls: a.insecure, ca: a.ca, timeoutMs: a.timeoutMs, reconnect,
    trace: a.trace ? (d, f) => io.stderr.write(`${d === 'out' ? '>>' : '<<'} ${f}\n`) : undefined,
  });
}

/** The library's TLS hint names its options; on the command line the same advice is these flags. */
export const CLI_TLS_HINT = "pass the device's certificate with --ca FILE (PEM) to trust it, " +
  'or --insecure to turn off certificate verification for this connection';

/** An error's one-line message as the CLI prints it: library option names turned into the CLI's flags. */
export function cliMessage(e: unknown): string {
  // Webex support asks for the tracking id of a failed cloud call.
  const tracked = e instanceof XapiError && e.trackingId ? ` (Webex tracking id ${e.trackingId})` : '';
  const msg = (e instanceof Error ? e.message : String(e)) + tracked;
  if (!(e instanceof TlsError)) return msg;
  return msg.includes(TLS_HINT) ? msg.replace(TLS_HINT, CLI_TLS_HINT) : `${msg}; ${CLI_TLS_HINT}`;
}

/** One line for an error: the error class's message; the exit code says what kind of failure it was. */
export function reportError(io: CliIO, name: string, e: unknown): number {
  if (e instanceof UsageError) throw e;
  io.stderr.write(`xapi ${name}: ${cliMessage(e)}\n`);
  return e instanceof AuthenticationError || e instanceof TlsError || e instanceof ConnectionError ? Exit.Connect : Exit.Failed;
}
