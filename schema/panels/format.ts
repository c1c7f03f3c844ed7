/**
 * The UI extension panel format (`<Extensions><Version>…<Panel>…<Page>…<Row>…<Widget>…`): which element goes
 * where, what each takes, the widget types and the options each type takes. One definition, asked by the language
 * service (completion, diagnostics, hover), the simulated device (it stores and validates saved panels) and the
 * preview.
 *
 * Written from public facts: the panels the real macros in ../shared/real-macros save (`<Version>` 1.7 to 1.11),
 * Cisco's UI extensions guide and its ui-builder library's declarations (widget types, options, icon names), and the
 * published schemas (the `Icon` and `Location` value spaces of `UserInterface Extensions Panel Update`, per product).
 * Covered: `<Version>` 1.4 to 1.11 and RoomOS 9.15 to 26.4. Older panels say where their button is with
 * `<Type>Home|Statusbar|InCall|Never|Global</Type>`; from 1.9 (RoomOS 11) with `<Location>`; a panel may carry both
 * (Cisco's Room Metrics sample does), and the device then follows `<Location>`.
 */

/** What an element's text may be. */
export type TextRule =
  | { readonly kind: 'text' }
  | { readonly kind: 'id' }
  | { readonly kind: 'integer'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'literal'; readonly values: readonly string[] }
  /** Values come from the device's schema for its product (`Location`, `Icon`), with these when it has none. */
  | { readonly kind: 'schema'; readonly command: string; readonly param: string; readonly fallback: readonly string[] }
  | { readonly kind: 'color' }
  /** `key=value;…`: a widget's by its type, a page's (optionRules says which). */
  | { readonly kind: 'options' }
  | { readonly kind: 'version' };

export interface ElementRule {
  readonly doc: string;
  /** Child elements, in the order the device's own exports write them. */
  readonly children?: readonly string[];
  /** Children that must be there. */
  readonly required?: readonly string[];
  /** Children that may come more than once. */
  readonly repeated?: readonly string[];
  /** Its text, for an element without children. */
  readonly text?: TextRule;
}

/** The panel icons of the older format (Cisco's ui-builder), kept where a schema's list lacks them. */
const LEGACY_PANEL_ICONS = ['Blinds', 'Briefing', 'Camera', 'Concierge', 'Disc', 'Handset', 'Help', 'Helpdesk', 'Home', 'Hvac', 'Info', 'Input',
  'Language', 'Laptop', 'Lightbulb', 'Media', 'Microphone', 'Power', 'Proximity', 'Record', 'Sliders', 'Tv'];
/** `UserInterface Extensions Panel Update` `Icon` in the 11.27 schema, for a schema without the command. */
const SCHEMA_PANEL_ICONS = ['Briefing', 'Camera', 'Concierge', 'Disc', 'Handset', 'Help', 'Helpdesk', 'Home', 'Hvac', 'Info', 'Input', 'Language',
  'Laptop', 'Lightbulb', 'Media', 'Microphone', 'Power', 'Proximity', 'Record', 'Spark', 'Tv', 'Webex', 'General', 'Custom'];
/** `UserInterface Extensions Panel Update` `Location` in the 11.27 schema, for a schema without the command. */
const LOCATIONS = ['HomeScreen', 'CallControls', 'HomeScreenAndCallControls', 'ControlPanel', 'Hidden'];

/** The command whose parameters say which `Location`s and `Icon`s a product's panels may have. */
export const PANEL_UPDATE_COMMAND = 'UserInterface Extensions Panel Update';

