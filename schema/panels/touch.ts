/**
 * What a touch on a widget makes a device send: the `UserInterface Extensions Widget Action` events (`Type`,
 * `Value`) per widget kind, in order, and the older `UserInterface Extensions Event Pressed|Released|Clicked|Changed`
 * form of each (`Signal: "id:value"`). One definition for the simulated device and the preview.
 *
 * From the schema's event definitions (Widget Action {WidgetId, Type, Value}; Event Pressed… {Signal}; Page Action
 * {PageId, Type}; Panel Clicked {PanelId}), Cisco's in-room control guide, and what real macros read (`e.Type ===
 * 'clicked'`, `'changed'`, `'pressed'`, `'released'`; a toggle's `on`/`off`; a slider's 0–255 `Value`).
 */
import { SLIDER_RANGE } from './format';

/** A user's gesture on a widget, as the preview reports it. */
export type WidgetTouch =
  /** A finger down: on a button, a spinner arrow (`increment`/`decrement`), a pad arrow (`up`…`center`), a group's button (its key). */
  | { readonly kind: 'press'; readonly value?: string }
  /** The finger lifted from what `press` touched. */
  | { readonly kind: 'release'; readonly value?: string }
  /** A toggle flipped to `on` or `off`. */
  | { readonly kind: 'toggle'; readonly value: 'on' | 'off' }
  /** A slider: grabbed, moved, let go, at a value 0–255. */
  | { readonly kind: 'slide'; readonly phase: 'start' | 'move' | 'end'; readonly value: number };

export interface WidgetAction { readonly Type: string; readonly Value: string }

/** The Widget Action events a touch on a widget of `type` makes (none for a Text or Spacer, or a gesture the kind has not). */
export function touchActions(type: string, touch: WidgetTouch): WidgetAction[] {
  const value = 'value' in touch && touch.value !== undefined ? String(touch.value) : '';
  switch (type) {
    case 'Button':
      return touch.kind === 'press' ? [{ Type: 'pressed', Value: '' }] : touch.kind === 'release' ? [{ Type: 'released', Value: '' }, { Type: 'clicked', Value: '' }] : [];
    case 'Spinner':
    case 'DirectionalPad':
      return touch.kind === 'press' ? [{ Type: 'pressed', Value: value }] : touch.kind === 'release' ? [{ Type: 'released', Value: value }, { Type: 'clicked', Value: value }] : [];
    case 'GroupButton':
      // A group's button: pressed and released with its key; the group then holds that key as its value.
      return touch.kind === 'press' ? [{ Type: 'pressed', Value: value }] : touch.kind === 'release' ? [{ Type: 'released', Value: value }] : [];
    case 'ToggleButton':
      return touch.kind === 'toggle' ? [{ Type: 'changed', Value: value }] : [];
    case 'Slider': {
      if (touch.kind !== 'slide') return [];
      const v = String(Math.max(SLIDER_RANGE[0], Math.min(SLIDER_RANGE[1], Math.round(touch.value))));
      return [{ Type: touch.phase === 'start' ? 'pressed' : touch.phase === 'move' ? 'changed' : 'released', Value: v }];
    }
    default:
      return [];
  }
}

/** The older event an action is also sent as: `UserInterface Extensions Event Pressed` for `pressed`, and so on. */
export function legacyEvent(action: WidgetAction, widgetId: string): { readonly path: string; readonly payload: { Signal: string } } {
  const name = action.Type.charAt(0).toUpperCase() + action.Type.slice(1);
  return { path: `UserInterface Extensions Event ${name}`, payload: { Signal: action.Value ? `${widgetId}:${action.Value}` : widgetId } };
}

/** The value a widget holds after an action (its status `UserInterface Extensions Widget[n] Value`), if the action sets one. */
export function valueAfter(type: string, action: WidgetAction): string | undefined {
  if (type === 'ToggleButton' && action.Type === 'changed') return action.Value;
  if (type === 'Slider' && (action.Type === 'changed' || action.Type === 'released')) return action.Value;
  if (type === 'GroupButton' && action.Type === 'released') return action.Value;
  return undefined;
}

