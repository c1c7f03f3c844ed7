/**
 * The panel's text filter, one rule for the webview's table and the host's export: every word of the filter
 * must appear (case-insensitively) in the row's path or its payload as JSON. `Widget clicked` keeps widget
 * actions of type clicked.
 */
import type { EventRow } from './messages';

export type RowFilter = (row: EventRow) => boolean;

export function rowFilter(text: string): RowFilter {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return () => true;
  return row => {
    const hay = rowText(row);
    return words.every(w => hay.includes(w));
  };
}

/** What the filter searches in; cached per row object because a storm re-filters the same rows often. */
const textOf = new WeakMap<EventRow, string>();

function rowText(row: EventRow): string {
  let t = textOf.get(row);
  if (t === undefined) {
    t = `${row.path} ${payloadText(row.payload)}`.toLowerCase();
    textOf.set(row, t);
  }
  return t;
}

/** One-line JSON of a payload (the table's payload column and the filter's text). */
export function payloadText(payload: unknown): string {
  if (payload === undefined) return '';
  try { return JSON.stringify(payload) ?? String(payload); } catch { return String(payload); }
}
