/**
 * Workspace files to the device: "Deploy to Device" and, when `xapi.macros.syncFolder` is set, every save in that
 * folder. Nothing is overwritten silently: when the device's copy changed since this workspace last wrote it (or
 * was never written from here), the user is asked, with a diff on request.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { prompts } from '../prompts';
import { macroUri } from './macroFs';
import { checkMacroName, type MacroStore } from '../../xapi/macroStore';

export type DeployOutcome = 'deployed' | 'unchanged' | 'cancelled' | 'compare';

export const OVERWRITE = 'Overwrite Device';
export const COMPARE = 'Compare';

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class MacroSync {
  constructor(private readonly state: vscode.Memento) {}

  private key(device: string, name: string): string { return `xapi.macroSync:${device}:${name}`; }

  /** The macro name a workspace file deploys as: its base name without the extension. */
  static nameOf(uri: vscode.Uri): string {
    return path.basename(uri.path).replace(/\.(m?js|ts)$/i, '');
  }

  async deploy(store: MacroStore, device: string, doc: vscode.TextDocument): Promise<DeployOutcome> {
    const name = MacroSync.nameOf(doc.uri);
    const bad = checkMacroName(name);
    // The device keeps a macro under its name alone, so the file's name less `.js` must be one.
    if (bad) throw new Error(`${path.basename(doc.uri.path)} cannot be deployed as the macro "${name}". ${bad}; rename the file.`);
    const local = doc.getText();
    const onDevice = (await store.list()).some(m => m.name === name) ? await store.read(name) : undefined;
    if (onDevice === local) {
      await this.state.update(this.key(device, name), hash(local));
      return 'unchanged';
    }
    const last = this.state.get<string>(this.key(device, name));
    if (onDevice !== undefined && hash(onDevice) !== last) {
      const why = last === undefined
        ? `${device} already has a macro "${name}" that was not deployed from this workspace.`
        : `The copy of "${name}" on ${device} changed since it was last deployed from here.`;
      const choice = await prompts.showWarningMessage(`xAPI: ${why}`, OVERWRITE, COMPARE);
      if (choice === COMPARE) {
        await vscode.commands.executeCommand('vscode.diff', macroUri(device, name), doc.uri, `${name} on ${device} ↔ workspace`);
        return 'compare';
      }
      if (choice !== OVERWRITE) return 'cancelled';
    }
    await store.save(name, local);
    await this.state.update(this.key(device, name), hash(local));
    return 'deployed';
  }

  /** Whether a saved file is in the sync folder (a workspace-relative path from the setting). */
  static inSyncFolder(uri: vscode.Uri, folder: string): boolean {
    if (!folder || uri.scheme !== 'file' || !/\.m?js$/i.test(uri.path)) return false;
    const ws = vscode.workspace.getWorkspaceFolder(uri);
    if (!ws) return false;
    const root = path.join(ws.uri.fsPath, folder);
    const rel = path.relative(root, uri.fsPath);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  }
}
