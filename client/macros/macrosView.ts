/** The "Macros" view: the device's macros with their active state, and the runtime's status at the top. */
import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import { macroUri } from './macroFs';
import type { MacroInfo } from './macroStore';

export type MacroNode = { kind: 'runtime'; status: string } | { kind: 'macro'; macro: MacroInfo; device: string };

export interface MacrosViewHost {
  /** The device's macros and runtime status, read now; undefined while disconnected. */
  read(): Promise<{ device: string; macros: MacroInfo[]; runtime?: string } | undefined>;
}

export class MacrosView implements vscode.TreeDataProvider<MacroNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  /** What the view showed last (tests read it; the view shows the same). */
  last: { device: string; macros: MacroInfo[]; runtime?: string } | undefined;
  private error: string | undefined;

  constructor(private readonly host: MacrosViewHost) {}

  refresh(): void { this.emitter.fire(); }

  async getChildren(node?: MacroNode): Promise<MacroNode[]> {
    if (node) return [];
    try {
      this.last = await this.host.read();
      this.error = undefined;
    } catch (e) {
      this.error = (e as Error).message;
      return [{ kind: 'runtime', status: `⚠ ${this.error}` }];
    }
    if (!this.last) return [];
    const { device, macros, runtime } = this.last;
    return [
      ...(runtime ? [{ kind: 'runtime' as const, status: runtime }] : []),
      ...macros.map(macro => ({ kind: 'macro' as const, macro, device })),
    ];
  }

  getTreeItem(node: MacroNode): vscode.TreeItem {
    if (node.kind === 'runtime') {
      const item = new vscode.TreeItem(`Runtime: ${node.status}`);
      item.iconPath = new vscode.ThemeIcon(node.status === 'Running' ? 'vm-running' : 'vm-outline');
      item.contextValue = 'xapi.macros.runtime';
      item.tooltip = 'The device\'s macro runtime. Restart it from the view\'s toolbar.';
      return item;
    }
    const item = new vscode.TreeItem(node.macro.name);
    item.description = node.macro.active ? 'active' : 'inactive';
    item.iconPath = new vscode.ThemeIcon(node.macro.active ? 'pass-filled' : 'circle-large-outline');
    item.contextValue = node.macro.active ? 'xapi.macro.active' : 'xapi.macro.inactive';
    item.resourceUri = macroUri(node.device, node.macro.name);
    item.command = { title: 'Open', command: Commands.macroOpen, arguments: [node] };
    item.id = `macro:${node.device}:${node.macro.name}`;
    return item;
  }

  dispose(): void { this.emitter.dispose(); }
}
