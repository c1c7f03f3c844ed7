/** A fleet results webview's page: a strict CSP (scripts only with this load's nonce, styles only from the extension). */
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';
import { STATUS_ORDER } from './messages';

export function resultsHtml(webview: vscode.Webview, scriptUri: vscode.Uri, styleUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = ["default-src 'none'", `style-src ${webview.cspSource}`, `font-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${styleUri.toString()}">
<title>Fleet results</title>
</head>
<body>
<h1 id="title"></h1>
<div class="toolbar" role="toolbar" aria-label="Results">
  <input id="filter" type="search" placeholder="Filter (device, kind, detail)" aria-label="Filter devices">
  <select id="status" aria-label="Status"><option value="">All statuses</option>${STATUS_ORDER.map(s => `<option value="${s}">${s}</option>`).join('')}</select>
  <button id="export" type="button">Export CSV…</button>
  <button id="rerun" type="button" disabled>Re-run Failed</button>
  <button id="stop" type="button" hidden>Stop Now</button>
  <span id="shown" class="shown"></span>
</div>
<p id="summary" class="summary" aria-live="polite"></p>
<table id="results">
<thead><tr>
  <th data-sort="device" aria-sort="none">Device</th><th data-sort="status" aria-sort="none">Status</th><th data-sort="kind" aria-sort="none">Kind</th>
  <th data-sort="detail" aria-sort="none">Detail</th><th>Line</th><th data-sort="ms" aria-sort="none">ms</th>
</tr></thead>
<tbody id="rows"></tbody>
</table>
<script nonce="${nonce}" src="${scriptUri.toString()}"></script>
</body>
</html>`;
}
