/** A panel preview's page: a strict CSP (scripts only with this load's nonce, styles only from the extension). */
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

export function previewHtml(webview: vscode.Webview, scriptUri: vscode.Uri, styleUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = ["default-src 'none'", `style-src ${webview.cspSource}`, `font-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${styleUri.toString()}">
<title>Panel preview</title>
</head>
<body>
<div class="bar"><span id="status" class="status"></span><span id="target" class="target" aria-live="polite"></span></div>
<main id="preview" class="touch"></main>
<script nonce="${nonce}" src="${scriptUri.toString()}"></script>
</body>
</html>`;
}
