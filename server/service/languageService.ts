/**
 * The language service: one schema (+ product), many documents. Callers hand in the document as the
 * editor has it (uri, language id, version, text) on every request; per-document state (the xCLI tree,
 * the TypeScript source file) is kept between requests and brought up to date incrementally.
 *
 * Every entry point is guarded: a bug on odd input answers "nothing" (and is reported through
 * `onError`) instead of taking the server down.
 */
import type ts from 'typescript';
import type { SchemaIndex } from '../../schema/schemaIndex';
import { resolveProduct } from '../../schema/products';
import { quickFixes } from './fixes';
import { expandItemDefaults, resolveItem } from './items';
import type * as MacroApi from './macro/api';
import type { MacroAnalysis } from './macro/analyze';
import type { MacroContext } from './macro/context';
import { ScriptDiagnostics } from './script/diagnostics';
import { ScriptContext, scriptCompletion, scriptFolding, scriptHover, scriptSignature, scriptSymbols } from './script/features';
import { parseOptions, ScriptDoc } from './script/scriptDoc';
import { LineMap, rangesOverlap } from './text';
import { PANEL_TRIGGERS, panelCompletion, panelDiagnostics, panelHover } from './panel/panelFeatures';
import type { PanelContext } from '../../schema/panels/check';
import { PANEL_FILE, PANEL_LANGUAGE_ID } from '../../schema/panels/language';
import type {
  CodeAction, CompletionItem, CompletionList, Diagnostic, DocumentSymbol, FoldingRange, Hover, Position, Range, ServiceDocument, SignatureHelp,
} from './types';

let macroApi: typeof MacroApi | undefined;
/** The macro features, loaded on first use (they bring the TypeScript parser). */
function macros(): typeof MacroApi {
  macroApi ??= require('./macro/api') as typeof MacroApi;
  return macroApi;
}

export type DocumentLanguage = 'xapi' | 'macro' | 'panel' | 'other';

const MACRO_LANGUAGES = new Set(['javascript', 'typescript', 'javascriptreact', 'typescriptreact']);

export function languageOf(doc: Pick<ServiceDocument, 'languageId' | 'uri'>): DocumentLanguage {
  if (doc.languageId === 'xapi') return 'xapi';
  if (doc.languageId === PANEL_LANGUAGE_ID || PANEL_FILE.test(doc.uri)) return 'panel';
  if (MACRO_LANGUAGES.has(doc.languageId)) return 'macro';
  if (/\.xapi$/i.test(doc.uri)) return 'xapi';
  if (/\.[cm]?[jt]sx?$/i.test(doc.uri)) return 'macro';
  return 'other';
}

interface MacroState { version: number; text: string; sf: ts.SourceFile; analysis: MacroAnalysis; lines: LineMap; diagnostics?: Diagnostic[] }

export interface LanguageServiceOptions {
  /** Product code or human name; unknown names are kept as given (they then match nothing). */
  product?: string;
  onError?: (where: string, error: unknown) => void;
}

export interface WorkCounters {
  /** Lines the last update of this `.xapi` document parsed afresh. */
  lastParsedLines: number;
  totalParsedLines: number;
  /** Statements validated afresh by the last diagnostics run. */
  lastValidatedStatements: number;
  /** Macro source files created from scratch vs updated incrementally. */
  macroFullParses: number;
  macroIncrementalParses: number;
}

export class LanguageService {
  private scripts = new Map<string, ScriptDoc>();
  private macros = new Map<string, MacroState>();
  private scriptDiags: ScriptDiagnostics;
  private product: string | undefined;
  private counters = { macroFullParses: 0, macroIncrementalParses: 0 };
  /**
   * Leave `detail` of schema items (paths, parameters) to `resolveCompletion`: for clients that declare
   * `completionItem.resolveSupport.properties` with `detail` and show it for the focused item only (VS Code).
   */
  lazyCompletionDetail = false;

  constructor(private index: SchemaIndex, private readonly options: LanguageServiceOptions = {}) {
    this.product = options.product ? resolveProduct(options.product) ?? options.product : undefined;
    this.scriptDiags = new ScriptDiagnostics(index, this.product);
  }

  get schemaIndex(): SchemaIndex {
    return this.index;
  }

  get productCode(): string | undefined {
    return this.product;
  }

