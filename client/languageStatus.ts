/** The language status item of xAPI documents: which schema the language server has in force, and its product. */
import * as vscode from 'vscode';
import type { SchemaChangedParams } from '../server/contract';

const SOURCE_NAMES: Record<SchemaChangedParams['source'], string> = {
  device: 'device schema (xDoc)', published: 'published schema', file: 'schema file', core: 'built-in core schema',
};

export class SchemaLanguageStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('xapi.schema', [
    { language: 'xapi' }, { language: 'javascript' }, { language: 'typescript' },
  ]);
  private last: SchemaChangedParams | undefined;

  constructor() {
    this.item.name = 'xAPI Schema';
    this.item.text = 'xAPI: starting…';
    this.item.busy = true;
  }

  loading(what: string): void {
    this.item.busy = true;
    this.item.detail = what;
  }

  show(p: SchemaChangedParams): void {
    this.last = p;
    this.item.busy = false;
    this.item.text = `xAPI ${p.version}`;
    const product = p.productName ?? p.product;
    this.item.detail = `${SOURCE_NAMES[p.source]}${product ? `, ${product}` : ', all products'} — ${p.nodes} nodes`;
    this.item.severity = p.error ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    if (p.error) this.item.detail = `${this.item.detail}. ${p.error}`;
    this.item.command = { title: 'Schema settings', command: 'workbench.action.openSettings', arguments: ['xapi.schema'] };
  }

  get schema(): SchemaChangedParams | undefined { return this.last; }

  dispose(): void { this.item.dispose(); }
}
