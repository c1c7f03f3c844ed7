/** The events webview's page (client/shared/webviewPage.ts: the CSP every panel of ours has). */
import type * as vscode from 'vscode';
import { webviewPage } from '../../shared/webviewPage';

export function eventsHtml(webview: vscode.Webview, scriptUri: vscode.Uri, styleUri: vscode.Uri): string {
  return webviewPage({ webview, script: scriptUri, style: styleUri, title: 'xAPI Events', body: `<div class="toolbar" role="toolbar" aria-label="Events">
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
</div>` });
}
