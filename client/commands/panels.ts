/** UI extension panels: the preview of the open `.panel.xml` file (or the one the editor title's button is on). */
import * as vscode from 'vscode';
import { PANEL_LANGUAGE_ID } from '../../schema/panels/language';
import { Commands } from '../commandIds';
import type { CommandTable } from './table';

export const panelCommands: CommandTable = {
  [Commands.panelPreview]: async (ctx, uri?: vscode.Uri) => {
    const doc = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== PANEL_LANGUAGE_ID) throw new Error('open a UI extension panel (a .panel.xml file) to preview it');
    return ctx.panelPreviews.show(doc);
  },
};
