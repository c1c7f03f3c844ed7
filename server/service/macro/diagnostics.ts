/**
 * Macro diagnostics: unknown paths (chains and strings) and incomplete ones found here; everything about a
 * resolved path (indexes, product, parameters, values) comes from the one rule set in schema/rules, and
 * this file only maps its problems to ranges in the macro and adds the quick-fix data. Codes are stable
 * (see docs/language-server.md), the same as in `.xapi` scripts.
 */
import ts from 'typescript';
import type { NodeVariant } from '../../../schema/model';
import { checkBranchIndexes, checkUse as checkRules, GivenParam, paramNamed, RuleProblem } from '../../../schema/rules';
import { eventFieldPath } from '../../../schema/eventFields';
import { BODY_PARAM } from '../../../schema/kinds';
import { shownText } from '../../../schema/shownText';
import { walkPath, childNames } from '../pathWalk';
import { XcliCode } from '../../../schema/xcli/codes';
import { didYouMean, docLink, KIND_KEYWORD, placeholder } from '../schemaText';
import { Diagnostic, DiagnosticSeverity, Range, TextEdit } from '../types';
import { literalValueOf, XapiUse } from './analyze';
import { MacroContext, propName } from './context';

/** The same codes as `.xapi` scripts (schema/xcli/codes.ts), so one filter or quick fix serves both. */
export const MacroCodes = {
  unknownPath: XcliCode.UnknownPath,
  incompletePath: XcliCode.IncompletePath,
  unknownParam: XcliCode.UnknownParam,
  missingParam: XcliCode.MissingRequired,
  duplicateParam: XcliCode.RepeatedParam,
  notOnProduct: XcliCode.NotOnProduct,
  indexOutOfRange: XcliCode.IndexOutOfRange,
  notConfiguration: XcliCode.NotConfiguration,
} as const;

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

export function macroDiagnostics(ctx: MacroContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const u of ctx.a.uses) {
    if (u.partial) continue; // still being typed: the parser already reports the syntax error
    checkUse(ctx, u, out);
  }
  return out;
}

function checkUse(ctx: MacroContext, u: XapiUse, out: Diagnostic[]): void {
  const { index, lines, product } = ctx;
  const kw = KIND_KEYWORD[u.kind];
  const names = u.segs.map(s => s.name);
  if (!names.length) {
    if (u.style === 'string' && u.pathLiteral && u.kind === 'Command') {
      out.push({ range: lines.range(u.pathLiteral.getStart(ctx.a.sf), u.pathLiteral.end), severity: DiagnosticSeverity.Error,
        code: MacroCodes.incompletePath, source: 'xapi', message: `Empty ${kw} path.` });
    }
    return;
  }
  // A computed subscript on a name that takes no index (`HttpClient[method]`) names a child at run time: only
  // the names before it can be checked, as after any computed member that cannot be an index (analyze.ts).
  const cut = computedCut(ctx, u, names);
  const checked = cut === undefined ? names : names.slice(0, cut);
  const walk = walkPath(index, u.kind, checked);
  if (walk.failAt < 0 && cut !== undefined) return;
  // A name an alias stands for is checked where the alias is declared (that chain is a use of its own).
  if (walk.failAt >= 0 && u.segs[walk.failAt].viaAlias) return;
  if (walk.failAt >= 0 && u.kind === 'Event' && checkPayloadPath(ctx, u, walk, out)) return;
  if (walk.failAt >= 0) {
    const seg = u.segs[walk.failAt];
    const candidates = didYouMean(seg.name, childNames(index, u.kind, walk.parentNames));
    const under = walk.parentNames.length ? `${kw} ${walk.parentNames.join(' ')}` : kw;
    out.push({
      range: lines.range(seg.start, seg.end), severity: DiagnosticSeverity.Error, code: MacroCodes.unknownPath, source: 'xapi',
      message: `Unknown path: '${shownText(seg.name)}' is not under ${under}.${candidates.length ? ` Did you mean '${candidates[0]}'?` : ''}`,
      data: candidates.length ? { fix: 'replace', range: lines.range(seg.start, seg.end), candidates } : undefined,
    });
    return;
  }
  const indexes = u.segs.map(s => (s.index === undefined || Number.isNaN(s.index) ? undefined : s.index));
  const lastSeg = u.segs[u.segs.length - 1];
  const pathRange = lines.range(u.segs[0].start, lastSeg.end);
  if (u.method === 'set' && u.kind !== 'Configuration') {
    out.push({ range: pathRange, severity: DiagnosticSeverity.Error, code: MacroCodes.notConfiguration, source: 'xapi',
      message: `${kw} ${walk.entries.map(e => e.name).join(' ')} cannot be set: only configurations take values.` });
  }
  const entry = walk.entries[walk.entries.length - 1];
  const node = entry.node;
  const needsLeaf = u.kind === 'Command' || (u.kind === 'Configuration' && u.method === 'set');
  if (!node) {
    for (const p of checkBranchIndexes(walk.entries, indexes)) report(ctx, u, p, { pathRange }, out);
    if (needsLeaf && (u.call || u.style === 'string')) {
      const kids = entry.children.size;
      out.push({ range: lines.range(lastSeg.start, lastSeg.end), severity: DiagnosticSeverity.Error, code: MacroCodes.incompletePath, source: 'xapi',
        message: `${kw} ${entry.names.join(' ')} is a branch (${kids} entries), not a ${u.kind === 'Command' ? 'command' : 'setting'}.` });
    }
    return;
  }
  const places: Places = { pathRange, href: docLink(node.kind, node.names) };
  let params: GivenParam[] | undefined;
  if (u.kind === 'Command' && u.call) {
    const given = givenParams(ctx, u);
    if (!given) return; // a variable or call: the keys cannot be seen
    params = given.params;
    places.params = given.places;
    places.opaque = given.opaque;
  }
  const setValue = u.kind === 'Configuration' && u.method === 'set' && u.value ? u.value : undefined;
  const value = setValue && ctx.a.valueOf(setValue);
  if (setValue) places.value = setValue;
  const { variant, problems } = checkRules({ node, indexes, product, params, value });
  places.variant = variant;
  for (const p of problems) report(ctx, u, p, places, out);
}

