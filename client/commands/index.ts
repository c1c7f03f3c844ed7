/** The command table: every group's handlers registered against the one context. */
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { connectCommands } from './connect';
import { eventsCommands } from './events';
import { macroRunCommands } from './localMacroRun';
import { macroCommands } from './macros';
import { runCommands } from './scriptRun';
import type { CommandTable } from './table';
import { treeCommands } from './tree';
import { wizardCommands } from './wizards';
import { prompts } from '../prompts';

export const COMMAND_TABLES: readonly CommandTable[] = [connectCommands, runCommands, wizardCommands, treeCommands, eventsCommands, macroCommands, macroRunCommands];

export function registerCommands(ctx: Ctx): vscode.Disposable[] {
  const out: vscode.Disposable[] = [];
  for (const table of COMMAND_TABLES) {
    for (const [id, handler] of Object.entries(table)) {
      out.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await handler(ctx, ...args);
        } catch (e) {
          // A command must never fail silently or with a bare stack: say what failed, keep the detail in the log.
          const message = e instanceof Error ? e.message : String(e);
          ctx.log.error(`${id}: ${e instanceof Error ? e.stack ?? message : message}`);
          void prompts.showErrorMessage(`xAPI: ${message}`, 'Open Log').then(c => { if (c) ctx.log.show(); });
          return undefined;
        }
      }));
    }
  }
  return out;
}
