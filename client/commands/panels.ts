/** UI extension panels: the device's (open, remove), a workspace one deployed, and the preview of the open `.panel.xml`. */
import * as vscode from 'vscode';
import { PANEL_LANGUAGE_ID } from '../../schema/panels/language';
import { Commands } from '../commandIds';
import type { CommandTable } from './table';
import type { PanelNode } from '../views/panels/panelsView';

export const panelCommands: CommandTable = {
  [Commands.panelOpen]: (ctx, node: PanelNode) => ctx.panels.open(node),
  [Commands.panelRemove]: (ctx, node: PanelNode) => (ctx.requireTrust() ? ctx.panels.remove(node) : undefined),
  [Commands.panelDeploy]: (ctx, uri?: vscode.Uri) => (ctx.requireTrust() ? ctx.panels.deploy(uri) : undefined),
  [Commands.panelsRefresh]: ctx => ctx.panels.view.refresh(),
  [Commands.panelPreview]: async (ctx, uri?: vscode.Uri) => {
    const doc = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== PANEL_LANGUAGE_ID) throw new Error('open a UI extension panel (a .panel.xml file) to preview it');
    return ctx.panelPreviews.show(doc);
  },
};
