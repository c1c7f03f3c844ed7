/**
 * The xCLI validator: a parsed document + a schema index (+ a product) → diagnostics with stable codes
 * (codes.ts). Pure: no I/O, never throws on any tree the parser produces.
 *
 * Paths are matched case-insensitively, as on the device, and walked without the product filter so that
 * a node that exists elsewhere is reported as "not on this product" rather than unknown. Index ranges and
 * parameters come from the variant for the product (the first variant without one).
 */
import { KEYWORD_SPELLING, KIND_KEYWORD, kindOfWord } from '../kinds';
import { NodeKind, SchemaNode } from '../model';
import { resolveProduct } from '../products';
import { checkBranchIndexes, checkUse, GivenParam, paramNamed, RuleProblem, WrittenValue } from '../rules';
import { SchemaIndex, TrieEntry } from '../schemaIndex';
import { shownText } from '../shownText';
import {
  IsMultiline, XcliDocument, XcliFeedbackStatement, XcliPathStatement, XcliRange, XcliSegment, XcliStatement, XcliToken, XcliValue,
} from './ast';
import { XcliCode, XcliDiagnostic, XcliSeverity } from './codes';
import { feedbackKind } from './context';
import { didYouMean } from './didYouMean';

export interface XcliValidateOptions {
  /** Product code (`hopen`) or human name (`Room Kit`). */
  readonly product?: string;
}

/** The parser callback backed by a schema: multiline exactly when the schema says so. */
export function multilineFromIndex(index: SchemaIndex): IsMultiline {
  return names => {
    const node = index.lookup('Command', names);
    if (!node) return undefined;
    return node.variants.some(v => v.multiline === true);
  };
}

class Collector {
  readonly out: XcliDiagnostic[] = [];
  add(range: XcliRange, code: XcliCode, message: string, extra: { severity?: XcliSeverity; suggestions?: string[]; data?: Record<string, unknown> } = {}): void {
    const d: XcliDiagnostic = { range, severity: extra.severity ?? 'error', code, message };
    this.out.push({
      ...d,
      ...(extra.suggestions && extra.suggestions.length ? { suggestions: extra.suggestions } : {}),
      ...(extra.data ? { data: extra.data } : {}),
    });
  }
}

export function validateXcli(doc: XcliDocument, index: SchemaIndex, options: XcliValidateOptions = {}): XcliDiagnostic[] {
  const product = options.product ? resolveProduct(options.product) ?? options.product : undefined;
  const c = new Collector();
  for (const st of doc.lines) {
    try {
      statementDiagnostics(st, index, product, c);
    } catch (e) {
      // A validator bug must not take the language server down; report it where it happened.
      c.add(st.range, XcliCode.UnexpectedToken, `internal validator error: ${e instanceof Error ? e.message : String(e)}`, { severity: 'info' });
    }
  }
  return c.out;
}

/** Diagnostics of one statement (the language server may validate changed statements only). */
export function validateStatement(st: XcliStatement, index: SchemaIndex, options: XcliValidateOptions = {}): XcliDiagnostic[] {
  const product = options.product ? resolveProduct(options.product) ?? options.product : undefined;
  const c = new Collector();
  statementDiagnostics(st, index, product, c);
  return c.out;
}

function statementDiagnostics(st: XcliStatement, index: SchemaIndex, product: string | undefined, c: Collector): void {
  switch (st.type) {
    case 'blank':
    case 'comment':
      break;
    case 'unknown': {
      const first = st.tokens[0];
      if (!first) break;
      if (first.text === '.' && st.tokens.length === 1) {
        c.add(first.range, XcliCode.UnexpectedBody, "a lone '.' ends a multiline body, but no multiline command is open");
        break;
      }
      const suggestions = didYouMean(first.text, Object.values(KEYWORD_SPELLING));
      c.add(first.range, XcliCode.UnknownKeyword, `unknown keyword '${shownText(first.text)}': a line starts with xCommand, xConfiguration, xStatus, xEvent, xFeedback or #`, { suggestions });
      break;
    }
    case 'feedback':
      validateFeedback(st, index, product, c);
      break;
    default:
      validatePathStatement(st, index, product, c);
  }
  for (const t of st.extra) c.add(t.range, XcliCode.UnexpectedToken, `unexpected '${shownText(t.text)}'`);
}

