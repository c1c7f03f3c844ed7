/**
 * Finds every xAPI use in a JavaScript/TypeScript macro with the `typescript` parser, which
 * recovers from half-typed code (`xapi.Command.Au`, `xapi.Command.Dial({ Nu`, `xapi.status.get('Audio Vo`)
 * the same way editors see it. Two styles end up in one shape, `XapiUse`:
 * proxy chains (`xapi.Status.Audio.Volume.get()`) and string paths (`xapi.status.get('Audio Volume')`).
 */
import ts from 'typescript';
import { KIND_API_WORD, kindOfWord } from '../../../schema/kinds';
import type { NodeKind } from '../../../schema/model';
import { jsxapiPathWords } from '../../../schema/path';
import { argumentValue } from '../../../schema/valueCheck';
import { Bindings } from './bindings';

/** One path segment, with its offsets in the document (inside the string for string-style calls). */
export interface PathSeg {
  name: string;
  start: number;
  end: number;
  /** A numeric index written after this segment (`Call[3]`, `'Call 3 Status'`); NaN for a computed one (`Call[id]`). */
  index?: number;
  /** Named by a `const` alias (`const audio = xapi.Command.Audio`), not here: the offsets are the alias's. */
  viaAlias?: boolean;
}

export type UseMethod = 'call' | 'get' | 'set' | 'on' | 'once' | 'off';

export interface XapiUse {
  style: 'proxy' | 'string';
  kind: NodeKind;
  /** The identifier the macro calls xapi by (`xapi`, or whatever `import x from 'xapi'` named it). */
  root: string;
  segs: PathSeg[];
  method?: UseMethod;
  call?: ts.CallExpression;
  /** The path literal of a string-style call. */
  pathLiteral?: ts.StringLiteralLike;
  /** Command parameters (`{ Level: 50 }`) when written as an object literal. */
  params?: ts.ObjectLiteralExpression;
  /** The command call's parameter argument, whatever its form (an object, a variable, …). */
  paramsExpr?: ts.Expression;
  /** A configuration `set` value. */
  value?: ts.Expression;
  /** The whole expression (the call when there is one). */
  start: number;
  end: number;
  /** True while the path is incomplete as typed (a missing identifier after a dot). */
  partial: boolean;
  /**
   * Set when a computed member (`[`IP${v}`]`, `[method]`) cannot be an index: the segments before it are all the
   * path that can be read, and nothing after it is checked.
   */
  opaque?: boolean;
}

/** `xapi.` with nothing or an unknown member after it: completion offers the root members here. */
export interface RootAccess { root: string; nameStart: number; nameEnd: number; dotEnd: number; name: string }

export interface MacroAnalysis {
  sf: ts.SourceFile;
  uses: XapiUse[];
  roots: RootAccess[];
  /** Proxy-chain name positions: which use and segment (-1 = the kind word) a name belongs to. */
  names: { use: XapiUse | undefined; seg: number; start: number; end: number; dotEnd: number; root: string; kindWord?: string }[];
  /** Element-access slots of proxy chains (`Call[|]`): the use, the segment indexed, the inside of the brackets. */
  indexSlots: { use: XapiUse; seg: number; start: number; end: number }[];
  /**
   * A value as the macro writes it: a literal (`'x'`, `50`, `-3`, `true`), or a `const` holding one, also a name
   * destructured from a `const` object (`const { LEVEL } = SETTINGS`; bindings.ts). Not a member read
   * (`SETTINGS.level`), and not a name a condition around it tests. Undefined when it cannot be known here.
   */
  valueOf(e: ts.Expression): string | number | undefined;
}

/** jsxapi's proxy roots: a kind word capitalised (`xapi.Status`, `xapi.Config`, `xapi.Configuration`). */
function proxyKindOf(name: string | undefined): NodeKind | undefined {
  return name && name[0] === name[0]!.toUpperCase() && name.slice(1) === name.slice(1).toLowerCase() ? kindOfWord(name) : undefined;
}

/** jsxapi's string-style members (`xapi.status.get('…')`, `xapi.config`): exactly its own words. */
function stringKindOf(name: string | undefined): NodeKind | undefined {
  const k = kindOfWord(name);
  return k && KIND_API_WORD[k] === name ? k : undefined;
}
const METHODS = new Set(['get', 'set', 'on', 'once', 'off']);

