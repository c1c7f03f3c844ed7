/**
 * A webview page of ours: a strict CSP (scripts only with this load's nonce, styles and fonts only from the
 * extension, no inline styles), the stylesheet, the body, and the page script last. One place for the rule every
 * panel follows (the events panel, a fleet run's results, a panel preview).
 */
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

export function webviewPage(o: { webview: vscode.Webview; script: vscode.Uri; style: vscode.Uri; title: string; body: string }): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = ["default-src 'none'", `style-src ${o.webview.cspSource}`, `font-src ${o.webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${o.style.toString()}">
<title>${o.title}</title>
</head>
<body>
${o.body}
<script nonce="${nonce}" src="${o.script.toString()}"></script>
</body>
</html>`;
}
