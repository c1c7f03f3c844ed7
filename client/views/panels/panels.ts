/**
 * The device's UI extension panels in the extension: the Panels view, the `xapi-panel:` documents, and what their
 * commands do — open one, remove one (confirmed), deploy a workspace `.panel.xml` (checked with the panel rules
 * first; by its `<PanelId>`, else its file name).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { panelArtefact } from '../../../fleet/operations';
import { PANEL_FILE, PANEL_LANGUAGE_ID } from '../../../schema/panels/language';
import { prompts } from '../../prompts';
import type { Session } from '../../session';
import { devicePanels, PanelFileSystem, panelUri } from './panelFs';
import { PanelsView, type PanelNode } from './panelsView';

export class Panels implements vscode.Disposable {
  readonly fs: PanelFileSystem;
  readonly view: PanelsView;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly session: Session) {
    this.fs = new PanelFileSystem({ current: () => this.current() });
    this.view = new PanelsView({
      read: async () => {
        const c = this.current();
        return c && { device: c.device, panels: await devicePanels(c.xapi) };
      },
    });
    this.disposables.push(this.fs, this.view, session.onDidChangeState(() => this.view.refresh()), this.fs.onDidChangeFile(() => this.view.refresh()));
  }

  private current() {
    const xapi = this.session.xapi;
    const state = this.session.state;
    return xapi && state.kind === 'connected' ? { xapi, device: state.label } : undefined;
  }

  private connected() {
    const c = this.current();
    if (!c) throw new Error('not connected to a device: connect first (xAPI: Connect…)');
    return c;
  }

  async open(node: PanelNode): Promise<vscode.TextEditor | undefined> {
    if (node.kind !== 'panel') return undefined;
    return vscode.window.showTextDocument(panelUri(node.device, node.panelId), { preview: false });
  }

  async remove(node: PanelNode): Promise<boolean> {
    if (node.kind !== 'panel') return false;
    const answer = await prompts.confirm(`Remove the panel ${node.model.fields.Name || node.panelId} from ${node.device}?`, 'Its button leaves the touch controller; macros that use it get no more events from it.', 'Remove');
    if (answer !== 'Remove') return false;
    await this.fs.delete(panelUri(node.device, node.panelId));
    this.view.refresh();
    return true;
  }

  /**
   * The open (or given) `.panel.xml` saved on the connected device. Returns its PanelId. A file named from the
   * Explorer is deployed as it is on disk, unless it is open with unsaved changes: then as the editor shows it.
   */
  async deploy(uri?: vscode.Uri): Promise<string | undefined> {
    const given = uri instanceof vscode.Uri ? uri : undefined;
    const open = given ? vscode.workspace.textDocuments.find(d => d.uri.toString() === given.toString()) : vscode.window.activeTextEditor?.document;
    const name = given ?? open?.uri;
    if (!name || (!PANEL_FILE.test(name.path) && open?.languageId !== PANEL_LANGUAGE_ID)) throw new Error('open a UI extension panel (a .panel.xml file) to deploy it');
    const text = open && (open.isDirty || !given) ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(name));
    const { xapi, device } = this.connected();
    const panel = panelArtefact(path.basename(name.path), text);
    await xapi.command('UserInterface Extensions Panel Save', { PanelId: panel.panelId }, panel.xml);
    this.fs.panelChanged(device, panel.panelId, vscode.FileChangeType.Changed);
    this.view.refresh();
    vscode.window.setStatusBarMessage(`xAPI: panel ${panel.panelId} saved on ${device}`, 4000);
    return panel.panelId;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
