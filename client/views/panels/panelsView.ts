/**
 * The "Panels" view: the connected device's UI extension panels (custom panels, action buttons, web apps), each with
 * where its button is and how many pages it has; a click opens it as a document (`xapi-panel:`), to edit, preview
 * and save back. Read again after our own changes and on Refresh.
 */
import * as vscode from 'vscode';
import type { PanelModel } from '../../../schema/panels/model';
import { Commands } from '../../commandIds';
import { panelUri } from './panelFs';

export type PanelNode = { readonly kind: 'panel'; readonly device: string; readonly panelId: string; readonly model: PanelModel } | { readonly kind: 'message'; readonly text: string };

export interface PanelsViewHost {
  /** The connected device's label and its panels, read now; undefined while disconnected. */
  read(): Promise<{ device: string; panels: ReadonlyMap<string, PanelModel> } | undefined>;
}

export const PANEL_ITEM = 'xapi.panel';

export class PanelsView implements vscode.TreeDataProvider<PanelNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  /** What the view showed last (tests read it). */
  last: { device: string; panels: ReadonlyMap<string, PanelModel> } | undefined;

  constructor(private readonly host: PanelsViewHost) {}

  refresh(): void {
    this.emitter.fire();
  }

  async getChildren(node?: PanelNode): Promise<PanelNode[]> {
    if (node) return [];
    try {
      this.last = await this.host.read();
    } catch (e) {
      return [{ kind: 'message', text: `The panels could not be read: ${(e as Error).message}` }];
    }
    if (!this.last) return [];
    const { device, panels } = this.last;
    if (!panels.size) return [{ kind: 'message', text: 'No UI extension on the device' }];
    return [...panels].map(([panelId, model]) => ({ kind: 'panel', device, panelId, model }));
  }

  getTreeItem(node: PanelNode): vscode.TreeItem {
    if (node.kind === 'message') return new vscode.TreeItem(node.text);
    const { fields, pages } = node.model;
    const item = new vscode.TreeItem(fields.Name || node.panelId, vscode.TreeItemCollapsibleState.None);
    const what = fields.ActivityType === 'WebApp' ? 'web app' : pages.length ? `${pages.length} page${pages.length === 1 ? '' : 's'}` : 'action button';
    item.description = [node.panelId, fields.Location ?? fields.Type, what].filter(Boolean).join(' · ');
    item.tooltip = `${node.panelId}: ${what}${fields.Location ?? fields.Type ? `, on ${fields.Location ?? fields.Type}` : ''}`;
    item.contextValue = PANEL_ITEM;
    item.iconPath = new vscode.ThemeIcon(fields.ActivityType === 'WebApp' ? 'globe' : pages.length ? 'layout' : 'symbol-event');
    item.command = { command: Commands.panelOpen, title: 'Open Panel', arguments: [node] };
    item.resourceUri = panelUri(node.device, node.panelId);
    return item;
  }

  dispose(): void { this.emitter.dispose(); }
}
