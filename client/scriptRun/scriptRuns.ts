/**
 * One run at a time against the live session: which statements of a document to run, the cancellable progress
 * while they run, and where their answers go (the "xAPI Results" channel and inline decorations).
 */
import * as vscode from 'vscode';
import type { SchemaIndex } from '../../schema/schemaIndex';
import { parseStatements, type XcliRequest, type XcliStatement } from '../../schema/xcli';
import type { Xapi } from '../../xapi';
import { config } from '../config';
import { ResultDecorations } from './inlineResults';
import { XcliRunner, type RunSummary } from './statementRunner';
import { prompts } from '../prompts';

export type RunScope = { kind: 'file' } | { kind: 'line'; line: number } | { kind: 'lines'; from: number; to: number };

export class RunController implements vscode.Disposable {
  readonly decorations = new ResultDecorations();
  private readonly runner: XcliRunner;
  private current: vscode.CancellationTokenSource | undefined;
  private currentUri: vscode.Uri | undefined;

  constructor(private readonly results: vscode.OutputChannel) {
    this.runner = new XcliRunner(() => config.resultFormat(), {
      print: text => this.results.appendLine(text),
      result: r => { if (this.currentUri) this.decorations.set(this.currentUri, r); },
    });
  }

  get isRunning(): boolean { return this.current !== undefined; }

  /** The statements of `doc` that `scope` names (a statement counts when any of its lines is in range). */
  static select(doc: vscode.TextDocument, index: SchemaIndex, scope: RunScope): XcliStatement[] {
    const all = parseStatements(doc.getText(), index);
    if (scope.kind === 'file') return all;
    const [from, to] = scope.kind === 'line' ? [scope.line, scope.line] : [scope.from, scope.to];
    return all.filter(s => s.lastLine >= from && s.firstLine <= to);
  }

  async run(xapi: Xapi, doc: vscode.TextDocument, index: SchemaIndex, scope: RunScope): Promise<RunSummary | undefined> {
    const statements = RunController.select(doc, index, scope).filter(s => s.type !== 'blank' && s.type !== 'comment');
    if (!statements.length) {
      void prompts.showInformationMessage('xAPI: nothing to run here (no xCommand, xConfiguration, xStatus or xFeedback line).');
      return undefined;
    }
    this.cancel();
    const source = new vscode.CancellationTokenSource();
    this.current = source;
    this.currentUri = doc.uri;
    if (scope.kind === 'file') this.decorations.clear(doc.uri);
    this.results.show(true);
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `xAPI: running ${statements.length} statement${statements.length === 1 ? '' : 's'}`, cancellable: true },
        (_p, progressToken) => {
          progressToken.onCancellationRequested(() => source.cancel());
          return this.runner.run(xapi, statements, index, line => doc.lineAt(line).text, source.token);
        },
      ).then(summary => {
        if (summary.cancelled) this.results.appendLine(`** run cancelled after ${summary.ran} statement${summary.ran === 1 ? '' : 's'}`);
        return summary;
      });
    } finally {
      if (this.current === source) { this.current = undefined; }
      source.dispose();
    }
  }

  /** A single request from a wizard: echoed and answered in the results channel; an error also as a notification. */
  async runRequest(xapi: Xapi, req: XcliRequest, echo: string): Promise<boolean> {
    this.results.show(true);
    const ok = await this.runner.runRequest(xapi, req, echo);
    if (!ok) void prompts.showErrorMessage(`xAPI: ${echo} failed — see xAPI Results.`);
    return ok;
  }

  cancel(): void {
    this.current?.cancel();
  }

  /** The session ended: registrations made by runs are gone with it. */
  sessionEnded(): void {
    this.runner.clearFeedback();
  }

  dispose(): void {
    this.cancel();
    this.decorations.dispose();
  }
}
