/**
 * The part of bench/extension.ts that runs inside code-server's extension host (bundled as its extensionTestsPath):
 * activation of this extension and of an empty one, language server start → first completion for ours and for VS
 * Code's own CSS language server, and the host's memory: before, after activating, once in use (an .xapi document
 * open: the core loaded and the language server answering) and after connecting to the simulated device. VS Code's
 * CSS extension runs its language client in this same host, so it is timed only after our memory is taken.
 * Writes result.json beside itself; bench/extension.ts reads it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from '../../test/support/waitFor';

export const OURS = 'xapi-workbench.xapi-workbench';
export const EMPTY = 'bench.empty-extension';

export interface HostResult {
  activateMs: { ours: number; empty: number };
  firstCompletionMs: { ours: number; css: number };
  memoryMB: { baseline: Memory; activated: Memory; inUse: Memory; connected: Memory };
}
interface Memory { rss: number; heapUsed: number }

const memory = (): Memory => {
  const m = process.memoryUsage();
  return { rss: m.rss / 2 ** 20, heapUsed: m.heapUsed / 2 ** 20 };
};

async function activate(id: string): Promise<number> {
  const ext = vscode.extensions.getExtension(id);
  if (!ext) throw new Error(`${id} is not loaded`);
  if (ext.isActive) throw new Error(`${id} was active before the bench: its activation cannot be timed`);
  const t0 = performance.now();
  await ext.activate();
  return performance.now() - t0;
}

/** From `since` until completion at the end of `content` lists `label` (the server had to start and load first). */
async function firstCompletion(language: string, content: string, label: string, since: number): Promise<number> {
  const doc = await vscode.workspace.openTextDocument({ language, content });
  const end = doc.positionAt(content.length);
  for (;;) {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, end);
    if (list?.items.some(i => (typeof i.label === 'string' ? i.label : i.label.label) === label)) return performance.now() - since;
    if (performance.now() - since > 60_000) throw new Error(`no ${label} in ${language} completion after 60 s`);
    await new Promise(r => setTimeout(r, 5));
  }
}

export async function run(): Promise<void> {
  const { emptyFirst } = JSON.parse(fs.readFileSync(path.join(__dirname, 'run.json'), 'utf8')) as { emptyFirst: boolean };
  const baseline = memory();
  let empty = 0;
  if (emptyFirst) empty = await activate(EMPTY);
  const ours = await activate(OURS);
  if (!emptyFirst) empty = await activate(EMPTY);
  const activated = memory();
  // Our server starts with the first document that uses xAPI: the completion clock starts as it opens.
  const oursCompletion = await firstCompletion('xapi', 'xStatus Audio ', 'Volume', performance.now());
  const inUse = memory();

  const api = vscode.extensions.getExtension(OURS)!.exports as { ctx: { session: { state: { kind: string } }; lastSchemaLoad?: unknown } };
  await vscode.commands.executeCommand('xapi.startSimulatedDevice');
  await waitFor('the connection and the device schema', () => api.ctx.session.state.kind === 'connected' && api.ctx.lastSchemaLoad !== undefined, { timeoutMs: 60_000 });
  const connected = memory();
  await vscode.commands.executeCommand('xapi.disconnect');
  // VS Code's own CSS language server starts when a CSS document opens.
  const cssCompletion = await firstCompletion('css', 'a { col', 'color', performance.now());

  const result: HostResult = {
    activateMs: { ours, empty }, firstCompletionMs: { ours: oursCompletion, css: cssCompletion },
    memoryMB: { baseline, activated, inUse, connected },
  };
  fs.writeFileSync(path.join(__dirname, 'result.json'), JSON.stringify(result));
}
