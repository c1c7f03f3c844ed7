/** Run Line, Run Selection, Run File (and the lenses' Run / Run All), Cancel Run. */
import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import type { Ctx } from '../ctx';
import type { RunScope } from '../scriptRun/scriptRuns';
import type { CommandTable } from './table';
import { prompts } from '../prompts';

async function documentFor(uri: unknown): Promise<vscode.TextDocument | undefined> {
  if (uri instanceof vscode.Uri) return vscode.workspace.openTextDocument(uri);
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) void prompts.showInformationMessage('xAPI: open a .xapi file to run it.');
  return doc;
}

async function run(ctx: Ctx, doc: vscode.TextDocument | undefined, scope: RunScope): Promise<unknown> {
  if (!doc || !ctx.requireTrust()) return undefined;
  const xapi = ctx.requireXapi();
  if (!xapi) return undefined;
  return ctx.runs.run(xapi, doc, ctx.schemaIndex(), scope);
}

const SAMPLE = `# Lines as you would type them on the device's terminal. Press Run above a line, or Run All.
xStatus Audio Volume
xCommand Audio Volume Set Level: 60
xStatus Audio Volume
`;

export const runCommands: CommandTable = {
  [Commands.newScript]: async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'xapi', content: SAMPLE });
    await vscode.window.showTextDocument(doc);
    return doc.uri;
  },
  [Commands.runLine]: async ctx => {
    const editor = vscode.window.activeTextEditor;
    return run(ctx, editor?.document, { kind: 'line', line: editor?.selection.active.line ?? 0 });
  },
  [Commands.runSelection]: async ctx => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const sel = editor.selection;
    // A selection ending at column 0 of a line does not take that line.
    const to = sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line - 1 : sel.end.line;
    return run(ctx, editor.document, sel.isEmpty ? { kind: 'line', line: sel.active.line } : { kind: 'lines', from: sel.start.line, to });
  },
  [Commands.runFile]: async (ctx, uri?: unknown) => run(ctx, await documentFor(uri), { kind: 'file' }),
  [Commands.runStatement]: async (ctx, uri?: unknown, line?: unknown) =>
    run(ctx, await documentFor(uri), { kind: 'line', line: typeof line === 'number' ? line : 0 }),
  [Commands.cancelRun]: ctx => ctx.runs.cancel(),
};
