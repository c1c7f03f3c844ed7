/**
 * A panel preview (plain DOM, bundled for the browser as dist/panel-preview.js), laid out as a touch controller lays
 * out a panel: pages as tabs, rows top to bottom with their names, widgets side by side in four columns by their
 * `size`, each kind drawn as what it is. Pressing, toggling, sliding or selecting reports the gesture to the host
 * (which makes the device send the events); values the host sends (the device's) are shown.
 *
 * Test contract: each widget element has `data-widget-id` and `data-widget-type`; sliders and spinners
 * `aria-valuenow`; toggles `aria-pressed`; pages `data-page-id` (the shown one `aria-selected` on its tab).
 */
import { isPanelColor, PAD_VALUES, ROW_COLUMNS, SLIDER_RANGE, SPINNER_VALUES } from '../../../../schema/panels/format';
import type { PanelDocument, PanelModel, PanelWidget } from '../../../../schema/panels/model';
import type { WidgetTouch } from '../../../../schema/panels/touch';
import type { HostToPreview, PreviewToHost } from '../messages';

declare function acquireVsCodeApi(): { postMessage(m: PreviewToHost): void; getState(): unknown; setState(s: unknown): void };

const vscode = acquireVsCodeApi();
const post = (m: PreviewToHost) => vscode.postMessage(m);
const root = document.getElementById('preview')!;
const status = document.getElementById('status')!;
const target = document.getElementById('target')!;

let doc: PanelDocument = { panels: [] };
let values: Record<string, string> = {};
/**
 * The page shown per panel (by the panel's place in the document), kept across redraws and in the webview's state:
 * by its id, and by its place when the id is being typed.
 */
type Shown = { key: string; index: number };
const shownPage = new Map<number, Shown>(((vscode.getState() as { pages?: [number, Shown][] } | undefined)?.pages ?? []));

const touch = (w: PanelWidget, t: WidgetTouch) => post({ type: 'touch', widgetId: w.widgetId, widgetType: w.type, touch: t });

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A button that reports press and release (pointer or keyboard) with `value`. */
function pressable(w: PanelWidget, label: string, value?: string, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', ...attrs }, label);
  let down = false;
  const press = () => { if (!down) { down = true; b.classList.add('down'); touch(w, { kind: 'press', ...(value !== undefined ? { value } : {}) }); } };
  const release = () => { if (down) { down = false; b.classList.remove('down'); touch(w, { kind: 'release', ...(value !== undefined ? { value } : {}) }); } };
  b.addEventListener('pointerdown', e => { b.setPointerCapture(e.pointerId); press(); });
  b.addEventListener('pointerup', release);
  b.addEventListener('pointercancel', release);
  b.addEventListener('keydown', e => { if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) press(); });
  b.addEventListener('keyup', e => { if (e.key === ' ' || e.key === 'Enter') release(); });
  return b;
}

