/**
 * Fleet runs in the extension: the same runner, tasks and report as `xapi fleet` (fleet/), with VS Code around them —
 * the passwords resolved first (fleetCredentials.ts), a progress notification whose Cancel lets devices in flight
 * finish and starts no more, the results table (results/), its CSV export, and a re-run on the devices that did not
 * end well. A check (product, software, reachable?) is a quiet query whose answers go to the Fleet view.
 */
import { writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { InventoryDevice } from '../../../fleet/inventory';
import { queryTask, type FleetAccess } from '../../../fleet/operations';
import { reportRows, reportSummary, toCsv, type FleetOp } from '../../../fleet/report';
import { runFleet, type DeviceOutcome, type DeviceTask, type FleetReport } from '../../../fleet/runner';
import { config } from '../../config';
import { prompts } from '../../prompts';
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
  /** Its results table (made again by `show` when the user closed it). */
  panel: ResultsPanel;
  /** Settles when the run ends (never rejects: a run that broke ends with every device it did not finish unknown). */
  readonly report: Promise<FleetReport<unknown>>;
  /** A re-run of it is being confirmed or under way. */
  rerunning?: boolean;
}

/** Statuses a re-run takes again; devices left unknown (they may have been changed) only when the user says so. */
const RERUN = new Set(['failed', 'not-run']);
const INCLUDE_UNKNOWN = 'Include Unknown';
/** A check reads two statuses: a device that takes longer is as good as unreachable. */
const CHECK_TIMEOUT_MS = 30_000;

export class FleetRuns implements vscode.Disposable {
  private readonly panels = new Set<ResultsPanel>();
  /** Runs under way: abandoned when the extension stops (nothing keeps connecting to rooms after that). */
  private readonly running = new Set<AbortController>();
  /** The newest run (tests wait for it). */
  lastRun: FleetRun | undefined;

  constructor(
    private readonly credentials: FleetCredentials,
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly hooks: {
      /** Every device's outcome, as it comes (the Fleet view learns reachability from runs). */
      onOutcome?(o: DeviceOutcome<unknown>): void;
      /** A run ended (not a check). */
      onEnded?(report: FleetReport<unknown>): void;
    } = {},
  ) {}

  /** Runs `operation` on `devices` with a results table; undefined when the user cancels a password prompt. */
  async run(operation: FleetOperation, devices: readonly InventoryDevice[]): Promise<FleetRun | undefined> {
    const access = await this.credentials.accessFor(devices);
    if (!access) return undefined;
    const stop = new AbortController();
    const abandon = new AbortController();
    this.running.add(abandon);
    // The panel's buttons act on the run it shows, made just below.
    const self: { run?: FleetRun } = {};
    const panel = this.panelFor(operation, devices, () => self.run!, () => { stop.abort(); abandon.abort(); });
    // The run's table: this one, or the one `show` made again after the user closed it.
    const report = this.withProgress(operation, devices, access, () => self.run?.panel ?? panel, stop, abandon).finally(() => this.running.delete(abandon));
    const run: FleetRun = { operation, devices, panel, report };
    self.run = run;
    this.lastRun = run;
    return run;
  }

  /** The run's results table shown again: revealed, or made again from its report when it was closed. */
  async show(run: FleetRun): Promise<void> {
    if (!run.panel.isClosed) { run.panel.reveal(); return; }
    run.panel = this.panelFor(run.operation, run.devices, () => run, () => undefined);
    const report = await run.report;
    for (const o of report.outcomes) run.panel.ended(o);
    run.panel.done(reportSummary(report), report.outcomes.filter(o => RERUN.has(o.status) || o.status === 'unknown').length);
  }

  private panelFor(operation: FleetOperation, devices: readonly InventoryDevice[], run: () => FleetRun, stop: () => void): ResultsPanel {
    const said = (e: Error) => void prompts.showErrorMessage(`xAPI: ${e.message}`);
    const panel = new ResultsPanel(this.extensionUri, `${operation.title} (${devices.length} device${devices.length === 1 ? '' : 's'})`, operation.op, devices, {
      onExport: () => { void this.exportCsv(run()).catch(said); },
      onRerun: () => { void this.rerunFailed(run()).catch(said); },
      onStop: stop,
    });
    for (const p of this.panels) if (p.isClosed) this.panels.delete(p);
    this.panels.add(panel);
    return panel;
  }

