/**
 * `xapi run URL 'xCommand …'` or `xapi run URL script.xapi`: runs xCLI lines against a device and prints the
 * answers as RoomOS terminal text (or JSON lines with --json). Also home of the connection plumbing that
 * `repl` and `watch` share (options, password, one-line errors, xCLI line → request).
 */
import { existsSync, readFileSync } from 'node:fs';
import { coreSchema } from '../../schema/core';
import { SchemaIndex } from '../../schema/schemaIndex';
import { multilineFromIndex, parseXcli, type XcliPathStatement, type XcliStatement } from '../../schema/xcli';
import { numberOption, parseOptions, type OptionSpec, type OptionSpecs, type ParsedArgs } from '../args';
import { CliCommand, CliIO, UsageError } from '../command';
import {
  AuthenticationError, ConnectionError, TlsError, XapiError, connect, type Subscription, type Xapi,
} from '../../xapi/index';
import { formatCommandResult, formatFeedback, formatGetResult } from '../../xapi/format';
import type { FeedbackParams, PathSegment } from '../../xapi/protocol';

/** Exit codes shared by run, repl and watch. */
export const Exit = { Ok: 0, Failed: 1, Usage: 2, Connect: 3 } as const;

export interface ConnectionArgs {
  url: string;
  user: string;
  insecure: boolean;
  ca?: string;
  timeoutMs?: number;
  json: boolean;
  trace: boolean;
  rest: string[];
}

const CONNECTION_OPTIONS = {
  user: { type: 'string', short: 'u' }, insecure: { type: 'boolean', short: 'k' }, ca: { type: 'string' },
  timeout: { type: 'string' }, json: { type: 'boolean' }, trace: { type: 'boolean' },
} as const;

/** Parses the options every connecting command shares, plus the command's own `extra` ones (returned as `extra`). */
export function parseConnectionArgs<E extends OptionSpecs = Record<never, OptionSpec>>(
  args: string[], extra?: E,
): ConnectionArgs & { extra: ParsedArgs<E>['values'] } {
  const { values, positionals } = parseOptions(args, { ...CONNECTION_OPTIONS, ...extra });
  const { user, insecure, ca: caFile, timeout, json, trace, ...own } = values as ParsedArgs<typeof CONNECTION_OPTIONS>['values'];
  let ca: string | undefined;
  if (caFile !== undefined) {
    if (!existsSync(caFile)) throw new UsageError(`--ca: no such file: ${caFile}`);
    ca = readFileSync(caFile, 'utf8');
  }
  const timeoutMs = timeout === undefined ? undefined : numberOption('--timeout', timeout, { min: 0 });
  const [url, ...rest] = positionals;
  if (!url) throw new UsageError('missing the device URL or host');
  return {
    url, user: user ?? 'admin', insecure: insecure ?? false, ca, timeoutMs, json: json ?? false, trace: trace ?? false, rest,
    extra: own as ParsedArgs<E>['values'],
  };
}

/** The password: `XAPI_PASSWORD`, else a prompt without echo on a terminal, else empty. */
export async function readPassword(io: CliIO, user: string): Promise<string> {
  const env = io.env.XAPI_PASSWORD;
  if (env !== undefined) return env;
  const stdin = io.stdin as NodeJS.ReadStream;
  if (!stdin.isTTY || typeof stdin.setRawMode !== 'function') return '';
  io.stderr.write(`Password for ${user}: `);
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
  const password = await readPassword(io, a.user);
  return connect(a.url, {
    username: a.user, password, allowSelfSignedTls: a.insecure, ca: a.ca, timeoutMs: a.timeoutMs, reconnect,
    trace: a.trace ? (d, f) => io.stderr.write(`${d === 'out' ? '>>' : '<<'} ${f}\n`) : undefined,
  });
}

/** One line for an error: the error class's message; the exit code says what kind of failure it was. */
export function reportError(io: CliIO, name: string, e: unknown): number {
  if (e instanceof UsageError) throw e;
  const msg = e instanceof Error ? e.message : String(e);
  io.stderr.write(`xapi ${name}: ${msg}\n`);
  return e instanceof AuthenticationError || e instanceof TlsError || e instanceof ConnectionError ? Exit.Connect : Exit.Failed;
}

// ---- xCLI line → request --------------------------------------------------------------------------------

