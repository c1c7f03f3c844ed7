/**
 * The extension's core (dist/extension-core.js): loaded by the activation shell (client/activation/) on first use.
 * It makes the one context object, the Run lenses, and hands the shell the providers behind what it registered.
 */
import * as vscode from 'vscode';
import type { Core, CoreModule } from './activation/coreApi';
import { runCommand } from './commands';
import { Ctx } from './ctx';
import { setPrompts, type Prompts } from './prompts';
import { RunCodeLensProvider } from './scriptRun/runLenses';

export const startCore: CoreModule['startCore'] = (context, shell): Core => {
  const ctx = new Ctx(context);
  const lenses = new RunCodeLensProvider(() => ctx.schemaIndex());
  const disposables: vscode.Disposable[] = [
    ctx,
    vscode.languages.registerCodeLensProvider({ language: 'xapi' }, lenses),
    lenses,
    ctx.onDidChangeSchema(() => lenses.refresh()),
    ...ctx.attachViews(shell),
  ];
  return {
    trees: { status: ctx.trees.status, configuration: ctx.trees.config, macros: ctx.macros.view, fleet: ctx.fleet.tree, panels: ctx.panels.view } as Core['trees'],
    events: ctx.events,
    macroFiles: ctx.macros.fs,
    panelFiles: ctx.panels.fs,
    macroDebug: ctx.localRuns,
    runCommand: (id, args) => runCommand(ctx, id, args),
    xapiDocumentOpened: () => ctx.languageClient.startLogged(),
    autoConnect: () => ctx.autoConnect(),
    api: { ctx, events: ctx.events, setPrompts: p => setPrompts(p as Prompts | undefined) },
    deactivate: async () => {
      await ctx.disconnect();
      await ctx.languageClient.stop();
    },
    dispose: () => { for (const d of disposables) d.dispose(); },
  };
};
