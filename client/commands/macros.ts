/** The Macros view's commands: open, new, rename, delete, activate, deactivate, restart the runtime, deploy, log. */
import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import type { Ctx } from '../ctx';
import { macroUri } from '../macros/macroFs';
import { checkMacroName, type MacroStore } from '../../xapi/macroStore';
import type { MacroNode } from '../macros/macrosView';
import { prompts } from '../prompts';
import type { CommandTable } from './table';

const TEMPLATE = `import xapi from 'xapi';

// Runs on the device when the macro is active. Example: a panel button that sets the volume.
xapi.Event.UserInterface.Extensions.Widget.Action.on((event) => {
  if (event.WidgetId === 'volume-up' && event.Type === 'clicked') {
    xapi.Command.Audio.Volume.Increase();
  }
});

console.log('macro loaded');
`;

function connected(ctx: Ctx): { store: MacroStore; device: string } | undefined {
  if (!ctx.requireTrust()) return undefined;
  const c = ctx.macros.current();
  if (!c) ctx.requireXapi();
  return c;
}

/** The macro a menu passed, or the view's selection. */
function macroOf(arg: unknown): string | undefined {
  const n = arg as MacroNode | undefined;
  return n?.kind === 'macro' ? n.macro.name : undefined;
}

async function run(ctx: Ctx, what: string, fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await fn();
    ctx.macros.view.refresh();
    return true;
  } catch (e) {
    void prompts.showErrorMessage(`xAPI: ${what}: ${(e as Error).message}`);
    return false;
  }
}

async function askName(title: string, value = ''): Promise<string | undefined> {
  return prompts.showInputBox({ title, value, prompt: 'The name the device keeps the macro under', validateInput: checkMacroName });
}

export const macroCommands: CommandTable = {
  [Commands.macroOpen]: async (ctx, arg?: unknown) => {
    const c = connected(ctx);
    const name = macroOf(arg);
    if (!c || !name) return undefined;
    const doc = await vscode.workspace.openTextDocument(macroUri(c.device, name));
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc.uri;
  },
  [Commands.macroNew]: async ctx => {
    const c = connected(ctx);
    if (!c) return undefined;
    const name = await askName('New macro on the device');
    if (!name) return undefined;
    if ((await c.store.list()).some(m => m.name === name)) { void prompts.showErrorMessage(`xAPI: ${c.device} already has a macro "${name}".`); return undefined; }
    if (!(await run(ctx, `create ${name}`, () => c.store.save(name, TEMPLATE)))) return undefined;
    return vscode.commands.executeCommand(Commands.macroOpen, { kind: 'macro', macro: { name, active: false }, device: c.device });
  },
  [Commands.macroRename]: async (ctx, arg?: unknown) => {
    const c = connected(ctx);
    const name = macroOf(arg);
    if (!c || !name) return;
    const to = await askName(`Rename ${name}`, name);
    if (to && to !== name) await run(ctx, `rename ${name}`, () => c.store.rename(name, to));
  },
  [Commands.macroDelete]: async (ctx, arg?: unknown) => {
    const c = connected(ctx);
    const name = macroOf(arg);
    if (!c || !name) return;
    const ok = await prompts.confirm(`Delete the macro "${name}" from ${c.device}?`, 'The device keeps no copy: this cannot be undone.', 'Delete');
    if (ok === 'Delete') await run(ctx, `delete ${name}`, () => c.store.remove(name));
  },
  [Commands.macroActivate]: async (ctx, arg?: unknown) => {
    const c = connected(ctx);
    const name = macroOf(arg);
    if (c && name) await run(ctx, `activate ${name}`, () => c.store.setActive(name, true));
  },
  [Commands.macroDeactivate]: async (ctx, arg?: unknown) => {
    const c = connected(ctx);
    const name = macroOf(arg);
    if (c && name) await run(ctx, `deactivate ${name}`, () => c.store.setActive(name, false));
  },
  [Commands.macroRestartRuntime]: async ctx => {
    const c = connected(ctx);
    if (c) await run(ctx, 'restart the macro runtime', () => c.store.restartRuntime());
  },
  [Commands.macroDeploy]: async (ctx, uri?: unknown) => {
    const c = connected(ctx);
    const doc = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!c || !doc) return undefined;
    try {
      const outcome = await ctx.macros.sync.deploy(c.store, c.device, doc);
      if (outcome === 'deployed' || outcome === 'unchanged') vscode.window.setStatusBarMessage(`xAPI: deployed to ${c.device}`, 4000);
      ctx.macros.view.refresh();
      return outcome;
    } catch (e) {
      void prompts.showErrorMessage(`xAPI: deploy: ${(e as Error).message}`);
      return undefined;
    }
  },
  [Commands.macroRefresh]: ctx => ctx.macros.view.refresh(),
  [Commands.macroShowLog]: ctx => {
    const label = ctx.session.target?.label;
    if (label) ctx.macros.logs.channel(label).show(true);
  },
};
