/** Hover in macros: the node or branch under a chain name or string-path segment, a parameter, a literal value. */
import { eventPayloadPath } from '../../../schema/eventFields';
import { productName } from '../../../schema/products';
import { variantsFor } from '../../../schema/variants';
import { productsTaking, unionVariant } from '../../../schema/variantUnion';
import ts from 'typescript';
import { branchMarkdown, literalMarkdown, paramMarkdown, valueSpaceSummary } from '../schemaText';
import type { NodeVariant } from '../../../schema/model';
import type { XapiUse } from './analyze';
import type { Hover } from '../types';
import { literalContent, MacroContext, propName } from './context';

const KIND_DOC: Record<string, string> = {
  Command: 'xAPI commands: call a node with its parameters, e.g. `xapi.Command.Audio.Volume.Set({ Level: 50 })`.',
  Config: 'xAPI configurations: `.get()`, `.set(value)`, `.on(listener)`.',
  Configuration: 'xAPI configurations: `.get()`, `.set(value)`, `.on(listener)`.',
  Status: 'xAPI statuses: `.get()`, `.on(listener)`.',
  Event: 'xAPI events: `.on(listener)`, `.once(listener)`.',
};

export function macroHover(ctx: MacroContext, offset: number): Hover | null {
  const { a, index, product, lines } = ctx;
  const md = (value: string, start: number, end: number): Hover => ({ contents: { kind: 'markdown', value }, range: lines.range(start, end) });
  for (const n of a.names) {
    if (offset < n.start || offset > n.end || n.start === n.end) continue;
    if (n.seg === -1) return md(KIND_DOC[n.kindWord ?? ''] ?? '', n.start, n.end);
    const u = n.use!;
    if (n.seg >= u.segs.length || u.segs[n.seg].start !== n.start) return null; // a method name
    const e = index.entry(u.kind, u.segs.slice(0, n.seg + 1).map(s => s.name));
    if (e) return md(branchMarkdown(index, e, product), n.start, n.end);
    const field = payloadFieldMarkdown(ctx, u, n.seg);
    return field ? md(field, n.start, n.end) : null;
  }
  for (const u of a.uses) {
    if (offset < u.start || offset > u.end) continue;
    if (u.pathLiteral) {
      const c = literalContent(a.sf, u.pathLiteral);
      if (offset >= c.start && offset <= c.end) {
        const i = u.segs.findIndex(s => offset >= s.start && offset <= s.end);
        if (i < 0) return null;
        const e = index.entry(u.kind, u.segs.slice(0, i + 1).map(s => s.name));
        if (e) return md(branchMarkdown(index, e, product), u.segs[i].start, u.segs[i].end);
        const field = payloadFieldMarkdown(ctx, u, i);
        return field ? md(field, u.segs[i].start, u.segs[i].end) : null;
      }
    }
    // A configuration value: what the literal means, and which products take it when only some do.
    if (u.kind === 'Configuration' && u.method === 'set' && u.value && offset >= u.value.getStart(a.sf) && offset <= u.value.end) {
      const node = index.lookup(u.kind, u.segs.map(s => s.name));
      const variants = node && variantsFor(node, product);
      const v = variants?.length ? unionVariant(variants) : undefined;
      const val = a.valueOf(u.value);
      if (v?.valueSpace?.type === 'Literal' && typeof val === 'string') {
        return md(literalMarkdown(v.valueSpace, val) + productsNote(ctx, variants!, val), u.value.getStart(a.sf), u.value.end);
      }
    }
    if (u.params) {
      const node = index.lookup(u.kind, u.segs.map(s => s.name));
      const variants = node && variantsFor(node, product);
      const v = variants?.length ? unionVariant(variants) : undefined;
      for (const p of u.params.properties) {
        const name = propName(a.sf, p);
        if (!name || !node || !v) continue;
        const param = v.params?.find(x => x.name.toLowerCase() === name.text.toLowerCase());
        if (!param) continue;
        if (offset >= name.start && offset <= name.end) return md(paramMarkdown('Command', node, param), name.start, name.end);
        if (ts.isPropertyAssignment(p) && offset >= p.initializer.getStart(a.sf) && offset <= p.initializer.end) {
          const val = a.valueOf(p.initializer);
          if (typeof val === 'string') {
            return md(literalMarkdown(param.valueSpace, val) + productsNote(ctx, variants!, val, param.name), p.initializer.getStart(a.sf), p.initializer.end);
          }
        }
      }
    }
  }
  return null;
}

/** "Only on …" for a value only some products take (no product known: every variant counts). */
function onlyOn(products: readonly string[] | undefined): string {
  return products?.length ? `\n\nOnly on ${products.map(productName).join(', ')}.` : '';
}

/** The products taking a value, said only with no product known (with one, its variants are all the same product). */
function productsNote(ctx: MacroContext, variants: readonly NodeVariant[], value: string, param?: string): string {
  return ctx.product ? '' : onlyOn(productsTaking(variants, value, param));
}

/** A payload field named in an event's path (`…Panel.Clicked.PanelId`): what it holds. */
function payloadFieldMarkdown(ctx: MacroContext, u: XapiUse, seg: number): string | undefined {
  if (u.kind !== 'Event') return undefined;
  const names = u.segs.slice(0, seg + 1).map(s => s.name);
  const found = eventPayloadPath(n => ctx.index.lookup('Event', n), names, ctx.product);
  const field = found?.failAt === -1 ? found.fields[found.fields.length - 1] : undefined;
  if (!found || !field) return undefined;
  const what = field.children?.length ? `${field.children.length} fields` : valueSpaceSummary(field.valueSpace) || 'a value';
  const between = names.slice(found.eventNames, -1);
  return `**${field.name}** — payload field of xEvent ${found.event.normPath}${between.length ? ` ${between.join(' ')}` : ''}: ${what}${field.multiple ? ' (list)' : ''}`;
}
