/**
 * The xCLI validator: a parsed document + a schema index (+ a product) → diagnostics with stable codes
 * (codes.ts). Pure: no I/O, never throws on any tree the parser produces.
 *
 * Paths are matched case-insensitively, as on the device, and walked without the product filter so that
 * a node that exists elsewhere is reported as "not on this product" rather than unknown. Index ranges and
 * parameters come from the variant for the product (the first variant without one).
 */
import { CommandParam, IndexRange, NodeKind, NodeVariant, SchemaNode, ValueSpace } from '../model';
import { productName, resolveProduct } from '../products';
import { SchemaIndex } from '../schemaIndex';
import { checkValue, ValueProblem } from '../valueCheck';
import { variantsFor } from '../variants';
import {
  IsMultiline, XcliDocument, XcliFeedbackStatement, XcliPathStatement, XcliRange, XcliSegment, XcliStatement, XcliToken, XcliValue,
} from './ast';
import { XcliCode, XcliDiagnostic, XcliSeverity } from './codes';
import { feedbackKind } from './context';
import { didYouMean } from './didYouMean';
import { KEYWORD_SPELLING } from './keywords';

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

const KIND_OF: Record<'command' | 'configuration' | 'status' | 'event', NodeKind> = {
  command: 'Command',
  configuration: 'Configuration',
  status: 'Status',
  event: 'Event',
};

const KEYWORD_OF_KIND: Record<NodeKind, string> = {
  Command: 'xCommand',
  Configuration: 'xConfiguration',
  Status: 'xStatus',
  Event: 'xEvent',
};

const VALUE_CODE: Record<ValueProblem, XcliCode> = {
  'not-integer': XcliCode.NotInteger,
  'out-of-range': XcliCode.OutOfRange,
  step: XcliCode.IntegerStep,
  'not-literal': XcliCode.NotLiteral,
  'too-long': XcliCode.StringTooLong,
  'too-short': XcliCode.StringTooShort,
};

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

function span(a: XcliRange, b: XcliRange): XcliRange {
  return { start: a.start, end: b.end };
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
      c.add(first.range, XcliCode.UnknownKeyword, `unknown keyword '${first.text}': a line starts with xCommand, xConfiguration, xStatus, xEvent, xFeedback or #`, { suggestions });
      break;
    }
    case 'feedback':
      validateFeedback(st, index, product, c);
      break;
    default:
      validatePathStatement(st, index, product, c);
  }
  for (const t of st.extra) c.add(t.range, XcliCode.UnexpectedToken, `unexpected '${t.text}'`);
}

interface Walk {
  /** The node at the end of the path, if the whole path resolved to one. */
  readonly node?: SchemaNode;
  /** True when every segment resolved (to a node or a branch). */
  readonly resolved: boolean;
  /** Names in the schema's spelling of the resolved part. */
  readonly names: string[];
  /** Segments after a command node (`xCommand Dial Number`): parameter names written without `:`. */
  readonly trailing: readonly XcliSegment[];
  readonly given: readonly GivenIndex[];
}

/**
 * Walks the segments down the trie of `kind`. Reports unknown paths (with did-you-mean over the children
 * at the failing place) and index problems, and returns where it got to.
 */
function walkPath(
  kind: NodeKind, segments: readonly XcliSegment[], index: SchemaIndex, product: string | undefined, c: Collector,
  opts: { allowTrailing: boolean },
): Walk {
  const names: string[] = [];
  const given: GivenIndex[] = [];
  let entry = index.entry(kind, []);
  for (let k = 0; k < segments.length; k++) {
    const seg = segments[k]!;
    const next = seg.name.text ? entry?.children.get(seg.name.text.toLowerCase()) : undefined;
    if (!next || !entry) {
      if (opts.allowTrailing && entry?.node && k > 0) {
        return { node: entry.node, resolved: true, names, trailing: segments.slice(k), given };
      }
      const children = index.children(kind, names).map(e => e.name);
      const range = seg.name.text ? seg.name.range : seg.indexes[0]?.token.range ?? seg.name.range;
      const where = names.length ? `${KEYWORD_OF_KIND[kind]} ${names.join(' ')}` : KEYWORD_OF_KIND[kind];
      c.add(range, XcliCode.UnknownPath, `unknown path: '${seg.name.text}' is not under ${where}`, {
        suggestions: didYouMean(seg.name.text, children),
        data: { kind, path: [...names], candidates: children.length <= 50 ? children : undefined },
      });
      return { resolved: false, names, trailing: [], given };
    }
    names.push(next.name);
    entry = next;
    checkIndexes(seg, k, next.index, given, c);
  }
  if (!entry?.node) for (const g of given) reportOutOfRange(g.seg, g.value, g.widest, undefined, c);
  return { node: entry?.node, resolved: true, names, trailing: [], given };
}