interface Walk {
  /** The node at the end of the path, if the whole path resolved to one. */
  readonly node?: SchemaNode;
  /** True when every segment resolved (to a node or a branch). */
  readonly resolved: boolean;
  /** Names in the schema's spelling of the resolved part. */
  readonly names: string[];
  /** The trie entry of each resolved name. */
  readonly entries: TrieEntry[];
  /** Segments after a command node (`xCommand Dial Number`): parameter names written without `:`. */
  readonly trailing: readonly XcliSegment[];
  /** The segment each resolved name was written as, and the number written after it (if any). */
  readonly segs: readonly XcliSegment[];
  readonly indexes: (number | undefined)[];
}

/**
 * Walks the segments down the trie of `kind`. Reports unknown paths (with did-you-mean over the children
 * at the failing place) and index syntax, and returns where it got to; index ranges are the rules' (schema/rules).
 */
function walkPath(kind: NodeKind, segments: readonly XcliSegment[], index: SchemaIndex, c: Collector, opts: { allowTrailing: boolean }): Walk {
  const names: string[] = [];
  const entries: TrieEntry[] = [];
  const indexes: (number | undefined)[] = [];
  let entry = index.entry(kind, []);
  for (let k = 0; k < segments.length; k++) {
    const seg = segments[k]!;
    const next = seg.name.text ? entry?.children.get(seg.name.text.toLowerCase()) : undefined;
    if (!next || !entry) {
      if (opts.allowTrailing && entry?.node && k > 0) {
        return { node: entry.node, resolved: true, names, entries, trailing: segments.slice(k), segs: segments.slice(0, k), indexes };
      }
      const children = index.children(kind, names).map(e => e.name);
      const range = seg.name.text ? seg.name.range : seg.indexes[0]?.token.range ?? seg.name.range;
      const where = names.length ? `${KIND_KEYWORD[kind]} ${names.join(' ')}` : KIND_KEYWORD[kind];
      c.add(range, XcliCode.UnknownPath, `unknown path: '${shownText(seg.name.text)}' is not under ${where}`, {
        suggestions: didYouMean(seg.name.text, children),
        data: { kind, path: [...names], candidates: children.length <= 50 ? children : undefined },
      });
      return { resolved: false, names, entries, trailing: [], segs: segments.slice(0, k), indexes };
    }
    names.push(next.name);
    entries.push(next);
    entry = next;
    indexes.push(writtenIndex(seg, c));
  }
  return { node: entry?.node, resolved: true, names, entries, trailing: [], segs: segments, indexes };
}

/** The number written after a segment; index syntax problems (two indexes, `[x]`) are reported here. */
function writtenIndex(seg: XcliSegment, c: Collector): number | undefined {
  if (!seg.indexes.length) return undefined;
  const [first, ...rest] = seg.indexes;
  for (const x of rest) c.add(x.token.range, XcliCode.InvalidIndex, `'${shownText(seg.name.text)}' takes one index`);
  if (!first) return undefined;
  if (first.value === undefined) {
    c.add(first.token.range, XcliCode.InvalidIndex, `the index of '${shownText(seg.name.text)}' must be a number`);
    return undefined;
  }
  return first.value;
}

function otherKindHaving(kind: NodeKind, names: readonly string[], index: SchemaIndex): NodeKind | undefined {
  if (!names.length) return undefined;
  for (const k of ['Configuration', 'Status', 'Command', 'Event'] as NodeKind[]) {
    if (k !== kind && index.entry(k, names)) return k;
  }
  return undefined;
}

/** Where a rule problem goes in a statement: the front end's only part of the rules. */
interface Places {
  readonly path: XcliRange;
  readonly segs: readonly XcliSegment[];
  /** Given parameter i: its name token, and the value token of each of its values. */
  readonly params?: readonly { name: XcliToken; value?: XcliValue }[];
  readonly value?: XcliValue;
}

function report(p: RuleProblem, places: Places, c: Collector): void {
  const t = p.target;
  let range = places.path;
  let suggestions = p.suggestions ? [...p.suggestions] : undefined;
  if (t.on === 'segment') {
    const first = places.segs[t.segment]?.indexes[0];
    if (first) {
      range = first.token.range;
      if (first.form === 'bracket' && suggestions) suggestions = suggestions.map(s => `[${s}]`);
    }
  } else if (t.on === 'param') {
    range = places.params?.[t.param]?.name.range ?? range;
  } else if (t.on === 'value') {
    const v = t.param === undefined ? places.value : places.params?.[t.param]?.value;
    if (v) {
      range = v.token.range;
      if (suggestions) suggestions = suggestions.map(s => (v.quoted || /\s/.test(s) ? quote(s) : s));
    }
  }
  c.add(range, p.code, p.message, { severity: p.severity, suggestions, data: p.data });
}

