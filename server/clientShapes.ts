/**
 * What the client sends back to the server in LSP types (a completion item to resolve, the diagnostics of
 * a code-action request), read into the service's shapes. The other direction needs no conversion: the
 * service's shapes are assignable to LSP's (checked at compile time by test/lsp/lsp-shapes.assignable.ts).
 * Client data is untrusted: `data` must have the shape we put there, or it is dropped.
 */
import type * as lsp from 'vscode-languageserver';
import { CompletionItem, CompletionRef, Diagnostic, DiagnosticSeverity, FixData, Range, TextEdit } from './service';

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object';
const isPosition = (v: unknown) => isObject(v) && typeof v.line === 'number' && typeof v.character === 'number';
const isRange = (v: unknown): v is Range => isObject(v) && isPosition(v.start) && isPosition(v.end);
const isEdit = (v: unknown): v is TextEdit => isObject(v) && isRange(v.range) && typeof v.newText === 'string';
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(s => typeof s === 'string');

function isFixData(v: unknown): v is FixData {
  if (!isObject(v)) return false;
  if (v.fix === 'replace') return isRange(v.range) && isStrings(v.candidates);
  if (v.fix === 'addParams') return Array.isArray(v.edits) && v.edits.every(isEdit) && isStrings(v.names);
  return false;
}

function isCompletionRef(v: unknown): v is CompletionRef {
  return isObject(v) && typeof v.r === 'string' && typeof v.k === 'string';
}

/** A diagnostic the client echoes in `textDocument/codeAction`, as the service's type. */
export function serviceDiagnostic(d: lsp.Diagnostic): Diagnostic {
  return {
    range: d.range,
    severity: d.severity ?? DiagnosticSeverity.Error,
    code: d.code === undefined ? '' : String(d.code),
    source: d.source ?? '',
    message: typeof d.message === 'string' ? d.message : d.message.value,
    ...(isFixData(d.data) ? { data: d.data } : {}),
  };
}

/** The fields of a completion item that resolving reads. */
export function serviceCompletionItem(item: lsp.CompletionItem): CompletionItem {
  const doc = item.documentation;
  return {
    label: item.label,
    kind: item.kind ?? 1,
    ...(item.detail !== undefined ? { detail: item.detail } : {}),
    ...(doc !== undefined ? { documentation: { kind: 'markdown', value: typeof doc === 'string' ? doc : doc.value } } : {}),
    ...(isCompletionRef(item.data) ? { data: item.data } : {}),
  };
}

/** The client's item with what resolving added (`detail`, `documentation`); everything else as it came. */
export function resolvedItem(item: lsp.CompletionItem, resolved: CompletionItem): lsp.CompletionItem {
  return {
    ...item,
    ...(item.detail === undefined && resolved.detail !== undefined ? { detail: resolved.detail } : {}),
    ...(item.documentation === undefined && resolved.documentation ? { documentation: resolved.documentation } : {}),
  };
}
