/**
 * The Fleet view's commands: a clicked node comes with the whole selection (the view allows several). Nothing is
 * sent to a device from an untrusted workspace: its inventory could name any host, and a stored password with it.
 */
import { Commands } from '../commandIds';
import type { FleetNode } from '../views/fleet/fleetTree';
import type { CommandTable } from './table';

export const fleetCommands: CommandTable = {
  [Commands.fleetRefresh]: ctx => ctx.fleet.tree.reload(),
  [Commands.fleetCheck]: (ctx, node?: FleetNode, selected?: FleetNode[]) => (ctx.requireTrust() ? ctx.fleet.check(node, selected) : undefined),
  [Commands.fleetRunScript]: (ctx, node?: FleetNode, selected?: FleetNode[]) => (ctx.requireTrust() ? ctx.fleet.runScript(node, selected) : undefined),
  [Commands.fleetDeployMacro]: (ctx, node?: FleetNode, selected?: FleetNode[]) => (ctx.requireTrust() ? ctx.fleet.deployMacro(node, selected) : undefined),
  [Commands.fleetRerunFailed]: ctx => (ctx.requireTrust() ? ctx.fleet.rerunFailed() : undefined),
  [Commands.fleetShowResults]: ctx => ctx.fleet.showResults(),
  [Commands.fleetForgetPassword]: ctx => ctx.fleet.forgetPassword(),
};
