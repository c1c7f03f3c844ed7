/**
 * UI extensions: panels saved whole from their XML body (pages, rows and widgets kept, checked with the format's own
 * rules: schema/panels/), listed back, opened and closed; widget values in `Status UserInterface Extensions
 * Widget[n]`; and the events a user's touches make (schema/panels/touch.ts says which).
 */
import type { Device } from '../device';
import { EmulatorError, RpcError } from '../errors';
import { checkPanel } from '../../schema/panels/check';
import { DEVICE_ADDED_FIELDS, listedPanel } from '../../schema/panels/listing';
import { NEWEST_PANEL_VERSION } from '../../schema/panels/format';
import { readPanelDocument, type PanelModel, type PanelWidget } from '../../schema/panels/model';
import { legacyEvent, touchActions, valueAfter, type WidgetAction, type WidgetTouch } from '../../schema/panels/touch';
import { Behaviour, str, tryEmit, trySetStatus } from './helpers';

interface Panel { readonly id: string; readonly model: PanelModel }

export interface ExtensionsBehaviour extends Behaviour {
  /** Emits one action as a touch would: the older `Extensions Event <Type>` (when the schema has it), then `Widget Action`. */
  pressWidget(widgetId: string, type: string, value: string): void;
  /** A gesture on a saved widget: the actions its kind makes, emitted in order; its value kept. Returns them. */
  touchWidget(widgetId: string, touch: WidgetTouch, type?: string): WidgetAction[];
  clickPanel(panelId: string): void;
  /** A panel opened on the touch controller (at `pageId`, or its first page): Panel Open and page opened events. */
  openPanel(panelId: string, pageId?: string): void;
  closePanel(): void;
  panels(): string[];
  /** The saved panels as data (the preview draws them). */
  panelModels(): ReadonlyMap<string, PanelModel>;
  /** A widget's value (`Widget SetValue`, or a touch), if it has one. */
  widgetValue(widgetId: string): string | undefined;
}

