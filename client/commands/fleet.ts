/** The Fleet view's commands: a clicked node comes with the whole selection (the view allows several). */
import { Commands } from '../commandIds';
import type { FleetNode } from '../fleet/fleetTree';
import type { CommandTable } from './table';

export const fleetCommands: CommandTable = {
  [Commands.fleetRefresh]: ctx => ctx.fleet.tree.reload(),
  [Commands.fleetCheck]: (ctx, node?: FleetNode, selected?: FleetNode[]) => ctx.fleet.check(node, selected),
  [Commands.fleetRunScript]: (ctx, node?: FleetNode, selected?: FleetNode[]) => ctx.fleet.runScript(node, selected),
  [Commands.fleetDeployMacro]: (ctx, node?: FleetNode, selected?: FleetNode[]) => ctx.fleet.deployMacro(node, selected),
  [Commands.fleetRerunFailed]: ctx => ctx.fleet.rerunFailed(),
};
