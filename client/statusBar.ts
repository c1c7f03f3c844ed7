/** The connection's status bar item: what the session is doing, and a click for what can be done about it. */
import * as vscode from 'vscode';
import type { SessionState } from './session';
import { Commands } from './commandIds';

export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('xapi.connection', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = 'xAPI Connection';
    this.item.command = Commands.connectionActions;
    this.show({ kind: 'disconnected' });
    this.item.show();
  }

  show(s: SessionState): void {
    const item = this.item;
    item.backgroundColor = undefined;
    switch (s.kind) {
      case 'disconnected':
        item.text = '$(debug-disconnect) xAPI';
        item.tooltip = 'xAPI: not connected. Click to connect to a device or the simulated device.';
        break;
      case 'connecting':
        item.text = `$(sync~spin) xAPI: connecting to ${s.label}…`;
        item.tooltip = `Connecting to ${s.label}…`;
        break;
      case 'connected':
        item.text = `$(plug) xAPI: ${s.label}`;
        item.tooltip = `Connected to ${s.label} — ${s.device.product}, software ${s.device.softwareVersion}. Click for actions.`;
        break;
      case 'reconnecting':
        item.text = `$(sync~spin) xAPI: ${s.label} (reconnecting)`;
        item.tooltip = `Connection to ${s.label} lost; attempt ${s.attempt}${s.reason ? ` — ${s.reason}` : ''}`;
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
      case 'failed':
        item.text = `$(error) xAPI: ${s.label} (not connected)`;
        item.tooltip = `${s.label}: ${s.error.message}`;
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        break;
    }
  }

  get text(): string { return this.item.text; }

  dispose(): void { this.item.dispose(); }
}