export type XcliRequest =
  | { kind: 'command'; names: string[]; params: Record<string, unknown>; body?: string }
  | { kind: 'get'; path: PathSegment[] }
  | { kind: 'set'; path: PathSegment[]; value: string | number }
  | { kind: 'register'; path: PathSegment[] }
  | { kind: 'deregister'; path: PathSegment[] }
  | { kind: 'none' };

let schemaIndex: SchemaIndex | undefined;
/** The built-in schema's index: decides multiline commands and which parameter values are numbers. */
export function coreIndex(): SchemaIndex {
  return (schemaIndex ??= new SchemaIndex(coreSchema()));
}

function segmentsToPath(stmt: { segments: XcliPathStatement['segments'] }): PathSegment[] {
  const out: PathSegment[] = [];
  for (const s of stmt.segments) {
    out.push(s.name.text);
    for (const ix of s.indexes) if (ix.value !== undefined) out.push(ix.value);
  }
  return out;
}

/** A parsed xCLI statement as the request it stands for; throws UsageError-free Error with a one-line reason. */
export function statementToRequest(stmt: XcliStatement, index = coreIndex()): XcliRequest {
  switch (stmt.type) {
    case 'blank': case 'comment': return { kind: 'none' };
    case 'unknown': throw new Error(`not an xAPI line: ${stmt.tokens.map(t => t.text).join(' ')}`);
    case 'feedback': {
      const path = segmentsToPath(stmt);
      if (stmt.action === 'register') return { kind: 'register', path };
      if (stmt.action === 'deregister') return { kind: 'deregister', path };
      throw new Error(`xFeedback ${stmt.actionToken?.text ?? ''}: only register and deregister are supported here`);
    }
    case 'event': throw new Error('xEvent lines list events on the terminal; use `xapi watch URL Event …` to follow events');
    case 'status': {
      if (stmt.assign) throw new Error('a status cannot be set');
      return { kind: 'get', path: ['Status', ...segmentsToPath(stmt)] };
    }
    case 'configuration': {
      const path: PathSegment[] = ['Configuration', ...segmentsToPath(stmt)];
      if (!stmt.assign) return { kind: 'get', path };
      const v = stmt.assign.value;
      if (!v) throw new Error(`xConfiguration ${path.slice(1).join(' ')}: missing value after ':'`);
      const node = index.lookup('Configuration', path.filter((p): p is string => typeof p === 'string').slice(1));
      const vs = node && index.variantFor(node)?.valueSpace;
      return { kind: 'set', path, value: vs?.type === 'Integer' && /^-?\d+$/.test(v.value) ? Number(v.value) : v.value };
    }
    case 'command': {
      const names = stmt.segments.map(s => s.name.text);
      const node = index.lookup('Command', names);
      const spec = node && index.variantFor(node)?.params;
      const params: Record<string, unknown> = {};
      for (const p of stmt.params) {
        if (!p.value) throw new Error(`xCommand ${names.join(' ')}: parameter ${p.name.text} has no value`);
        const ps = spec?.find(x => x.name.toLowerCase() === p.name.text.toLowerCase());
        const numeric = ps ? ps.valueSpace.type === 'Integer' : !p.value.quoted && /^-?\d+$/.test(p.value.value);
        const val: unknown = numeric && /^-?\d+$/.test(p.value.value) ? Number(p.value.value) : p.value.value;
        const key = ps?.name ?? p.name.text;
        const prev = params[key];
        params[key] = prev === undefined ? val : Array.isArray(prev) ? [...prev, val] : [prev, val];
      }
      const body = stmt.body ? stmt.body.lines.map(l => l.text).join('\n') : undefined;
      return { kind: 'command', names, params, ...(body !== undefined ? { body } : {}) };
    }
  }
}

/** Parses a script (one line or many) with the xCLI parser, multiline commands decided by the schema. */
export function parseScript(text: string, index = coreIndex()): XcliStatement[] {
  return parseXcli(text, { isMultiline: multilineFromIndex(index) }).lines;
}

export interface Executed { lines: string[]; json: unknown }

/** Runs one request; resolves with terminal lines and a JSON form, rejects with the XapiError. */
export interface FeedbackState {
  onFeedback(p: FeedbackParams): void;
  /** xFeedback registrations made by the script or session, by path text. */
  subs: Map<string, Subscription>;
}

