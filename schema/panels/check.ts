/**
 * What a device would refuse or silently misrender in a panel: unknown elements and widget types, options a widget
 * type does not take, duplicate ids, a `Location` or `Icon` the product lacks (from its schema), missing required
 * elements, values out of their range. The rules are format.ts's; the language service and the simulated device
 * both ask this.
 */
import type { SchemaIndex } from '../schemaIndex';
import { isPanelColor, NEWEST_PANEL_VERSION, optionRules, PANEL_ELEMENTS, parseOptions, WIDGET_OPTIONS, WIDGET_TYPES, type TextRule } from './format';
import { allElements, parseXml, type XmlElement } from './xml';

export type PanelSeverity = 'error' | 'warning' | 'info';

export interface PanelDiagnostic {
  readonly start: number;
  readonly end: number;
  readonly severity: PanelSeverity;
  readonly message: string;
  /** Stable, for quick fixes and tests: xml, root, unknown-element, misplaced, repeated, missing, value, id, duplicate-id, option, product, widget-type, version. */
  readonly code: string;
}

export interface PanelContext {
  /** The schema of the device the panel is for: its `Location` and `Icon` value spaces. */
  readonly index?: SchemaIndex;
  /** Product code (`hopen`): the variant whose values count. */
  readonly product?: string;
}


/** Values a `schema` text rule allows for the product, and whether they came from the schema. */
export function schemaValues(rule: Extract<TextRule, { kind: 'schema' }>, ctx: PanelContext): { values: readonly string[]; fromSchema: boolean; productLacks?: boolean } {
  const node = ctx.index?.lookup('Command', rule.command);
  const variant = node && ctx.index!.variantFor(node, ctx.product);
  const space = variant?.params?.find(p => p.name === rule.param)?.valueSpace;
  if (space?.type === 'Literal') return { values: space.values.map(v => v.value), fromSchema: true };
  return { values: rule.fallback, fromSchema: false, ...(node && !variant ? { productLacks: true } : {}) };
}