function widgetElement(w: PanelWidget): HTMLElement {
  const base = { 'data-widget-id': w.widgetId, 'data-widget-type': w.type, class: `widget ${w.type.toLowerCase()}` };
  const value = values[w.widgetId];
  switch (w.type) {
    case 'Button':
      return pressable(w, w.options.icon ? `⏵ ${w.options.icon}` : w.name ?? w.widgetId, undefined, base);
    case 'ToggleButton': {
      const on = value === 'on';
      const b = el('button', { ...base, type: 'button', role: 'switch', 'aria-pressed': String(on), 'aria-label': w.name ?? w.widgetId }, on ? 'On' : 'Off');
      b.addEventListener('click', () => {
        const next = b.getAttribute('aria-pressed') === 'true' ? 'off' : 'on';
        values[w.widgetId] = next;
        b.setAttribute('aria-pressed', String(next === 'on'));
        b.textContent = next === 'on' ? 'On' : 'Off';
        touch(w, { kind: 'toggle', value: next });
      });
      return b;
    }
    case 'Slider': {
      const v = Number.isFinite(Number(value)) && value !== undefined && value !== '' ? Number(value) : SLIDER_RANGE[0];
      const s = el('input', { ...base, type: 'range', min: String(SLIDER_RANGE[0]), max: String(SLIDER_RANGE[1]), value: String(v), 'aria-valuenow': String(v), 'aria-label': w.name ?? w.widgetId });
      let grabbed = false;
      const at = () => Number(s.value);
      // A grab sends start; moves send move; letting go (the pointer up, or a keyboard change) sends end, once.
      const end = () => { if (grabbed) { grabbed = false; delete s.dataset.dragging; touch(w, { kind: 'slide', phase: 'end', value: at() }); } };
      s.addEventListener('pointerdown', e => { s.setPointerCapture(e.pointerId); grabbed = true; s.dataset.dragging = '1'; touch(w, { kind: 'slide', phase: 'start', value: at() }); });
      s.addEventListener('input', () => {
        s.setAttribute('aria-valuenow', s.value);
        values[w.widgetId] = s.value;
        if (!grabbed) { grabbed = true; touch(w, { kind: 'slide', phase: 'start', value: at() }); } else touch(w, { kind: 'slide', phase: 'move', value: at() });
      });
      s.addEventListener('pointerup', end);
      s.addEventListener('pointercancel', end);
      s.addEventListener('change', end);
      return s;
    }
    case 'GroupButton': {
      const g = el('div', { ...base, role: 'radiogroup' });
      const columns = Number(w.options.columns);
      g.style.gridTemplateColumns = `repeat(${Number.isInteger(columns) && columns >= 1 && columns <= ROW_COLUMNS ? columns : Math.min(ROW_COLUMNS, Math.max(1, (w.values ?? []).length))}, 1fr)`;
      for (const v of w.values ?? []) {
        const b = pressable(w, v.name ?? v.key, v.key, { role: 'radio', 'aria-checked': String(value === v.key), 'data-key': v.key });
        b.addEventListener('pointerup', () => { values[w.widgetId] = v.key; for (const o of g.children) o.setAttribute('aria-checked', String(o === b)); });
        g.append(b);
      }
      return g;
    }
    case 'Spinner': {
      const vertical = w.options.style === 'vertical';
      const [less, more] = w.options.style === 'plusminus' ? ['−', '+'] : vertical ? ['▼', '▲'] : ['◀', '▶'];
      const [increment, decrement] = SPINNER_VALUES;
      const s = el('div', { ...base, role: 'spinbutton', 'aria-valuenow': value ?? '', 'aria-valuetext': value ?? '', 'aria-label': w.name ?? w.widgetId });
      s.append(pressable(w, less, decrement, { 'aria-label': decrement }), el('span', { class: 'spinner-value' }, value ?? ''), pressable(w, more, increment, { 'aria-label': increment }));
      return s;
    }
    case 'DirectionalPad': {
      const p = el('div', { ...base, role: 'group', 'aria-label': w.name ?? w.widgetId });
      const arrows: Record<(typeof PAD_VALUES)[number], string> = { up: '▲', left: '◀', center: w.name ?? 'OK', right: '▶', down: '▼' };
      for (const dir of PAD_VALUES) {
        const label = arrows[dir];
        p.append(pressable(w, label, dir, { class: `pad-${dir}`, 'aria-label': dir }));
      }
      return p;
    }
    case 'Text':
      return el('div', { ...base, class: `${base.class} ${w.options.fontSize === 'small' ? 'small' : ''} align-${w.options.align ?? 'center'}` }, value ?? w.name ?? '');
    case 'Spacer':
      return el('div', base);
    default:
      return el('div', { ...base, class: 'widget unknown', title: `${w.type} is not a widget type` }, `? ${w.type}`);
  }
}