function otherKindHaving(kind: NodeKind, names: readonly string[], index: SchemaIndex): NodeKind | undefined {
  if (!names.length) return undefined;
  for (const k of ['Configuration', 'Status', 'Command', 'Event'] as NodeKind[]) {
    if (k !== kind && index.entry(k, names)) return k;
  }
  return undefined;
}

/** Given indexes that passed the checks against the widest range; the variant choice checks them again. */
interface GivenIndex {
  readonly k: number;
  readonly seg: XcliSegment;
  readonly value: number;
  /** The widest range any variant gives the segment. */
  readonly widest: IndexRange;
}

function checkIndexes(seg: XcliSegment, k: number, widest: IndexRange | undefined, given: GivenIndex[], c: Collector): void {
  if (!seg.indexes.length) return;
  const [first, ...rest] = seg.indexes;
  for (const x of rest) c.add(x.token.range, XcliCode.InvalidIndex, `'${seg.name.text}' takes one index`);
  if (!first) return;
  if (!widest) {
    c.add(first.token.range, XcliCode.InvalidIndex, `'${seg.name.text}' takes no index`);
    return;
  }
  if (first.value === undefined) {
    c.add(first.token.range, XcliCode.InvalidIndex, `the index of '${seg.name.text}' must be a number`);
    return;
  }
  // Ranges are checked once the node (and so the variant for the product) is known.
  given.push({ k, seg, value: first.value, widest });
}

function inRange(v: number, r: IndexRange): boolean {
  return v >= r.min && (r.max === undefined || v <= r.max);
}

function reportOutOfRange(seg: XcliSegment, v: number, range: IndexRange, product: string | undefined, c: Collector): boolean {
  if (inRange(v, range)) return false;
  const first = seg.indexes[0]!;
  const where = product ? ` on ${productName(product)}` : '';
  const suggestion = String(v < range.min ? range.min : range.max);
  c.add(first.token.range, XcliCode.IndexOutOfRange, `index ${v} of '${seg.name.text}' is outside ${range.min}..${range.max ?? 'n'}${where}`, {
    suggestions: first.form === 'bracket' ? [`[${suggestion}]`] : [suggestion],
    data: { min: range.min, max: range.max, product },
  });
  return true;
}

/**
 * The variant that applies: available on the product (when one is given and the node has it), and whose
 * index ranges contain the indexes written — schemas split a node into variants per connector, each with
 * its own value space. Reports an index outside every applicable variant's range (naming the product).
 */
function chooseVariant(
  node: SchemaNode, index: SchemaIndex, product: string | undefined, given: readonly GivenIndex[], range: XcliRange, c: Collector,
): NodeVariant | undefined {
  // The same rule as SchemaIndex.variantFor: the product's own variants, else those for every product.
  let candidates = variantsFor(node, product);
  let onProduct = product;
  if (candidates.length === 0) {
    const where = [...new Set(node.variants.flatMap(v => v.products))].map(productName).sort();
    const list = where.length > 6 ? `${where.slice(0, 6).join(', ')} and ${where.length - 6} more` : where.join(', ');
    c.add(range, XcliCode.NotOnProduct, `${node.kind} ${node.normPath} is not available on ${productName(product!)}${list ? ` (only on ${list})` : ''}`, {
      severity: 'warning',
      data: { product, products: where },
    });
    candidates = [...node.variants];
    onProduct = undefined;
  }
  for (const g of given) {
    const fit = candidates.filter(v => { const r = v.path[g.k]?.index; return !r || inRange(g.value, r); });
    if (fit.length === 0) {
      let union: IndexRange | undefined;
      for (const v of candidates) union = widenRange(union, v.path[g.k]?.index);
      if (union) reportOutOfRange(g.seg, g.value, union, onProduct, c);
      return candidates[0];
    }
    candidates = fit;
  }
  return candidates[0] ?? index.variantFor(node, product);
}

