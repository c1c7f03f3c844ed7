/**
 * A fleet run's results, in an editor-area webview: a row per device, updated as devices start and finish (posted
 * in batches, so a thousand devices finishing at once are a few messages), the summary when the run ends. The panel
 * asks its owner (fleetRuns.ts) to export, re-run the failed devices or stop; it keeps its rows so a hidden and
 * shown again panel is drawn again from them.
 */
import * as vscode from 'vscode';
import type { InventoryDevice } from '../../../../fleet/inventory';
import { outcomeDetail, type FleetOp } from '../../../../fleet/report';
import type { DeviceOutcome } from '../../../../fleet/runner';
import { resultsHtml } from './html';
import { parseResultsMessage, type HostToResults, type ResultRow, type ResultsToHost } from './messages';

/** What the panel's buttons ask for. */
export interface ResultsActions {
  onExport(): void;
  onRerun(): void;
  onStop(): void;
}

/** How often changed rows are posted while a run goes (ms). */
const POST_EVERY_MS = 100;

export const RESULTS_VIEW_TYPE = 'xapi.fleetResults';

export function rowOf(o: DeviceOutcome<unknown>, op: FleetOp): ResultRow {
  return { device: o.device.name, url: o.device.url, status: o.status, ...(o.kind ? { kind: o.kind } : {}), detail: outcomeDetail(o, op), ...(o.line !== undefined ? { line: o.line } : {}), ms: o.ms };
}

export class ResultsPanel implements vscode.Disposable {
  private readonly rows = new Map<string, ResultRow>();
  private readonly changed = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private finished: { summary: string; failed: number } | undefined;
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private closed = false;

  constructor(extensionUri: vscode.Uri, private readonly title: string, private readonly op: FleetOp, devices: readonly InventoryDevice[], private readonly actions: ResultsActions) {
    for (const d of devices) this.rows.set(d.name, { device: d.name, url: d.url, status: 'waiting', detail: '' });
    this.panel = vscode.window.createWebviewPanel(RESULTS_VIEW_TYPE, `Fleet: ${title}`, { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    });
    const webview = this.panel.webview;
    webview.html = resultsHtml(webview, webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'fleet-webview.js')), webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'fleet.css')));
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => this.received(parseResultsMessage(m))),
      this.panel.onDidDispose(() => { this.closed = true; this.dispose(); }),
    );
  }

  /** The rows as shown (tests read them; the webview draws the same). */
  snapshot(): ResultRow[] {
    return [...this.rows.values()];
  }

  get isClosed(): boolean {
    return this.closed;
  }

  started(device: InventoryDevice): void {
    this.set({ device: device.name, url: device.url, status: 'running', detail: '' });
  }

  ended(o: DeviceOutcome<unknown>): void {
    this.set(rowOf(o, this.op));
  }

  done(summary: string, failed: number): void {
    this.flush();
    this.finished = { summary, failed };
    this.post({ type: 'done', summary, failed });
  }

  reveal(): void {
    this.panel.reveal();
  }

  private set(row: ResultRow): void {
    this.rows.set(row.device, row);
    this.changed.add(row.device);
    this.timer ??= setTimeout(() => this.flush(), POST_EVERY_MS);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.changed.size) return;
    const rows = [...this.changed].map(d => this.rows.get(d)!);
    this.changed.clear();
    this.post({ type: 'rows', rows });
  }

  private received(m: ResultsToHost | undefined): void {
    if (m?.type === 'ready') {
      // A page loaded (again): everything it should show.
      this.changed.clear();
      this.post({ type: 'init', title: this.title, rows: this.snapshot(), running: !this.finished, summary: this.finished?.summary ?? 'running…' });
      if (this.finished) this.post({ type: 'done', ...this.finished });
    } else if (m?.type === 'export') this.actions.onExport();
    else if (m?.type === 'rerun') this.actions.onRerun();
    else if (m?.type === 'stop') this.actions.onStop();
  }

  private post(m: HostToResults): void {
    if (!this.closed) void this.panel.webview.postMessage(m);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    if (!this.closed) { this.closed = true; this.panel.dispose(); }
  }
}
