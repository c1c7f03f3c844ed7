/**
 * Panel XML inside a macro: the body of a `UserInterface Extensions Panel Save` call (its argument after the
 * parameters, in either style) when it is a string literal or a template literal without `${}` — only then is the
 * text known here. Such a body gets the panel rules' diagnostics, completion and hover (panel/panelFeatures.ts) at
 * its place in the file; anything else (a variable, a template with substitutions, a built string) gets none.
 */
import ts from 'typescript';
import { panelCompletion, panelDiagnostics, panelHover } from '../panel/panelFeatures';
import type { CompletionList, Diagnostic, Hover } from '../types';
import type { MacroContext } from './context';

/** The command whose body is panel XML. */
const PANEL_SAVE = 'userinterface extensions panel save';

/** A literal panel body: its text as written between the quotes, and where that starts in the file. */
export interface PanelBody { readonly text: string; readonly start: number; readonly end: number }

export function panelBodies(ctx: MacroContext): PanelBody[] {
  const out: PanelBody[] = [];
  for (const u of ctx.a.uses) {
    if (u.kind !== 'Command' || !u.call || u.segs.map(s => s.name).join(' ').toLowerCase() !== PANEL_SAVE) continue;
    // Proxy style: Save(params, body); string style: command('…Panel Save', params, body).
    const arg = u.call.arguments[u.style === 'proxy' ? 1 : 2];
    if (!arg || !(ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) continue;
    const start = arg.getStart(ctx.a.sf) + 1;
    const end = Math.max(start, arg.end - 1);
    const raw = ctx.a.sf.text.slice(start, end);
    // Escapes (`\n` in a quoted string) make the written text differ from the value: check it only when each
    // character stays where it is written, so every range points at the right place. A template literal's value has
    // its line breaks as LF whatever the file has (CRLF on Windows): that difference is only line breaks.
    if (raw !== arg.text && !(ts.isNoSubstitutionTemplateLiteral(arg) && raw.replace(/\r\n?/g, '\n') === arg.text)) continue;
    out.push({ text: raw, start, end });
  }
  return out;
}

export function macroPanelDiagnostics(ctx: MacroContext): Diagnostic[] {
  return panelBodies(ctx).flatMap(b => panelDiagnostics(b.text, ctx.lines, { index: ctx.index, ...(ctx.product ? { product: ctx.product } : {}) }, b.start));
}

/** The body the offset is in, if any. */
function bodyAt(ctx: MacroContext, offset: number): PanelBody | undefined {
  return panelBodies(ctx).find(b => offset >= b.start && offset <= b.end);
}

export function macroPanelCompletion(ctx: MacroContext, offset: number): CompletionList | undefined {
  const b = bodyAt(ctx, offset);
  return b && panelCompletion(b.text, offset, ctx.lines, { index: ctx.index, ...(ctx.product ? { product: ctx.product } : {}) }, b.start);
}

export function macroPanelHover(ctx: MacroContext, offset: number): Hover | null | undefined {
  const b = bodyAt(ctx, offset);
  return b && panelHover(b.text, offset, ctx.lines, b.start);
}
