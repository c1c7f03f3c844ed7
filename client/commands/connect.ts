/** Connect, Add Device, Start Simulated Device, Disconnect, the status bar's actions, and the error-notification fixes. */
import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import type { Ctx } from '../ctx';
import { promptNewProfile } from '../profiles';
import type { CommandTable } from './table';
import { prompts } from '../prompts';

const ADD = 'Add Device…';
const SIMULATED = 'Simulated Device';

async function connect(ctx: Ctx): Promise<void> {
  if (!ctx.requireTrust()) return;
  const profiles = ctx.profiles.list();
  type Item = vscode.QuickPickItem & { run: () => Promise<unknown> };
  const items: Item[] = [
    ...profiles.map(p => ({ label: `$(device-desktop) ${p.name}`, description: p.host, detail: p.username ? `as ${p.username}` : undefined, run: () => ctx.connectProfile(p) })),
    { label: '', kind: vscode.QuickPickItemKind.Separator, run: async () => undefined },
    { label: `$(add) ${ADD}`, run: () => addDevice(ctx) },
    { label: `$(vm) ${SIMULATED}`, description: 'no hardware needed', run: () => ctx.startSimulatedDevice() },
  ];
  const pick = await prompts.showQuickPick(items, { title: 'xAPI: Connect', placeHolder: 'Choose a device' });
  await pick?.run();
}

async function addDevice(ctx: Ctx): Promise<void> {
  if (!ctx.requireTrust()) return;
  const profile = await promptNewProfile(ctx.profiles.list());
  if (!profile) return;
  await ctx.profiles.save(profile);
  await ctx.connectProfile(profile);
}

async function connectionActions(ctx: Ctx): Promise<void> {
  const connected = ctx.session.state.kind !== 'disconnected';
  type Item = vscode.QuickPickItem & { command: string };
  const items: Item[] = [
    ...(connected ? [{ label: '$(debug-disconnect) Disconnect', command: Commands.disconnect }] : []),
    { label: connected ? '$(arrow-swap) Switch Device…' : '$(plug) Connect…', command: Commands.connect },
    { label: '$(vm) Start Simulated Device', command: Commands.startSimulatedDevice },
    { label: '$(output) Open Log', command: Commands.openLog },
  ];
  const pick = await prompts.showQuickPick(items, { title: `xAPI: ${ctx.statusBar.text.replace(/\$\([^)]*\)\s*/g, '')}` });
  if (pick) await vscode.commands.executeCommand(pick.command);
}

export const connectCommands: CommandTable = {
  [Commands.connect]: ctx => connect(ctx),
  [Commands.addDevice]: ctx => addDevice(ctx),
  [Commands.startSimulatedDevice]: ctx => (ctx.requireTrust() ? ctx.startSimulatedDevice() : undefined),
  [Commands.disconnect]: ctx => ctx.disconnect(),
  [Commands.connectionActions]: ctx => connectionActions(ctx),
  [Commands.openLog]: ctx => ctx.log.show(),
  [Commands.trustCertificate]: (ctx, name: unknown) => (typeof name === 'string' ? ctx.trustCertificate(name) : undefined),
  [Commands.reenterPassword]: (ctx, name: unknown) => (typeof name === 'string' ? ctx.reenterPassword(name) : undefined),
};
