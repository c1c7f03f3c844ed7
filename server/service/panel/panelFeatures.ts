/**
 * Panel XML in the editor (`*.panel.xml`, language `xapi-panel`, and a literal panel in a macro's `Panel Save`):
 * diagnostics from the panel rules (schema/panels/check.ts), completion of elements by where the cursor is, of
 * values by the element (widget types, Location and Icon from the device's schema, colours) and of options by the
 * widget's type; hover with each element's, type's and option's documentation. Offsets in `text` plus `base` are
 * document offsets (a macro's literal starts inside the file).
 */
import { checkPanel, schemaValues, type PanelContext, type PanelSeverity } from '../../../schema/panels/check';
import { optionRules, PANEL_ELEMENTS, parseOptions, WIDGET_TYPES, type TextRule } from '../../../schema/panels/format';
import { allElements, parseXml, type XmlElement } from '../../../schema/panels/xml';
import type { LineMap } from '../text';
import { CompletionItemKind, DiagnosticSeverity, type CompletionItem, type CompletionList, type Diagnostic, type Hover } from '../types';

/** Characters that ask for completion in panel XML only: a tag, an option's value, the next option. */
export const PANEL_TRIGGERS: readonly string[] = ['<', '=', ';'];

const SEVERITY: Record<PanelSeverity, DiagnosticSeverity> = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };

/** Panel diagnostics codes are `panel-<rule code>` (docs/language-server.md). */
export function panelDiagnostics(text: string, lines: LineMap, ctx: PanelContext, base = 0): Diagnostic[] {
  return checkPanel(text, ctx, base).map(d => ({
    range: lines.range(d.start, d.end), severity: SEVERITY[d.severity], code: `panel-${d.code}`, source: 'xapi', message: d.message,
  }));
}

const md = (value: string) => ({ kind: 'markdown' as const, value });

/** What the cursor is in: an element's name being typed, a closing tag, or an element's text. */
type Spot =
  | { kind: 'element'; parent: string | undefined; from: number }
  | { kind: 'close'; open: string | undefined; from: number }
  | { kind: 'text'; element: XmlElement; from: number };

function spotAt(text: string, offset: number): Spot | undefined {
  const before = text.slice(0, offset);
  const doc = parseXml(before);
  const innermost = doc.openAtEnd.at(-1);
  const tag = /<(\/?)([A-Za-z]*)$/.exec(before);
  if (tag) {
    const from = offset - tag[2].length;
    return tag[1] ? { kind: 'close', open: innermost?.name, from } : { kind: 'element', parent: innermost?.name, from };
  }
  if (!innermost) return { kind: 'element', parent: undefined, from: offset };
  const lastLt = before.lastIndexOf('<');
  const lastGt = before.lastIndexOf('>');
  if (lastLt > lastGt) return undefined; // inside a tag's attributes
  const from = lastGt + 1 + (before.slice(lastGt + 1).length - before.slice(lastGt + 1).trimStart().length);
  return PANEL_ELEMENTS[innermost.name]?.text ? { kind: 'text', element: innermost, from } : { kind: 'element', parent: innermost.name, from: offset };
}

/** A value list as completion items replacing `from`…`offset`. */
function valueItems(values: readonly string[], docOf: (v: string) => string | undefined, lines: LineMap, from: number, offset: number, kind: number = CompletionItemKind.EnumMember): CompletionItem[] {
  const range = lines.range(from, offset);
  return values.map((v, i) => ({
    label: v, kind: kind as CompletionItem['kind'], sortText: String(i).padStart(3, '0'), textEdit: { range, newText: v },
    ...(docOf(v) ? { documentation: md(docOf(v)!) } : {}),
  }));
}

function elementSnippet(name: string): string {
  const rule = PANEL_ELEMENTS[name];
  return rule.children ? `${name}>\n\t$0\n</${name}>` : `${name}>$0</${name}>`;
}

