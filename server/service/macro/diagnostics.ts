/**
 * Macro diagnostics: unknown paths (chains and strings), unknown parameter keys, values outside the
 * value space, missing required parameters, paths not on the selected product. Codes are stable
 * (see docs/language-server.md) and carry fix data for the code actions.
 */
import ts from 'typescript';
import type { CommandParam, ValueSpace } from '../../../schema/model';
import { productName } from '../../../schema/products';
import { walkPath, childNames } from '../pathWalk';
import { checkValue as sharedCheck, ValueProblem } from '../../../schema/valueCheck';
import { XcliCode } from '../../../schema/xcli/codes';
import { didYouMean, docLink, KIND_KEYWORD, placeholder } from '../schemaText';
import { Diagnostic, DiagnosticSeverity, TextEdit } from '../types';
import { XapiUse } from './analyze';
import { literalValue, MacroContext, propName } from './context';

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

const VALUE_CODES: Record<ValueProblem, string> = {
  'not-integer': XcliCode.NotInteger, 'out-of-range': XcliCode.OutOfRange, step: XcliCode.IntegerStep,
  'not-literal': XcliCode.NotLiteral, 'too-long': XcliCode.StringTooLong, 'too-short': XcliCode.StringTooShort,
};

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
  const walk = walkPath(index, u.kind, names);
  if (walk.failAt >= 0) {
    const seg = u.segs[walk.failAt];
    const candidates = didYouMean(seg.name, childNames(index, u.kind, walk.parentNames));
    const under = walk.parentNames.length ? `${kw} ${walk.parentNames.join(' ')}` : kw;
    out.push({
      range: lines.range(seg.start, seg.end), severity: DiagnosticSeverity.Error, code: MacroCodes.unknownPath, source: 'xapi',
      message: `Unknown path: '${seg.name}' is not under ${under}.${candidates.length ? ` Did you mean '${candidates[0]}'?` : ''}`,
      data: candidates.length ? { fix: 'replace', range: lines.range(seg.start, seg.end), candidates } : undefined,
    });
    return;
  }
  // Index ranges.
  u.segs.forEach((s, i) => {
    const e = walk.entries[i];
    if (s.index === undefined || Number.isNaN(s.index) || !e.index) return;
    if (s.index < e.index.min || (e.index.max !== undefined && s.index > e.index.max)) {
      out.push({ range: lines.range(s.start, s.end), severity: DiagnosticSeverity.Warning, code: MacroCodes.indexOutOfRange, source: 'xapi',
        message: `Index ${s.index} is outside ${s.name}[${e.index.min}..${e.index.max ?? 'n'}].` });
    }
  });
  const lastSeg = u.segs[u.segs.length - 1];
  if (u.method === 'set' && u.kind !== 'Configuration') {
    out.push({ range: lines.range(u.segs[0].start, lastSeg.end), severity: DiagnosticSeverity.Error, code: MacroCodes.notConfiguration, source: 'xapi',
      message: `${kw} ${walk.entries.map(e => e.name).join(' ')} cannot be set: only configurations take values.` });
  }
  const entry = walk.entries[walk.entries.length - 1];
  const node = entry.node;
  const needsLeaf = u.kind === 'Command' || (u.kind === 'Configuration' && u.method === 'set');
  if (!node) {
    if (needsLeaf && (u.call || u.style === 'string')) {
      const kids = entry.children.size;
      out.push({ range: lines.range(lastSeg.start, lastSeg.end), severity: DiagnosticSeverity.Error, code: MacroCodes.incompletePath, source: 'xapi',
        message: `${kw} ${entry.names.join(' ')} is a branch (${kids} entries), not a ${u.kind === 'Command' ? 'command' : 'setting'}.` });
    }
    return;
  }
  const href = docLink(node.kind, node.names);
  if (product && !index.hasProduct(node, product)) {
    out.push({ range: lines.range(u.segs[0].start, lastSeg.end), severity: DiagnosticSeverity.Warning, code: MacroCodes.notOnProduct, source: 'xapi',
      message: `${kw} ${node.normPath} is not available on ${productName(product)}.`, codeDescription: { href } });
  }
  const v = index.variantFor(node, product) ?? node.variants[0];
  if (u.kind === 'Configuration' && u.method === 'set' && u.value && v.valueSpace) {
    checkValue(ctx, u.value, v.valueSpace, `${node.normPath}`, href, out);
  }
  if (u.kind === 'Command' && u.call) checkParams(ctx, u, v.params ?? [], node.normPath, href, out);
}

