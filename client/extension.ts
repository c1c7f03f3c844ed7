/** VS Code extension entry (issues 5–7 fill it: live session, views, language client). */
import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Language client and device session arrive with the extension issues.
}

export function deactivate(): void {}
