/**
 * The shapes the language service returns. They mirror the LSP structures field for field
 * (0-based lines and UTF-16 characters, the same numeric enums) so the LSP layer can pass them
 * through untouched, but nothing here imports an LSP package: the service stays editor-neutral.
 */
import type { NodeKind } from '../../schema/model';

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
export interface TextEdit { range: Range; newText: string }

/** The document the service works on: what an editor knows about an open file. */
export interface ServiceDocument {
  readonly uri: string;
  /** `xapi` for xCLI scripts; `javascript`, `typescript` (and the react variants) for macros. */
  readonly languageId: string;
  readonly version: number;
  readonly text: string;
}

export const DiagnosticSeverity = { Error: 1, Warning: 2, Information: 3, Hint: 4 } as const;
export type DiagnosticSeverity = (typeof DiagnosticSeverity)[keyof typeof DiagnosticSeverity];

/** What a quick fix needs, carried on the diagnostic so code actions need no re-analysis. */
export type FixData =
  | { fix: 'replace'; range: Range; candidates: string[] }
  | { fix: 'addParams'; edits: TextEdit[]; names: string[] };

export interface Diagnostic {
  range: Range;
  severity: DiagnosticSeverity;
  /** Stable, documented in docs/language-server.md. */
  code: string;
  source: string;
  message: string;
  codeDescription?: { href: string };
  relatedInformation?: { location: { uri: string; range: Range }; message: string }[];
  data?: FixData;
}

/** LSP CompletionItemKind numbers. */
export const CompletionItemKind = {
  Method: 2, Function: 3, Field: 5, Class: 7, Module: 9, Property: 10, Value: 12, Keyword: 14,
  Snippet: 15, Folder: 19, EnumMember: 20, Constant: 21, Struct: 22, Event: 23,
} as const;
/** Any LSP CompletionItemKind (1 Text … 25 TypeParameter), not only the ones the service uses. */
export type CompletionItemKind = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 20 | 21 | 22 | 23 | 24 | 25;

/** Enough to find the documentation again in `completionItem/resolve`; small on purpose. */
export type CompletionRef =
  | { r: 'node'; k: NodeKind; p: string }
  | { r: 'param'; k: NodeKind; p: string; n: string }
  | { r: 'value'; k: NodeKind; p: string; n?: string; v: string }
  | { r: 'keyword'; k: NodeKind }
  /** A list-wide default (`itemDefaults.data`): the item is the child named by its label. */
  | { r: 'child'; k: NodeKind; parent: string }
  /** A list-wide default: the item is the parameter of command `p` named by its label. */
  | { r: 'params'; k: NodeKind; p: string };

export interface CompletionItem {
  label: string;
  kind: CompletionItemKind;
  detail?: string;
  sortText?: string;
  filterText?: string;
  textEdit?: TextEdit;
  insertText?: string;
  /** With `itemDefaults.editRange` (LSP 3.17): the text for the default range. */
  textEditText?: string;
  /** 2 = snippet. */
  insertTextFormat?: 1 | 2;
  documentation?: { kind: 'markdown'; value: string };
  /** LSP CompletionItemTag.Deprecated = 1 (the only tag LSP defines). */
  tags?: 1[];
  data?: CompletionRef;
}

export interface CompletionList {
  isIncomplete: boolean;
  items: CompletionItem[];
  /**
   * LSP 3.17 list-wide defaults, set only by `LanguageService.completionList` (items then may lack
   * `textEdit` and `data`, and are shared between answers: never mutate them). `completion` expands them.
   */
  itemDefaults?: { editRange: Range; data?: CompletionRef };
}

export interface Hover { contents: { kind: 'markdown'; value: string }; range?: Range }

export interface CodeAction {
  title: string;
  kind: 'quickfix' | 'refactor.rewrite';
  isPreferred?: boolean;
  diagnostics?: Diagnostic[];
  edit: { changes: Record<string, TextEdit[]> };
}

export interface ParameterInformation { label: string | [number, number]; documentation?: { kind: 'markdown'; value: string } }
export interface SignatureHelp {
  signatures: { label: string; documentation?: { kind: 'markdown'; value: string }; parameters: ParameterInformation[] }[];
  activeSignature: number;
  activeParameter: number;
}

/** LSP SymbolKind numbers. */
export const SymbolKind = { Module: 2, Namespace: 3, Method: 6, Property: 7, Field: 8, Event: 24, Function: 12, Variable: 13 } as const;
/** Any LSP SymbolKind (1 File … 26 TypeParameter). */
export type SymbolKind = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 20 | 21 | 22 | 23 | 24 | 25 | 26;

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children?: DocumentSymbol[];
}

export interface FoldingRange { startLine: number; endLine: number; kind?: 'comment' | 'region' }
