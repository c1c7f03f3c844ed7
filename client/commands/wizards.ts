/**
 * "Run Command…", "Get Status…", "Get Configuration…", "Set Configuration…": pick a path from the schema in force
 * (filtered by product), fill indexes and values with pickers built from the value spaces, then run through the same
 * executor as the `.xapi` runner. A command that takes a body opens as a `.xapi` document to edit and run.
 */
import * as vscode from 'vscode';
import type { NodeKind, NodeVariant, SchemaNode } from '../../schema/model';
import type { SchemaIndex } from '../../schema/schemaIndex';
import { formatParam, formatValueSpace } from '../../schema/describe';
import type { XcliRequest, XcliRequestPath } from '../../schema/xcli';
import { Commands } from '../commandIds';
import type { Ctx } from '../ctx';
import { askIndex, askValue, SKIP } from '../valuePicker';
import { xcliPath, xcliValue } from '../xcliText';
import type { CommandTable } from './table';
import { prompts } from '../prompts';

interface Picked { node?: SchemaNode; names: string[] }

/** Every node of a kind on the product; for reads also every branch above them (`Audio` reads the whole subtree). */
async function pickPath(index: SchemaIndex, kind: NodeKind, product: string | undefined, withBranches: boolean): Promise<Picked | undefined> {
  type Item = vscode.QuickPickItem & Picked;
  const items: Item[] = [];
  const branches = new Set<string>();
  for (const node of index.nodes(kind)) {
    if (!index.hasProduct(node, product)) continue;
    const v = index.variantFor(node, product);
    items.push({ label: node.names.join(' '), description: describe(kind, v), node, names: [...node.names] });
    if (withBranches) for (let i = 1; i < node.names.length; i++) branches.add(node.names.slice(0, i).join(' '));
  }
  for (const b of branches) items.push({ label: b, description: 'the whole branch', names: b.split(' ') });
  items.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  if (!items.length) {
    void prompts.showInformationMessage(`xAPI: the schema in force has no ${kind.toLowerCase()} for this product.`);
    return undefined;
  }
  return prompts.showQuickPick(items, { title: `xAPI: ${kind}`, placeHolder: `Type to filter ${items.length} paths`, matchOnDescription: true, ignoreFocusOut: true });
}

function describe(kind: NodeKind, v: NodeVariant | undefined): string | undefined {
  if (!v) return undefined;
  if (kind === 'Command') return v.params?.length ? v.params.map(formatParam).join(', ') : v.multiline ? '(takes a body)' : undefined;
  return v.valueSpace ? formatValueSpace(v.valueSpace) : undefined;
}

/** The concrete path with an index asked for each indexed segment (`Video Input Connector 2 Name`). */
async function withIndexes(picked: Picked, variant: NodeVariant | undefined, ask: 'all' | 'bounded'): Promise<XcliRequestPath | undefined> {
  const out: XcliRequestPath = [];
  for (let i = 0; i < picked.names.length; i++) {
    out.push(picked.names[i]);
    const range = variant?.path[i]?.index;
    // Open-ended lists (`Call[n]`) are read whole unless it is a set, which needs one item.
    if (!range || (ask === 'bounded' && range.max === undefined)) continue;
    const n = await askIndex(picked.names.slice(0, i + 1).join(' '), range);
    if (n === undefined) return undefined;
    out.push(n);
  }
  return out;
}

/** The start every wizard shares: a live session in a trusted workspace, and a path picked from the schema. */
async function begin(ctx: Ctx, kind: NodeKind, withBranches: boolean) {
  const xapi = ctx.requireTrust() ? ctx.requireXapi() : undefined;
  if (!xapi) return undefined;
  const index = ctx.schemaIndex();
  const product = ctx.schemaProduct();
  const picked = await pickPath(index, kind, product, withBranches);
  if (!picked) return undefined;
  return { xapi, picked, variant: picked.node ? index.variantFor(picked.node, product) : undefined };
}

async function runCommand(ctx: Ctx): Promise<void> {
  const b = await begin(ctx, 'Command', false);
  if (!b?.picked.node) return;
  const { xapi, picked, variant } = b;
  const params: Record<string, unknown> = {};
  const shown: string[] = [];
  const specs = [...(variant?.params ?? [])].sort((a, b) => Number(b.required) - Number(a.required));
  for (const p of specs) {
    const v = await askValue({
      title: `${picked.names.join(' ')}: ${p.name}${p.required ? '' : ' (optional)'}`, valueSpace: p.valueSpace,
      optional: !p.required, defaultValue: p.default, description: p.description,
    });
    if (v === undefined) return;
    if (v === SKIP) continue;
    params[p.name] = v;
    shown.push(`${p.name}: ${xcliValue(v)}`);
  }
  const line = [xcliPath('Command', picked.names), ...shown].join(' ');
  if (variant?.multiline) {
    // The body is edited as text: open the statement in a .xapi document, where its Run lens sends it.
    const doc = await vscode.workspace.openTextDocument({ language: 'xapi', content: `${line}\n<body>\n.\n` });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, 1, 6);
    void prompts.showInformationMessage('xAPI: write the body between the command and the lone ".", then press Run above the command.');
    return;
  }
  await ctx.runs.runRequest(xapi, { kind: 'command', names: picked.names, params }, line);
}

async function read(ctx: Ctx, kind: 'Status' | 'Configuration'): Promise<void> {
  const b = await begin(ctx, kind, true);
  if (!b) return;
  const path = await withIndexes(b.picked, b.variant, 'bounded');
  if (!path) return;
  const req: XcliRequest = { kind: 'get', path: [kind, ...path] };
  await ctx.runs.runRequest(b.xapi, req, xcliPath(kind, path));
}

async function setConfiguration(ctx: Ctx): Promise<void> {
  const b = await begin(ctx, 'Configuration', false);
  const variant = b?.variant;
  if (!b?.picked.node || !variant?.valueSpace) return;
  const { xapi, picked } = b;
  const path = await withIndexes(picked, variant, 'all');
  if (!path) return;
  const rooted: XcliRequestPath = ['Configuration', ...path];
  const current = await xapi.config.get(rooted).then(v => (typeof v === 'string' || typeof v === 'number' ? v : undefined), () => undefined);
  const value = await askValue({ title: `Set ${path.join(' ')}`, valueSpace: variant.valueSpace, current, defaultValue: variant.default, description: variant.description });
  if (value === undefined || value === SKIP) return;
  const shown = `${xcliPath('Configuration', path)}: ${xcliValue(value)}`;
  await ctx.runs.runRequest(xapi, { kind: 'set', path: rooted, value }, shown);
}

export const wizardCommands: CommandTable = {
  [Commands.runCommand]: ctx => runCommand(ctx),
  [Commands.getStatus]: ctx => read(ctx, 'Status'),
  [Commands.getConfiguration]: ctx => read(ctx, 'Configuration'),
  [Commands.setConfiguration]: ctx => setConfiguration(ctx),
};
