/** Running, debugging and typing macros locally: Run Macro Locally, Debug Macro Locally, Set Up Macro Project. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import type { Ctx } from '../ctx';
import { PROJECT_FILES, setUpMacroProject } from '../localMacroRun/projectSetup';
import { prompts } from '../prompts';
import type { CommandTable } from './table';

/** The macro file a menu passed, or the active editor's (saved first: Node runs what is on disk). */
async function macroFile(uri: unknown): Promise<string | undefined> {
  const doc = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!doc || doc.uri.scheme !== 'file') {
    void prompts.showErrorMessage('xAPI: open a macro file (.js) of the workspace to run it locally.');
    return undefined;
  }
  if (doc.isDirty) await doc.save();
  return doc.uri.fsPath;
}

async function startLocal(ctx: Ctx, uri: unknown, noDebug: boolean): Promise<boolean> {
  if (!ctx.requireTrust()) return false;
  if (!ctx.session.target) { ctx.requireXapi(); return false; }
  const file = await macroFile(uri);
  return file ? ctx.localRuns.start(file, noDebug) : false;
}

export const macroRunCommands: CommandTable = {
  [Commands.macroRunLocally]: (ctx, uri?: unknown) => startLocal(ctx, uri, true),
  [Commands.macroDebugLocally]: (ctx, uri?: unknown) => startLocal(ctx, uri, false),
  [Commands.macroSetUpProject]: async (ctx, folderUri?: unknown) => {
    const folder = folderUri instanceof vscode.Uri ? folderUri : vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder) { void prompts.showErrorMessage('xAPI: open a folder to set up as a macro project.'); return undefined; }
    const schema = ctx.schemaIndex().schema;
    const jsconfig = vscode.Uri.joinPath(folder, PROJECT_FILES.jsconfig);
    const exists = await vscode.workspace.fs.stat(jsconfig).then(() => true, () => false);
    const overwrite = exists && (await prompts.showWarningMessage(`${PROJECT_FILES.jsconfig} exists in ${path.basename(folder.fsPath)}. Replace it?`, 'Replace', 'Keep')) === 'Replace';
    const result = await setUpMacroProject(folder.fsPath, schema, path.join(ctx.extension.extensionPath, 'lib'), overwrite);
    const source = ctx.session.state.kind === 'connected' ? `the schema of ${ctx.session.state.label} (${schema.version})` : `the built-in core schema (${schema.version}; connect to a device for its own)`;
    ctx.log.info(`Macro project set up in ${folder.fsPath} with ${source}: ${result.written.length} files`);
    void vscode.window.showInformationMessage(`xAPI: macro project typings written for ${source}.`);
    return result;
  },
};
