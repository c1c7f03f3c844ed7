/** Commands on the Status and Configuration trees' nodes: copy, watch, refresh, filter, edit a value. */
import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import type { Ctx } from '../ctx';
import { prompts } from '../prompts';
import { askValue, SKIP } from '../valuePicker';
import type { LiveNode, LiveTree, TreeRoot } from '../views/tree/liveTree';
import type { CommandTable } from './table';

function isNode(x: unknown): x is LiveNode {
  return typeof x === 'object' && x !== null && 'path' in x && 'root' in x;
}

/** The node a menu passed, or the tree's selection when run from the palette. */
function target(ctx: Ctx, arg: unknown, root?: TreeRoot): { tree: LiveTree; node: LiveNode } | undefined {
  if (isNode(arg)) return { tree: ctx.trees.of(arg.root), node: arg };
  for (const tree of root ? [ctx.trees.of(root)] : ctx.trees.all) {
    const node = tree.view?.selection[0];
    if (node) return { tree, node };
  }
  return undefined;
}

async function filter(ctx: Ctx, root: TreeRoot): Promise<void> {
  const tree = ctx.trees.of(root);
  const text = await prompts.showInputBox({ title: `Filter the ${root} tree`, prompt: 'Show the paths containing this text (empty shows everything)', value: tree.filter });
  if (text !== undefined) tree.setFilter(text);
}

async function editValue(ctx: Ctx, arg: unknown): Promise<void> {
  const t = target(ctx, arg, 'Configuration');
  if (!t || t.node.kind !== 'leaf' || !ctx.requireTrust()) return;
  const tree = ctx.trees.config;
  const vs = tree.variantOf(t.node)?.valueSpace;
  if (!vs) { void prompts.showInformationMessage(`xAPI: the schema gives no value space for ${tree.xcliPath(t.node.path)}.`); return; }
  if (tree.isReadOnly(t.node)) { void prompts.showWarningMessage(`xAPI: ${tree.xcliPath(t.node.path)} is read-only for this user.`); return; }
  const current = ctx.session.xapi ? await ctx.session.xapi.config.get(tree.rooted(t.node.path)).catch(() => undefined) : undefined;
  const value = await askValue({
    title: `Set ${tree.xcliPath(t.node.path)}`, valueSpace: vs,
    current: typeof current === 'string' || typeof current === 'number' ? current : undefined,
    defaultValue: tree.defaultOf(t.node), description: tree.variantOf(t.node)?.description,
  });
  if (value === undefined || value === SKIP) return;
  try {
    await tree.set(t.node, value);
    vscode.window.setStatusBarMessage(`xAPI: ${tree.xcliPath(t.node.path)}: ${value} — OK`, 4000);
  } catch (e) {
    // The device's own answer, as it gave it.
    void prompts.showErrorMessage(`xAPI: ${(e as Error).message}`);
  }
}

export const treeCommands: CommandTable = {
  [Commands.treeCopyPath]: async (ctx, arg?: unknown) => {
    const t = target(ctx, arg);
    if (t) await vscode.env.clipboard.writeText(t.tree.xcliPath(t.node.path));
  },
  [Commands.treeCopyMacro]: async (ctx, arg?: unknown) => {
    const t = target(ctx, arg);
    if (t) await vscode.env.clipboard.writeText(t.tree.macroCode(t.node.path));
  },
  [Commands.treeWatch]: async (ctx, arg?: unknown) => { const t = target(ctx, arg); if (t) await t.tree.watch(t.node); },
  [Commands.treeUnwatch]: async (ctx, arg?: unknown) => { const t = target(ctx, arg); if (t) await t.tree.unwatch(t.node); },
  [Commands.treeRefresh]: async (ctx, arg?: unknown) => {
    const t = target(ctx, arg);
    if (t) await t.tree.refresh(t.node);
    else for (const tree of ctx.trees.all) await tree.refresh();
  },
  [Commands.statusFilter]: ctx => filter(ctx, 'Status'),
  [Commands.configFilter]: ctx => filter(ctx, 'Configuration'),
  [Commands.treeClearFilter]: ctx => { for (const tree of ctx.trees.all) tree.setFilter(''); },
  [Commands.configEdit]: (ctx, arg?: unknown) => editValue(ctx, arg),
};