export async function execute(xapi: Xapi, req: XcliRequest, fb?: FeedbackState): Promise<Executed> {
  switch (req.kind) {
    case 'none': return { lines: [], json: undefined };
    case 'command': {
      const r = await xapi.command(req.names, req.params, req.body);
      return { lines: formatCommandResult(req.names, r), json: { command: req.names.join(' '), result: r } };
    }
    case 'get': {
      const r = await (req.path[0] === 'Status' ? xapi.status.get(req.path) : xapi.config.get(req.path));
      return { lines: formatGetResult(req.path, r), json: { path: req.path, result: r } };
    }
    case 'set': {
      await xapi.config.set(req.path, req.value);
      return { lines: [], json: { path: req.path, set: req.value } };
    }
    case 'register': {
      const key = req.path.join('/').toLowerCase();
      if (!fb) throw new Error('xFeedback is not available here');
      if (!fb.subs.has(key)) {
        const sub = xapi.feedback.on(req.path, (_v, raw) => fb.onFeedback(raw));
        fb.subs.set(key, sub);
        await sub.registered.catch(e => { fb.subs.delete(key); throw e; });
      }
      return { lines: [], json: { registered: req.path } };
    }
    case 'deregister': {
      const key = req.path.join('/').toLowerCase();
      fb?.subs.get(key)?.();
      fb?.subs.delete(key);
      return { lines: [], json: { deregistered: req.path } };
    }
  }
}

const USAGE = `Usage: xapi run URL 'xCommand …' | FILE.xapi [options]

Runs xAPI terminal lines (xCommand, xConfiguration, xStatus, xFeedback register) against a device and prints
the answers as terminal text. A FILE may hold many lines; multiline commands end with a lone '.'.

Options:
  --user NAME     user name (default admin); the password comes from XAPI_PASSWORD or a prompt
  --insecure      accept a self-signed TLS certificate
  --ca FILE       trust this certificate (PEM), e.g. the device's own
  --timeout MS    per request (default 30000)
  --json          print one JSON object per line instead of terminal text
  --wait MS       after the last line, keep printing feedback this long (default 500 when xFeedback register is used)
  --trace         print every frame on stderr (credentials never appear)

Exit codes: 0 ok, 1 a line failed, 2 usage, 3 could not connect.`;

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run xCommand/xConfiguration/xStatus lines (or a .xapi file) on a device',
  usage: USAGE,
  async run(args, io) {
    const a = parseConnectionArgs(args, { wait: { type: 'string' } });
    const waitMs = a.extra.wait === undefined ? undefined : numberOption('--wait', a.extra.wait, { min: 0 });
    if (a.rest.length === 0) throw new UsageError("missing the line to run, e.g. 'xStatus Audio Volume', or a .xapi file");
    const arg = a.rest.join(' ');
    const text = a.rest.length === 1 && /\.xapi$/i.test(arg) ? readScript(arg) : arg;
    const statements = parseScript(text);
    const requests: Array<{ line: number; req: XcliRequest }> = [];
    for (const s of statements) {
      try {
        requests.push({ line: s.firstLine + 1, req: statementToRequest(s) });
      } catch (e) {
        throw new UsageError(`line ${s.firstLine + 1}: ${(e as Error).message}`);
      }
    }
    let xapi: Xapi;
    try { xapi = await connectFromArgs(a, io, false); } catch (e) { return reportError(io, 'run', e); }
    let failed = 0;
    const print = (lines: string[], json: unknown) => {
      if (a.json) { if (json !== undefined) io.stdout.write(JSON.stringify(json) + '\n'); }
      else if (lines.length) io.stdout.write(lines.join('\n') + '\n');
    };
    const fb: FeedbackState = { onFeedback: p => print(formatFeedback(p), { feedback: p }), subs: new Map() };
    const registered = requests.some(r => r.req.kind === 'register');
    try {
      for (const { line, req } of requests) {
        if (req.kind === 'none') continue;
        try {
          const r = await execute(xapi, req, fb);
          print(r.lines.length || req.kind === 'set' ? [...r.lines, '** end'] : r.lines, { line, ...(r.json as object) });
        } catch (e) {
          failed++;
          const err = e as XapiError;
          if (a.json) io.stdout.write(JSON.stringify({ line, error: { name: err.name, code: err.code, message: err.message, data: err.data } }) + '\n');
          io.stderr.write(`xapi run: line ${line}: ${err.message}\n`);
          if (!xapi.isConnected) break;
        }
      }
      const wait = waitMs ?? (registered ? 500 : 0);
      if (wait > 0) await new Promise(r => setTimeout(r, wait));
    } finally {
      await xapi.close();
    }
    return failed ? Exit.Failed : Exit.Ok;
  },
};

function readScript(file: string): string {
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  return readFileSync(file, 'utf8');
}