  /** Switch schema and/or product; documents are re-analysed on their next request. */
  setSchema(index: SchemaIndex, product?: string): void {
    this.index = index;
    this.product = product ? resolveProduct(product) ?? product : undefined;
    this.scriptDiags = new ScriptDiagnostics(index, this.product);
    const opts = parseOptions(index);
    for (const [uri, s] of this.scripts) {
      const fresh = new ScriptDoc(opts);
      fresh.update(s.text, s.version);
      this.scripts.set(uri, fresh);
    }
    for (const m of this.macros.values()) m.diagnostics = undefined;
  }

  close(uri: string): void {
    this.scripts.delete(uri);
    this.macros.delete(uri);
  }

  workCounters(uri: string): WorkCounters {
    const s = this.scripts.get(uri);
    return {
      lastParsedLines: s?.lastParsedLines ?? 0,
      totalParsedLines: s?.totalParsedLines ?? 0,
      lastValidatedStatements: this.scriptDiags.lastValidated,
      ...this.counters,
    };
  }

  // ---- state -------------------------------------------------------------------------------

  private script(doc: ServiceDocument): ScriptDoc {
    let s = this.scripts.get(doc.uri);
    if (!s) {
      s = new ScriptDoc(parseOptions(this.index));
      this.scripts.set(doc.uri, s);
    }
    if (s.version !== doc.version || s.text !== doc.text) s.update(doc.text, doc.version);
    return s;
  }