/** How many names can be checked when a computed member hides the rest; undefined when all can. */
function computedCut(ctx: MacroContext, u: XapiUse, names: readonly string[]): number | undefined {
  for (let i = 0; i < u.segs.length; i++) {
    if (!Number.isNaN(u.segs[i].index)) continue;
    const e = ctx.index.entry(u.kind, names.slice(0, i + 1));
    if (e && !e.index) return i + 1;
  }
  return u.opaque ? names.length : undefined;
}

/**
 * An event path that goes on past the event into its payload (`…Panel.Clicked.PanelId.on(…)`): the names after the
 * event are fields (schema/eventFields.ts). True when the walk stopped at an event node: then this reports any
 * name that is no field, and the caller is done.
 */
function checkPayloadPath(ctx: MacroContext, u: XapiUse, walk: ReturnType<typeof walkPath>, out: Diagnostic[]): boolean {
  const event = walk.entries[walk.failAt - 1]?.node;
  if (!event) return false;
  const rest = u.segs.slice(walk.failAt);
  const found = eventFieldPath(event, rest.map(s => s.name), ctx.product);
  if (found.failAt < 0) return true;
  const seg = rest[found.failAt];
  const candidates = didYouMean(seg.name, found.fieldNames);
  const under = [event.normPath, ...rest.slice(0, found.failAt).map(s => s.name)].join(' ');
  out.push({
    range: ctx.lines.range(seg.start, seg.end), severity: DiagnosticSeverity.Error, code: MacroCodes.unknownPath, source: 'xapi',
    message: `Unknown path: '${shownText(seg.name)}' is no field of xEvent ${under}.${candidates.length ? ` Did you mean '${candidates[0]}'?` : ''}`,
    data: candidates.length ? { fix: 'replace', range: ctx.lines.range(seg.start, seg.end), candidates } : undefined,
  });
  return true;
}

/** Where the rule problems of one use go in the macro. */
interface Places {
  pathRange: Range;
  href?: string;
  /** Per given parameter: its name's offsets, and its values' expressions (one per array element). */
  params?: { name: string; start: number; end: number; values: ts.Expression[] }[];
  /** The variant the rules chose (for placeholders and literal candidates). */
  variant?: NodeVariant;
  /** A spread (`...p`) among the parameters: other keys may be given, so none is missing. */
  opaque?: boolean;
  value?: ts.Expression;
}

/** The parameters of a command call as the rules read them; undefined when the argument is no object literal. */
function givenParams(ctx: MacroContext, u: XapiUse): { params: GivenParam[]; places: NonNullable<Places['params']>; opaque: boolean } | undefined {
  const obj = u.params;
  // A string where the parameters go is the body (jsxapi: `{ body: params }`): no parameters given.
  if (u.paramsExpr && !obj && !isStringLike(u.paramsExpr)) return undefined;
  const params: GivenParam[] = [];
  const places: NonNullable<Places['params']> = [];
  let opaque = false;
  for (const p of obj?.properties ?? []) {
    if (ts.isSpreadAssignment(p)) { opaque = true; continue; }
    const n = propName(ctx.a.sf, p);
    if (!n || n.text === '' || n.text === BODY_PARAM) continue; // the body, not a parameter (schema/kinds.ts)
    const init = ts.isPropertyAssignment(p) ? p.initializer : undefined;
    const list = init !== undefined && ts.isArrayLiteralExpression(init);
    const values = init === undefined ? [] : list ? [...(init as ts.ArrayLiteralExpression).elements] : [init];
    params.push({ name: n.text, values: init === undefined ? [undefined] : values.map(v => ctx.a.valueOf(v)), list });
    places.push({ name: n.text, start: n.start, end: n.end, values });
  }
  return { params, places, opaque };
}

