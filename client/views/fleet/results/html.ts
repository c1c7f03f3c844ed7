/** A fleet run's results page (client/shared/webviewPage.ts: the CSP every panel of ours has). */
import type * as vscode from 'vscode';
import { webviewPage } from '../../../shared/webviewPage';
import { STATUS_ORDER } from './messages';

export function resultsHtml(webview: vscode.Webview, scriptUri: vscode.Uri, styleUri: vscode.Uri): string {
  return webviewPage({ webview, script: scriptUri, style: styleUri, title: 'Fleet results', body: `<h1 id="title"></h1>
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
</table>` });
}
