/**
 * `xapi repl URL`: an interactive xAPI terminal — type xCLI lines (`xStatus Audio Volume`,
 * `xCommand Dial Number: "x"`), get terminal-style answers; history across sessions and tab completion
 * of keywords, paths, parameter names and values from the schema (the device's own xDoc once read, or
 * `--schema`/`--version`). Multiline commands read on a continuation prompt until a lone `.`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { SchemaIndex } from '../../schema/schemaIndex';
import { fromDevice } from '../../schema/sources';
import { awaitsBody, parseStatements, statementToRequest } from '../../schema/xcli';
import { CliCommand, UsageError } from '../command';
import { Exit, cliMessage, connectFromArgs, parseConnectionArgs, reportError } from '../connection';
import { complete } from '../replCompletion';
import { checkSchemaOptions, coreIndex, loadSchemaFromOptions } from '../schemaOption';
import { execute, type FeedbackState } from '../../xapi/execute';
import { formatFeedback } from '../../xapi/format';
import { xdocFetcher, type Xapi, type XapiError } from '../../xapi/index';

const USAGE = `Usage: xapi repl URL [--schema FILE | --version V] [options]

An interactive xAPI terminal. Type xCommand / xConfiguration / xStatus / xFeedback register lines;
Tab completes keywords, paths, parameters and their values; history is kept in ~/.xapi_history
(XAPI_HISTORY overrides). Multiline commands continue on a '...' prompt until a lone '.'.
Ctrl-C clears the line (on an empty line, or twice, it leaves); .help lists the dot-commands,
.exit (or Ctrl-D) leaves.

Options:
  --user NAME     user name (default admin); the password comes from the URL, XAPI_PASSWORD or a prompt
  --insecure      accept a self-signed TLS certificate
  --ca FILE       trust this certificate (PEM)
  --schema FILE   complete and translate from this schema file instead of the device's own xDoc
  --version V     ... or from a published RoomOS schema, e.g. 11.27.2.0
  --json          answers as JSON
  --trace         print every frame on stderr (credentials never appear)

Without --schema or --version, completion uses the built-in core schema until the device's xDoc is read.`;

const PROMPT = 'xapi> ';
const CONTINUE = '...   ';
const HELP = '.exit  leave   .json  answers as JSON   .text  answers as terminal text\n' +
  'Lines: xCommand Path Param: value …, xConfiguration Path[: value], xStatus Path, xFeedback register|deregister /Status/…';

function historyFile(env: NodeJS.ProcessEnv): string {
  return env.XAPI_HISTORY || path.join(homedir(), '.xapi_history');
}

function loadHistory(file: string): string[] {
  try { return readFileSync(file, 'utf8').split('\n').filter(Boolean).reverse().slice(0, 500); } catch { return []; }
}

export const replCommand: CliCommand = {
  name: 'repl',
  summary: 'interactive xAPI terminal with history and schema completion',
  usage: USAGE,
  async run(args, io) {
    const a = parseConnectionArgs(args, { schema: { type: 'string' }, version: { type: 'string' } });
    if (a.rest.length) throw new UsageError(`unexpected argument '${a.rest[0]}'`);
    const chosen = { schema: a.extra.schema, version: a.extra.version };
    checkSchemaOptions(chosen);
    let index = coreIndex();
    if (chosen.schema !== undefined || chosen.version !== undefined) {
      try {
        index = new SchemaIndex((await loadSchemaFromOptions(chosen, io.env)).schema);
      } catch (e) {
        if (e instanceof UsageError) throw e;
        io.stderr.write(`xapi repl: cannot load the schema: ${cliMessage(e)}\n`);
        return Exit.Usage;
      }
    }
    let json = a.json;
    let x: Xapi;
    try { x = await connectFromArgs(a, io, true); } catch (e) { return reportError(io, 'repl', e); }
    const input = io.stdin as NodeJS.ReadStream;
    const terminal = Boolean(input.isTTY);
    const hist = historyFile(io.env);
    const rl = readline.createInterface({
      input, output: io.stdout, terminal, historySize: 500,
      history: terminal ? loadHistory(hist) : [],
      completer: (line: string) => complete(line, index),
      prompt: PROMPT,
    } as readline.ReadLineOptions);

    let reading = false; // a prompt (and maybe a half-typed line) is on screen
    let buffer = ''; // the lines of a multiline command so far
    /**
     * Output that may come at any time (feedback, reconnects): printed above the prompt, which is then
     * drawn again with the half-typed line, so neither is garbled.
     */
    const say = (text: string) => {
      const t = text.endsWith('\n') ? text : text + '\n';
      if (!terminal || !reading) { io.stdout.write(t); return; }
      readline.clearLine(io.stdout, 0);
      readline.cursorTo(io.stdout, 0);
      io.stdout.write(t);
      rl.prompt(true);
    };
    const prompt = () => {
      reading = true;
      if (terminal) { rl.setPrompt(buffer ? CONTINUE : PROMPT); rl.prompt(); }
    };
    const fb: FeedbackState = {
      onFeedback: p => say(json ? JSON.stringify(p) : formatFeedback(p).join('\n')),
      subs: new Map(),
    };
    let leaving = false;
    x.on('disconnected', r => { if (!leaving) say(`-- disconnected: ${r}`); });
    x.on('connected', () => say('-- reconnected'));
    x.on('error', (e: XapiError) => say(`-- ${cliMessage(e)}`));

    // Ctrl-C clears a half-typed line (or an unfinished multiline command); on an empty line, or twice, it leaves.
    let interrupted = false;
    rl.on('SIGINT', () => {
      if ((!rl.line && !buffer) || interrupted) { rl.close(); return; }
      interrupted = true;
      buffer = '';
      rl.write(null, { ctrl: true, name: 'e' }); // to the end of the line, so the new line starts below it
      io.stdout.write('\n');
      rl.write(null, { ctrl: true, name: 'u' }); // empties readline's line (and redraws it empty)
      prompt();
    });

    if (terminal) {
      io.stdout.write(`Connected to ${x.url}. Type .help for help, .exit to leave.\n`);
      if (chosen.schema === undefined && chosen.version === undefined) {
        // Read in the background: the prompt is there at once, completion improves when the xDoc arrives.
        fromDevice(xdocFetcher(x), x.url).then(
          s => { index = new SchemaIndex(s); say('-- completion from the device\'s schema'); },
          e => { if (!leaving) say(`-- completion from the core schema (the device's xDoc could not be read: ${cliMessage(e)})`); },
        );
      }
    }
    let failed = 0;
    prompt();
    for await (const line of rl) {
      reading = false;
      interrupted = false;
      const trimmed = line.trim();
      if (!buffer && trimmed.startsWith('.') && trimmed !== '.') {
        if (trimmed === '.exit') break;
        if (trimmed === '.json') json = true;
        else if (trimmed === '.text') json = false;
        else say(HELP);
        prompt();
        continue;
      }
      buffer += (buffer ? '\n' : '') + line;
      if (awaitsBody(buffer, index)) { prompt(); continue; }
      const text = buffer;
      buffer = '';
      for (const s of parseStatements(text, index)) {
        try {
          const req = statementToRequest(s, index);
          const r = await execute(x, req, fb);
          if (json) { if (r.json !== undefined) say(JSON.stringify(r.json)); }
          else if (r.lines.length) say(r.lines.join('\n'));
        } catch (e) {
          failed++;
          say(`error: ${cliMessage(e)}`);
        }
      }
      prompt();
    }
    leaving = true;
    rl.close();
    if (terminal) {
      try { writeFileSync(hist, [...(rl as unknown as { history: string[] }).history].reverse().join('\n') + '\n', { mode: 0o600 }); } catch { /* history is a convenience */ }
    }
    await x.close();
    return terminal || failed === 0 ? Exit.Ok : Exit.Failed;
  },
};
