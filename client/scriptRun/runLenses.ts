/**
 * "Run" above every xAPI statement of a `.xapi` file and "Run All" at the top (as REST Client does for requests).
 * The document stays plain text; the lenses come from the same parser the runner uses.
 */
import * as vscode from 'vscode';
import type { SchemaIndex } from '../../schema/schemaIndex';
import { parseStatements } from '../../schema/xcli';
import { Commands } from '../commandIds';

const RUNNABLE = new Set(['command', 'configuration', 'status', 'feedback']);

export class RunCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly index: () => SchemaIndex) {}

  /** The schema changed (a device connected): multiline commands may be read differently. */
  refresh(): void { this.changed.fire(); }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const statements = parseStatements(doc.getText(), this.index()).filter(s => RUNNABLE.has(s.type));
    if (!statements.length) return [];
    const lenses = [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: '$(run-all) Run All', command: Commands.runFile, arguments: [doc.uri] })];
    for (const s of statements) {
      lenses.push(new vscode.CodeLens(new vscode.Range(s.firstLine, 0, s.firstLine, 0), {
        title: '$(play) Run', command: Commands.runStatement, arguments: [doc.uri, s.firstLine],
      }));
    }
    return lenses;
  }

  dispose(): void { this.changed.dispose(); }
}
