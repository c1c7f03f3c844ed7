/**
 * `.xapi` diagnostics: the xCLI validator's, statement by statement, cached per statement object.
 * `reparseXcli` keeps untouched statements (moving them in place), so after an edit only the
 * re-parsed statements are validated again; cached results are shifted by how far their statement moved.
 */
import type { SchemaIndex } from '../../../schema/schemaIndex';
import { validateStatement, XcliCode, XcliDiagnostic, XcliPathStatement, XcliStatement } from '../../../schema/xcli';
import { kindOfWord } from '../../../schema/kinds';
import { describedVariant } from '../../../schema/variants';
import { docLink, placeholder } from '../schemaText';
import { Diagnostic, DiagnosticSeverity, Range } from '../types';
import type { ScriptDoc } from './scriptDoc';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** Problems with the path itself: no page to link to. */
const PATH_CODES = new Set<string>([XcliCode.UnknownKeyword, XcliCode.UnknownPath, XcliCode.IncompletePath, XcliCode.WrongKind]);

interface Cached { firstLine: number; diags: readonly Diagnostic[] }

/** The usual result, shared: a statement without problems needs no object and no shifting. */
const CLEAN: Cached = Object.freeze({ firstLine: 0, diags: Object.freeze([]) as readonly Diagnostic[] });

/**
 * Results are kept on the statement objects themselves (the tree is ours, `reparseXcli` keeps untouched
 * statements): a property read per statement instead of a WeakMap, whose ephemeron entries cost a lot
 * of garbage-collection time on 10,000-statement files. `owner` ties a result to one schema + product.
 */
const RESULT = Symbol('xapi.diagnostics');
type WithResult = XcliStatement & { [RESULT]?: { owner: ScriptDiagnostics; c: Cached } };

function copyRange(r: Range, dl = 0): Range {
  return { start: { line: r.start.line + dl, character: r.start.character }, end: { line: r.end.line + dl, character: r.end.character } };
}

export class ScriptDiagnostics {
  private textCache = new Map<string, readonly Diagnostic[]>();
  /** Statements validated afresh by the last `diagnostics` call (a work counter for tests). */
  lastValidated = 0;

  constructor(private readonly index: SchemaIndex, private readonly product: string | undefined) {}

  diagnostics(doc: ScriptDoc): Diagnostic[] {
    const out: Diagnostic[] = [];
    let validated = 0;
    const statements = doc.doc.lines as WithResult[];
    for (let i = 0; i < statements.length; i++) {
      const st = statements[i];
      if (st.type === 'blank' || st.type === 'comment') continue;
      const own = st[RESULT];
      let c = own?.owner === this ? own.c : undefined;
      if (!c) {
        const single = st.firstLine === st.lastLine;
        const text = single ? doc.lines[st.firstLine] : undefined;
        const known = text !== undefined ? this.textCache.get(text) : undefined;
        if (known) c = known.length ? { firstLine: 0, diags: known } : CLEAN;
        else {
          validated++;
          const diags = this.convert(doc, st, safeValidate(st, this.index, this.product));
          c = diags.length ? { firstLine: st.firstLine, diags } : CLEAN;
          if (text !== undefined) this.remember(text, c);
        }
        st[RESULT] = { owner: this, c };
      }
      if (c.diags.length === 0) continue;
      const dl = st.firstLine - c.firstLine;
      for (const d of c.diags) out.push(dl === 0 ? d : shifted(d, dl));
    }
    this.lastValidated = validated;
    return out;
  }

  /**
   * A one-line statement's diagnostics depend only on its text (for one schema and product), so equal
   * lines — common in generated or repetitive scripts, and on re-opening a file — are validated once.
   * Kept relative to line 0.
   */
  private remember(text: string, c: Cached): void {
    if (text.length > 500) return;
    if (this.textCache.size >= 50_000) this.textCache.clear(); // bounded memory
    this.textCache.set(text, c.diags.length ? c.diags.map(d => shifted(d, -c.firstLine)) : CLEAN.diags);
  }

  /** The documentation page of the statement's node, when its path names one. */
  private href(st: XcliStatement): string | undefined {
    const kind = kindOfWord(st.type, { exact: true });
    if (!kind) return undefined;
    const node = this.index.lookup(kind, (st as XcliPathStatement).segments.map(s => s.name.text));
    return node && docLink(node.kind, node.names);
  }

  private convert(doc: ScriptDoc, st: XcliStatement, list: XcliDiagnostic[]): Diagnostic[] {
    const href = list.length ? this.href(st) : undefined;
    return list.map(x => {
      const d: Diagnostic = { range: copyRange(x.range), severity: SEVERITY[x.severity] ?? DiagnosticSeverity.Error, code: x.code, source: 'xapi', message: x.message };
      if (href && !PATH_CODES.has(x.code)) d.codeDescription = { href };
      if (x.suggestions?.length) d.data = { fix: 'replace', range: copyRange(x.range), candidates: [...x.suggestions] };
      const missing = x.data?.missing;
      if (x.code === XcliCode.MissingRequired && Array.isArray(missing) && st.type === 'command') {
        const edit = this.addParamsEdit(doc, st, missing.map(String));
        if (edit) d.data = { fix: 'addParams', edits: [edit], names: missing.map(String) };
      }
      return d;
    });
  }

  private addParamsEdit(doc: ScriptDoc, st: XcliPathStatement, names: string[]) {
    const node = this.index.lookup('Command', st.segments.map(s => s.name.text));
    const v = node && describedVariant(node, this.product);
    if (!v) return undefined;
    const text = names.map(n => {
      const p = v.params?.find(x => x.name === n);
      return `${n}: ${p ? placeholder(p.valueSpace, '"') : '""'}`;
    }).join(' ');
    const lineText = doc.lines[st.firstLine] ?? '';
    const end = lineText.trimEnd().length;
    const pos = { line: st.firstLine, character: end };
    return { range: { start: pos, end: { ...pos } }, newText: ` ${text}` };
  }
}

function safeValidate(st: XcliStatement, index: SchemaIndex, product: string | undefined): XcliDiagnostic[] {
  try {
    return validateStatement(st, index, { product });
  } catch (e) {
    return [{ range: st.range, severity: 'info', code: XcliCode.UnexpectedToken, message: `internal validator error: ${e instanceof Error ? e.message : String(e)}` }];
  }
}

function shifted(d: Diagnostic, dl: number): Diagnostic {
  const out: Diagnostic = { ...d, range: copyRange(d.range, dl) };
  if (d.data?.fix === 'replace') out.data = { ...d.data, range: copyRange(d.data.range, dl) };
  else if (d.data?.fix === 'addParams') out.data = { ...d.data, edits: d.data.edits.map(e => ({ ...e, range: copyRange(e.range, dl) })) };
  return out;
}

