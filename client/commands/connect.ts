/**
 * Connect, Add Device, Add Cloud Device, Start Simulated Device, Disconnect, the status bar's actions, and the
 * error-notification fixes.
 */
import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import { isCloudHost } from '../cloud';
import type { DeviceProfile } from '../config';
import type { Ctx } from '../ctx';
import { promptNewProfile } from '../profiles';
import type { CommandTable } from './table';
import { prompts } from '../prompts';
import type { CloudDevice } from '../../xapi';
import { cloudUrl } from '../../xapi/cloud/cloudClient';

const ADD = 'Add Device…';
const ADD_CLOUD = 'Add Cloud Device…';
const SIMULATED = 'Simulated Device';

type Item = vscode.QuickPickItem & { run: () => Promise<unknown> };
const separator = (label = ''): Item => ({ label, kind: vscode.QuickPickItemKind.Separator, run: async () => undefined });

/** A cloud device as a pick: its name, product, status and software. */
function cloudItem(d: CloudDevice, run: () => Promise<unknown>): Item {
  return { label: `$(cloud) ${d.displayName}`, description: d.product, detail: `${d.connectionStatus}${d.software ? ` · ${d.software}` : ''}`, run };
}

async function connect(ctx: Ctx): Promise<void> {
  if (!ctx.requireTrust()) return;
  const profiles = ctx.profiles.list();
  const items: Item[] = profiles.map(p => isCloudHost(p.host)
    ? { label: `$(cloud) ${p.name}`, description: 'Webex cloud', run: () => ctx.connectProfile(p) }
    : { label: `$(device-desktop) ${p.name}`, description: p.host, detail: p.username ? `as ${p.username}` : undefined, run: () => ctx.connectProfile(p) });
  // With a Webex token stored, the cloud's devices not saved yet are offered too.
  if (await ctx.cloud.hasToken()) {
    const saved = new Set(profiles.filter(p => isCloudHost(p.host)).map(p => p.host));
    const listed = await listCloud(ctx);
    const fresh = (listed ?? []).filter(d => !saved.has(cloudUrl(d.id)));
    if (fresh.length) items.push(separator('Webex cloud'), ...fresh.map(d => cloudItem(d, () => saveAndConnect(ctx, d))));
  }
  items.push(
    separator(),
    { label: `$(add) ${ADD}`, run: () => addDevice(ctx) },
    { label: `$(cloud) ${ADD_CLOUD}`, description: 'a device registered to Webex', run: () => addCloudDevice(ctx) },
    { label: `$(vm) ${SIMULATED}`, description: 'no hardware needed', run: () => ctx.startSimulatedDevice() },
  );
  const pick = await prompts.showQuickPick(items, { title: 'xAPI: Connect', placeHolder: 'Choose a device' });
  await pick?.run();
}

/** The devices the Webex token sees (asked for when none is stored); undefined, said to the user, when Webex refuses. */
async function listCloud(ctx: Ctx): Promise<CloudDevice[] | undefined> {
  const token = await ctx.cloud.token();
  if (!token) return undefined;
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'xAPI: listing Webex devices' }, () => ctx.cloud.listDevices(token));
  } catch (e) {
    ctx.log.warn(`Webex devices could not be listed: ${(e as Error).message}`);
    void prompts.showErrorMessage(`xAPI: Webex devices could not be listed: ${(e as Error).message}`, 'Open Log').then(c => { if (c) ctx.log.show(); });
    return undefined;
  }
}

/** Saves a cloud device as a profile (its display name, made unique) and connects to it. */
async function saveAndConnect(ctx: Ctx, d: CloudDevice): Promise<unknown> {
  const taken = new Set(ctx.profiles.list().map(p => p.name));
  let name = d.displayName;
  for (let n = 2; taken.has(name); n++) name = `${d.displayName} (${n})`;
  const profile: DeviceProfile = { name, host: cloudUrl(d.id) };
  await ctx.profiles.save(profile);
  return ctx.connectProfile(profile);
}

async function addCloudDevice(ctx: Ctx): Promise<void> {
  if (!ctx.requireTrust()) return;
  const devices = await listCloud(ctx);
  if (!devices) return;
  if (!devices.length) {
    void prompts.showInformationMessage('xAPI: this Webex token sees no devices.');
    return;
  }
  const pick = await prompts.showQuickPick(devices.map(d => cloudItem(d, () => saveAndConnect(ctx, d))), { title: 'xAPI: Add Cloud Device', placeHolder: 'Choose a device on the Webex cloud' });
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
  [Commands.addCloudDevice]: ctx => addCloudDevice(ctx),
  [Commands.forgetWebexToken]: async ctx => {
    await ctx.cloud.forgetToken();
    void prompts.showInformationMessage('xAPI: the Webex token is forgotten.');
  },
  [Commands.startSimulatedDevice]: ctx => (ctx.requireTrust() ? ctx.startSimulatedDevice() : undefined),
  [Commands.disconnect]: ctx => ctx.disconnect(),
  [Commands.connectionActions]: ctx => connectionActions(ctx),
  [Commands.openLog]: ctx => ctx.log.show(),
  [Commands.trustCertificate]: (ctx, name: unknown) => (typeof name === 'string' ? ctx.trustCertificate(name) : undefined),
  [Commands.reenterPassword]: (ctx, name: unknown) => (typeof name === 'string' ? ctx.reenterPassword(name) : undefined),
};