function checkValue(ctx: MacroContext, e: ts.Expression, vs: ValueSpace, what: string, href: string, out: Diagnostic[]): void {
  const values = ts.isArrayLiteralExpression(e) && vs.multiple !== undefined ? [...e.elements] : [e];
  for (const el of values) {
    const val = literalValue(el);
    if (val === undefined) continue;
    const r = sharedCheck(vs, val);
    if (r.ok || r.problem === 'step') continue; // published steps are not reliable enough to flag
    const candidates = vs.type === 'Literal' && typeof val === 'string' ? didYouMean(val, vs.values.map(x => x.value))
      : r.suggestion !== undefined && vs.type === 'Integer' ? [r.suggestion] : [];
    const quoted = ts.isStringLiteral(el) || ts.isNoSubstitutionTemplateLiteral(el);
    const start = el.getStart(ctx.a.sf);
    const range = quoted ? ctx.lines.range(start + 1, el.end - 1) : ctx.lines.range(start, el.end);
    out.push({
      range: ctx.lines.range(start, el.end), severity: DiagnosticSeverity.Error, code: VALUE_CODES[r.problem], source: 'xapi',
      message: `${what}: ${r.reason}.`, codeDescription: { href },
      data: candidates.length ? { fix: 'replace', range, candidates } : undefined,
    });
  }
}

function checkParams(ctx: MacroContext, u: XapiUse, params: readonly CommandParam[], path: string, href: string, out: Diagnostic[]): void {
  const { sf } = ctx.a;
  const given = new Map<string, { start: number; end: number }>();
  const obj = u.params;
  if (u.paramsExpr && !obj) return; // a variable or call: cannot see the keys
  let opaque = false;
  for (const p of obj?.properties ?? []) {
    if (ts.isSpreadAssignment(p)) { opaque = true; continue; }
    const n = propName(sf, p);
    if (!n || n.text === '') continue;
    const param = params.find(x => x.name.toLowerCase() === n.text.toLowerCase());
    const first = given.get(n.text.toLowerCase());
    if (first && !(param && (param.valueSpace.multiple ?? 0) > 1)) {
      out.push({ range: ctx.lines.range(n.start, n.end), severity: DiagnosticSeverity.Warning, code: MacroCodes.duplicateParam, source: 'xapi',
        message: `Parameter '${n.text}' is given twice; the last one wins.`,
        relatedInformation: [{ location: { uri: ctx.uri, range: ctx.lines.range(first.start, first.end) }, message: 'first given here' }] });
    }
    given.set(n.text.toLowerCase(), n);
    if (!param) {
      const candidates = didYouMean(n.text, params.map(x => x.name));
      out.push({
        range: ctx.lines.range(n.start, n.end), severity: DiagnosticSeverity.Error, code: MacroCodes.unknownParam, source: 'xapi',
        message: `'${n.text}' is not a parameter of xCommand ${path}.${candidates.length ? ` Did you mean '${candidates[0]}'?` : ''}`,
        codeDescription: { href },
        data: candidates.length ? { fix: 'replace', range: ctx.lines.range(n.start, n.end), candidates } : undefined,
      });
      continue;
    }
    if (ts.isPropertyAssignment(p)) checkValue(ctx, p.initializer, param.valueSpace, `${param.name}`, href, out);
  }
  if (opaque) return;
  const missing = params.filter(p => p.required && !given.has(p.name.toLowerCase()));
  if (!missing.length) return;
  const text = missing.map(p => `${p.name}: ${placeholder(p.valueSpace)}`).join(', ');
  const edits: TextEdit[] = [];
  const call = u.call!;
  if (obj) {
    // After the last property (a trailing comma stays after the new ones), or just inside `{`.
    const last = obj.properties[obj.properties.length - 1];
    const insertAt = last ? last.end : obj.getStart(sf) + 1;
    edits.push({ range: ctx.lines.range(insertAt, insertAt), newText: last ? `, ${text}` : ` ${text} ` });
  } else {
    const at = u.style === 'proxy' ? call.arguments.pos : call.arguments.end;
    edits.push({ range: ctx.lines.range(at, at), newText: `${u.style === 'proxy' ? '' : ', '}{ ${text} }` });
  }
  const anchor = u.style === 'proxy' ? u.segs[u.segs.length - 1] : { start: u.pathLiteral!.getStart(sf), end: u.pathLiteral!.end };
  out.push({
    range: ctx.lines.range(anchor.start, anchor.end), severity: DiagnosticSeverity.Error, code: MacroCodes.missingParam, source: 'xapi',
    message: `xCommand ${path} needs ${missing.map(p => `'${p.name}'`).join(', ')}.`, codeDescription: { href },
    data: { fix: 'addParams', edits, names: missing.map(p => p.name) },
  });
}