export function scriptKindFor(languageId: string, uri: string): ts.ScriptKind {
  if (languageId === 'typescriptreact' || uri.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (languageId === 'javascriptreact' || uri.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (languageId === 'typescript' || /\.[cm]?ts$/.test(uri)) return ts.ScriptKind.TS;
  return ts.ScriptKind.JS;
}

/** Parses anew, or incrementally from the previous tree of the same document. */
export function parseMacro(text: string, fileName: string, kind: ts.ScriptKind, previous?: ts.SourceFile): ts.SourceFile {
  if (previous && previous.text !== text) {
    const old = previous.text;
    let pre = 0;
    const max = Math.min(old.length, text.length);
    while (pre < max && old.charCodeAt(pre) === text.charCodeAt(pre)) pre++;
    let suf = 0;
    while (suf < max - pre && old.charCodeAt(old.length - 1 - suf) === text.charCodeAt(text.length - 1 - suf)) suf++;
    const range = ts.createTextChangeRange(ts.createTextSpan(pre, old.length - suf - pre), text.length - suf - pre);
    return ts.updateSourceFile(previous, text, range);
  }
  if (previous) return previous;
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
}

function xapiAliases(sf: ts.SourceFile): Set<string> {
  const names = new Set(['xapi']);
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && st.moduleSpecifier.text === 'xapi') {
      const clause = st.importClause;
      if (clause?.name) names.add(clause.name.text);
      if (clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings)) names.add(clause.namedBindings.name.text);
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        if (ts.isIdentifier(d.name) && init && ts.isCallExpression(init) && ts.isIdentifier(init.expression)
          && init.expression.text === 'require' && init.arguments.length === 1
          && ts.isStringLiteral(init.arguments[0]) && init.arguments[0].text === 'xapi') names.add(d.name.text);
      }
    }
  }
  return names;
}

/**
 * Splits a path string as jsxapi does (schema/path.ts `jsxapiPathWords`: `Audio Volume`, `Audio/Volume`,
 * `Audio Ultrasound MaxVolume:`, `Call[3] Status`, `Call 3 Status`), keeping offsets.
 */
export function splitPathString(text: string, base: number): { segs: PathSeg[]; kindWord?: PathSeg } {
  const segs: PathSeg[] = [];
  for (const w of jsxapiPathWords(text)) {
    if (w.index) {
      if (segs.length) segs[segs.length - 1].index = Number(w.word);
    } else segs.push({ name: w.word, start: base + w.start, end: base + w.end });
  }
  return { segs };
}

/**
 * Whether a name is tested by a condition the place depends on (`if (url) …Fetch({ URL: url })`, `url && …`,
 * `url ? … : …`): a `const` such a test guards is often a setting left empty on purpose, and the call then never
 * runs with it. Silent there: the analyser does not follow the control flow.
 */
function testedAbove(id: ts.Identifier): boolean {
  const mentions = (n: ts.Node): boolean => (ts.isIdentifier(n) && n.text === id.text) || !!ts.forEachChild(n, c => mentions(c) || undefined);
  for (let n: ts.Node = id; n.parent; n = n.parent) {
    const p = n.parent;
    if (ts.isIfStatement(p) && p.expression !== n && mentions(p.expression)) return true;
    if (ts.isConditionalExpression(p) && p.condition !== n && mentions(p.condition)) return true;
    if (ts.isBinaryExpression(p) && p.right === n && (p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken
      || p.operatorToken.kind === ts.SyntaxKind.BarBarToken || p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) && mentions(p.left)) return true;
    if (ts.isFunctionLike(p) || ts.isSourceFile(p)) return false;
  }
  return false;
}

/** A JavaScript literal's value, when the expression is one (`'x'`, `50`, `-3`, `` `x` ``). */
export function literalValueOf(e: ts.Expression): string | number | undefined {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isNumericLiteral(e)) return Number(e.text);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand)) return -Number(e.operand.text);
  // `true`/`false` as the device reads them (schema/valueCheck.ts argumentValue).
  if (e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword) return argumentValue(e.kind === ts.SyntaxKind.TrueKeyword);
  return undefined;
}

function propertyNameText(n: ts.PropertyName): string | undefined {
  return ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n) ? n.text : undefined;
}

function literalOf(e: ts.Expression | undefined): ts.StringLiteralLike | undefined {
  return e && (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) ? e : undefined;
}

/**
 * The names a `const` may declare, found in the text (`const A =`, `const { A, B: C } =`): a cheap filter before
 * the scope pass. A form it misses (`const a = 1, b = 2`) only leaves that name unfollowed, which is silent.
 */
function constDeclaredNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/\bconst\s+(?:\{([^}=]*)\}|([A-Za-z_$][\w$]*))\s*=/g)) {
    if (m[2]) names.add(m[2]);
    else for (const part of m[1]!.split(',')) {
      const name = part.split(':').pop()!.trim();
      if (name) names.add(name);
    }
  }
  return names;
}

/** How deep `const` references are followed (`const A = B; const B = …`): far enough for real code, never a loop. */
const MAX_CONST_DEPTH = 8;