  private macro(doc: ServiceDocument): MacroState {
    const old = this.macros.get(doc.uri);
    if (old && old.version === doc.version && old.text === doc.text) return old;
    if (old && old.text === doc.text) { old.version = doc.version; return old; }
    const sf = macros().parseMacro(doc.text, doc.uri.replace(/^.*\//, '') || 'macro.js', macros().scriptKindFor(doc.languageId, doc.uri), old?.sf);
    if (old) this.counters.macroIncrementalParses++;
    else this.counters.macroFullParses++;
    const state: MacroState = { version: doc.version, text: doc.text, sf, analysis: macros().analyzeMacro(sf), lines: new LineMap(doc.text) };
    this.macros.set(doc.uri, state);
    return state;
  }

  private scriptCtx(doc: ServiceDocument): ScriptContext {
    return { index: this.index, product: this.product, doc: this.script(doc), lazyDetail: this.lazyCompletionDetail };
  }

  /**
   * A position past the end of its line is the line's end (as LSP asks), and one past the last line is
   * the document's end — the same clamping the macro side gets from LineMap.
   */
  private scriptPos(ctx: ScriptContext, pos: Position): Position {
    const { lines } = ctx.doc;
    const last = Math.max(0, lines.length - 1);
    if (pos.line > last) return { line: last, character: (lines[last] ?? '').length };
    const line = Math.max(0, pos.line);
    return { line, character: Math.max(0, Math.min(pos.character, (lines[line] ?? '').length)) };
  }

  private withScript<T>(doc: ServiceDocument, pos: Position, f: (ctx: ScriptContext, pos: Position) => T): T {
    const ctx = this.scriptCtx(doc);
    return f(ctx, this.scriptPos(ctx, pos));
  }

  private macroCtx(doc: ServiceDocument): MacroContext {
    const m = this.macro(doc);
    return { uri: doc.uri, index: this.index, product: this.product, lines: m.lines, a: m.analysis, lazyDetail: this.lazyCompletionDetail };
  }

  /** What panel checks and completion read of the schema in force: its Location and Icon for the product. */
  private panelCtx(): PanelContext {
    return { index: this.index, ...(this.product ? { product: this.product } : {}) };
  }

  private guard<T>(where: string, fallback: T, f: () => T): T {
    try {
      return f();
    } catch (e) {
      this.options.onError?.(where, e);
      return fallback;
    }
  }

  // ---- features ----------------------------------------------------------------------------

  /** Completion in the per-item form (every item with its own `textEdit` and `data`). */
  completion(doc: ServiceDocument, pos: Position): CompletionList {
    return expandItemDefaults(this.completionList(doc, pos));
  }

  /**
   * Completion as the LSP layer sends it: may use `itemDefaults`, and its items may be shared with
   * other answers (cached per schema, product and path) — callers must not mutate them.
   */
  completionList(doc: ServiceDocument, pos: Position, trigger?: string): CompletionList {
    const empty: CompletionList = { isIncomplete: false, items: [] };
    // `<`, `=` and `;` trigger completion for panel XML only: typed anywhere else they ask for nothing.
    const panelOnly = trigger !== undefined && PANEL_TRIGGERS.includes(trigger);
    return this.guard('completion', empty, () => {
      switch (languageOf(doc)) {
        case 'xapi': return panelOnly ? empty : this.withScript(doc, pos, scriptCompletion);
        case 'macro': {
          const ctx = this.macroCtx(doc);
          const offset = ctx.lines.offsetAt(pos);
          const inPanel = macros().macroPanelCompletion(ctx, offset);
          return inPanel ?? (panelOnly ? empty : macros().macroCompletion(ctx, offset));
        }
        case 'panel': {
          const lines = new LineMap(doc.text);
          return panelCompletion(doc.text, lines.offsetAt(pos), lines, this.panelCtx());
        }
        default: return empty;
      }
    });
  }

  resolveCompletion(item: CompletionItem): CompletionItem {
    return this.guard('completionResolve', item, () => resolveItem(item, this.index, this.product));
  }

  hover(doc: ServiceDocument, pos: Position): Hover | null {
    return this.guard('hover', null, () => {
      switch (languageOf(doc)) {
        case 'xapi': return this.withScript(doc, pos, scriptHover);
        case 'macro': {
          const ctx = this.macroCtx(doc);
          const offset = ctx.lines.offsetAt(pos);
          return macros().macroPanelHover(ctx, offset) ?? macros().macroHover(ctx, offset);
        }
        case 'panel': {
          const lines = new LineMap(doc.text);
          return panelHover(doc.text, lines.offsetAt(pos), lines);
        }
        default: return null;
      }
    });
  }

  diagnostics(doc: ServiceDocument): Diagnostic[] {
    return this.guard('diagnostics', [], () => {
      switch (languageOf(doc)) {
        case 'xapi': return this.scriptDiags.diagnostics(this.script(doc));
        case 'macro': {
          const m = this.macro(doc);
          m.diagnostics ??= [...macros().macroDiagnostics(this.macroCtx(doc)), ...macros().macroPanelDiagnostics(this.macroCtx(doc))];
          return m.diagnostics;
        }
        case 'panel': return panelDiagnostics(doc.text, new LineMap(doc.text), this.panelCtx());
        default: return [];
      }
    });
  }

  /** Quick fixes for the diagnostics in the range, plus the style conversion for a macro call there. */
  codeActions(doc: ServiceDocument, range: Range, context: { diagnostics?: readonly Diagnostic[] } = {}): CodeAction[] {
    return this.guard('codeActions', [], () => {
      const lang = languageOf(doc);
      if (lang === 'other') return [];
      // Fix data comes from our own diagnostics; the client's copies may have lost `data`.
      const ours = this.diagnostics(doc).filter(d => rangesOverlap(d.range, range));
      const given = (context.diagnostics ?? []).filter(d => d.source === 'xapi' && d.data);
      const actions = quickFixes(doc.uri, given.length ? given : ours);
      if (lang === 'macro') {
        const convert = macros().convertStyleAction(this.macroCtx(doc), range);
        if (convert) actions.push(convert);
      }
      return actions;
    });
  }

  signatureHelp(doc: ServiceDocument, pos: Position): SignatureHelp | null {
    return this.guard('signatureHelp', null, () => {
      switch (languageOf(doc)) {
        case 'xapi': return this.withScript(doc, pos, scriptSignature);
        case 'macro': {
          const ctx = this.macroCtx(doc);
          return macros().macroSignature(ctx, ctx.lines.offsetAt(pos));
        }
        default: return null;
      }
    });
  }

  documentSymbols(doc: ServiceDocument): DocumentSymbol[] {
    return this.guard('documentSymbols', [], () => (languageOf(doc) === 'xapi' ? scriptSymbols(this.scriptCtx(doc)) : []));
  }

  foldingRanges(doc: ServiceDocument): FoldingRange[] {
    return this.guard('foldingRanges', [], () => (languageOf(doc) === 'xapi' ? scriptFolding(this.scriptCtx(doc)) : []));
  }
}
