/**
 * `.xapi` diagnostics: the xCLI validator's, statement by statement, cached per statement object.
 * `reparseXcli` keeps untouched statements (moving them in place), so after an edit only the
 * re-parsed statements are validated again; cached results are shifted by how far their statement moved.
 */
import type { SchemaIndex } from '../../../schema/schemaIndex';
import { validateStatement, XcliCode, XcliDiagnostic, XcliPathStatement, XcliStatement } from '../../../schema/xcli';
import { placeholder } from '../macro/diagnostics';
import { Diagnostic, DiagnosticSeverity, Range } from '../types';
import type { ScriptDoc } from './scriptDoc';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

interface Cached { firstLine: number; diags: Diagnostic[] }

function copyRange(r: Range, dl = 0): Range {
  return { start: { line: r.start.line + dl, character: r.start.character }, end: { line: r.end.line + dl, character: r.end.character } };
}

export class ScriptDiagnostics {
  private cache = new WeakMap<XcliStatement, Cached>();
  /** Statements validated afresh by the last `diagnostics` call (a work counter for tests). */
  lastValidated = 0;

  constructor(private readonly index: SchemaIndex, private readonly product: string | undefined) {}

  diagnostics(doc: ScriptDoc): Diagnostic[] {
    const out: Diagnostic[] = [];
    let validated = 0;
    for (const st of doc.doc.lines) {
      if (st.type === 'blank' || st.type === 'comment') continue;
      let c = this.cache.get(st);
      if (!c) {
        validated++;
        c = { firstLine: st.firstLine, diags: this.convert(doc, st, safeValidate(st, this.index, this.product)) };
        this.cache.set(st, c);
      }
      const dl = st.firstLine - c.firstLine;
      for (const d of c.diags) out.push(dl === 0 ? d : shifted(d, dl));
    }
    this.lastValidated = validated;
    return out;
  }

  private convert(doc: ScriptDoc, st: XcliStatement, list: XcliDiagnostic[]): Diagnostic[] {
    return list.map(x => {
      const d: Diagnostic = { range: copyRange(x.range), severity: SEVERITY[x.severity] ?? DiagnosticSeverity.Error, code: x.code, source: 'xapi', message: x.message };
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
    const v = node && (this.index.variantFor(node, this.product) ?? node.variants[0]);
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

