/**
 * A fleet run's results table (plain DOM, bundled for the browser as dist/fleet-webview.js): a row per device,
 * updated as devices finish; sorted by a click on a column head (again: the other way), filtered by words and by
 * status; buttons to export CSV, re-run the failed devices, and stop the run. Test contract: each row is
 * `tr[data-device][data-status]`, `#summary` says the counts, `#results` is the table.
 */
import { filterRows, sortRows, type HostToResults, type ResultRow, type ResultsToHost, type SortKey } from '../messages';

declare function acquireVsCodeApi(): { postMessage(m: ResultsToHost): void };

const vscode = acquireVsCodeApi();
const post = (m: ResultsToHost) => vscode.postMessage(m);
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const title = $('title');
const summary = $('summary');
const filterInput = $<HTMLInputElement>('filter');
const statusSelect = $<HTMLSelectElement>('status');
const body = $<HTMLTableSectionElement>('rows');
const exportButton = $<HTMLButtonElement>('export');
const rerunButton = $<HTMLButtonElement>('rerun');
const stopButton = $<HTMLButtonElement>('stop');
const shown = $('shown');

const rows = new Map<string, ResultRow>();
let order: string[] = [];
let sort: { key: SortKey; descending: boolean } | undefined;
let queued = false;

function cell(text: string, className?: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function render(): void {
  queued = false;
  const all = order.map(d => rows.get(d)!);
  const kept = filterRows(sort ? sortRows(all, sort.key, sort.descending) : all, filterInput.value, statusSelect.value);
  const trs = kept.map(r => {
    const tr = document.createElement('tr');
    tr.dataset.device = r.device;
    tr.dataset.status = r.status;
    tr.title = r.url;
    tr.append(cell(r.device), cell(r.status, `status ${r.status}`), cell(r.kind ?? ''), cell(r.detail, 'detail'), cell(r.line === undefined ? '' : String(r.line)), cell(r.ms === undefined ? '' : `${r.ms}`, 'ms'));
    return tr;
  });
  body.replaceChildren(...trs);
  shown.textContent = kept.length === all.length ? '' : `${kept.length} of ${all.length} shown`;
  for (const th of document.querySelectorAll<HTMLElement>('th[data-sort]')) {
    th.setAttribute('aria-sort', sort && sort.key === th.dataset.sort ? (sort.descending ? 'descending' : 'ascending') : 'none');
  }
}

function queue(): void {
  if (queued) return;
  queued = true;
  requestAnimationFrame(render);
}

window.addEventListener('message', (e: MessageEvent<HostToResults>) => {
  const m = e.data;
  if (m.type === 'init') {
    title.textContent = m.title;
    summary.textContent = m.summary;
    rows.clear();
    for (const r of m.rows) rows.set(r.device, r);
    order = m.rows.map(r => r.device);
    stopButton.hidden = !m.running;
    rerunButton.disabled = m.running;
    exportButton.disabled = m.running;
  } else if (m.type === 'rows') {
    for (const r of m.rows) {
      if (!rows.has(r.device)) order.push(r.device);
      rows.set(r.device, r);
    }
  } else if (m.type === 'done') {
    summary.textContent = m.summary;
    stopButton.hidden = true;
    rerunButton.disabled = m.failed === 0;
    exportButton.disabled = false;
  }
  queue();
});

for (const th of document.querySelectorAll<HTMLElement>('th[data-sort]')) {
  th.addEventListener('click', () => {
    const key = th.dataset.sort as SortKey;
    sort = sort?.key === key ? { key, descending: !sort.descending } : { key, descending: false };
    queue();
  });
}
filterInput.addEventListener('input', queue);
statusSelect.addEventListener('change', queue);
exportButton.addEventListener('click', () => post({ type: 'export' }));
rerunButton.addEventListener('click', () => post({ type: 'rerun' }));
stopButton.addEventListener('click', () => post({ type: 'stop' }));
post({ type: 'ready' });
