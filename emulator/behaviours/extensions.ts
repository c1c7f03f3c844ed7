/**
 * UI extensions: panels saved from their XML body and listed back (§3.1), widget values in
 * `Status UserInterface Extensions Widget[n]`, and the events a user's touches produce.
 */
import type { Device } from '../device';
import { Behaviour, str, tryEmit, trySetStatus } from './helpers';

interface Panel { readonly fields: Record<string, string> }

export interface ExtensionsBehaviour extends Behaviour {
  pressWidget(widgetId: string, type: string, value: string): void;
  clickPanel(panelId: string): void;
  panels(): string[];
}

/** The panel's own simple elements (`<Name>x</Name>`) from a saved `<Extensions><Panel>…` body; nested pages are kept out. */
export function panelFields(body: string): Record<string, string> {
  const panel = /<Panel>([\s\S]*?)<\/Panel>/i.exec(body)?.[1] ?? '';
  const withoutPages = panel.replace(/<Page>[\s\S]*?<\/Page>/gi, '');
  const out: Record<string, string> = {};
  for (const m of withoutPages.matchAll(/<([A-Za-z]+)>([^<]*)<\/\1>/g)) out[m[1]] = m[2].trim();
  return out;
}

const NUMERIC_FIELDS = new Set(['Order']);
const EXTENSIONS_VERSION = '1.11';

export function extensionsBehaviour(device: Device): ExtensionsBehaviour {
  const panels = new Map<string, Panel>();
  const widgets = new Map<string, number>();
  let nextWidgetItem = 1;

  function widgetValue(widgetId: string, value: string | undefined): void {
    let item = widgets.get(widgetId);
    if (value === undefined) {
      if (item !== undefined) trySetStatus(device, `UserInterface Extensions Widget[${item}] Value`, '');
      return;
    }
    if (item === undefined) { item = nextWidgetItem++; widgets.set(widgetId, item); }
    trySetStatus(device, `UserInterface Extensions Widget[${item}]`, { WidgetId: widgetId, Value: value });
  }

  return {
    name: 'extensions',
    panels: () => [...panels.keys()],
    onBoot() {
      widgets.clear();
      nextWidgetItem = 1;
    },
    pressWidget(widgetId, type, value) {
      const legacy = type.charAt(0).toUpperCase() + type.slice(1);
      device.transaction(() => tryEmit(device, `UserInterface Extensions Event ${legacy}`, { Signal: value ? `${widgetId}:${value}` : widgetId }));
      device.transaction(() => tryEmit(device, 'UserInterface Extensions Widget Action', { WidgetId: widgetId, Type: type, Value: value }));
    },
    clickPanel(panelId) {
      tryEmit(device, 'UserInterface Extensions Panel Clicked', { PanelId: panelId });
    },
    commands: {
      'UserInterface Extensions Panel Save'(ctx) {
        const id = str(ctx.params.PanelId);
        const fields = panelFields(ctx.body ?? '');
        fields.PanelId = id;
        panels.set(id, { fields });
      },
      'UserInterface Extensions Panel Remove'(ctx) {
        const id = str(ctx.params.PanelId);
        // Removing a panel that is not there is no error (assumed, docs/emulator.md): real macros remove their panel
        // at start-up without checking or catching (Cisco's Close_WebApp sample among them).
        panels.delete(id);
      },
      'UserInterface Extensions Panel Clicked'(ctx) {
        const id = str(ctx.params.PanelId);
        ctx.after(() => tryEmit(device, 'UserInterface Extensions Panel Clicked', { PanelId: id }));
      },
      'UserInterface Extensions Clear'(ctx) {
        const type = ctx.params.ActivityType;
        for (const [id, p] of panels) if (type === undefined || p.fields.ActivityType === String(type)) panels.delete(id);
      },
      'UserInterface Extensions List'(ctx) {
        const type = ctx.params.ActivityType;
        const list = [...panels.values()]
          .filter(p => type === undefined || (p.fields.ActivityType ?? 'Custom') === String(type))
          .map((p, i) => {
            const item: Record<string, unknown> = { Origin: 'local', Visibility: 'Auto', ActivityType: 'Custom' };
            for (const [k, v] of Object.entries(p.fields)) item[k] = NUMERIC_FIELDS.has(k) && /^-?\d+$/.test(v) ? Number(v) : v;
            item.id = i + 1;
            return item;
          });
        return { Extensions: list.length ? { Panel: list, Version: EXTENSIONS_VERSION } : { Version: EXTENSIONS_VERSION } };
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
