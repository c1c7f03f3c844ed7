/** The live Status tree: each leaf shows the device's current value. */
import * as vscode from 'vscode';
import { formatValueSpace } from '../../../schema/describe';
import { leafText } from './format';
import { LiveTree, type LiveNode, type LiveTreeHost } from './liveTree';

export class StatusTree extends LiveTree {
  constructor(host: LiveTreeHost, store: vscode.Memento) {
    super('Status', host, store);
  }

  protected describeLeaf(item: vscode.TreeItem, _node: LiveNode, value: unknown): void {
    item.description = leafText(value);
  }

  protected override tooltip(node: LiveNode): vscode.MarkdownString | undefined {
    const md = super.tooltip(node);
    const vs = this.variantOf(node)?.valueSpace;
    if (md && vs && node.kind === 'leaf') md.appendMarkdown(`\n\n${formatValueSpace(vs)}`);
    return md;
  }
}
