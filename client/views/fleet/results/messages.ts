/**
 * The contract between the extension host and a fleet run's results webview, and the table's pure rules (sorting
 * and filtering, used by the webview and tested in Node). What crosses is structured-cloned plain data; the host
 * checks what the webview sends (`parseResultsMessage`).
 */

/** One device's row. */
export interface ResultRow {
  readonly device: string;
  readonly url: string;
  /** ok, failed, skipped, unknown, not-run — or `running` while in flight. */
  readonly status: string;
  /** Why it did not end ok (offline, auth, gating, …). */
  readonly kind?: string;
  readonly detail: string;
  /** The script line a run stopped at. */
  readonly line?: number;
  readonly ms?: number;
}

export type HostToResults =
  /** The run's title and devices (all `waiting`), on load and whenever the webview is made again. */
  | { readonly type: 'init'; readonly title: string; readonly rows: readonly ResultRow[]; readonly running: boolean; readonly summary: string }
  /** Rows that changed (by device name). */
  | { readonly type: 'rows'; readonly rows: readonly ResultRow[] }
  /** The run ended: its summary; whether a re-run of the failed ones makes sense. */
  | { readonly type: 'done'; readonly summary: string; readonly failed: number };

export type ResultsToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'export' }
  | { readonly type: 'rerun' }
  /** Stop now: devices in flight are left unknown (the progress notification's Cancel lets them finish). */
  | { readonly type: 'stop' };

export function parseResultsMessage(m: unknown): ResultsToHost | undefined {
  const type = (m as { type?: unknown } | null)?.type;
  return type === 'ready' || type === 'export' || type === 'rerun' || type === 'stop' ? { type } : undefined;
}

/** The columns a table sorts by. */
export type SortKey = 'device' | 'status' | 'kind' | 'detail' | 'ms';

/** A row's statuses, in the order that puts what needs attention first. */
export const STATUS_ORDER = ['failed', 'unknown', 'running', 'waiting', 'not-run', 'skipped', 'ok'] as const;

export function sortRows(rows: readonly ResultRow[], key: SortKey, descending: boolean): ResultRow[] {
  const text = (r: ResultRow) => (key === 'status' ? String(STATUS_ORDER.indexOf(r.status as (typeof STATUS_ORDER)[number])).padStart(2, '0') : String(r[key as 'device' | 'kind' | 'detail'] ?? ''));
  const compare = key === 'ms'
    ? (a: ResultRow, b: ResultRow) => (a.ms ?? -1) - (b.ms ?? -1)
    : (a: ResultRow, b: ResultRow) => text(a).localeCompare(text(b), undefined, { numeric: true, sensitivity: 'base' });
  // Stable, and the device name breaks ties so equal rows keep a predictable order.
  return rows.map((r, i) => ({ r, i })).sort((a, b) => (compare(a.r, b.r) || a.r.device.localeCompare(b.r.device, undefined, { numeric: true }) || a.i - b.i) * (descending ? -1 : 1)).map(x => x.r);
}

/** Rows whose status is `status` (all when empty) and whose device, kind or detail contain every word of `text`. */
export function filterRows(rows: readonly ResultRow[], text: string, status: string): ResultRow[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter(r => (!status || r.status === status)
    && words.every(w => `${r.device} ${r.kind ?? ''} ${r.detail} ${r.url}`.toLowerCase().includes(w)));
}