function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function span(a: XcliRange, b: XcliRange): XcliRange {
  return { start: a.start, end: b.end };
}

/** A value token as the rules read it: an unterminated string is this front end's problem, not a value. */
function writtenValue(v: XcliValue | undefined): WrittenValue {
  return v && v.terminated ? v.value : undefined;
}

function reportUnterminated(v: XcliValue | undefined, c: Collector): void {
  if (v && !v.terminated) c.add(v.token.range, XcliCode.UnterminatedString, 'the closing quote is missing');
}

function validatePathStatement(st: XcliPathStatement, index: SchemaIndex, product: string | undefined, c: Collector): void {
  const kind = kindOfWord(st.type, { exact: true })!;
  const segNames = st.segments.map(s => s.name.text);
  const lastSeg = st.segments[st.segments.length - 1];
  const pathRange = lastSeg ? span(st.segments[0]!.name.range, lastSeg.name.range) : st.keyword.range;

  // Assigning to something that is not a configuration.
  if (st.assign && kind !== 'Configuration') {
    const hint = index.lookup('Configuration', segNames) ? `; use xConfiguration ${segNames.join(' ')}: …` : '';
    c.add(span(pathRange, st.assign.colon.range), XcliCode.NotConfiguration, `${KIND_KEYWORD[kind]} paths cannot be set: only configurations take a value${hint}`);
  }
  // A path that exists under another keyword.
  const other = index.entry(kind, segNames) ? undefined : otherKindHaving(kind, segNames, index);
  if (other && st.segments.length) {
    if (st.assign && kind === 'Configuration') {
      c.add(pathRange, XcliCode.NotConfiguration, `${segNames.join(' ')} is a ${other}, not a configuration: it cannot be set`);
    } else {
      c.add(pathRange, XcliCode.WrongKind, `${segNames.join(' ')} is a ${other}: use ${KIND_KEYWORD[other]}`, {
        // keywordRange: where a quick fix puts the right keyword.
        data: { kind: other, keyword: KIND_KEYWORD[other], keywordRange: st.keyword.range },
      });
    }
    return;
  }

  const walk = walkPath(kind, st.segments, index, c, { allowTrailing: kind === 'Command' });
  if (!walk.resolved) return;
  const node = walk.node;
  if (!node) {
    for (const p of checkBranchIndexes(walk.entries, walk.indexes)) report(p, { path: pathRange, segs: walk.segs }, c);
    const needsNode = kind === 'Command' || st.assign !== undefined || st.params.length > 0;
    if (needsNode) {
      const children = index.children(kind, walk.names, product).map(e => e.name);
      const where = walk.names.length ? walk.names.join(' ') : KIND_KEYWORD[kind];
      c.add(lastSeg ? pathRange : st.keyword.range, XcliCode.IncompletePath, `incomplete path: ${where} needs one of ${children.slice(0, 8).join(', ')}${children.length > 8 ? ', …' : ''}`, {
        data: { kind, path: walk.names, candidates: children },
      });
    }
    return;
  }

  if (kind === 'Command') {
    validateCommand(st, node, walk, product, pathRange, c);
    return;
  }
  for (const p of st.params) c.add(p.name.range, XcliCode.UnexpectedToken, `unexpected '${shownText(p.name.text)}'`);
  let value: WrittenValue;
  if (kind === 'Configuration' && st.assign) {
    if (!st.assign.value) c.add(st.assign.colon.range, XcliCode.MissingValue, `a value is missing after '${node.normPath}:'`);
    else {
      reportUnterminated(st.assign.value, c);
      value = writtenValue(st.assign.value);
    }
  }
  const { problems } = checkUse({ node, indexes: walk.indexes, product, value });
  for (const p of problems) report(p, { path: pathRange, segs: walk.segs, value: st.assign?.value }, c);
}

/**
 * A command: the rules see every parameter written — trailing names without `:` (`xCommand Dial Number`)
 * first, as they stand first on the line — and this front end adds the syntax problems in between.
 */