/** The diagnostics of panel XML `text` (offsets plus `base`: a panel inside a macro's string starts there). */
export function checkPanel(text: string, ctx: PanelContext = {}, base = 0): PanelDiagnostic[] {
  const doc = parseXml(text, base);
  const out: PanelDiagnostic[] = doc.problems.map(p => ({ ...p, severity: 'error' as const, code: 'xml' }));
  const at = (el: XmlElement, severity: PanelSeverity, code: string, message: string) => out.push({ start: el.nameStart, end: el.nameEnd, severity, code, message });
  // An element without text is marked at its name.
  const onText = (el: XmlElement, severity: PanelSeverity, code: string, message: string, from = el.textStart, to = el.textEnd) =>
    out.push(to > from ? { start: from, end: to, severity, code, message } : { start: el.nameStart, end: el.nameEnd, severity, code, message });

  if (!doc.roots.length) {
    out.push({ start: base, end: base + Math.min(text.length, 1), severity: 'error', code: 'root', message: 'no <Extensions> element: a saved panel is <Extensions><Version>…</Version><Panel>…</Panel></Extensions>' });
    return out;
  }
  for (const root of doc.roots) if (root.name !== 'Extensions') at(root, 'error', 'root', `the panel document's root is <Extensions>, not <${root.name}>`);
  if (doc.roots.length > 1) at(doc.roots[1], 'error', 'root', 'one <Extensions> per document');

  const ids = { WidgetId: new Map<string, XmlElement>(), PageId: new Map<string, XmlElement>(), PanelId: new Map<string, XmlElement>() };
  for (const el of allElements(doc.roots.filter(r => r.name === 'Extensions'))) {
    const rule = PANEL_ELEMENTS[el.name];
    const parentRule = el.parent && PANEL_ELEMENTS[el.parent.name];
    if (!rule) {
      if (!el.parent || parentRule) at(el, 'error', 'unknown-element', `<${el.name}> is not an element of the panel format${el.parent ? `: a <${el.parent.name}> takes ${(parentRule?.children ?? []).map(c => `<${c}>`).join(', ') || 'text only'}` : ''}`);
      continue;
    }
    if (el.parent && parentRule && !(parentRule.children ?? []).includes(el.name)) {
      at(el, 'error', 'misplaced', `<${el.name}> does not belong in a <${el.parent.name}>, which takes ${(parentRule.children ?? []).map(c => `<${c}>`).join(', ') || 'text only'}`);
      continue;
    }
    // Its children: how many of each, and the required ones.
    const counts = new Map<string, XmlElement[]>();
    for (const c of el.children) counts.set(c.name, [...(counts.get(c.name) ?? []), c]);
    for (const [name, list] of counts) {
      if (list.length > 1 && PANEL_ELEMENTS[name] && (rule.children ?? []).includes(name) && !(rule.repeated ?? []).includes(name)) {
        at(list[1], 'warning', 'repeated', `a second <${name}> in this <${el.name}>: the device reads one`);
      }
    }
    for (const name of rule.required ?? []) if (!counts.has(name)) at(el, 'error', 'missing', `<${el.name}> needs a <${name}>`);
    if (rule.text) checkText(el, rule.text);
    else if (el.text) onText(el, 'error', 'value', `<${el.name}> holds elements, not text`);
    if (el.name === 'WidgetId' || el.name === 'PageId' || el.name === 'PanelId') {
      const seen = ids[el.name];
      const first = el.text && seen.get(el.text);
      if (first) onText(el, 'error', 'duplicate-id', `${el.name} "${el.text}" is used twice in this panel: events and commands could not tell them apart`);
      else if (el.text) seen.set(el.text, el);
    }
    if (el.name === 'Widget') checkWidget(el);
  }
  return out;

  function checkText(el: XmlElement, rule: TextRule): void {
    if (el.children.length) { at(el.children[0], 'error', 'value', `<${el.name}> holds text, not elements`); return; }
    const v = el.text;
    switch (rule.kind) {
      case 'id':
        if (!v) onText(el, 'error', 'id', `<${el.name}> is empty: an id is needed`);
        break;
      case 'integer': {
        const n = Number(v);
        if (!/^-?\d+$/.test(v) || (rule.min !== undefined && n < rule.min) || (rule.max !== undefined && n > rule.max)) {
          onText(el, 'error', 'value', `<${el.name}> takes a whole number${rule.min !== undefined ? ` from ${rule.min}` : ''}${rule.max !== undefined ? ` to ${rule.max}` : ''}, not "${v}"`);
        }
        break;
      }
      case 'literal':
        if (el.name === 'Type' && el.parent?.name === 'Widget') break; // the widget's type: checkWidget
        if (!rule.values.includes(v)) onText(el, 'error', 'value', `<${el.name}> takes ${rule.values.join(', ')}, not "${v}"`);
        break;
      case 'schema': {
        const { values, fromSchema, productLacks } = schemaValues(rule, ctx);
        if (productLacks) {
          onText(el, 'warning', 'product', `RoomOS ${ctx.index!.schema.version} lists no ${rule.command} for ${ctx.product}: whether it shows panels, and where, is not known here`);
          break;
        }
        if (el.name === 'Location' && ctx.index && !fromSchema) {
          onText(el, 'warning', 'product', `this schema (RoomOS ${ctx.index.schema.version}${ctx.product ? `, ${ctx.product}` : ''}) has no Location for panels: its devices place a panel with <Type> (Home, InCall, Statusbar, Never)`);
          break;
        }
        if (values.includes(v)) break;
        if (fromSchema && rule.fallback.includes(v)) {
          onText(el, 'error', 'product', `${el.name} "${v}" is not on this device (RoomOS ${ctx.index!.schema.version}${ctx.product ? `, ${ctx.product}` : ''}): it takes ${values.join(', ')}`);
        } else onText(el, fromSchema ? 'error' : 'warning', 'value', `<${el.name}> takes ${values.join(', ')}, not "${v}"`);
        break;
      }
      case 'color':
        if (!isPanelColor(v)) onText(el, 'warning', 'value', `"${v}" is not a colour the device reads (#RRGGBB, #AARRGGBB or a name): the button would get the default colour`);
        break;
      case 'options': {
        const { rules: allowed, takes, type, page } = optionRules(el);
        // Offsets in the source as written (an entity or a comment in the text would shift the decoded one).
        const rawStart = el.textStart;
        for (const { key, value, at: off } of parseOptions(text.slice(el.textStart - base, el.textEnd - base))) {
          const from = rawStart + off;
          const to = from + key.length + (value ? value.length + 1 : 0);
          const option = allowed[key];
          if (!option) { onText(el, 'error', 'option', `"${key}" is not an option${page ? ' of a page' : ''}: ${(takes ?? Object.keys(WIDGET_OPTIONS)).join(', ')}`, from, to); continue; }
          if (takes && !takes.includes(key)) { onText(el, 'error', 'option', `a ${type} takes no ${key} option (it takes ${takes.join(', ') || 'none'})`, from, to); continue; }
          const bad = option.values ? !option.values.includes(value) : option.range ? !(/^\d+$/.test(value) && +value >= option.range[0] && +value <= option.range[1]) : false;
          if (bad) onText(el, 'error', 'option', `${key} takes ${option.values ? option.values.join(', ') : `${option.range![0]} to ${option.range![1]}`}, not "${value}"`, from, to);
        }
        break;
      }
      case 'version':
        if (!/^\d+\.\d+$/.test(v)) onText(el, 'error', 'version', `<Version> is a format version such as ${NEWEST_PANEL_VERSION}, not "${v}"`);
        else if (compareVersion(v, NEWEST_PANEL_VERSION) > 0) onText(el, 'info', 'version', `format ${v} is newer than these rules (${NEWEST_PANEL_VERSION}): what it adds is not checked`);
        break;
      case 'text':
        break;
    }
  }

  function checkWidget(el: XmlElement): void {
    const typeEl = el.children.find(c => c.name === 'Type');
    const type = typeEl?.text;
    if (typeEl && type !== undefined && !WIDGET_TYPES[type]) {
      onText(typeEl, 'error', 'widget-type', `"${type}" is not a widget type: ${Object.keys(WIDGET_TYPES).join(', ')}`);
      return;
    }
    const valueSpace = el.children.find(c => c.name === 'ValueSpace');
    if (type === 'GroupButton' && !valueSpace) at(el, 'warning', 'missing', 'a GroupButton without a <ValueSpace> has no buttons');
    if (type && type !== 'GroupButton' && valueSpace) at(valueSpace, 'error', 'misplaced', `a ${type} has no <ValueSpace> (only a GroupButton's buttons do)`);
  }
}

function compareVersion(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am - bm || an - bn;
}
