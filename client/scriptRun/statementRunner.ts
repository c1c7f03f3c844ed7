/**
 * Runs xCLI statements of a document against the live session: each statement becomes a request through the
 * shared translation (schema/xcli/request.ts) and runs through the shared executor (xapi/execute.ts); answers go to
 * the "xAPI Results" channel (terminal text or JSON) and inline after their line. A run can be cancelled between
 * statements; a failing statement does not stop the others unless the connection is gone.
 */
import * as vscode from 'vscode';
import type { SchemaIndex } from '../../schema/schemaIndex';
import { statementToRequest, type XcliRequest, type XcliStatement } from '../../schema/xcli';
import { execute, type FeedbackState } from '../../xapi/execute';
import { formatFeedback } from '../../xapi/format';
import type { Xapi } from '../../xapi';
import type { ResultFormat } from '../config';
import type { LineResult } from './inlineResults';

export interface RunSink {
  /** One block of output for the results channel. */
  print(text: string): void;
  /** The result of the statement that starts on `line`. */
  result(r: LineResult): void;
}

export interface RunSummary {
  readonly ran: number;
  readonly failed: number;
  readonly cancelled: boolean;
}

export class XcliRunner {
  /** xFeedback registrations made by runs, kept across runs of the same session like a terminal's. */
  private readonly feedback: FeedbackState;

  constructor(private readonly format: () => ResultFormat, private readonly sink: RunSink) {
    this.feedback = {
      onFeedback: p => this.sink.print(this.format() === 'json' ? JSON.stringify({ feedback: p }) : formatFeedback(p).join('\n')),
      subs: new Map(),
    };
  }

  /** `lineAt` gives a document line's text, for echoing what ran. */
  async run(
    xapi: Xapi, statements: readonly XcliStatement[], index: SchemaIndex, lineAt: (line: number) => string, token?: vscode.CancellationToken,
  ): Promise<RunSummary> {
    let ran = 0;
    let failed = 0;
    for (const s of statements) {
      if (token?.isCancellationRequested) return { ran, failed, cancelled: true };
      if (s.type === 'blank' || s.type === 'comment') continue;
      const line = s.firstLine;
      const first = lineAt(line).trim();
      const echo = s.type === 'command' && s.body ? `${first} (and a ${s.body.lines.length}-line body)` : first;
      ran++;
      try {
        const req = statementToRequest(s, index);
        const r = await execute(xapi, req, this.feedback);
        this.sink.print(this.format() === 'json' ? JSON.stringify({ line: line + 1, ...(r.json as object) }) : [`> ${echo}`, ...r.lines].join('\n'));
        this.sink.result({ line, ok: true, text: r.inline });
      } catch (e) {
        failed++;
        const err = e as Error & { code?: unknown };
        this.printError(echo, err, line);
        this.sink.result({ line, ok: false, text: err.message });
        if (!xapi.isConnected && xapi.state === 'closed') return { ran, failed, cancelled: false };
      }
    }
    return { ran, failed, cancelled: false };
  }

  /** One request built by a wizard; `echo` is the xCLI line it stands for. True when it succeeded. */
  async runRequest(xapi: Xapi, req: XcliRequest, echo: string): Promise<boolean> {
    try {
      const r = await execute(xapi, req, this.feedback);
      this.sink.print(this.format() === 'json' ? JSON.stringify(r.json) : [`> ${echo}`, ...r.lines].join('\n'));
      return true;
    } catch (e) {
      this.printError(echo, e as Error & { code?: unknown });
      return false;
    }
  }

  private printError(echo: string, err: Error & { code?: unknown }, line?: number): void {
    this.sink.print(this.format() === 'json'
      ? JSON.stringify({ ...(line !== undefined ? { line: line + 1 } : {}), error: { name: err.name, code: err.code, message: err.message } })
      : [`> ${echo}`, `** error: ${err.message}`].join('\n'));
  }

  /** Ends every xFeedback registration the runs made (on disconnect). */
  clearFeedback(): void {
    for (const off of this.feedback.subs.values()) off();
    this.feedback.subs.clear();
  }
}
