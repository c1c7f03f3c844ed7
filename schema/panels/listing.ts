/**
 * ASSUMED — no capture of `UserInterface Extensions List` over JSON-RPC with a panel's pages is known. The shape
 * assumed here, in this one place: the listing mirrors the saved XML, each element a key; the repeated ones (`Panel`,
 * `Page`, `Row`, `Widget`, `ValueSpace Value`) are lists whose items carry a 1-based `id`, as every xAPI list does;
 * `Order` is a number; and the fields a device adds to a saved panel (`Origin` local, `Visibility` Auto,
 * `ActivityType` Custom) are there when the XML leaves them out. The simulated device lists panels so
 * (`listedPanel`); the extension and the fleet read a device's panels back so (`panelFromListing`). Change both here
 * when a capture says otherwise.
 *
 * Also here: a panel as XML again (`panelXml`), for a device's panel opened as a document and for comparing a
 * deployed panel with the file.
 */
import { NEWEST_PANEL_VERSION, PANEL_ELEMENTS, parseOptions } from './format';
import type { PanelModel, PanelPage, PanelWidget } from './model';

const NUMERIC_FIELDS = new Set(['Order']);
/** What a device adds to a saved panel whose XML leaves them out. */
export const DEVICE_ADDED_FIELDS: Readonly<Record<string, string>> = { Origin: 'local', Visibility: 'Auto', ActivityType: 'Custom' };

const optionsText = (o: Readonly<Record<string, string>>) => Object.entries(o).map(([k, v]) => `${k}=${v}`).join(';');
const optionsOf = (text: unknown) => Object.fromEntries(parseOptions(String(text ?? '')).map(o => [o.key, o.value]));
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v : v && typeof v === 'object' ? [v] : []) as Record<string, unknown>[];
const text = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

/** A saved panel as the device lists it (`id`: its place in the list, 1-based). */
export function listedPanel(panelId: string, model: PanelModel, id: number): Record<string, unknown> {
  const item: Record<string, unknown> = { id, ...DEVICE_ADDED_FIELDS };
  for (const [k, v] of Object.entries(model.fields)) item[k] = NUMERIC_FIELDS.has(k) && /^-?\d+$/.test(v) ? Number(v) : v;
  item.PanelId = panelId;
  if (model.pages.length) {
    item.Page = model.pages.map((page, pi) => ({
      id: pi + 1, ...(page.pageId !== undefined ? { PageId: page.pageId } : {}), ...(page.name !== undefined ? { Name: page.name } : {}),
      ...(Object.keys(page.options).length ? { Options: optionsText(page.options) } : {}),
      Row: page.rows.map((row, ri) => ({ id: ri + 1, ...(row.name !== undefined ? { Name: row.name } : {}), Widget: row.widgets.map((w, wi) => listedWidget(w, wi + 1)) })),
    }));
  }
  return item;
}

function listedWidget(w: PanelWidget, id: number): Record<string, unknown> {
  return {
    id, WidgetId: w.widgetId, ...(w.name !== undefined ? { Name: w.name } : {}), Type: w.type,
    ...(Object.keys(w.options).length ? { Options: optionsText(w.options) } : {}),
    ...(w.values ? { ValueSpace: { Value: w.values.map((v, vi) => ({ id: vi + 1, Key: v.key, ...(v.name !== undefined ? { Name: v.name } : {}) })) } } : {}),
  };
}

/** What `UserInterface Extensions List` answers, as the panels it lists (by PanelId). */
export function panelsFromListing(result: unknown): Map<string, PanelModel> {
  const out = new Map<string, PanelModel>();
  const extensions = (result as { Extensions?: { Panel?: unknown } } | undefined)?.Extensions;
  for (const item of list(extensions?.Panel)) {
    const id = text(item.PanelId);
    if (id !== undefined) out.set(id, panelFromListing(item));
  }
  return out;
}

export function panelFromListing(item: Record<string, unknown>): PanelModel {
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(item)) {
    if (k === 'id' || k === 'Page' || typeof v === 'object') continue;
    fields[k] = String(v);
  }
  const pages: PanelPage[] = list(item.Page).map(p => ({
    ...(text(p.PageId) !== undefined ? { pageId: text(p.PageId) } : {}), ...(text(p.Name) !== undefined ? { name: text(p.Name) } : {}),
    options: optionsOf(p.Options),
    rows: list(p.Row).map(r => ({
      ...(text(r.Name) !== undefined ? { name: text(r.Name) } : {}),
      widgets: list(r.Widget).map(w => {
        const values = w.ValueSpace ? list((w.ValueSpace as Record<string, unknown>).Value).map(v => ({ key: text(v.Key) ?? '', ...(text(v.Name) !== undefined ? { name: text(v.Name) } : {}) })) : undefined;
        return { widgetId: text(w.WidgetId) ?? '', type: text(w.Type) ?? '', ...(text(w.Name) !== undefined ? { name: text(w.Name) } : {}), options: optionsOf(w.Options), ...(values ? { values } : {}) };
      }),
    })),
  }));
  return { fields, pages };
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A panel as panel XML, its fields in the order the format lists them. */
export function panelXml(panelId: string, model: PanelModel, version = NEWEST_PANEL_VERSION): string {
  const lines = ['<Extensions>', `  <Version>${escape(version)}</Version>`, '  <Panel>'];
  const leaf = (indent: string, name: string, value: string | undefined) => { if (value !== undefined) lines.push(`${indent}<${name}>${escape(value)}</${name}>`); };
  for (const name of PANEL_ELEMENTS.Panel.children ?? []) {
    if (name === 'Page' || PANEL_ELEMENTS[name].children) continue;
    leaf('    ', name, name === 'PanelId' ? panelId : model.fields[name]);
  }
  for (const page of model.pages) {
    lines.push('    <Page>');
    leaf('      ', 'Name', page.name);
    leaf('      ', 'PageId', page.pageId);
    for (const row of page.rows) {
      lines.push('      <Row>');
      leaf('        ', 'Name', row.name);
      for (const w of row.widgets) {
        lines.push('        <Widget>');
        leaf('          ', 'WidgetId', w.widgetId);
        leaf('          ', 'Name', w.name);
        leaf('          ', 'Type', w.type);
        if (Object.keys(w.options).length) leaf('          ', 'Options', optionsText(w.options));
        if (w.values) {
          lines.push('          <ValueSpace>');
          for (const v of w.values) {
            lines.push('            <Value>');
            leaf('              ', 'Key', v.key);
            leaf('              ', 'Name', v.name);
            lines.push('            </Value>');
          }
          lines.push('          </ValueSpace>');
        }
        lines.push('        </Widget>');
      }
      lines.push('      </Row>');
    }
    if (Object.keys(page.options).length) leaf('      ', 'Options', optionsText(page.options));
    lines.push('    </Page>');
  }
  lines.push('  </Panel>', '</Extensions>', '');
  return lines.join('\n');
}

/** Two panels the same for a device: their fields (but what a device adds when left out), pages, rows and widgets. */
export function samePanel(a: PanelModel, b: PanelModel): boolean {
  const norm = (m: PanelModel) => JSON.stringify({
    fields: Object.fromEntries(Object.entries({ ...DEVICE_ADDED_FIELDS, ...m.fields }).filter(([k]) => k !== 'PanelId').sort()),
    pages: m.pages,
  });
  return norm(a) === norm(b);
}
