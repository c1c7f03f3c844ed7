/** The shape every command group exports: command id → handler taking the extension's context. */
import type { Ctx } from '../ctx';

export type CommandHandler = (ctx: Ctx, ...args: any[]) => unknown;
export type CommandTable = Readonly<Record<string, CommandHandler>>;
