/**
 * The "Macros" view: the device's macros with their active state and, for the active ones, what the runtime says
 * of them (running, loading, failed, unresponsive); the runtime's status at the top.
 */
import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import { systemClock } from '../../xapi/clock';
import { FlushScheduler } from '../shared/flushScheduler';
import { macroUri } from './macroFs';
import type { MacroInfo } from '../../xapi/macroStore';

export type MacroNode = { kind: 'runtime'; status: string } | { kind: 'macro'; macro: MacroInfo; device: string };

export interface MacrosViewHost {
  /** The device's macros (with their runtime states) and the runtime's status, read now; undefined while disconnected. */
  read(): Promise<{ device: string; macros: MacroInfo[]; runtime?: string } | undefined>;
}

/**
 * Device events that change what the view shows come in bursts (a runtime restart: Reloading, one Started per
 * macro, Ready, Reloaded; a failing macro's ERROR lines): the first read at once, then at most one this often
 * (the events panel's rule, FlushScheduler).
 */
const COALESCE_MS = 300;

/** How an active macro's runtime state shows: icon, colour, and what the tooltip says it means. */
const STATES: Readonly<Record<string, { icon: string; color?: string; means: string }>> = {
  running: { icon: 'pass-filled', color: 'testing.iconPassed', means: 'loaded and running' },
  loading: { icon: 'loading~spin', means: 'the runtime is loading it' },
  failed: { icon: 'error', color: 'testing.iconFailed', means: 'it stopped with an error: its ERROR line is in the macro log (xAPI: Show Macro Log)' },
  unresponsive: { icon: 'warning', color: 'list.warningForeground', means: 'it stopped answering the runtime (an endless loop, or out of memory): save or activate it to run it again' },
};

export class MacrosView implements vscode.TreeDataProvider<MacroNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  /** What the view showed last (tests read it; the view shows the same). */
  last: { device: string; macros: MacroInfo[]; runtime?: string } | undefined;
  private error: string | undefined;
  private readonly soon = new FlushScheduler(() => this.emitter.fire(), systemClock, COALESCE_MS);

  constructor(private readonly host: MacrosViewHost) {}

  /** Read the device again now (after a command of ours). */
  refresh(): void {
    this.soon.cancel();
    this.emitter.fire();
  }

  /** Read the device again soon, once for everything asked until then (device events). */
  refreshSoon(): void {
    this.soon.signal();
  }

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
    const { macro, device } = node;
    const item = new vscode.TreeItem(macro.name);
    const state = macro.state?.toLowerCase();
    const shown = state ? STATES[state] ?? { icon: 'question', means: 'as the device reports it' } : undefined;
    item.description = macro.active ? (state ? `active · ${state}` : 'active') : 'inactive';
    item.iconPath = shown
      ? new vscode.ThemeIcon(shown.icon, shown.color ? new vscode.ThemeColor(shown.color) : undefined)
      : new vscode.ThemeIcon(macro.active ? 'pass-filled' : 'circle-large-outline');
    item.tooltip = !macro.active
      ? `${macro.name} on ${device}: inactive (the runtime does not run it)`
      : shown
        ? `${macro.name} on ${device}: active, ${macro.state}: ${shown.means}`
        : `${macro.name} on ${device}: active (the runtime lists no state for it)`;
    item.contextValue = macro.active ? 'xapi.macro.active' : 'xapi.macro.inactive';
    item.resourceUri = macroUri(device, macro.name);
    item.command = { title: 'Open', command: Commands.macroOpen, arguments: [node] };
    item.id = `macro:${device}:${macro.name}`;
    return item;
  }

  dispose(): void {
    this.soon.cancel();
    this.emitter.dispose();
  }
}
