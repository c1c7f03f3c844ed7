/** The events webview's page: a strict CSP (scripts only with this load's nonce, styles only from the extension). */
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

export function eventsHtml(webview: vscode.Webview, scriptUri: vscode.Uri, styleUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${styleUri.toString()}">
<title>xAPI Events</title>
</head>
<body>
<div class="toolbar" role="toolbar" aria-label="Events">
  <input id="filter" type="search" placeholder="Filter (words in path or payload)" aria-label="Filter events">
  <button id="pause" type="button">Pause</button>
  <button id="clear" type="button">Clear</button>
  <button id="export" type="button">Export…</button>
  <span id="status" class="status" aria-live="polite"></span>
</div>
<div id="dropped" class="dropped" hidden></div>
<div class="head" role="row"><span class="time">Time</span><span class="path">Path</span><span class="payload">Payload</span></div>
<div id="viewport" class="viewport" role="grid" aria-label="Events" tabindex="0"><div id="spacer" class="spacer"></div><div id="rows" class="rows"></div></div>
<div id="detail" class="detail" hidden>
  <div class="detail-head"><span id="detail-title"></span><button id="snippet" type="button">Copy as Macro Snippet</button></div>
  <pre id="detail-body"></pre>
</div>
<script nonce="${nonce}" src="${scriptUri.toString()}"></script>
</body>
</html>`;
}