function validateCommand(st: XcliPathStatement, node: SchemaNode, walk: Walk, product: string | undefined, pathRange: XcliRange, c: Collector): void {
  type Written = { name: XcliToken; colon?: XcliToken; value?: XcliValue; hasColon: boolean };
  const written: Written[] = [
    ...walk.trailing.map(seg => ({ name: seg.name, hasColon: false })),
    ...st.params.map(p => ({ name: p.name, colon: p.colon, value: p.value, hasColon: p.colon !== undefined })),
  ];
  const given: GivenParam[] = written.map(w => ({ name: w.name.text, values: w.value ? [writtenValue(w.value)] : [] }));
  const { variant, problems } = checkUse({ node, indexes: walk.indexes, product, params: given });
  const places: Places = { path: pathRange, segs: walk.segs, params: written };
  // In the order of the line: path problems, then per parameter its name problems, syntax, value problems.
  const isParam = (p: RuleProblem, on: 'param' | 'value', i: number) => p.target.on === on && p.target.param === i;
  for (const p of problems) if (p.target.on === 'segment' || (p.target.on === 'path' && p.code !== XcliCode.MissingRequired)) report(p, places, c);
  written.forEach((w, i) => {
    for (const p of problems) if (isParam(p, 'param', i)) report(p, places, c);
    const schemaName = variant && paramNamed(variant, w.name.text)?.name;
    if (schemaName && !w.hasColon) {
      c.add(w.name.range, XcliCode.ParamSyntax, `parameter '${schemaName}' needs ': value'`, { suggestions: [`${schemaName}:`] });
    } else if (schemaName && !w.value) {
      c.add(span(w.name.range, w.colon!.range), XcliCode.MissingValue, `a value is missing after '${schemaName}:'`);
    }
    reportUnterminated(w.value, c);
    for (const p of problems) if (isParam(p, 'value', i)) report(p, places, c);
  });
  const header = st.params[st.params.length - 1];
  const end = header ? (header.value?.token ?? header.colon ?? header.name).range.end : pathRange.end;
  for (const p of problems) {
    if (p.code === XcliCode.MissingRequired) report({ ...p, data: { ...p.data, insertAt: end } }, places, c);
  }
  if (!variant) return;
  if (variant.multiline && !st.body?.terminator) {
    c.add(st.body ? st.body.range : pathRange, XcliCode.MissingTerminator, st.body
      ? "the multiline body is not ended by a line holding only '.'"
      : `${node.normPath} takes a multiline body: write it on the following lines and end it with a line holding only '.'`);
  } else if (!variant.multiline && st.body) {
    c.add(st.body.range, XcliCode.UnexpectedBody, `${node.normPath} takes no multiline body`);
  }
}

const FEEDBACK_ACTIONS = ['register', 'deregister', 'list', 'deregisterall'];

function validateFeedback(st: XcliFeedbackStatement, index: SchemaIndex, product: string | undefined, c: Collector): void {
  if (!st.actionToken || !st.action) {
    const t = st.actionToken;
    c.add(t ? t.range : st.keyword.range, XcliCode.UnknownFeedbackAction,
      `${t ? `unknown xFeedback action '${shownText(t.text)}'` : 'xFeedback needs an action'}: register, deregister, list or deregisterall`,
      { suggestions: t ? didYouMean(t.text, FEEDBACK_ACTIONS) : undefined });
    return;
  }
  if (st.action === 'list' || st.action === 'deregisterall') {
    for (const s of st.segments) c.add(s.name.range, XcliCode.UnexpectedToken, `xFeedback ${st.action} takes no path`);
    return;
  }
  const root = st.segments[0];
  if (!root) {
    c.add(st.actionToken.range, XcliCode.MissingPath, `xFeedback ${st.action} needs a path, e.g. /Status/Audio/Volume`);
    return;
  }
  const kind = feedbackKind(root.name.text);
  if (!kind || kind === 'Command') {
    c.add(root.name.range, XcliCode.UnknownPath, `a feedback path starts with Status, Configuration or Event, not '${shownText(root.name.text)}'`, {
      suggestions: didYouMean(root.name.text, ['Status', 'Configuration', 'Event']),
    });
    return;
  }
  const walk = walkPath(kind, st.segments.slice(1), index, c, { allowTrailing: false });
  if (!walk.resolved || st.segments.length < 2) return;
  const last = st.segments[st.segments.length - 1]!;
  const places: Places = { path: span(st.segments[1]!.name.range, last.name.range), segs: walk.segs };
  const problems = walk.node ? checkUse({ node: walk.node, indexes: walk.indexes, product }).problems : checkBranchIndexes(walk.entries, walk.indexes);
  for (const p of problems) report(p, places, c);
}