function widenRange(a: IndexRange | undefined, b: IndexRange | undefined): IndexRange | undefined {
  if (!a) return b;
  if (!b) return a;
  const max = a.max === undefined || b.max === undefined ? undefined : Math.max(a.max, b.max);
  return max === undefined ? { min: Math.min(a.min, b.min) } : { min: Math.min(a.min, b.min), max };
}

function checkValueToken(vs: ValueSpace | undefined, v: XcliValue, what: string, c: Collector): void {
  if (!v.terminated) {
    c.add(v.token.range, XcliCode.UnterminatedString, 'the closing quote is missing');
    return;
  }
  if (!vs) return;
  const r = checkValue(vs, v.value);
  if (r.ok) return;
  const suggestion = r.suggestion === undefined ? undefined : v.quoted || /\s/.test(r.suggestion) ? quote(r.suggestion) : r.suggestion;
  c.add(v.token.range, VALUE_CODE[r.problem], `${what}: ${r.reason}`, { suggestions: suggestion ? [suggestion] : undefined });
}

function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function validatePathStatement(st: XcliPathStatement, index: SchemaIndex, product: string | undefined, c: Collector): void {
  const kind = KIND_OF[st.type];
  const segNames = st.segments.map(s => s.name.text);
  const lastSeg = st.segments[st.segments.length - 1];
  const pathRange = lastSeg ? span(st.segments[0]!.name.range, lastSeg.name.range) : st.keyword.range;

  // Assigning to something that is not a configuration.
  if (st.assign && kind !== 'Configuration') {
    const hint = index.lookup('Configuration', segNames) ? `; use xConfiguration ${segNames.join(' ')}: …` : '';
    c.add(span(pathRange, st.assign.colon.range), XcliCode.NotConfiguration, `${KEYWORD_OF_KIND[kind]} paths cannot be set: only configurations take a value${hint}`);
  }
  // A path that exists under another keyword.
  const other = index.entry(kind, segNames) ? undefined : otherKindHaving(kind, segNames, index);
  if (other && st.segments.length) {
    if (st.assign && kind === 'Configuration') {
      c.add(pathRange, XcliCode.NotConfiguration, `${segNames.join(' ')} is a ${other}, not a configuration: it cannot be set`);
    } else {
      c.add(pathRange, XcliCode.WrongKind, `${segNames.join(' ')} is a ${other}: use ${KEYWORD_OF_KIND[other]}`, {
        // keywordRange: where a quick fix puts the right keyword.
        data: { kind: other, keyword: KEYWORD_OF_KIND[other], keywordRange: st.keyword.range },
      });
    }
    return;
  }

  const walk = walkPath(kind, st.segments, index, product, c, { allowTrailing: kind === 'Command' });
  if (!walk.resolved) return;
  const node = walk.node;
  if (!node) {
    const needsNode = kind === 'Command' || st.assign !== undefined || st.params.length > 0;
    if (needsNode) {
      const children = index.children(kind, walk.names, product).map(e => e.name);
      const where = walk.names.length ? walk.names.join(' ') : KEYWORD_OF_KIND[kind];
      c.add(lastSeg ? pathRange : st.keyword.range, XcliCode.IncompletePath, `incomplete path: ${where} needs one of ${children.slice(0, 8).join(', ')}${children.length > 8 ? ', …' : ''}`, {
        data: { kind, path: walk.names, candidates: children },
      });
    }
    return;
  }
  const variant = chooseVariant(node, index, product, walk.given, pathRange, c);
  if (!variant) return;

  if (kind === 'Command') {
    validateParams(st, node, variant, walk.trailing, c);
    if (variant.multiline && !st.body?.terminator) {
      c.add(st.body ? st.body.range : pathRange, XcliCode.MissingTerminator, st.body
        ? "the multiline body is not ended by a line holding only '.'"
        : `${node.normPath} takes a multiline body: write it on the following lines and end it with a line holding only '.'`);
    } else if (!variant.multiline && st.body) {
      c.add(st.body.range, XcliCode.UnexpectedBody, `${node.normPath} takes no multiline body`);
    }
    return;
  }
  for (const p of st.params) c.add(p.name.range, XcliCode.UnexpectedToken, `unexpected '${p.name.text}'`);
  if (kind === 'Configuration' && st.assign) {
    if (!st.assign.value) {
      c.add(st.assign.colon.range, XcliCode.MissingValue, `a value is missing after '${node.normPath}:'`);
    } else {
      checkValueToken(variant.valueSpace, st.assign.value, node.normPath, c);
    }
  }
}

