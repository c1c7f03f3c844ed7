/** A panel preview's page (client/shared/webviewPage.ts: the CSP every panel of ours has). */
import type * as vscode from 'vscode';
import { webviewPage } from '../../shared/webviewPage';

export function previewHtml(webview: vscode.Webview, scriptUri: vscode.Uri, styleUri: vscode.Uri): string {
  return webviewPage({ webview, script: scriptUri, style: styleUri, title: 'Panel preview', body: `<div class="bar"><span id="status" class="status"></span><span id="target" class="target" aria-live="polite"></span></div>
<main id="preview" class="touch"></main>` });
}