/** Completion at `offset` of `text` (document offsets: plus `base`). */
export function panelCompletion(text: string, offset: number, lines: LineMap, ctx: PanelContext, base = 0): CompletionList {
  const spot = spotAt(text, offset - base);
  const at = (o: number) => o + base;
  if (!spot) return { isIncomplete: false, items: [] };
  if (spot.kind === 'close') {
    return { isIncomplete: false, items: spot.open ? [{ label: `/${spot.open}`, kind: CompletionItemKind.Property, textEdit: { range: lines.range(at(spot.from), offset), newText: `${spot.open}>` } }] : [] };
  }
  if (spot.kind === 'element') {
    const names = spot.parent ? PANEL_ELEMENTS[spot.parent]?.children ?? [] : ['Extensions'];
    const typed = text.slice(0, offset - base).endsWith('<') || /<[A-Za-z]*$/.test(text.slice(0, offset - base));
    const range = lines.range(at(spot.from), offset);
    return {
      isIncomplete: false,
      items: names.map((name, i) => ({
        label: name, kind: CompletionItemKind.Property, sortText: String(i).padStart(3, '0'), documentation: md(PANEL_ELEMENTS[name].doc),
        textEdit: { range, newText: typed ? elementSnippet(name) : `<${elementSnippet(name)}` }, insertTextFormat: 2 as const,
      })),
    };
  }
  const el = spot.element;
  const rule = PANEL_ELEMENTS[el.name].text!;
  if (el.name === 'Type' && el.parent?.name === 'Widget') {
    return { isIncomplete: false, items: valueItems(Object.keys(WIDGET_TYPES), t => WIDGET_TYPES[t].doc, lines, at(spot.from), offset, CompletionItemKind.Class) };
  }
  if (rule.kind === 'options') return { isIncomplete: false, items: optionItems(text, el, spot.from, offset, lines, base) };
  const values = textValues(rule, ctx);
  return { isIncomplete: false, items: valueItems(values, () => undefined, lines, at(spot.from), offset) };
}

function textValues(rule: TextRule, ctx: PanelContext): readonly string[] {
  if (rule.kind === 'literal') return rule.values;
  if (rule.kind === 'schema') return schemaValues(rule, ctx).values;
  if (rule.kind === 'color') return ['#RRGGBB'];
  return [];
}

/** In `<Options>`: the keys the widget's type takes (or a page's), or after `key=` that key's values. */
function optionItems(text: string, el: XmlElement, from: number, offset: number, lines: LineMap, base: number): CompletionItem[] {
  const typed = text.slice(from, offset - base);
  const { rules, takes } = optionRules(el);
  const segment = typed.slice(typed.lastIndexOf(';') + 1);
  const segmentStart = offset - segment.length;
  const eq = segment.indexOf('=');
  if (eq >= 0) {
    const option = rules[segment.slice(0, eq).trim()];
    const values = option?.values ?? (option?.range ? Array.from({ length: option.range[1] - option.range[0] + 1 }, (_, i) => String(option.range![0] + i)) : []);
    return valueItems(values, () => undefined, lines, segmentStart + eq + 1, offset);
  }
  const taken = new Set(parseOptions(typed).map(o => o.key));
  const keys = (takes ?? Object.keys(rules)).filter(k => !taken.has(k) || segment.trim() === k);
  return keys.map((k, i) => ({
    label: k, kind: CompletionItemKind.Field, sortText: String(i).padStart(3, '0'), documentation: md(rules[k].doc),
    textEdit: { range: lines.range(segmentStart, offset), newText: `${k}=` },
  }));
}

/** Hover: the element under the cursor, a widget type, or an option. */
export function panelHover(text: string, offset: number, lines: LineMap, base = 0): Hover | null {
  const doc = parseXml(text, base);
  for (const el of allElements(doc.roots)) {
    if (offset >= el.nameStart && offset <= el.nameEnd && PANEL_ELEMENTS[el.name]) {
      return { contents: md(`**<${el.name}>** — ${PANEL_ELEMENTS[el.name].doc}`), range: lines.range(el.nameStart, el.nameEnd) };
    }
    if (offset >= el.textStart && offset <= el.textEnd && el.text) {
      if (el.name === 'Type' && el.parent?.name === 'Widget' && WIDGET_TYPES[el.text]) {
        const t = WIDGET_TYPES[el.text];
        return {
          contents: md(`**${el.text}** — ${t.doc}\n\nOptions: ${t.options.join(', ') || 'none'}.${t.actions.length ? ` A touch sends Widget Action ${t.actions.join(', ')}.` : ''}`),
          range: lines.range(el.textStart, el.textEnd),
        };
      }
      if (el.name === 'Options') {
        const { rules } = optionRules(el);
        for (const o of parseOptions(text.slice(el.textStart - base, el.textEnd - base))) {
          const start = el.textStart + o.at;
          if (offset >= start && offset <= start + o.key.length + o.value.length + 1 && rules[o.key]) {
            return { contents: md(`**${o.key}** — ${rules[o.key].doc}`), range: lines.range(start, start + o.key.length) };
          }
        }
      }
    }
  }
  return null;
}