interface ParamTable { readonly byName: ReadonlyMap<string, CommandParam>; readonly names: readonly string[] }

/** Per variant, built once: a script may run the same command thousands of times. */
const paramTables = new WeakMap<NodeVariant, ParamTable>();

function paramTable(variant: NodeVariant): ParamTable {
  let t = paramTables.get(variant);
  if (!t) {
    const params = variant.params ?? [];
    t = { byName: new Map(params.map(p => [p.name.toLowerCase(), p])), names: params.map(p => p.name) };
    paramTables.set(variant, t);
  }
  return t;
}

function validateParams(st: XcliPathStatement, node: SchemaNode, variant: NodeVariant, trailing: readonly XcliSegment[], c: Collector): void {
  const params = variant.params ?? [];
  const { byName, names } = paramTable(variant);
  const counts = new Map<string, number>();

  const unknownParam = (token: XcliToken): void => {
    c.add(token.range, XcliCode.UnknownParam, `${node.normPath} has no parameter '${token.text}'`, {
      suggestions: didYouMean(token.text, names),
      data: { params: [...names] }, // a copy: the table is shared
    });
  };

  for (const seg of trailing) {
    const p = byName.get(seg.name.text.toLowerCase());
    if (p) {
      c.add(seg.name.range, XcliCode.ParamSyntax, `parameter '${p.name}' needs ': value'`, { suggestions: [`${p.name}:`] });
      counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
    } else {
      unknownParam(seg.name);
    }
  }
  for (const given of st.params) {
    const p = byName.get(given.name.text.toLowerCase());
    if (!p) {
      unknownParam(given.name);
      continue;
    }
    const n = (counts.get(p.name) ?? 0) + 1;
    counts.set(p.name, n);
    if (n > 1) {
      const max = p.valueSpace.multiple;
      if (max === undefined) {
        c.add(given.name.range, XcliCode.RepeatedParam, `parameter '${p.name}' is given more than once and is not repeatable`);
      } else if (max > 0 && n > max) {
        c.add(given.name.range, XcliCode.TooManyRepeats, `parameter '${p.name}' may be given at most ${max} times`);
      }
    }
    if (!given.colon) {
      c.add(given.name.range, XcliCode.ParamSyntax, `parameter '${p.name}' needs ': value'`, { suggestions: [`${p.name}:`] });
      continue;
    }
    if (!given.value) {
      c.add(span(given.name.range, given.colon.range), XcliCode.MissingValue, `a value is missing after '${p.name}:'`);
      continue;
    }
    checkValueToken(p.valueSpace, given.value, p.name, c);
  }
  const missing = params.filter(p => p.required && !counts.has(p.name)).map(p => p.name);
  if (missing.length) {
    const lastSeg = st.segments[st.segments.length - 1]!;
    const header = st.params[st.params.length - 1];
    const end = header ? (header.value?.token ?? header.colon ?? header.name).range.end : lastSeg.name.range.end;
    c.add(span(st.segments[0]!.name.range, lastSeg.name.range), XcliCode.MissingRequired,
      `${node.normPath} needs ${missing.length === 1 ? 'parameter' : 'parameters'} ${missing.join(', ')}`, {
        data: { missing, insertAt: end },
      });
  }
}

const FEEDBACK_ACTIONS = ['register', 'deregister', 'list', 'deregisterall'];

function validateFeedback(st: XcliFeedbackStatement, index: SchemaIndex, product: string | undefined, c: Collector): void {
  if (!st.actionToken || !st.action) {
    const t = st.actionToken;
    c.add(t ? t.range : st.keyword.range, XcliCode.UnknownFeedbackAction,
      `${t ? `unknown xFeedback action '${t.text}'` : 'xFeedback needs an action'}: register, deregister, list or deregisterall`,
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
    c.add(root.name.range, XcliCode.UnknownPath, `a feedback path starts with Status, Configuration or Event, not '${root.name.text}'`, {
      suggestions: didYouMean(root.name.text, ['Status', 'Configuration', 'Event']),
    });
    return;
  }
  const walk = walkPath(kind, st.segments.slice(1), index, product, c, { allowTrailing: false });
  if (walk.resolved && walk.node && st.segments.length > 1) {
    const last = st.segments[st.segments.length - 1]!;
    chooseVariant(walk.node, index, product, walk.given, span(st.segments[1]!.name.range, last.name.range), c);
  }
}