export const PANEL_ELEMENTS: Readonly<Record<string, ElementRule>> = {
  Extensions: {
    doc: 'The root of a saved UI extension: the format version and one panel, action button or web app.',
    children: ['Version', 'Panel'], required: ['Panel'], repeated: ['Panel'],
  },
  Version: { doc: 'The format version (1.4 to 1.11 here). A device reads older versions too.', text: { kind: 'version' } },
  Panel: {
    doc: 'A panel (with pages), an action button (no pages) or a web app (`ActivityType` WebApp): its button on the touch controller and what it opens.',
    children: ['Order', 'PanelId', 'Origin', 'Location', 'Type', 'Icon', 'Color', 'Name', 'ActivityType', 'ActivityData', 'CustomIcon', 'Page'],
    repeated: ['Page'],
  },
  Order: { doc: 'Where the button comes among the others (lower first).', text: { kind: 'integer', min: 0 } },
  PanelId: { doc: 'The panel\'s id: the `PanelId` of `Panel Save`, `Panel Clicked` and `Panel Open`.', text: { kind: 'id' } },
  Origin: { doc: 'Who made it: `local` (a macro or the editor on the device).', text: { kind: 'literal', values: ['local', 'cloud'] } },
  Location: {
    doc: 'Where its button is (format 1.9 and later): the Home screen, the call controls, both, the control panel, or hidden (opened by `Panel Open` only).',
    text: { kind: 'schema', command: PANEL_UPDATE_COMMAND, param: 'Location', fallback: LOCATIONS },
  },
  Type: {
    doc: 'Where its button is, in the older format: Home, InCall, Statusbar (both), Never (hidden), Global. With `Location` present the device follows `Location`.',
    text: { kind: 'literal', values: ['Home', 'Statusbar', 'InCall', 'Never', 'Global'] },
  },
  Icon: {
    doc: 'The button\'s icon: one the device has, or `Custom` with a `CustomIcon`.',
    text: { kind: 'schema', command: PANEL_UPDATE_COMMAND, param: 'Icon', fallback: [...new Set([...SCHEMA_PANEL_ICONS, ...LEGACY_PANEL_ICONS])] },
  },
  Color: { doc: 'The button\'s colour: `#RRGGBB`, `#AARRGGBB` or a colour name (`orange`).', text: { kind: 'color' } },
  Name: { doc: 'The text shown: the button\'s (a panel), the tab\'s (a page), the row\'s label, or the widget\'s.', text: { kind: 'text' } },
  ActivityType: { doc: '`Custom`: a panel or action button; `WebApp`: a web app (its URL in `ActivityData`).', text: { kind: 'literal', values: ['Custom', 'WebApp'] } },
  ActivityData: { doc: 'A web app\'s URL.', text: { kind: 'text' } },
  CustomIcon: { doc: 'An icon uploaded to the device (`Icon` Custom): its content and id.', children: ['Content', 'Id'] },
  Content: { doc: 'The custom icon\'s image, base64.', text: { kind: 'text' } },
  Id: { doc: 'The custom icon\'s id on the device.', text: { kind: 'text' } },
  Page: {
    doc: 'A page of the panel, shown as a tab: rows of widgets, top to bottom.',
    children: ['Name', 'PageId', 'Row', 'Options'], repeated: ['Row'],
  },
  PageId: { doc: 'The page\'s id: `Panel Open PageId`, and the `PageId` of the page opened/closed events.', text: { kind: 'id' } },
  Options: { doc: 'Options, `key=value` separated by `;`: a widget\'s by its type (size=1..4 …), a page\'s (hideRowNames=1).', text: { kind: 'options' } },
  Row: { doc: 'A row: its label on the left and its widgets side by side, four columns wide (wider ones wrap).', children: ['Name', 'Widget'], repeated: ['Widget'] },
  Widget: {
    doc: 'A control: its id (what `Widget Action` events and `Widget SetValue` name), its type and options.',
    children: ['WidgetId', 'Name', 'Type', 'Options', 'ValueSpace'], required: ['WidgetId', 'Type'],
  },
  WidgetId: { doc: 'The widget\'s id: `WidgetId` of its `Widget Action` events and of `Widget SetValue`. Unique in the panel.', text: { kind: 'id' } },
  ValueSpace: { doc: 'A group button\'s buttons: a `Value` each, with its `Key` (sent in events) and `Name` (shown).', children: ['Value'], required: ['Value'], repeated: ['Value'] },
  Value: { doc: 'One button of a group button.', children: ['Key', 'Name'], required: ['Key'] },
  Key: { doc: 'The value a group button\'s events carry when this button is pressed.', text: { kind: 'text' } },
};

/** A widget type: what it is, the options it takes, and the events a touch makes. */
export interface WidgetTypeRule {
  readonly doc: string;
  readonly options: readonly string[];
  /** What `Widget Action` `Type` values a touch on it makes, in order (a press and release make `pressed`, `released`, `clicked` for a button). */
  readonly actions: readonly string[];
}

export const WIDGET_TYPES: Readonly<Record<string, WidgetTypeRule>> = {
  Button: { doc: 'A push button, with a text (`Name`) or an icon (`icon=`).', options: ['size', 'icon'], actions: ['pressed', 'released', 'clicked'] },
  ToggleButton: { doc: 'An on/off switch; `Widget SetValue` on|off sets it.', options: ['size'], actions: ['changed'] },
  Slider: { doc: 'A slider, 0 to 255; `Widget SetValue` moves it.', options: ['size'], actions: ['pressed', 'changed', 'released'] },
  GroupButton: { doc: 'Buttons of which one is selected (its `ValueSpace`); `Widget SetValue` KEY selects one.', options: ['size', 'columns'], actions: ['pressed', 'released'] },
  Spinner: { doc: 'Up/down or plus/minus around a text that `Widget SetValue` sets.', options: ['size', 'style'], actions: ['pressed', 'released', 'clicked'] },
  DirectionalPad: { doc: 'Four arrows and a centre button (its text: `Name`).', options: ['size'], actions: ['pressed', 'released', 'clicked'] },
  Text: { doc: 'A text; `Widget SetValue` sets it.', options: ['size', 'fontSize', 'align'], actions: [] },
  Spacer: { doc: 'Empty space, to lay out the others.', options: ['size'], actions: [] },
};