function isStringLike(e: ts.Expression): boolean {
  return ts.isStringLiteralLike(e) || ts.isTemplateExpression(e);
}

function report(ctx: MacroContext, u: XapiUse, p: RuleProblem, places: Places, out: Diagnostic[]): void {
  const { lines, a } = ctx;
  const t = p.target;
  const d: Diagnostic = { range: places.pathRange, severity: SEVERITY[p.severity], code: p.code, source: 'xapi', message: `${p.message}.` };
  if (places.href && p.code !== XcliCode.IndexOutOfRange && p.code !== XcliCode.InvalidIndex) d.codeDescription = { href: places.href };
  if (t.on === 'segment') {
    const s = u.segs[t.segment];
    if (s) d.range = lines.range(s.start, s.end);
  } else if (t.on === 'param') {
    const at = places.params?.[t.param];
    if (at) {
      d.range = lines.range(at.start, at.end);
      if (p.suggestions?.length) d.data = { fix: 'replace', range: d.range, candidates: [...p.suggestions] };
      const first = places.params!.findIndex(x => x.name.toLowerCase() === at.name.toLowerCase());
      if (p.code === XcliCode.RepeatedParam && first >= 0 && first !== t.param) {
        const f = places.params![first]!;
        d.relatedInformation = [{ location: { uri: ctx.uri, range: lines.range(f.start, f.end) }, message: 'first given here' }];
      }
    }
  } else if (t.on === 'value') {
    const el = t.param === undefined ? places.value : places.params?.[t.param]?.values[t.element];
    if (el) {
      const start = el.getStart(a.sf);
      d.range = lines.range(start, el.end);
      const quoted = ts.isStringLiteral(el) || ts.isNoSubstitutionTemplateLiteral(el);
      const inner = quoted ? lines.range(start + 1, el.end - 1) : d.range;
      // A quick fix only where a string or number is written (not `true`, not a const's name).
      const val = ts.isStringLiteralLike(el) || ts.isNumericLiteral(el) || ts.isPrefixUnaryExpression(el) ? literalValueOf(el) : undefined;
      const vsLiterals = p.code === XcliCode.NotLiteral && typeof val === 'string' ? literalCandidates(places.variant, t.param, places, val) : undefined;
      const candidates = val === undefined ? [] : vsLiterals ?? (p.code === XcliCode.OutOfRange || p.code === XcliCode.NotInteger ? [...(p.suggestions ?? [])] : []);
      if (candidates.length) d.data = { fix: 'replace', range: inner, candidates };
    }
  } else if (p.code === XcliCode.MissingRequired) {
    if (places.opaque) return;
    d.range = missingAnchor(ctx, u);
    const missing = (p.data?.missing as string[] | undefined) ?? [];
    // With the body where the parameters go there is no object to add them to: no quick fix.
    if (!u.paramsExpr || u.params) d.data = { fix: 'addParams', edits: [addParamsEdit(ctx, u, places.variant, missing)], names: missing };
  }
  out.push(d);
}

/** The literals closest to a mistyped one, for the quick fix (several, where the message names one). */
function literalCandidates(variant: NodeVariant | undefined, param: number | undefined, places: Places, val: string): string[] | undefined {
  const vs = param === undefined ? variant?.valueSpace : variant && paramNamed(variant, places.params?.[param]?.name ?? '')?.valueSpace;
  return vs?.type === 'Literal' ? didYouMean(val, vs.values.map(x => x.value)) : undefined;
}

/** Where "needs parameters" points: the command's last name, or the path string. */
function missingAnchor(ctx: MacroContext, u: XapiUse): Range {
  const anchor = u.style === 'proxy' ? u.segs[u.segs.length - 1] : { start: u.pathLiteral!.getStart(ctx.a.sf), end: u.pathLiteral!.end };
  return ctx.lines.range(anchor.start, anchor.end);
}

/** The edit that adds the missing parameters with placeholders: after the last property, inside `{`, or a new object. */
function addParamsEdit(ctx: MacroContext, u: XapiUse, variant: NodeVariant | undefined, missing: readonly string[]): TextEdit {
  const { sf } = ctx.a;
  const text = missing.map(n => {
    const p = variant && paramNamed(variant, n);
    return `${n}: ${p ? placeholder(p.valueSpace) : "''"}`;
  }).join(', ');
  const obj = u.params;
  if (obj) {
    // After the last property (a trailing comma stays after the new ones), or just inside `{`.
    const last = obj.properties[obj.properties.length - 1];
    const insertAt = last ? last.end : obj.getStart(sf) + 1;
    return { range: ctx.lines.range(insertAt, insertAt), newText: last ? `, ${text}` : ` ${text} ` };
  }
  const call = u.call!;
  const at = u.style === 'proxy' ? call.arguments.pos : call.arguments.end;
  return { range: ctx.lines.range(at, at), newText: `${u.style === 'proxy' ? '' : ', '}{ ${text} }` };
}
