/**
 * Providers VS Code needs at activation whose work is the core's: each asks for the core on first use and hands
 * the call on. Events the core's provider fires are passed on from then.
 */
import * as vscode from 'vscode';

/** A tree view's data, from the provider `target()` gives once asked (the view shows: the core is needed). */
export class DeferredTree implements vscode.TreeDataProvider<unknown>, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<unknown>();
  readonly onDidChangeTreeData = this.changes.event as vscode.Event<unknown>;
  private provider: vscode.TreeDataProvider<unknown> | undefined;
  private forwarding: vscode.Disposable | undefined;

  constructor(private readonly target: () => vscode.TreeDataProvider<unknown>) {}

  private get inner(): vscode.TreeDataProvider<unknown> {
    if (!this.provider) {
      const p = this.target();
      this.provider = p;
      this.forwarding = p.onDidChangeTreeData?.(e => this.changes.fire(e));
    }
    return this.provider;
  }

  getChildren(element?: unknown): vscode.ProviderResult<unknown[]> { return this.inner.getChildren(element); }
  getTreeItem(element: unknown): vscode.TreeItem | Thenable<vscode.TreeItem> { return this.inner.getTreeItem(element); }
  getParent(element: unknown): vscode.ProviderResult<unknown> { return this.inner.getParent?.(element); }

  dispose(): void {
    this.forwarding?.dispose();
    this.changes.dispose();
  }
}

/** A file system whose every call goes to the provider `target()` gives. */
export function deferredFileSystem(target: () => vscode.FileSystemProvider): vscode.FileSystemProvider & vscode.Disposable {
  const changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  let forwarding: vscode.Disposable | undefined;
  let provider: vscode.FileSystemProvider | undefined;
  const fs = (): vscode.FileSystemProvider => {
    if (!provider) {
      provider = target();
      forwarding = provider.onDidChangeFile(e => changes.fire(e));
    }
    return provider;
  };
  return {
    onDidChangeFile: changes.event,
    watch: (uri, options) => fs().watch(uri, options),
    stat: uri => fs().stat(uri),
    readDirectory: uri => fs().readDirectory(uri),
    createDirectory: uri => fs().createDirectory(uri),
    readFile: uri => fs().readFile(uri),
    writeFile: (uri, content, options) => fs().writeFile(uri, content, options),
    delete: (uri, options) => fs().delete(uri, options),
    rename: (from, to, options) => fs().rename(from, to, options),
    dispose: () => { forwarding?.dispose(); changes.dispose(); },
  };
}
