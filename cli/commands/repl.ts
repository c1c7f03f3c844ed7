/**
 * `xapi repl URL`: an interactive xAPI terminal — type xCLI lines (`xStatus Audio Volume`,
 * `xCommand Dial Number: "x"`), get terminal-style answers; history across sessions and tab completion
 * of keywords, paths and parameter names from the schema index. Multiline commands read until a lone `.`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import type { SchemaIndex } from '../../schema/schemaIndex';
import type { NodeKind } from '../../schema/model';
import { CliCommand, UsageError } from '../command';
import { formatFeedback } from '../../xapi/format';
import type { XapiError } from '../../xapi/index';
import {
  Exit, coreIndex, connectFromArgs, execute, parseConnectionArgs, parseScript, reportError, statementToRequest, type FeedbackState,
} from './run';

const USAGE = `Usage: xapi repl URL [options]

An interactive xAPI terminal. Type xCommand / xConfiguration / xStatus / xFeedback register lines;
Tab completes keywords, paths and parameters; history is kept in ~/.xapi_history (XAPI_HISTORY overrides).
Multiline commands end with a lone '.'. Type .help for the dot-commands, .exit (or Ctrl-D) to leave.

Options:
  --user NAME     user name (default admin); the password comes from XAPI_PASSWORD or a prompt
  --insecure      accept a self-signed TLS certificate
  --ca FILE       trust this certificate (PEM)
  --json          answers as JSON
  --trace         print every frame on stderr (credentials never appear)`;

const KEYWORDS: Array<[string, NodeKind | 'Feedback']> = [
  ['xCommand', 'Command'], ['xConfiguration', 'Configuration'], ['xStatus', 'Status'], ['xFeedback', 'Feedback'],
];
const DOT = ['.help', '.exit', '.json', '.text'];

function kindOf(word: string): NodeKind | 'Feedback' | undefined {
  const w = word.toLowerCase();
  for (const [k, kind] of KEYWORDS) if (k.toLowerCase().startsWith(w) && w.length >= 4) return kind;
  return undefined;
}

/** Completion candidates for the text before the cursor (readline's completer contract). */
export function complete(line: string, index: SchemaIndex = coreIndex()): [string[], string] {
  const words = line.split(/\s+/);
  const last = words[words.length - 1];
  if (words.length === 1) {
    const all = [...KEYWORDS.map(k => k[0]), ...DOT];
    return [all.filter(k => k.toLowerCase().startsWith(last.toLowerCase())), last];
  }
  const kind = kindOf(words[0]);
  let pathWords = words.slice(1, -1);
  if (kind === 'Feedback') {
    if (words.length === 2) return [['register', 'deregister'].filter(w => w.startsWith(last.toLowerCase())), last];
    // xFeedback register /Status/Audio/Vol → complete the last slash segment
    const [root, ...rest] = last.replace(/^\//, '').split('/');
    if (last.split('/').filter(Boolean).length <= 1 && !last.endsWith('/')) {
      return [['/Status', '/Configuration', '/Event'].filter(r => r.toLowerCase().startsWith('/' + last.replace(/^\//, '').toLowerCase())), last];
    }
    const k = (['Status', 'Configuration', 'Event'] as const).find(r => r.toLowerCase() === root.toLowerCase());
    if (!k) return [[], last];
    const prefix = rest.slice(0, -1).map(stripIndex);
    const partial = rest[rest.length - 1] ?? '';
    const base = last.slice(0, last.length - partial.length);
    const names = index.children(k, prefix).map(e => e.name).filter(n => n.toLowerCase().startsWith(partial.toLowerCase()));
    return [names.map(n => base + n), last];
  }
  if (!kind) return [[], last];
  // Stop at the first parameter (`Name:`): after it, offer parameter names.
  const firstParam = pathWords.findIndex(w => w.endsWith(':'));
  if (firstParam >= 0 || last.includes(':')) {
    if (kind !== 'Command') return [[], last];
    const names = (firstParam >= 0 ? pathWords.slice(0, firstParam) : pathWords).map(stripIndex);
    const node = index.lookup('Command', names);
    const params = node ? index.variantFor(node)?.params ?? [] : [];
    if (last.includes(':')) return [[], last];
    return [params.map(p => p.name + ':').filter(p => p.toLowerCase().startsWith(last.toLowerCase())), last];
  }
  pathWords = pathWords.map(stripIndex).filter(w => !/^\d+$/.test(w));
  const children = index.children(kind, pathWords).map(e => e.name);
  const hits = children.filter(n => n.toLowerCase().startsWith(last.toLowerCase()));
  if (hits.length === 0 && kind === 'Command') {
    const node = index.lookup('Command', pathWords);
    const params = node ? index.variantFor(node)?.params ?? [] : [];
    return [params.map(p => p.name + ':').filter(p => p.toLowerCase().startsWith(last.toLowerCase())), last];
  }
  return [hits, last];
}

function stripIndex(w: string): string {
  return w.replace(/\[\d*\]?$/, '');
}

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
    const a = parseConnectionArgs(args);
    if (a.rest.length) throw new UsageError(`unexpected argument '${a.rest[0]}'`);
    let json = a.json;
    let xapi;
    try { xapi = await connectFromArgs(a, io, true); } catch (e) { return reportError(io, 'repl', e); }
    const x = xapi;
    const input = io.stdin as NodeJS.ReadStream;
    const terminal = Boolean(input.isTTY);
    const hist = historyFile(io.env);
    const rl = readline.createInterface({
      input, output: io.stdout, terminal, historySize: 500,
      history: terminal ? loadHistory(hist) : [],
      completer: (line: string) => complete(line),
      prompt: 'xapi> ',
    } as readline.ReadLineOptions);
    const out = (text: string) => io.stdout.write(text.endsWith('\n') ? text : text + '\n');
    const fb: FeedbackState = {
      onFeedback: p => out(json ? JSON.stringify(p) : formatFeedback(p).join('\n')),
      subs: new Map(),
    };
    let leaving = false;
    x.on('disconnected', r => { if (!leaving) out(`-- disconnected: ${r}`); });
    x.on('connected', () => out('-- reconnected'));
    x.on('error', (e: XapiError) => out(`-- ${e.message}`));
    if (terminal) out(`Connected to ${x.url}. Type .help for help, .exit to leave.`);
    let failed = 0;
    let buffer = '';
    const prompt = () => { if (terminal) { rl.setPrompt(buffer ? '...   ' : 'xapi> '); rl.prompt(); } };
    prompt();
    for await (const line of rl) {
      const trimmed = line.trim();
      if (!buffer && trimmed.startsWith('.') && trimmed !== '.') {
        if (trimmed === '.exit') break;
        if (trimmed === '.json') json = true;
        else if (trimmed === '.text') json = false;
        else out('.exit  leave   .json  answers as JSON   .text  answers as terminal text\n' +
          'Lines: xCommand Path Param: value …, xConfiguration Path[: value], xStatus Path, xFeedback register|deregister /Status/…');
        prompt();
        continue;
      }
      buffer += (buffer ? '\n' : '') + line;
      const statements = parseScript(buffer);
      const lastCmd = [...statements].reverse().find(s => s.type === 'command');
      if (lastCmd && lastCmd.type === 'command' && lastCmd.body && !lastCmd.body.terminator) { prompt(); continue; }
      const text = buffer;
      buffer = '';
      for (const s of parseScript(text)) {
        try {
          const req = statementToRequest(s);
          const r = await execute(x, req, fb);
          if (json) { if (r.json !== undefined) out(JSON.stringify(r.json)); }
          else if (req.kind !== 'none') out([...r.lines, '** end'].join('\n'));
        } catch (e) {
          failed++;
          out(`error: ${(e as Error).message}`);
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
