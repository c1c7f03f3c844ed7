/**
 * The events webview's script (plain DOM, bundled for the browser as dist/events-webview.js). It mirrors the host's
 * ring buffer from `replay` and `append` messages, filters locally with the host's own rule, and draws only the rows
 * in view (a virtualised table of fixed-height rows), so 10,000 rows cost a screenful of DOM. After each render it
 * reports its state back: the host cannot read this DOM, and tests read the report.
 */
import { payloadText, rowFilter, type RowFilter } from '../filter';
import type { EventRow, HostToWebview, TailStatus, WebviewReport, WebviewToHost } from '../messages';
import { RingBuffer } from '../ringBuffer';

declare function acquireVsCodeApi(): { postMessage(m: WebviewToHost): void };

const vscode = acquireVsCodeApi();
const post = (m: WebviewToHost) => vscode.postMessage(m);

const ROW_HEIGHT = 20;
const OVERSCAN = 10;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const filterInput = $<HTMLInputElement>('filter');
const pauseButton = $<HTMLButtonElement>('pause');
const statusText = $('status');
const droppedText = $('dropped');
const viewport = $('viewport');
const spacer = $('spacer');
const rowsBox = $('rows');
const detail = $('detail');
const detailTitle = $('detail-title');
const detailBody = $('detail-body');

let ring = new RingBuffer<EventRow>(10_000);
let dropped = 0;
let paused = false;
let filterText = '';
let keep: RowFilter = rowFilter('');
/** Rows that pass the filter, oldest first; recomputed when rows or the filter change. */
let visible: EventRow[] = [];
let visibleDirty = true;
let selected: EventRow | undefined;
const counts = { renders: 0, batches: 0, replays: 0 };
let renderQueued = false;
let stickToBottom = true;

function timeText(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

function setStatus(s: TailStatus): void {
  statusText.textContent = s.connected ? `${s.device ?? 'device'}: ${s.notice ?? s.subscribed}` : 'Not connected';
}

function setPaused(p: boolean): void {
  paused = p;
  pauseButton.textContent = p ? 'Resume' : 'Pause';
  pauseButton.setAttribute('aria-pressed', String(p));
}

function setFilter(text: string): void {
  filterText = text;
  keep = rowFilter(text);
  visibleDirty = true;
  if (filterInput.value !== text && document.activeElement !== filterInput) filterInput.value = text;
}

function atBottom(): boolean {
  return viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight - ROW_HEIGHT;
}

function recompute(): void {
  if (!visibleDirty) return;
  visibleDirty = false;
  const all = ring.toArray();
  visible = filterText ? all.filter(keep) : all;
}

function rowElement(row: EventRow, index: number): HTMLElement {
  const el = document.createElement('div');
  el.className = row === selected ? 'row selected' : 'row';
  el.setAttribute('role', 'row');
  el.dataset.seq = String(row.seq);
  el.style.top = `${index * ROW_HEIGHT}px`;
  const cell = (cls: string, text: string) => {
    const c = document.createElement('span');
    c.className = cls;
    c.textContent = text;
    el.appendChild(c);
  };
  cell('time', timeText(row.time));
  cell('path', row.path);
  const payload = payloadText(row.payload);
  cell('payload', payload.length > 300 ? `${payload.slice(0, 300)}…` : payload);
  return el;
}

function render(): void {
  renderQueued = false;
  recompute();
  spacer.style.height = `${visible.length * ROW_HEIGHT}px`;
  if (stickToBottom) viewport.scrollTop = viewport.scrollHeight;
  const first = Math.max(0, Math.floor(viewport.scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(visible.length, Math.ceil((viewport.scrollTop + viewport.clientHeight) / ROW_HEIGHT) + OVERSCAN);
  const frag = document.createDocumentFragment();
  for (let i = first; i < last; i++) frag.appendChild(rowElement(visible[i], i));
  rowsBox.replaceChildren(frag);
  droppedText.hidden = dropped === 0;
  droppedText.textContent = `${dropped.toLocaleString()} older event${dropped === 1 ? '' : 's'} dropped (the buffer keeps ${ring.capacity.toLocaleString()})`;
  counts.renders++;
  const report: WebviewReport = {
    rowsHeld: ring.length, rowsVisible: visible.length, rowsInDom: rowsBox.childElementCount, paused, filter: filterText,
    dropped, renders: counts.renders, batches: counts.batches, replays: counts.replays, newestSeq: ring.newest()?.seq ?? -1,
    status: statusText.textContent ?? '',
  };
  post({ type: 'report', report });
}

/** One render per frame however many messages came; a timer too, as frames may not come to a panel in the background. */
function queueRender(): void {
  if (renderQueued) return;
  renderQueued = true;
  const run = () => { if (renderQueued) render(); };
  requestAnimationFrame(run);
  setTimeout(run, 100);
}

function showDetail(row: EventRow | undefined): void {
  selected = row;
  detail.hidden = !row;
  if (!row) return;
  detailTitle.textContent = `${timeText(row.time)}  ${row.path}`;
  detailBody.textContent = JSON.stringify(row.payload, null, 2) ?? '';
}

window.addEventListener('message', (e: MessageEvent<HostToWebview>) => {
  const m = e.data;
  switch (m.type) {
    case 'replay':
      ring = new RingBuffer<EventRow>(m.capacity);
      ring.pushAll(m.rows);
      dropped = m.dropped;
      counts.replays++;
      setPaused(m.paused);
      setFilter(m.filter);
      setStatus(m.status);
      if (selected && !ring.findLast(r => r.seq === selected!.seq)) showDetail(undefined);
      break;
    case 'append':
      stickToBottom = stickToBottom || atBottom();
      ring.pushAll(m.rows);
      dropped = m.dropped;
      counts.batches++;
      break;
    case 'state':
      setPaused(m.paused);
      setFilter(m.filter);
      setStatus(m.status);
      break;
    default:
      return;
  }
  visibleDirty = true;
  queueRender();
});

let filterTimer: ReturnType<typeof setTimeout> | undefined;
filterInput.addEventListener('input', () => {
  setFilter(filterInput.value);
  queueRender();
  clearTimeout(filterTimer);
  filterTimer = setTimeout(() => post({ type: 'setFilter', text: filterInput.value }), 150);
});
pauseButton.addEventListener('click', () => post({ type: paused ? 'resume' : 'pause' }));
$('clear').addEventListener('click', () => post({ type: 'clear' }));
$('export').addEventListener('click', () => post({ type: 'export' }));
$('snippet').addEventListener('click', () => { if (selected) post({ type: 'copySnippet', seq: selected.seq }); });
viewport.addEventListener('scroll', () => { stickToBottom = atBottom(); queueRender(); });
rowsBox.addEventListener('click', e => {
  const el = (e.target as HTMLElement).closest<HTMLElement>('.row');
  const seq = Number(el?.dataset.seq);
  showDetail(visible.find(r => r.seq === seq));
  queueRender();
});
new ResizeObserver(() => queueRender()).observe(viewport);

post({ type: 'ready' });
