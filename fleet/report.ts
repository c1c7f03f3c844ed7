/**
 * A fleet run's report, as every front end shows it (the CLI's table, CSV and JSON lines; the extension's results
 * table and its CSV export): a row per device with what happened and why.
 */
import { formatValue } from '../xapi/format';
import { EXIT, type DeviceOutcome, type FleetReport } from './runner';

/** The operations a run can be (the journal names them; a resume must be of the same one). */
export type FleetOp = 'query' | 'run' | 'deploy' | 'config';

/** One line of text per device: what happened and why. */
export function outcomeDetail(o: DeviceOutcome<unknown>, op: FleetOp): string {
  if (o.status === 'ok') return o.reason ?? (op === 'run' ? `${String(o.value)} line(s)` : '');
  return `${o.kind ? `${o.kind}: ` : ''}${o.reason ?? ''}${o.earlier ? ' (earlier run)' : ''}`;
}

/**
 * The table: a header, then a row per device; for a query, a column per value (`keys`: the paths as read, `headers`
 * their titles, in the order asked).
 */
export function reportRows(outcomes: readonly DeviceOutcome<unknown>[], op: FleetOp, keys: readonly string[] = [], headers: readonly string[] = keys): string[][] {
  const header = ['DEVICE', 'STATUS', ...headers, 'DETAIL'];
  const rows = outcomes.map(o => {
    const values = keys.map(k => {
      const v = (o.value as Record<string, unknown> | undefined)?.[k];
      return v === undefined ? '' : formatValue(v);
    });
    return [o.device.name, o.status, ...values, outcomeDetail(o, op)];
  });
  return [header, ...rows];
}

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Rows as CSV (RFC 4180 quoting), a line each. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map(r => r.map(csvCell).join(',')).join('\n') + '\n';
}

/** A device's outcome as one JSON line (`--json`, a `.json` report). */
export function outcomeJson(o: DeviceOutcome<unknown>): string {
  return JSON.stringify({ device: o.device.name, url: o.device.url, status: o.status, ...(o.kind ? { kind: o.kind } : {}), ...(o.reason ? { reason: o.reason } : {}),
    ...(o.line !== undefined ? { line: o.line } : {}), ...(o.value !== undefined ? { value: o.value } : {}), ...(o.earlier ? { earlier: true } : {}), ms: o.ms });
}

/** The counts a run ends with: `3 ok, 1 failed, 0 skipped, 0 unknown, 0 not run`. */
export function reportSummary(report: Pick<FleetReport<unknown>, 'outcomes' | 'stopped' | 'exitCode'>): string {
  const count = (s: string) => report.outcomes.filter(o => o.status === s).length;
  return `${count('ok')} ok, ${count('failed')} failed, ${count('skipped')} skipped, ${count('unknown')} unknown, ${count('not-run')} not run${report.stopped ? `; stopped: ${report.stopped}` : ''}${report.exitCode === EXIT.interrupted ? '; interrupted' : ''}`;
}
