/** Small request helpers over an LspClient, each opening a fresh document from a cursor-marker fixture. */
import {
  CodeAction, CodeActionRequest, CompletionItem, CompletionList, CompletionRequest, CompletionResolveRequest, Diagnostic, HoverRequest,
  SignatureHelp, SignatureHelpRequest, Hover, MarkupContent, DocumentSymbolRequest, FoldingRangeRequest, Position,
} from 'vscode-languageserver-protocol/node';
import { LspClient } from './lspClient';
import { marked } from './markers';

let n = 0;
const EXT: Record<string, string> = { xapi: 'xapi', 'xapi-panel': 'panel.xml', javascript: 'js', typescript: 'ts' };

export function freshUri(languageId: string): string {
  return `file:///ws/doc${++n}.${EXT[languageId] ?? 'txt'}`;
}

export async function completeAt(c: LspClient, languageId: string, src: string): Promise<CompletionItem[]> {
  const m = marked(src);
  const uri = freshUri(languageId);
  await c.open(uri, languageId, m.text);
  const res = await c.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: m.line, character: m.character } });
  await c.close(uri);
  if (!res) return [];
  return Array.isArray(res) ? res : (res as CompletionList).items;
}

export function labels(items: CompletionItem[]): string[] {
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map(i => i.label);
}

export async function resolve(c: LspClient, item: CompletionItem): Promise<CompletionItem> {
  return c.conn.sendRequest(CompletionResolveRequest.type, item);
}

export async function hoverAt(c: LspClient, languageId: string, src: string): Promise<string | undefined> {
  const m = marked(src);
  const uri = freshUri(languageId);
  await c.open(uri, languageId, m.text);
  const res: Hover | null = await c.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: m.line, character: m.character } });
  await c.close(uri);
  return res ? (res.contents as MarkupContent).value : undefined;
}

export async function signatureAt(c: LspClient, languageId: string, src: string): Promise<SignatureHelp | null> {
  const m = marked(src);
  const uri = freshUri(languageId);
  await c.open(uri, languageId, m.text);
  const res = await c.conn.sendRequest(SignatureHelpRequest.type, { textDocument: { uri }, position: { line: m.line, character: m.character } });
  await c.close(uri);
  return res;
}

/** Opens a document and waits for its diagnostics. The document stays open (returned uri). */
export async function diagnose(c: LspClient, languageId: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = freshUri(languageId);
  await c.open(uri, languageId, text);
  const p = await c.diagnosticsFor(uri, 1);
  return { uri, diagnostics: p.diagnostics };
}

export async function actionsAt(c: LspClient, uri: string, range: Diagnostic['range'], diagnostics: Diagnostic[] = []): Promise<CodeAction[]> {
  const res = await c.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics } });
  return (res ?? []).filter((a): a is CodeAction => 'title' in a && !('command' in a && typeof (a as { command: unknown }).command === 'string'));
}

/** Every position-based request kind at one position, plus symbols and folding; all must be answered (an error reply rejects). */
export function requestEverything(c: LspClient, uri: string, position: Position) {
  const td = { textDocument: { uri }, position };
  return Promise.all([
    c.conn.sendRequest(CompletionRequest.type, td),
    c.conn.sendRequest(HoverRequest.type, td),
    c.conn.sendRequest(SignatureHelpRequest.type, td),
    c.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }),
    c.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }),
    c.conn.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } }),
  ]);
}
