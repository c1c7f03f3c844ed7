/**
 * Fleet runs in the extension: the same runner, tasks and report as `xapi fleet` (fleet/), with VS Code around them —
 * the passwords resolved first (fleetCredentials.ts), a progress notification whose Cancel lets devices in flight
 * finish and starts no more, the results table (results/), its CSV export, and a re-run on the devices that did not
 * end well. A check (product, software, reachable?) is a quiet query whose answers go to the Fleet view.
 */
import { writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { InventoryDevice } from '../../fleet/inventory';
import { queryTask, type FleetAccess } from '../../fleet/operations';
import { reportRows, reportSummary, toCsv, type FleetOp } from '../../fleet/report';
import { runFleet, type DeviceOutcome, type DeviceTask, type FleetReport } from '../../fleet/runner';
import { config } from '../config';
import { prompts } from '../prompts';
import type { FleetCredentials } from './fleetCredentials';
import { CHECK_PATHS } from './fleetModel';
import { ResultsPanel } from './results/resultsPanel';

/** What a run does, whatever devices it is given (a re-run gives it the failed ones). */
export interface FleetOperation {
  readonly op: FleetOp;
  /** `run setup.xapi`, `deploy room_booking`. */
  readonly title: string;
  task(access: FleetAccess): DeviceTask<unknown>;
}

export interface FleetRun {
  readonly operation: FleetOperation;
  readonly devices: readonly InventoryDevice[];
  readonly panel: ResultsPanel;
  /** Settles when the run ends. */
  readonly report: Promise<FleetReport<unknown>>;
}

/** Statuses a re-run takes again. */
const RERUN = new Set(['failed', 'unknown', 'not-run']);

export class FleetRuns implements vscode.Disposable {
  private readonly panels = new Set<ResultsPanel>();
  /** The newest run (tests wait for it). */
  lastRun: FleetRun | undefined;

  constructor(
    private readonly credentials: FleetCredentials,
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    /** Every device's outcome, as it comes (the Fleet view learns reachability from runs). */
    private readonly onOutcome: (o: DeviceOutcome<unknown>) => void = () => undefined,
  ) {}

  /** Runs `operation` on `devices` with a results table; undefined when the user cancels a password prompt. */
  async run(operation: FleetOperation, devices: readonly InventoryDevice[]): Promise<FleetRun | undefined> {
    const access = await this.credentials.accessFor(devices);
    if (!access) return undefined;
    const stop = new AbortController();
    const abandon = new AbortController();
    // The panel's buttons act on the run it shows, made just below.
    const self: { run?: FleetRun } = {};
    const panel = new ResultsPanel(this.extensionUri, `${operation.title} (${devices.length} device${devices.length === 1 ? '' : 's'})`, operation.op, devices, {
      onExport: () => { void this.exportCsv(self.run!).catch((e: Error) => void prompts.showErrorMessage(`xAPI: ${e.message}`)); },
      onRerun: () => { void this.rerunFailed(self.run!).catch((e: Error) => void prompts.showErrorMessage(`xAPI: ${e.message}`)); },
      onStop: () => { stop.abort(); abandon.abort(); },
    });
    for (const p of this.panels) if (p.isClosed) this.panels.delete(p);
    this.panels.add(panel);
    const report = this.withProgress(operation, devices, access, panel, stop, abandon);
    const run: FleetRun = { operation, devices, panel, report };
    self.run = run;
    this.lastRun = run;
    return run;
  }

  /** The run again, on its devices that failed, were left unknown or were not run. */
  async rerunFailed(run: FleetRun): Promise<FleetRun | undefined> {
    const report = await run.report;
    const again = report.outcomes.filter(o => RERUN.has(o.status)).map(o => o.device);
    if (!again.length) {
      void prompts.showInformationMessage('xAPI: every device of that run ended ok or was skipped: nothing to run again');
      return undefined;
    }
    return this.run({ ...run.operation, title: `${run.operation.title}, again on ${again.length} failed` }, again);
  }

  /** Product, software and reachability of `devices`: a quiet query (progress in the Fleet view). */
  async check(devices: readonly InventoryDevice[], viewId: string, onOutcome: (o: DeviceOutcome<Record<string, unknown>>) => void): Promise<void> {
    const access = await this.credentials.accessFor(devices);
    if (!access) return;
    const task = queryTask(CHECK_PATHS.map(p => [...p]), access);
    await vscode.window.withProgress({ location: { viewId }, title: 'Checking devices' }, () => runFleet(devices, task, {
      concurrency: config.fleetConcurrency() || undefined, timeoutMs: Math.min(30, config.fleetTimeoutSeconds()) * 1000,
      onOutcome: o => onOutcome(o as DeviceOutcome<Record<string, unknown>>),
    }));
  }

  private withProgress(operation: FleetOperation, devices: readonly InventoryDevice[], access: FleetAccess, panel: ResultsPanel, stop: AbortController, abandon: AbortController): Promise<FleetReport<unknown>> {
    return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `xAPI Fleet: ${operation.title}`, cancellable: true }, async (progress, token) => {
      token.onCancellationRequested(() => {
        stop.abort();
        progress.report({ message: 'stopping: devices in flight finish (Stop Now in the results leaves them unknown)' });
      });
      let done = 0;
      let failed = 0;
      const t0 = Date.now();
      const report = await runFleet(devices, operation.task(access), {
        op: operation.op, concurrency: config.fleetConcurrency() || undefined, timeoutMs: config.fleetTimeoutSeconds() * 1000,
        stop: stop.signal, abandon: abandon.signal,
        onStart: d => panel.started(d),
        onOutcome: o => {
          panel.ended(o);
          this.onOutcome(o);
          done++;
          if (o.status === 'failed') failed++;
          if (!stop.signal.aborted) {
            const rate = done / Math.max(1, (Date.now() - t0) / 1000);
            progress.report({ increment: 100 / devices.length, message: `${done}/${devices.length} done, ${failed} failed, ${rate.toFixed(1)}/s` });
          }
        },
      });
      const summary = reportSummary(report) + (stop.signal.aborted ? '; interrupted' : '');
      panel.done(summary, report.outcomes.filter(o => RERUN.has(o.status)).length);
      this.log.info(`fleet ${operation.title}: ${summary}`);
      return report;
    }));
  }

  /** The run's report as a CSV file the user names (the results table's Export CSV…). */
  async exportCsv(run: FleetRun): Promise<void> {
    const report = await run.report;
    const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await prompts.showSaveDialog({
      title: 'Export the fleet results',
      filters: { CSV: ['csv'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `fleet-${run.operation.op}-${stamp}.csv`) } : {}),
    });
    if (!target) return;
    await writeFile(target.fsPath, toCsv(reportRows(report.outcomes, run.operation.op)));
    void prompts.showInformationMessage(`xAPI: ${report.outcomes.length} devices written to ${vscode.workspace.asRelativePath(target)}`);
  }

  dispose(): void {
    for (const p of this.panels) p.dispose();
    this.panels.clear();
  }
}
