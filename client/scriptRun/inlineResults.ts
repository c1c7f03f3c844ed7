/**
 * Results shown after the line that produced them (`✓ OK`, `✗ the device's reason`). One decoration type for
 * successes and one for failures; a document's results go away as soon as it is edited, so nothing stale stays.
 */
import * as vscode from 'vscode';

export interface LineResult {
  readonly line: number;
  readonly ok: boolean;
  readonly text: string;
}

const MAX_INLINE = 120;

export class ResultDecorations implements vscode.Disposable {
  private readonly okType = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 2em', color: new vscode.ThemeColor('editorCodeLens.foreground') },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly errorType = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 2em', color: new vscode.ThemeColor('errorForeground') },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly byDocument = new Map<string, LineResult[]>();
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.disposables = [
      vscode.workspace.onDidChangeTextDocument(e => { if (e.contentChanges.length && this.byDocument.delete(e.document.uri.toString())) this.render(e.document.uri); }),
      vscode.window.onDidChangeVisibleTextEditors(() => { for (const uri of this.byDocument.keys()) this.render(vscode.Uri.parse(uri)); }),
    ];
  }

  /** Adds (or replaces) the result of one line. */
  set(uri: vscode.Uri, result: LineResult): void {
    const key = uri.toString();
    const list = (this.byDocument.get(key) ?? []).filter(r => r.line !== result.line);
    list.push(result);
    this.byDocument.set(key, list);
    this.render(uri);
  }

  clear(uri: vscode.Uri): void {
    this.byDocument.delete(uri.toString());
    this.render(uri);
  }

  /** What is shown for a document (tests read it; the editor shows the same). */
  results(uri: vscode.Uri): readonly LineResult[] {
    return this.byDocument.get(uri.toString()) ?? [];
  }

  private render(uri: vscode.Uri): void {
    const list = this.byDocument.get(uri.toString()) ?? [];
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== uri.toString()) continue;
      const toOptions = (r: LineResult): vscode.DecorationOptions => {
        const line = editor.document.lineAt(Math.min(r.line, editor.document.lineCount - 1));
        const text = r.text.length > MAX_INLINE ? `${r.text.slice(0, MAX_INLINE - 1)}…` : r.text;
        return { range: new vscode.Range(line.range.end, line.range.end), renderOptions: { after: { contentText: `${r.ok ? '✓' : '✗'} ${text}` } }, hoverMessage: r.text };
      };
      editor.setDecorations(this.okType, list.filter(r => r.ok).map(toOptions));
      editor.setDecorations(this.errorType, list.filter(r => !r.ok).map(toOptions));
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.okType.dispose();
    this.errorType.dispose();
  }
}
