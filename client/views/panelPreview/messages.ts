/**
 * The contract between the extension host and a panel preview webview. What crosses is structured-cloned plain
 * data; the host checks what the webview sends (`parsePreviewMessage`). The preview is a pure function of the panel
 * document and the widgets' values (the device's, or what a touch just set).
 */
import type { PanelDocument } from '../../../schema/panels/model';
import type { WidgetTouch } from '../../../schema/panels/touch';

export type HostToPreview =
  /** The document as it reads now (it redraws), with its errors counted. */
  | { readonly type: 'model'; readonly doc: PanelDocument; readonly errors: number; readonly file: string }
  /** Widget values by WidgetId (the device's status, or `Widget SetValue`); replaces what it had. */
  | { readonly type: 'values'; readonly values: Readonly<Record<string, string>> }
  /** Where touches go: a device's name, or why nowhere. */
  | { readonly type: 'target'; readonly text: string; readonly live: boolean };

export type PreviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'touch'; readonly widgetId: string; readonly widgetType: string; readonly touch: WidgetTouch }
  | { readonly type: 'page'; readonly panelId: string; readonly pageId: string }
  /** The panel's own button (on the home screen or in the call controls) pressed. */
  | { readonly type: 'panelClicked'; readonly panelId: string };

const TOUCH_KINDS = new Set(['press', 'release', 'toggle', 'slide']);

export function parsePreviewMessage(m: unknown): PreviewToHost | undefined {
  const o = m as Record<string, unknown> | null;
  if (!o || typeof o !== 'object') return undefined;
  if (o.type === 'ready') return { type: 'ready' };
  if (o.type === 'page' && typeof o.panelId === 'string' && typeof o.pageId === 'string') return { type: 'page', panelId: o.panelId, pageId: o.pageId };
  if (o.type === 'panelClicked' && typeof o.panelId === 'string') return { type: 'panelClicked', panelId: o.panelId };
  if (o.type !== 'touch' || typeof o.widgetId !== 'string' || typeof o.widgetType !== 'string') return undefined;
  const t = o.touch as Record<string, unknown> | null;
  if (!t || !TOUCH_KINDS.has(String(t.kind))) return undefined;
  if (t.kind === 'slide' && (typeof t.value !== 'number' || !['start', 'move', 'end'].includes(String(t.phase)))) return undefined;
  if (t.kind === 'toggle' && t.value !== 'on' && t.value !== 'off') return undefined;
  if ((t.kind === 'press' || t.kind === 'release') && t.value !== undefined && typeof t.value !== 'string') return undefined;
  return { type: 'touch', widgetId: o.widgetId, widgetType: o.widgetType, touch: t as unknown as WidgetTouch };
}
