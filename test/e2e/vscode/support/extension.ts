/** The extension under test, as the extension host sees it (id = publisher.name from package.json). */
import * as vscode from 'vscode';
import { connect, type Xapi } from '../../../../xapi';

export const EXTENSION_ID = 'xapi-workbench.xapi-workbench';

export function ourExtension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) {
    const seen = vscode.extensions.all.filter(e => !e.id.startsWith('vscode.')).map(e => e.id);
    throw new Error(`extension ${EXTENSION_ID} is not loaded (non-builtin extensions: ${seen.join(', ') || 'none'})`);
  }
  return ext;
}

/** A file of the suite's workspace folder (test/e2e/workspace unless the suite names another). */
export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e workbench was opened without a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** A second client of the simulated device the extension runs (another user in the room, for the tests). */
export function connectToSimulatedDevice(api: { ctx: { simulatedDevice: { ready: { url: string; username: string; password: string; certificate?: string } } } }): Promise<Xapi> {
  const r = api.ctx.simulatedDevice.ready;
  return connect(r.url, { username: r.username, password: r.password, ca: r.certificate });
}