  /**
   * The run again, on its devices that failed or were not run — and, when the user says so, those it left unknown
   * (they may have been changed: a script that is not idempotent would run twice there). Confirmed first.
   */
  async rerunFailed(run: FleetRun): Promise<FleetRun | undefined> {
    if (run.rerunning) return undefined; // a second click while the first is asked or running
    run.rerunning = true;
    try {
      const report = await run.report;
      const failed = report.outcomes.filter(o => RERUN.has(o.status)).map(o => o.device);
      const unknown = report.outcomes.filter(o => o.status === 'unknown').map(o => o.device);
      if (!failed.length && !unknown.length) {
        void prompts.showInformationMessage('xAPI: every device of that run ended ok or was skipped: nothing to run again');
        return undefined;
      }
      const answer = await prompts.confirm(`${run.operation.title} again on ${failed.length} device${failed.length === 1 ? '' : 's'} that failed or were not run?`,
        unknown.length ? `${unknown.length} more were left unknown: they may have been changed. ${INCLUDE_UNKNOWN} runs them again too.` : 'The same operation, on those devices only.',
        ...(failed.length ? ['Run Again'] : []), ...(unknown.length ? [INCLUDE_UNKNOWN] : []));
      const again = answer === 'Run Again' ? failed : answer === INCLUDE_UNKNOWN ? [...failed, ...unknown] : [];
      if (!again.length) return undefined;
      const next = await this.run({ ...run.operation, title: `${run.operation.title}, again on ${again.length}` }, again);
      await next?.report;
      return next;
    } finally {
      run.rerunning = false;
    }
  }

  /** Product, software and reachability of `devices`: a quiet query (progress in the Fleet view). */
  async check(devices: readonly InventoryDevice[], viewId: string, onOutcome: (o: DeviceOutcome<Record<string, unknown>>) => void): Promise<void> {
    const access = await this.credentials.accessFor(devices);
    if (!access) return;
    const task = queryTask(CHECK_PATHS.map(p => [...p]), access);
    await vscode.window.withProgress({ location: { viewId }, title: 'Checking devices' }, () => runFleet(devices, task, {
      concurrency: config.fleetConcurrency() || undefined, timeoutMs: Math.min(CHECK_TIMEOUT_MS, config.fleetTimeoutMs() ?? CHECK_TIMEOUT_MS),
      onOutcome: o => onOutcome(o as DeviceOutcome<Record<string, unknown>>),
    }));
  }

  private withProgress(operation: FleetOperation, devices: readonly InventoryDevice[], access: FleetAccess, panel: () => ResultsPanel, stop: AbortController, abandon: AbortController): Promise<FleetReport<unknown>> {
    return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `xAPI Fleet: ${operation.title}`, cancellable: true }, async (progress, token) => {
      token.onCancellationRequested(() => {
        stop.abort();
        progress.report({ message: 'stopping: devices in flight finish (Stop Now in the results leaves them unknown)' });
      });
      let done = 0;
      let failed = 0;
      const t0 = Date.now();
      let report: FleetReport<unknown>;
      try {
        report = await runFleet(devices, operation.task(access), {
          op: operation.op, concurrency: config.fleetConcurrency() || undefined, timeoutMs: config.fleetTimeoutMs(),
          stop: stop.signal, abandon: abandon.signal,
          onStart: d => panel().started(d),
          onOutcome: o => {
            panel().ended(o);
            this.hooks.onOutcome?.(o);
            done++;
            if (o.status === 'failed') failed++;
            if (!stop.signal.aborted) {
              const rate = done / Math.max(1, (Date.now() - t0) / 1000);
              progress.report({ increment: 100 / devices.length, message: `${done}/${devices.length} done, ${failed} failed, ${rate.toFixed(1)}/s` });
            }
          },
        });
      } catch (e) {
        // The runner itself broke (a bug): said, and the table ends rather than stays "running" forever.
        this.log.error(`fleet ${operation.title}: ${(e as Error).stack ?? e}`);
        void prompts.showErrorMessage(`xAPI: the fleet run stopped: ${(e as Error).message}`);
        report = { outcomes: devices.map(device => ({ device, status: 'unknown', kind: 'error', reason: `the run stopped: ${(e as Error).message}`, ms: 0 })), exitCode: 1 };
      }
      const summary = reportSummary(report);
      panel().done(summary, report.outcomes.filter(o => RERUN.has(o.status) || o.status === 'unknown').length);
      this.log.info(`fleet ${operation.title}: ${summary}`);
      this.hooks.onEnded?.(report);
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
    for (const a of this.running) a.abort();
    this.running.clear();
    for (const p of this.panels) p.dispose();
    this.panels.clear();
  }
}