function panelElement(p: PanelModel, i: number): HTMLElement {
  const panelId = p.fields.PanelId ?? `panel-${i + 1}`;
  const box = el('section', { class: 'panel', 'data-panel-id': panelId });
  const head = el('header', { class: 'panel-head' });
  // The panel's own button, as on the home screen: pressing it is what sends Panel Clicked.
  const button = el('button', { type: 'button', class: 'panel-button', 'data-panel-button': panelId, title: 'The panel\'s button: sends Panel Clicked' });
  const icon = el('span', { class: 'panel-icon' }, p.fields.Icon ?? '');
  // Only a colour the device reads, as the one property it sets: panel text never reaches the page as CSS.
  if (p.fields.Color && isPanelColor(p.fields.Color)) icon.style.background = p.fields.Color;
  button.append(icon, el('span', { class: 'panel-name' }, p.fields.Name ?? panelId));
  button.addEventListener('click', () => post({ type: 'panelClicked', panelId }));
  head.append(button);
  box.append(head);
  if (!p.pages.length) { box.append(el('p', { class: 'empty' }, p.fields.ActivityType === 'WebApp' ? `A web app: ${p.fields.ActivityData ?? ''}` : 'An action button: no pages (pressing it sends Panel Clicked).')); return box; }
  const pageKey = (j: number) => p.pages[j].pageId ?? `page-${j + 1}`;
  const shown = shownPage.get(i);
  let current = p.pages.findIndex((_, j) => pageKey(j) === shown?.key);
  if (current < 0) current = shown && shown.index < p.pages.length ? shown.index : 0;
  const tabs = el('nav', { role: 'tablist', class: 'tabs' });
  p.pages.forEach((page, j) => {
    const tab = el('button', { type: 'button', role: 'tab', 'data-page-id': pageKey(j), 'aria-selected': String(j === current) }, page.name ?? pageKey(j));
    tab.addEventListener('click', () => {
      shownPage.set(i, { key: pageKey(j), index: j });
      vscode.setState({ pages: [...shownPage] });
      if (page.pageId) post({ type: 'page', panelId, pageId: page.pageId });
      render();
    });
    tabs.append(tab);
  });
  box.append(tabs);
  const page = p.pages[current];
  const pageEl = el('div', { class: 'page', role: 'tabpanel', 'data-page-id': pageKey(current) });
  const hideNames = page.options.hideRowNames === '1';
  for (const row of page.rows) {
    const r = el('div', { class: 'row' });
    if (!hideNames) r.append(el('div', { class: 'row-name' }, row.name ?? ''));
    const grid = el('div', { class: 'row-widgets' });
    for (const w of row.widgets) {
      const cell = el('div', { class: 'cell' });
      // Styles through the CSSOM, one property each: the page's CSP allows no inline style attributes.
      cell.style.gridColumn = `span ${Math.max(1, Math.min(ROW_COLUMNS, Number(w.options.size) || defaultSize(w.type)))}`;
      cell.append(widgetElement(w));
      grid.append(cell);
    }
    r.append(grid);
    pageEl.append(r);
  }
  box.append(pageEl);
  return box;
}

/** Columns a widget takes without a `size`. */
function defaultSize(type: string): number {
  return type === 'GroupButton' || type === 'Text' ? 4 : type === 'Slider' || type === 'DirectionalPad' ? 2 : 1;
}

function render(): void {
  root.replaceChildren(...doc.panels.map(panelElement));
  if (!doc.panels.length) root.append(el('p', { class: 'empty' }, 'No <Panel> to show yet.'));
}

/**
 * The device's values shown in place (a redraw would drop a slider out of the user's finger mid-drag): each widget
 * element takes its value as its kind shows one.
 */
function applyValues(): void {
  for (const e of root.querySelectorAll<HTMLElement>('[data-widget-id]')) {
    const v = values[e.dataset.widgetId!];
    switch (e.dataset.widgetType) {
      case 'ToggleButton':
        e.setAttribute('aria-pressed', String(v === 'on'));
        e.textContent = v === 'on' ? 'On' : 'Off';
        break;
      case 'Slider':
        if (v !== undefined && e.dataset.dragging !== '1' && Number.isFinite(Number(v))) {
          (e as HTMLInputElement).value = v;
          e.setAttribute('aria-valuenow', v);
        }
        break;
      case 'Spinner':
        e.setAttribute('aria-valuenow', v ?? '');
        e.setAttribute('aria-valuetext', v ?? '');
        e.querySelector('.spinner-value')!.textContent = v ?? '';
        break;
      case 'GroupButton':
        for (const b of e.querySelectorAll('[data-key]')) b.setAttribute('aria-checked', String(b.getAttribute('data-key') === v));
        break;
      case 'Text':
        if (v !== undefined) e.textContent = v;
        break;
    }
  }
}

window.addEventListener('message', (e: MessageEvent<HostToPreview>) => {
  const m = e.data;
  if (m.type === 'model') {
    doc = m.doc;
    status.textContent = `${m.file}${m.doc.version ? ` · format ${m.doc.version}` : ''}${m.errors ? ` · ${m.errors} error${m.errors === 1 ? '' : 's'} (see Problems)` : ''}`;
  } else if (m.type === 'values') {
    values = { ...m.values };
    applyValues();
    return;
  } else if (m.type === 'target') { target.textContent = m.text; target.classList.toggle('live', m.live); return; }
  render();
});
post({ type: 'ready' });