export function analyzeMacro(sf: ts.SourceFile): MacroAnalysis {
  const aliases = xapiAliases(sf);
  // The scope pass is built on the first name that may be a `const` at all (most files never need it).
  const constNames = constDeclaredNames(sf.text);
  let bindings: Bindings | undefined;
  const resolve = (id: ts.Identifier) => (constNames.has(id.text) ? (bindings ??= new Bindings(sf)).resolve(id) : undefined);

  /** What an expression is once `const`s are followed: the expression a name or a member of a `const` object holds. */
  const follow = (e: ts.Expression, depth = 0): ts.Expression | undefined => {
    while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
    if (!ts.isIdentifier(e) || depth > MAX_CONST_DEPTH) return e;
    const v = resolve(e);
    if (!v) return undefined;
    if (v.member === undefined) return follow(v.init, depth + 1);
    const obj = follow(v.init, depth + 1);
    if (!obj || !ts.isObjectLiteralExpression(obj)) return undefined;
    const prop = obj.properties.find(p => ts.isPropertyAssignment(p) && propertyNameText(p.name) === v.member) as ts.PropertyAssignment | undefined;
    return prop && follow(prop.initializer, depth + 1);
  };
  const valueOf = (e: ts.Expression): string | number | undefined => {
    if (ts.isIdentifier(e) && testedAbove(e)) return undefined;
    const f = follow(e);
    return f && literalValueOf(f);
  };
  /**
   * The xapi chain a name stands for through `const`s: `const C = xapi.Command` → `Command`, `const { Status } = xapi`
   * → `Status`, `const audio = C.Audio` → `Command Audio`. Undefined when it is no such alias.
   */
  const aliasChain = (id: ts.Identifier, depth = 0): { root: string; names: string[] } | undefined => {
    if (aliases.has(id.text) || depth > MAX_CONST_DEPTH) return undefined;
    const v = resolve(id);
    if (!v) return undefined;
    const names: string[] = [];
    let e: ts.Expression = v.init;
    for (;;) {
      if (ts.isPropertyAccessExpression(e)) { names.unshift(e.name.text); e = e.expression; }
      else if (ts.isElementAccessExpression(e) && literalOf(e.argumentExpression)) { names.unshift(literalOf(e.argumentExpression)!.text); e = e.expression; }
      else if (ts.isParenthesizedExpression(e)) e = e.expression;
      else break;
    }
    if (!ts.isIdentifier(e)) return undefined;
    if (v.member !== undefined) names.push(v.member);
    if (aliases.has(e.text)) return names.length ? { root: e.text, names } : undefined;
    const inner = aliasChain(e, depth + 1);
    return inner && { root: inner.root, names: [...inner.names, ...names] };
  };
  const uses: XapiUse[] = [];
  const roots: RootAccess[] = [];
  const names: MacroAnalysis['names'] = [];
  const indexSlots: MacroAnalysis['indexSlots'] = [];

  const nameStart = (n: ts.MemberName) => (n.text === '' ? n.pos : n.getStart(sf));

  const visitRoot = (id: ts.Identifier, alias?: { root: string; names: string[] }) => {
    // Climb the member chain above the identifier, after the names an alias stands for (placed on the alias).
    type Item = { name?: string; index?: number; start: number; end: number; dotEnd: number; viaAlias?: boolean };
    const at = id.getStart(sf);
    const items: Item[] = (alias?.names ?? []).map(name => ({ name, start: at, end: id.end, dotEnd: at, viaAlias: true }));
    let cur: ts.Expression = id;
    for (;;) {
      const p: ts.Node = cur.parent;
      if (ts.isPropertyAccessExpression(p) && p.expression === cur) {
        items.push({ name: p.name.text, start: nameStart(p.name), end: p.name.text === '' ? p.name.pos : p.name.end, dotEnd: p.name.pos });
      } else if (ts.isElementAccessExpression(p) && p.expression === cur) {
        const a = p.argumentExpression;
        if (ts.isNumericLiteral(a)) items.push({ index: Number(a.text), start: a.getStart(sf), end: a.end, dotEnd: a.pos });
        else if (literalOf(a)) items.push({ name: literalOf(a)!.text, start: a.getStart(sf) + 1, end: a.end - 1, dotEnd: a.pos });
        else items.push({ index: NaN, start: a.pos, end: a.end, dotEnd: a.pos });
      } else break;
      cur = p as ts.Expression;
    }
    if (!items.length || items[0].name === undefined) return;
    const first = items[0];
    const call = ts.isCallExpression(cur.parent) && cur.parent.expression === cur ? cur.parent : undefined;
    const end = call ? call.end : cur.end;
    const start = id.getStart(sf);
    const proxyKind = proxyKindOf(first.name);
    if (proxyKind) {
      const segs: PathSeg[] = [];
      let method: UseMethod | undefined;
      let partial = false;
      const root = alias?.root ?? id.text;
      const use: XapiUse = { style: 'proxy', kind: proxyKind, root, segs, start, end, partial };
      if (!first.viaAlias) names.push({ use, seg: -1, start: first.start, end: first.end, dotEnd: first.dotEnd, root, kindWord: first.name });
      items.slice(1).forEach((it, i) => {
        if (use.opaque) return;
        const last = i === items.length - 2;
        if (it.name === undefined) {
          const prev = segs[segs.length - 1];
          if (prev) indexSlots.push({ use, seg: segs.length - 1, start: it.dotEnd, end: it.end });
          // A subscript is an index of the name before it; a second one on the same name (`Network[1][`IP${v}`]`),
          // or one with no name before it, is a name computed at run time: the path is unknown from here on.
          if (!prev || prev.index !== undefined) use.opaque = true;
          else prev.index = it.index;
          return;
        }
        if (last && METHODS.has(it.name) && proxyKind !== 'Command') {
          method = it.name as UseMethod;
          names.push({ use, seg: segs.length, start: it.start, end: it.end, dotEnd: it.dotEnd, root });
          return;
        }
        if (it.name === '') partial = true;
        if (!it.viaAlias) names.push({ use, seg: segs.length, start: it.start, end: it.end, dotEnd: it.dotEnd, root });
        segs.push({ name: it.name, start: it.start, end: it.end, ...(it.viaAlias ? { viaAlias: true } : {}) });
      });
      use.partial = partial;
      if (proxyKind === 'Command' && call) method = 'call';
      use.method = method;
      if (call) {
        use.call = call;
        if (proxyKind === 'Command') setParams(use, call.arguments[0]);
        else if (method === 'set') use.value = call.arguments[0];
      }
      uses.push(use);
      return;
    }
    const stringKind = first.name === 'feedback' ? 'feedback' : stringKindOf(first.name);
    if (!stringKind || !call) {
      if (!first.viaAlias) roots.push({ root: id.text, nameStart: first.start, nameEnd: first.end, dotEnd: first.dotEnd, name: first.name! });
      return;
    }
    const methodItem = items[1];
    const method: UseMethod | undefined = stringKind === 'Command' && items.length === 1 ? 'call'
      : items.length === 2 && methodItem.name && METHODS.has(methodItem.name) ? methodItem.name as UseMethod : undefined;
    if (!first.viaAlias) roots.push({ root: id.text, nameStart: first.start, nameEnd: first.end, dotEnd: first.dotEnd, name: first.name! });
    if (!method) return;
    const lit = literalOf(call.arguments[0]);
    if (!lit) return;
    const litStart = lit.getStart(sf) + 1;
    let { segs } = splitPathString(lit.text, litStart);
    let kind: NodeKind | undefined = stringKind === 'feedback' ? undefined : stringKind;
    let partial = false;
    if (stringKind === 'feedback') {
      const k = segs[0] && kindOfWord(segs[0].name);
      // No kind (yet): kept for completion of the kind, never diagnosed.
      kind = k ?? 'Status';
      partial = !k;
      segs = k ? segs.slice(1) : [];
    }
    // The literal text is escape-free in the common case; with escapes the offsets would drift, so
    // positions are only trusted when the source spelling equals the value.
    const raw = sf.text.slice(litStart, lit.end - 1);
    if (raw !== lit.text && !raw.startsWith(lit.text)) segs = segs.map(s => ({ ...s, start: litStart, end: litStart }));
    const use: XapiUse = { style: 'string', kind: kind!, root: alias?.root ?? id.text, segs, method, call, pathLiteral: lit, start, end, partial };
    if (kind === 'Command') setParams(use, call.arguments[1]);
    else if (method === 'set') use.value = call.arguments[1];
    uses.push(use);
  };

  /** Command parameters: an object literal, or a `const` holding one (its diagnostics then go on that object). */
  const setParams = (use: XapiUse, arg: ts.Expression | undefined) => {
    use.paramsExpr = arg;
    const obj = arg && follow(arg);
    if (obj && ts.isObjectLiteralExpression(obj)) use.params = obj;
  };

  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n.parent
      && (ts.isPropertyAccessExpression(n.parent) || ts.isElementAccessExpression(n.parent)) && n.parent.expression === n) {
      if (aliases.has(n.text)) visitRoot(n);
      else {
        const alias = aliasChain(n);
        if (alias) visitRoot(n, alias);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { sf, uses, roots, names, indexSlots, valueOf };
}
