/**
 * `xapi check` on JavaScript/TypeScript macros: the language server's own macro diagnostics
 * (server/service), so CI sees what the editor shows. The service brings the TypeScript compiler, so it
 * is loaded on first use, and in dist/cli.js from dist/server.js (scripts/build.mjs), like `xapi lsp`.
 */
import type * as ServerBundle from '../server/main';
import type { SchemaIndex } from '../schema/schemaIndex';
import type { XcliRange, XcliSeverity } from '../schema/xcli';

/** Files `xapi check` hands to the macro checker rather than the xCLI parser. */
export const MACRO_FILE = /\.(?:[cm]?js|[cm]?ts|jsx|tsx)$/i;

export interface CheckFinding {
  readonly range: XcliRange;
  readonly severity: XcliSeverity;
  readonly code: string;
  readonly message: string;
  readonly suggestions?: readonly string[];
}

/** LSP severities (1 error … 4 hint) in the words `xapi check` prints. */
const SEVERITY: Record<number, XcliSeverity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'info' };

export class MacroChecker {
  private service: InstanceType<typeof ServerBundle.LanguageService>;

  constructor(index: SchemaIndex, product?: string) {
    const { LanguageService } = require('../server/main') as typeof ServerBundle;
    this.service = new LanguageService(index, { product });
  }

  check(file: string, text: string): CheckFinding[] {
    const languageId = /\.[cm]?tsx?$/i.test(file) ? 'typescript' : 'javascript';
    const uri = `file:///${encodeURI(file.replace(/\\/g, '/').replace(/^\//, ''))}`;
    const found = this.service.diagnostics({ uri, languageId, version: 1, text });
    this.service.close(uri);
    return found.map(d => ({ range: d.range, severity: SEVERITY[d.severity] ?? 'error', code: d.code, message: d.message }));
  }
}
