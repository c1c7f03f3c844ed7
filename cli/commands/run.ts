/**
 * `xapi run URL 'xCommand …' ['xStatus …' …]` or `xapi run URL script.xapi`: runs xCLI statements against a
 * device and prints the answers as RoomOS terminal text (or JSON lines with --json). The translation
 * (schema/xcli/request.ts) and the execution (xapi/execute.ts) are shared with the extension's Run lens.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { SchemaIndex } from '../../schema/schemaIndex';
import { parseStatements, statementToRequest, type XcliRequest } from '../../schema/xcli';
import { numberOption } from '../args';
import { CliCommand, UsageError } from '../command';
import { Exit, cliMessage, connectFromArgs, parseConnectionArgs, reportError } from '../connection';
import { coreIndex } from '../schemaOption';
import type { XapiError, Xapi } from '../../xapi/index';
import { execute, type FeedbackState } from '../../xapi/execute';
import { formatFeedback } from '../../xapi/format';

const USAGE = `Usage: xapi run URL 'xCommand …' ['xStatus …' …] | FILE.xapi [options]

Runs xAPI terminal lines (xCommand, xConfiguration, xStatus, xFeedback register) against a device and prints
the answers as terminal text. Each argument is its own statement (one argument may hold several lines);
a FILE may hold many lines; multiline commands end with a lone '.'.
URL is host, host:port or ws(s)://[user[:password]@]host[:port]/ws; credentials in the URL take effect.

Options:
  --user NAME     user name (default admin); the password comes from the URL, XAPI_PASSWORD or a prompt
  --insecure      accept a self-signed TLS certificate
  --ca FILE       trust this certificate (PEM), e.g. the device's own
  --timeout MS    per request (default 30000)
  --json          print one JSON object per line instead of terminal text
  --wait MS       after the last line, keep printing feedback this long (default 500 when xFeedback register is used)
  --trace         print every frame on stderr (credentials never appear)

Exit codes: 0 ok, 1 a line failed, 2 usage, 3 could not connect.`;

/** One statement to run; `arg` (1-based) when the statements came from several arguments. */
interface Planned { arg?: number; line: number; req: XcliRequest }

/** Every statement of every argument (or of the one .xapi file), translated before anything connects. */
export function planRun(args: readonly string[], index: SchemaIndex = coreIndex()): Planned[] {
  const file = args.length === 1 && /\.xapi$/i.test(args[0]);
  const texts = file ? [readScript(args[0])] : args;
  const planned: Planned[] = [];
  texts.forEach((text, argIndex) => {
    // Line numbers count within the file, or within the argument (then prefixed with the argument's number).
    const where = (line: number) => (texts.length > 1 ? `argument ${argIndex + 1} line ${line}` : `line ${line}`);
    for (const s of parseStatements(text, index)) {
      try {
        planned.push({ line: s.firstLine + 1, req: statementToRequest(s, index), ...(texts.length > 1 ? { arg: argIndex + 1 } : {}) });
      } catch (e) {
        throw new UsageError(`${where(s.firstLine + 1)}: ${(e as Error).message}`);
      }
    }
  });
  return planned;
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run xCommand/xConfiguration/xStatus lines (or a .xapi file) on a device',
  usage: USAGE,
  async run(args, io) {
    const a = parseConnectionArgs(args, { wait: { type: 'string' } });
    const waitMs = a.extra.wait === undefined ? undefined : numberOption('--wait', a.extra.wait, { min: 0 });
    if (a.rest.length === 0) throw new UsageError("missing the line to run, e.g. 'xStatus Audio Volume', or a .xapi file");
    const requests = planRun(a.rest);
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
      for (const { arg, line, req } of requests) {
        if (req.kind === 'none') continue;
        const at = { ...(arg !== undefined ? { arg } : {}), line };
        try {
          const r = await execute(xapi, req, fb);
          print(r.lines, { ...at, ...(r.json as object) });
        } catch (e) {
          failed++;
          const err = e as XapiError;
          if (a.json) io.stdout.write(JSON.stringify({ ...at, error: { name: err.name, code: err.code, message: err.message, data: err.data } }) + '\n');
          io.stderr.write(`xapi run: ${arg !== undefined ? `argument ${arg} ` : ''}line ${line}: ${cliMessage(err)}\n`);
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