export function extensionsBehaviour(device: Device): ExtensionsBehaviour {
  const panels = new Map<string, Panel>();
  const widgets = new Map<string, number>();
  const values = new Map<string, string>();
  let nextWidgetItem = 1;
  let open: { panelId: string; pageId?: string } | undefined;

  function widgetValue(widgetId: string, value: string | undefined): void {
    let item = widgets.get(widgetId);
    if (value === undefined) {
      values.delete(widgetId);
      if (item !== undefined) trySetStatus(device, `UserInterface Extensions Widget[${item}] Value`, '');
      return;
    }
    values.set(widgetId, value);
    if (item === undefined) { item = nextWidgetItem++; widgets.set(widgetId, item); }
    trySetStatus(device, `UserInterface Extensions Widget[${item}]`, { WidgetId: widgetId, Value: value });
  }

  function emitAction(widgetId: string, type: string, value: string): void {
    const legacy = legacyEvent({ Type: type, Value: value }, widgetId);
    device.transaction(() => tryEmit(device, legacy.path, legacy.payload));
    device.transaction(() => tryEmit(device, 'UserInterface Extensions Widget Action', { WidgetId: widgetId, Type: type, Value: value }));
  }

  function findWidget(widgetId: string): PanelWidget | undefined {
    for (const p of panels.values()) for (const page of p.model.pages) for (const row of page.rows) for (const w of row.widgets) if (w.widgetId === widgetId) return w;
    return undefined;
  }

  function pageEvent(pageId: string | undefined, type: 'Opened' | 'Closed'): void {
    if (pageId === undefined) return;
    tryEmit(device, 'UserInterface Extensions Page Action', { PageId: pageId, Type: type });
    tryEmit(device, `UserInterface Extensions Event Page${type}`, { PageId: pageId });
  }

  function openPanel(panelId: string, pageId?: string): void {
    const p = panels.get(panelId);
    if (!p) throw new EmulatorError(`No panel with PanelId ${panelId}`);
    const page = pageId ?? p.model.pages[0]?.pageId;
    if (open && (open.panelId !== panelId || open.pageId !== page)) pageEvent(open.pageId, 'Closed');
    const wasOpen = open?.panelId === panelId && open.pageId === page;
    open = { panelId, ...(page !== undefined ? { pageId: page } : {}) };
    if (wasOpen) return;
    tryEmit(device, 'UserInterface Extensions Panel Open', { PanelId: panelId, PageId: page ?? '' });
    pageEvent(page, 'Opened');
  }

  function closePanel(): void {
    if (!open) return;
    pageEvent(open.pageId, 'Closed');
    open = undefined;
    tryEmit(device, 'UserInterface Extensions Panel Close', {});
  }

  return {
    name: 'extensions',
    panels: () => [...panels.keys()],
    panelModels: () => new Map([...panels].map(([id, p]) => [id, p.model])),
    widgetValue: id => values.get(id),
    onBoot() {
      widgets.clear();
      values.clear();
      nextWidgetItem = 1;
      open = undefined;
    },
    pressWidget: emitAction,
    touchWidget(widgetId, touch, type) {
      const widgetType = findWidget(widgetId)?.type ?? type;
      if (!widgetType) throw new EmulatorError(`No widget with WidgetId ${widgetId} in a saved panel`);
      const actions = touchActions(widgetType, touch);
      for (const a of actions) {
        emitAction(widgetId, a.Type, a.Value);
        const v = valueAfter(widgetType, a);
        if (v !== undefined) widgetValue(widgetId, v);
      }
      return actions;
    },
    clickPanel(panelId) {
      tryEmit(device, 'UserInterface Extensions Panel Clicked', { PanelId: panelId });
    },
    openPanel,
    closePanel,
    commands: {
      'UserInterface Extensions Panel Save'(ctx) {
        const id = str(ctx.params.PanelId);
        const body = ctx.body ?? '';
        // ASSUMED: a body the format's rules refuse is refused with the first reason (a real device's wording is not captured).
        const error = checkPanel(body, { index: device.index, product: device.product }).find(d => d.severity === 'error');
        if (error) throw RpcError.commandError(`Invalid panel: ${error.message}`);
        const [model] = readPanelDocument(body).panels;
        panels.set(id, { id, model: model ?? { fields: {}, pages: [] } });
      },
      'UserInterface Extensions Panel Remove'(ctx) {
        const id = str(ctx.params.PanelId);
        // Removing a panel that is not there is no error (assumed, docs/emulator.md): real macros remove their panel
        // at start-up without checking or catching (Cisco's Close_WebApp sample among them).
        panels.delete(id);
        if (open?.panelId === id) closePanel();
      },
      'UserInterface Extensions Panel Clicked'(ctx) {
        const id = str(ctx.params.PanelId);
        ctx.after(() => tryEmit(device, 'UserInterface Extensions Panel Clicked', { PanelId: id }));
      },
      'UserInterface Extensions Panel Open'(ctx) {
        const id = str(ctx.params.PanelId);
        if (!panels.has(id)) throw RpcError.commandError(`No panel with PanelId ${id}`);
        const page = ctx.params.PageId === undefined ? undefined : str(ctx.params.PageId);
        ctx.after(() => openPanel(id, page));
      },
      'UserInterface Extensions Panel Close'(ctx) {
        ctx.after(() => closePanel());
      },
      'UserInterface Extensions Clear'(ctx) {
        const type = ctx.params.ActivityType;
        for (const [id, p] of panels) if (type === undefined || (p.model.fields.ActivityType ?? DEVICE_ADDED_FIELDS.ActivityType) === String(type)) panels.delete(id);
      },
      'UserInterface Extensions List'(ctx) {
        const type = ctx.params.ActivityType;
        const list = [...panels.values()]
          .filter(p => type === undefined || (p.model.fields.ActivityType ?? DEVICE_ADDED_FIELDS.ActivityType) === String(type))
          .map((p, i) => listedPanel(p.id, p.model, i + 1));
        return { Extensions: list.length ? { Panel: list, Version: NEWEST_PANEL_VERSION } : { Version: NEWEST_PANEL_VERSION } };
      },
      'UserInterface Extensions Widget SetValue'(ctx) {
        const id = str(ctx.params.WidgetId);
        const value = str(ctx.params.Value);
        ctx.after(() => widgetValue(id, value));
      },
      'UserInterface Extensions Widget UnsetValue'(ctx) {
        const id = str(ctx.params.WidgetId);
        ctx.after(() => widgetValue(id, undefined));
      },
      'UserInterface Extensions Widget Action'(ctx) {
        const [id, type, value] = [str(ctx.params.WidgetId), str(ctx.params.Type), str(ctx.params.Value)];
        ctx.after(() => tryEmit(device, 'UserInterface Extensions Widget Action', { WidgetId: id, Type: type, Value: value }));
      },
    },
  };
}