/** Button icons (`icon=` of a Button), from Cisco's ui-builder declarations and real macros. */
export const BUTTON_ICONS = ['arrow_down', 'arrow_left', 'arrow_right', 'arrow_up', 'audio_minus', 'audio_plus', 'back', 'blue', 'eject', 'end', 'fast_bw',
  'fast_fw', 'green', 'help', 'home', 'list', 'mic', 'mic_muted', 'minus', 'pause', 'phone', 'play', 'play_pause', 'plus', 'power', 'record', 'red',
  'skip_bw', 'skip_fw', 'speaker', 'speaker_muted', 'stop', 'video', 'video_muted', 'volume_muted', 'webex_meetings', 'yellow', 'zoom_in', 'zoom_out'];

/** An option: its values (a list, or a range), and what it does. */
export interface OptionRule { readonly doc: string; readonly values?: readonly string[]; readonly range?: readonly [number, number] }

export const WIDGET_OPTIONS: Readonly<Record<string, OptionRule>> = {
  size: { doc: 'Columns it takes in its row, 1 to 4.', range: [1, 4] },
  icon: { doc: 'A button\'s icon instead of its text.', values: BUTTON_ICONS },
  columns: { doc: 'A group button\'s buttons per line.', range: [1, 4] },
  style: { doc: 'A spinner\'s arrows: vertical (up/down), horizontal (left/right) or plusminus.', values: ['vertical', 'horizontal', 'plusminus'] },
  fontSize: { doc: 'A text\'s size.', values: ['small', 'normal'] },
  align: { doc: 'A text\'s alignment.', values: ['left', 'center', 'right'] },
};

export const PAGE_OPTIONS: Readonly<Record<string, OptionRule>> = {
  hideRowNames: { doc: 'Hide the rows\' labels, for a more compact page.', values: ['0', '1'] },
};

/** The newest format version these rules know (what a listing or a panel written out says). */
export const NEWEST_PANEL_VERSION = '1.11';

/** The widest a row is, in columns. */
export const ROW_COLUMNS = 4;
/** A slider's values. */
export const SLIDER_RANGE = [0, 255] as const;
/** A directional pad's and a spinner's `Widget Action` values (the spinner's are increment/decrement). */
export const PAD_VALUES = ['up', 'down', 'left', 'right', 'center'] as const;
export const SPINNER_VALUES = ['increment', 'decrement'] as const;

/** The options an `<Options>` element takes: a page's, or a widget's by its type (all of them when the type is unknown). */
export function optionRules(options: { readonly parent?: { readonly name: string; readonly children: readonly { readonly name: string; readonly text: string }[] } }): { rules: Readonly<Record<string, OptionRule>>; takes?: readonly string[]; type?: string; page: boolean } {
  if (options.parent?.name === 'Page') return { rules: PAGE_OPTIONS, takes: Object.keys(PAGE_OPTIONS), page: true };
  const type = options.parent?.children.find(c => c.name === 'Type')?.text;
  return { rules: WIDGET_OPTIONS, ...(type && WIDGET_TYPES[type] ? { takes: WIDGET_TYPES[type].options } : {}), ...(type ? { type } : {}), page: false };
}

/**
 * `key=value;key=value` as pairs, with each pair's offset in the text (for diagnostics). Given the text as written,
 * a `;` that ends an entity (`&amp;`) is not a separator, so offsets stay those of the source.
 */
export function parseOptions(text: string): { key: string; value: string; at: number }[] {
  const out: { key: string; value: string; at: number }[] = [];
  let start = 0;
  const flush = (end: number) => {
    const part = text.slice(start, end);
    const eq = part.indexOf('=');
    const lead = part.length - part.trimStart().length;
    if (part.trim()) out.push({ key: (eq < 0 ? part : part.slice(0, eq)).trim(), value: eq < 0 ? '' : part.slice(eq + 1).trim(), at: start + lead });
    start = end + 1;
  };
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ';' && !/&(#x[0-9a-f]+|#\d+|[a-z]+)$/i.test(text.slice(start, i))) flush(i);
  }
  flush(text.length);
  return out;
}

/** A colour the device takes: `#RGB`, `#RRGGBB`, `#AARRGGBB`, or a name. */
export function isPanelColor(text: string): boolean {
  return /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(text) || /^[a-z]+$/i.test(text);
}
