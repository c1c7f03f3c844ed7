/**
 * Compile-time check (run by `npm run typecheck`, not by mocha): the hand-written LSP shapes of
 * server/service/types.ts stay assignable to the real LSP types of vscode-languageserver-types
 * (re-exported by vscode-languageserver-protocol, our direct dependency), so server/lsp.ts passes the
 * service's answers on without casts. Where the server receives a shape from the client (a completion
 * item to resolve, the diagnostics of a code-action request), the reverse direction is checked too.
 * A field renamed or retyped on either side fails the type-check here, naming the field.
 */
import type * as lsp from 'vscode-languageserver-protocol';
import type * as svc from '../../server/service';

/** Fails to compile unless `T` is assignable to `U`. */
type Assignable<T extends U, U> = [T, U];

export type ServiceToLsp = [
  Assignable<svc.Position, lsp.Position>,
  Assignable<svc.Range, lsp.Range>,
  Assignable<svc.TextEdit, lsp.TextEdit>,
  Assignable<svc.Diagnostic, lsp.Diagnostic>,
  Assignable<svc.CompletionItem, lsp.CompletionItem>,
  Assignable<svc.CompletionList, lsp.CompletionList>,
  Assignable<svc.ClientCompletionList, lsp.CompletionList>,
  Assignable<svc.Hover, lsp.Hover>,
  Assignable<svc.CodeAction, lsp.CodeAction>,
  Assignable<svc.SignatureHelp, lsp.SignatureHelp>,
  Assignable<svc.DocumentSymbol, lsp.DocumentSymbol>,
  Assignable<svc.FoldingRange, lsp.FoldingRange>,
  Assignable<svc.DiagnosticSeverity, lsp.DiagnosticSeverity>,
  Assignable<(typeof svc.CompletionItemKind)[keyof typeof svc.CompletionItemKind], lsp.CompletionItemKind>,
  Assignable<(typeof svc.SymbolKind)[keyof typeof svc.SymbolKind], lsp.SymbolKind>,
];

export type LspToService = [
  Assignable<lsp.Position, svc.Position>,
  Assignable<lsp.Range, svc.Range>,
  Assignable<lsp.TextEdit, svc.TextEdit>,
];
