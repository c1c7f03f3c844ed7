/** Quick fixes read from the fix data the diagnostics carry, for both front ends. */
import type { CodeAction, Diagnostic } from './types';

export function quickFixes(uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    const data = d.data;
    if (!data || typeof data !== 'object') continue;
    if (data.fix === 'replace' && Array.isArray(data.candidates)) {
      data.candidates.forEach((c, i) => out.push({
        title: `Change to '${c}'`, kind: 'quickfix', isPreferred: i === 0, diagnostics: [d],
        edit: { changes: { [uri]: [{ range: data.range, newText: c }] } },
      }));
    } else if (data.fix === 'addParams' && Array.isArray(data.edits)) {
      out.push({
        title: `Add missing parameter${data.names.length > 1 ? 's' : ''}: ${data.names.join(', ')}`, kind: 'quickfix', isPreferred: true,
        diagnostics: [d], edit: { changes: { [uri]: data.edits } },
      });
    }
  }
  return out;
}
