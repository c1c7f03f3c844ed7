/** The command table: every group's handlers, run against the one context (the shell registers the ids). */
import type { Ctx } from '../ctx';
import { connectCommands } from './connect';
import { eventsCommands } from './events';
import { fleetCommands } from './fleet';
import { panelCommands } from './panels';
import { macroRunCommands } from './localMacroRun';
import { macroCommands } from './macros';
import { runCommands } from './scriptRun';
import type { CommandHandler, CommandTable } from './table';
import { treeCommands } from './tree';
import { wizardCommands } from './wizards';
import { prompts } from '../prompts';

export const COMMAND_TABLES: readonly CommandTable[] = [connectCommands, runCommands, wizardCommands, treeCommands, eventsCommands, macroCommands, macroRunCommands, fleetCommands, panelCommands];

const HANDLERS: ReadonlyMap<string, CommandHandler> = new Map(COMMAND_TABLES.flatMap(table => Object.entries(table)));

/** Runs the command `id`; a failure is said to the user, with the detail in the log, never thrown at VS Code. */
export async function runCommand(ctx: Ctx, id: string, args: readonly unknown[]): Promise<unknown> {
  const handler = HANDLERS.get(id);
  try {
    if (!handler) throw new Error(`no handler for the command ${id}`);
    return await handler(ctx, ...args);
  } catch (e) {
    // A command must never fail silently or with a bare stack: say what failed, keep the detail in the log.
    const message = e instanceof Error ? e.message : String(e);
    ctx.log.error(`${id}: ${e instanceof Error ? e.stack ?? message : message}`);
    void prompts.showErrorMessage(`xAPI: ${message}`, 'Open Log').then(c => { if (c) ctx.log.show(); });
    return undefined;
  }
}
