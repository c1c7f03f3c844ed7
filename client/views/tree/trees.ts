/** The two live trees, made together (Ctx hands them each session as it changes): one place that knows both. */
import * as vscode from 'vscode';
import { ConfigTree } from './configTree';
import type { LiveTree, LiveTreeHost, TreeRoot } from './liveTree';
import { StatusTree } from './statusTree';

export interface TreesHost extends LiveTreeHost {
  /** The roles of the connected user when known; undefined when the device does not say. */
  userRoles(): readonly string[] | undefined;
}

export class Trees implements vscode.Disposable {
  readonly status: StatusTree;
  readonly config: ConfigTree;

  constructor(host: TreesHost, store: vscode.Memento) {
    this.status = new StatusTree(host, store);
    this.config = new ConfigTree(host, store);
  }

  /** Their places in VS Code: the Status and Configuration views (made by the shell). */
  attach(status: vscode.TreeView<unknown>, config: vscode.TreeView<unknown>): vscode.Disposable[] {
    return [...this.status.attach(status), ...this.config.attach(config)];
  }

  get all(): LiveTree[] { return [this.status, this.config]; }

  of(root: TreeRoot): LiveTree { return root === 'Status' ? this.status : this.config; }

  dispose(): void { for (const t of this.all) t.dispose(); }
}

