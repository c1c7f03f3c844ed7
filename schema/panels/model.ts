/**
 * A saved panel as data: its own fields, its pages, rows and widgets (each widget with its type, options and a group
 * button's buttons). What the simulated device stores and lists, and what the preview draws. Read from the XML
 * with the reader the checks use; what the checks refuse is the caller's to decide (the device refuses errors).
 */
import { PANEL_ELEMENTS, parseOptions } from './format';
import { parseXml, type XmlElement } from './xml';

export interface PanelWidget {
  readonly widgetId: string;
  readonly type: string;
  readonly name?: string;
  readonly options: Readonly<Record<string, string>>;
  /** A group button's buttons: the key its events carry, the name shown. */
  readonly values?: readonly { readonly key: string; readonly name?: string }[];
}

export interface PanelRow { readonly name?: string; readonly widgets: readonly PanelWidget[] }

export interface PanelPage {
  readonly pageId?: string;
  readonly name?: string;
  readonly options: Readonly<Record<string, string>>;
  readonly rows: readonly PanelRow[];
}

export interface PanelModel {
  /** The panel's simple elements as written (`PanelId`, `Name`, `Location`, `Type`, `Icon`, `Color`, `Order`, `ActivityType`, …). */
  readonly fields: Readonly<Record<string, string>>;
  readonly pages: readonly PanelPage[];
}

export interface PanelDocument {
  /** `<Version>`, when given. */
  readonly version?: string;
  readonly panels: readonly PanelModel[];
}

const child = (el: XmlElement, name: string) => el.children.find(c => c.name === name);
const textOf = (el: XmlElement, name: string) => child(el, name)?.text;
const optionsOf = (el: XmlElement) => Object.fromEntries(parseOptions(textOf(el, 'Options') ?? '').map(o => [o.key, o.value]));

function widgetOf(el: XmlElement): PanelWidget {
  const values = child(el, 'ValueSpace')?.children.filter(c => c.name === 'Value').map(v => ({ key: textOf(v, 'Key') ?? '', ...(textOf(v, 'Name') !== undefined ? { name: textOf(v, 'Name') } : {}) }));
  const name = textOf(el, 'Name');
  return { widgetId: textOf(el, 'WidgetId') ?? '', type: textOf(el, 'Type') ?? '', ...(name !== undefined ? { name } : {}), options: optionsOf(el), ...(values ? { values } : {}) };
}

function pageOf(el: XmlElement): PanelPage {
  const [pageId, name] = [textOf(el, 'PageId'), textOf(el, 'Name')];
  return {
    ...(pageId !== undefined ? { pageId } : {}), ...(name !== undefined ? { name } : {}), options: optionsOf(el),
    rows: el.children.filter(c => c.name === 'Row').map(r => ({ ...(textOf(r, 'Name') !== undefined ? { name: textOf(r, 'Name') } : {}), widgets: r.children.filter(c => c.name === 'Widget').map(widgetOf) })),
  };
}

/** The panels of a panel document (`<Extensions>…`), as far as it can be read. */
export function readPanelDocument(text: string): PanelDocument {
  const root = parseXml(text).roots.find(r => r.name === 'Extensions');
  if (!root) return { panels: [] };
  const version = textOf(root, 'Version');
  const panels = root.children.filter(c => c.name === 'Panel').map(p => ({
    // The panel's own simple elements: those of the format without children of their own.
    fields: Object.fromEntries(p.children.filter(c => c.name !== 'Page' && PANEL_ELEMENTS[c.name] && !PANEL_ELEMENTS[c.name].children).map(c => [c.name, c.text])),
    pages: p.children.filter(c => c.name === 'Page').map(pageOf),
  }));
  return { ...(version !== undefined ? { version } : {}), panels };
}
