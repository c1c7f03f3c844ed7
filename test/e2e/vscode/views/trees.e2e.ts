/**
 * The Status and Configuration trees in real VS Code against the simulated device: values follow changes another
 * client makes, list entries come and go, edits reach the device (and its refusals are shown), watched leaves,
 * the filter, a storm of changes coalesced into a few refreshes; a device with a small subscription limit (the refused
 * node is marked and read on Refresh); and a user whose role cannot write a configuration (marked read-only).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../../../emulator';
import type { Xapi } from '../../../../xapi';
import { connectToSimulatedDevice } from '../support/extension';
import { scriptedUser, type ExtensionApi, type ScriptedUser } from '../support/scriptedUser';
import { waitFor } from '../../../support/waitFor';
import { child, type TreeNode as Node } from '../support/trees';

const expand = async (tree: any, node: Node) => {
  await tree.view.reveal(node, { expand: true, focus: false, select: false });
  await waitFor(`${node.label} to be subscribed or covered`, () => tree.subscriptions.keys().length > 0);
};
/** Expands a node and waits for the device's answer to its subscription: accepted, or refused at the limit. */
const expandSettled = async (tree: any, node: Node): Promise<string> => {
  await tree.view.reveal(node, { expand: true, focus: false, select: false });
  return waitFor(`the device to answer ${node.label}'s subscription`, () => {
    const state: string = tree.subscriptionState(node);
    return state === 'live' || state === 'limited' ? state : undefined;
  });
};
/** Collapses one node as the user does: focus it, then the list's Collapse. */
const collapse = async (tree: any, node: Node) => {
  await tree.view.reveal(node, { expand: false, focus: true, select: true });
  await vscode.commands.executeCommand('list.collapse');
};
const description = (tree: any, node: Node) => tree.getTreeItem(node).description as string;

/** Counts the extension's schema changes, so a test starts once the device's own schema is in force. */
const schemaChanges = (api: ExtensionApi) => {
  let n = 0;
  const sub = api.ctx.onDidChangeSchema(() => { n++; });
  return { get count() { return n; }, dispose: () => sub.dispose() };
};

describe('live Status and Configuration trees', function () {
  this.timeout(90_000);
  let api: ExtensionApi;
  let user: ScriptedUser;
  let restore: () => void;
  let other: Xapi;
  let status: any;
  let config: any;

  before(async () => {
    ({ api, user, restore } = await scriptedUser());
    await vscode.commands.executeCommand('xapi.startSimulatedDevice');
    await waitFor('the device schema', () => api.ctx.languageStatus.schema?.source === 'device', { timeoutMs: 30_000 });
    await vscode.commands.executeCommand('workbench.view.extension.xapi');
    status = api.ctx.trees.status;
    config = api.ctx.trees.config;
    await waitFor('the Status view to be visible', () => status.view.visible);
    other = await connectToSimulatedDevice(api);
  });
  after(async () => {
    await other?.close();
    await vscode.commands.executeCommand('xapi.disconnect');
    restore();
  });

  it('the roots are the status domains of the device schema', async () => {
    const roots: Node[] = await status.getChildren(undefined);
    const labels = roots.map(r => r.label);
    for (const l of ['Audio', 'Call', 'SystemUnit']) assert.ok(labels.includes(l), labels.join(', '));
    assert.deepEqual(status.subscriptions.keys(), [], 'nothing is subscribed before a node is expanded');
  });

  it('Audio Volume follows another client\'s change; collapsing unsubscribes', async () => {
    const audio = await child(status, undefined, 'Audio');
    await expand(status, audio);
    assert.deepEqual(status.subscriptions.keys(), ['audio'], 'one subscription for the expanded node');
    const volume = await child(status, audio, 'Volume');
    await other.command('Audio Volume Set', { Level: 23 });
    await waitFor('the tree to show 23', () => description(status, volume) === '23');
    const before = status.stats.refreshedNodes;
    await other.command('Audio Volume Set', { Level: 61 });
    await waitFor('the tree to show 61', () => description(status, volume) === '61');
    // The mirror has it at once; the view is told within the coalescing interval, naming only the changed node.
    await waitFor('a refresh naming the changed leaf', () => status.stats.refreshedNodes > before);
    assert.equal(status.stats.refreshedNodes - before, 1);
    await vscode.commands.executeCommand('list.collapseAll');
    await waitFor('the subscription to end', () => status.subscriptions.keys().length === 0);
  });

  it('a hidden view holds no subscriptions; shown again, it subscribes and reads what changed meanwhile', async () => {
    const audio = await child(status, undefined, 'Audio');
    await expand(status, audio);
    const volume = await child(status, audio, 'Volume');
    await other.command('Audio Volume Set', { Level: 31 });
    await waitFor('the tree to show 31', () => description(status, volume) === '31');
    await vscode.commands.executeCommand('workbench.view.explorer');
    await waitFor('the view hidden and its subscription ended', () => !status.view.visible && status.subscriptions.keys().length === 0);
    await other.command('Audio Volume Set', { Level: 47 });
    await vscode.commands.executeCommand('workbench.view.extension.xapi');
    await waitFor('the subscription back', () => status.view.visible && status.subscriptions.keys().join() === 'audio');
    await waitFor('the value set while hidden', async () => description(status, await child(status, audio, 'Volume')) === '47');
    await vscode.commands.executeCommand('list.collapseAll');
    await waitFor('the subscription to end', () => status.subscriptions.keys().length === 0);
  });

  it('a new call appears as Call[n] and disappears when it ends', async () => {
    const call = await child(status, undefined, 'Call');
    await expand(status, call);
    assert.deepEqual(await status.getChildren(call), []);
    await other.command('Dial', { Number: 'tree@example.com' });
    const items = await waitFor('Call[n]', async () => { const k: Node[] = await status.getChildren(call); return k.length ? k : undefined; });
    assert.match(items[0].label, /^Call\[\d+\]$/);
    const callStatus = await child(status, items[0], 'Status');
    await waitFor('the call to connect', () => description(status, callStatus) === 'Connected', { timeoutMs: 30_000 });
    await other.command('Call Disconnect', {});
    await waitFor('Call[n] to go (ghost)', async () => (await status.getChildren(call)).length === 0, { timeoutMs: 30_000 });
    await vscode.commands.executeCommand('list.collapseAll');
  });

  it('Watch pins a leaf to the Watched section, live; Stop Watching removes it', async () => {
    const audio = await child(status, undefined, 'Audio');
    await expand(status, audio);
    const volume = await child(status, audio, 'Volume');
    await vscode.commands.executeCommand('xapi.tree.watch', volume);
    const watched = await child(status, undefined, 'Watched');
    const pinned: Node[] = await status.getChildren(watched);
    assert.deepEqual(pinned.map(p => p.path), [['Audio', 'Volume']]);
    await vscode.commands.executeCommand('list.collapseAll');
    await other.command('Audio Volume Set', { Level: 44 });
    await waitFor('the watched leaf to show 44', () => description(status, pinned[0]) === '44');
    await vscode.commands.executeCommand('xapi.tree.unwatch', pinned[0]);
    const roots: Node[] = await status.getChildren(undefined);
    assert.ok(!roots.some(r => r.label === 'Watched'));
  });

  it('copy path and copy as macro code give the xCLI and the macro forms', async () => {
    assert.equal(status.xcliPath(['Call', 2, 'Status']), 'xStatus Call[2] Status');
    assert.equal(status.macroCode(['Call', 2, 'Status']), 'xapi.Status.Call[2].Status.get()');
    assert.equal(config.macroCode(['Audio', 'DefaultVolume']), 'xapi.Config.Audio.DefaultVolume.get()');
  });

  it('the filter keeps the matching paths and what leads to them', async () => {
    status.setFilter('Volume');
    const labels = (await status.getChildren(undefined)).map((n: Node) => n.label);
    assert.ok(labels.includes('Audio'), labels.join(', '));
    assert.ok(!labels.includes('SystemUnit'), labels.join(', '));
    assert.equal(status.view.description, 'filter: Volume');
    await vscode.commands.executeCommand('xapi.tree.clearFilter');
    assert.ok((await status.getChildren(undefined)).some((n: Node) => n.label === 'SystemUnit'));
  });

  it('configuration leaves show value, default and a mark when they differ; an edit reaches the device', async () => {
    await vscode.commands.executeCommand('xapi.configuration.focus');
    const audio = await child(config, undefined, 'Audio');
    await expand(config, audio);
    const dv = await child(config, audio, 'DefaultVolume');
    const def = config.defaultOf(dv);
    assert.ok(def !== undefined, 'the schema gives a default');
    user.answer('input', '999').answer('input', String(Number(def) === 30 ? 31 : 30));
    await vscode.commands.executeCommand('xapi.configuration.edit', dv);
    const input = user.asked.filter(a => a.kind === 'input').at(-1)!;
    assert.match(input.refused?.[0] ?? '', /999: .*outside/, 'a bad value is refused while typing');
    await waitFor('the edit on the device', async () => String(await other.config.get('Audio DefaultVolume')) !== def);
    await waitFor('the differs-from-default mark', () => /● default/.test(description(config, dv)));
    assert.match(config.getTreeItem(dv).contextValue, /\.editable$/);
  });

  it('a value another client sets shows live; a value the device refuses shows the device\'s error', async () => {
    const systemUnit = await child(config, undefined, 'SystemUnit');
    await expand(config, systemUnit);
    const name = await child(config, systemUnit, 'Name');
    await other.config.set('SystemUnit Name', 'Set Elsewhere');
    await waitFor('the new name', () => description(config, name).startsWith('"Set Elsewhere"'));
    // Past the picker (which would refuse it): the device's own answer is what the user sees.
    await assert.rejects(config.set(name, 'x'.repeat(500)), (e: Error) => /SystemUnit Name|length|Invalid|illegal/i.test(e.message));
    await vscode.commands.executeCommand('list.collapseAll');
  });

  it('a storm of thousands of changes per second becomes a few partial refreshes; the host stays responsive', async () => {
    await vscode.commands.executeCommand('xapi.status.focus');
    const audio = await child(status, undefined, 'Audio');
    await expand(status, audio);
    const volume = await child(status, audio, 'Volume');
    const r0 = { ...status.stats };
    const seconds = 4;
    let ticks = 0;
    let maxLag = 0;
    let last = Date.now();
    const probe = setInterval(() => { const now = Date.now(); maxLag = Math.max(maxLag, now - last - 50); last = now; ticks++; }, 50);
    const mem0 = process.memoryUsage().heapUsed;
    const count = await api.ctx.simulatedDevice.control({ op: 'storm', target: 'status', path: 'Audio Volume', perSecond: 3000, seconds, values: [10, 20, 30, 40, 50] });
    clearInterval(probe);
    const total = Number(count);
    await waitFor('the last value', () => description(status, volume) === String([10, 20, 30, 40, 50][(total - 1) % 5]));
    const refreshes = status.stats.refreshes - r0.refreshes;
    const notifications = status.stats.notifications - r0.notifications;
    console.log(`    storm: ${total} changes in ${seconds} s → ${notifications} notifications, ${refreshes} tree refreshes (${(refreshes / seconds).toFixed(1)}/s), ` +
      `host timer max lag ${maxLag} ms over ${ticks} ticks, heap ${((process.memoryUsage().heapUsed - mem0) / 1e6).toFixed(1)} MB more`);
    assert.ok(total >= 3000 * seconds * 0.9, `${total} changes`);
    assert.ok(notifications > 0);
    // Bounded by the coalescing interval (250 ms), not by the number of changes.
    assert.ok(refreshes <= seconds * 4 + 4, `${refreshes} refreshes`);
    assert.ok(ticks > 0, 'timers ran during the storm');
    await vscode.commands.executeCommand('list.collapseAll');
  });
});

describe('live trees on a device with a small subscription limit', function () {
  this.timeout(90_000);
  /** Room for the extension's own subscriptions (macro events and the like), Standby, and a few more. */
  const LIMIT = 5;
  /** Status roots expanded to take the remaining slots. */
  const FILLERS = ['SystemUnit', 'Video', 'Cameras', 'Conference', 'Network', 'Peripherals', 'UserInterface', 'SIP', 'Time'];
  let api: ExtensionApi;
  let restore: () => void;
  let other: Xapi;
  let status: any;

  before(async () => {
    ({ api, restore } = await scriptedUser());
    const schema = schemaChanges(api);
    try {
      await api.ctx.startSimulatedDevice({ subscriptionLimit: LIMIT });
      await waitFor('the device schema', () => schema.count > 0 && api.ctx.languageStatus.schema?.source === 'device', { timeoutMs: 30_000 });
    } finally { schema.dispose(); }
    await vscode.commands.executeCommand('xapi.status.focus');
    status = api.ctx.trees.status;
    await waitFor('the Status view to be visible', () => status.view.visible);
    other = await connectToSimulatedDevice(api);
  });
  after(async () => {
    await other?.close();
    await vscode.commands.executeCommand('xapi.disconnect');
    restore();
  });

  it('the node the device refuses is marked, is not live, and Refresh reads that node alone; a freed slot makes it live', async () => {
    const standby = await child(status, undefined, 'Standby');
    assert.equal(await expandSettled(status, standby), 'live', `a limit of ${LIMIT} leaves a slot for Standby`);
    const state = await child(status, standby, 'State');
    // Take every remaining slot: expand roots until the device refuses one.
    let refusedFiller: Node | undefined;
    for (const label of FILLERS) {
      const node = await child(status, undefined, label);
      if (await expandSettled(status, node) === 'limited') { refusedFiller = node; break; }
    }
    assert.ok(refusedFiller, `the device refused none of ${FILLERS.join(', ')} with a limit of ${LIMIT}`);
    assert.match(description(status, refusedFiller), /not live: the device's subscription limit — refresh to read/);

    const audio = await child(status, undefined, 'Audio');
    assert.equal(await expandSettled(status, audio), 'limited');
    assert.match(description(status, audio), /not live: the device's subscription limit — refresh to read/);
    const volume = await child(status, audio, 'Volume');
    const shown = description(status, volume);
    const level = shown === '37' ? 38 : 37;
    await other.command('Audio Volume Set', { Level: level });
    // The device sends feedback on one socket in order: once Standby's later change shows, a live Audio would show too.
    const stateBefore = description(status, state);
    await other.command('Standby Activate', {});
    await waitFor('the Standby change to show', () => description(status, state) !== stateBefore);
    assert.equal(description(status, volume), shown, 'Audio is not live past the limit');

    const reads = status.stats.reads;
    await vscode.commands.executeCommand('xapi.tree.refresh', audio);
    assert.equal(description(status, volume), String(level), 'Refresh reads the current value');
    assert.equal(status.stats.reads - reads, 1, 'Refresh reads the refused node alone');
    assert.equal(status.subscriptionState(audio), 'limited', 'no slot is free yet');

    // A watched leaf needs a subscription of its own: refused too, it says so under Watched and reads on Refresh.
    await vscode.commands.executeCommand('xapi.tree.watch', volume);
    const [pinned]: Node[] = await status.getChildren(await child(status, undefined, 'Watched'));
    await waitFor('the watched leaf\'s subscription to be refused', () => status.subscriptionState(pinned) === 'limited');
    assert.match(description(status, pinned), /not live: the device's subscription limit — refresh to read/);
    await other.command('Audio Volume Set', { Level: level + 1 });
    await vscode.commands.executeCommand('xapi.tree.refresh', pinned);
    assert.match(description(status, pinned), new RegExp(`^${level + 1} `), 'Refresh reads the watched leaf');
    await vscode.commands.executeCommand('xapi.tree.unwatch', pinned);

    // Collapsing the live Standby frees a slot: the next Refresh of Audio takes it, and Audio is live again.
    await collapse(status, standby);
    await waitFor('Standby to unsubscribe', () => status.subscriptionState(standby) === 'none');
    await vscode.commands.executeCommand('xapi.tree.refresh', audio);
    assert.equal(status.subscriptionState(audio), 'live');
    assert.doesNotMatch(description(status, audio) ?? '', /not live/);
    await other.command('Audio Volume Set', { Level: level + 5 });
    await waitFor('Audio Volume to follow live', () => description(status, volume) === String(level + 5));
    await vscode.commands.executeCommand('list.collapseAll');
  });
});

describe('configuration nodes by the user\'s role', function () {
  this.timeout(90_000);
  const PROFILE = 'E2E User Role';
  const PASSWORD = 'user-role-e2e-pw';
  let emu: Emulator;
  let api: ExtensionApi;
  let user: ScriptedUser;
  let restore: () => void;
  let config: any;

  before(async () => {
    // A device whose user has the User role only, and a profile that says so (a device does not tell its roles).
    emu = await startEmulator({ tls: true, users: [{ username: 'operator', password: PASSWORD, roles: ['User'] }] });
    await vscode.workspace.getConfiguration('xapi').update('devices',
      [{ name: PROFILE, host: emu.url, username: 'operator', certificate: emu.certificate, roles: ['User'] }], vscode.ConfigurationTarget.Global);
    ({ api, user, restore } = await scriptedUser());
    const schema = schemaChanges(api);
    try {
      user.answer('pick', PROFILE).answer('input', PASSWORD);
      await vscode.commands.executeCommand('xapi.connect');
      assert.equal(api.ctx.session.state.kind, 'connected', JSON.stringify(api.ctx.session.state));
      await waitFor('the device schema', () => schema.count > 0, { timeoutMs: 30_000 });
    } finally { schema.dispose(); }
    await vscode.commands.executeCommand('xapi.configuration.focus');
    config = api.ctx.trees.config;
    await waitFor('the Configuration view to be visible', () => config.view.visible);
  });
  after(async () => {
    await vscode.commands.executeCommand('xapi.disconnect');
    await api?.ctx.profiles.remove(PROFILE);
    restore?.();
    await emu?.stop();
  });

  it('a leaf the user\'s role cannot write is read-only (and the device agrees); one it can write is editable', async () => {
    const audio = await child(config, undefined, 'Audio');
    await expand(config, audio);
    // The core schema: Audio DefaultVolume is written by Admin, Integrator and User; Audio Ultrasound MaxVolume by Admin and Integrator.
    const defaultVolume = await child(config, audio, 'DefaultVolume');
    const maxVolume = await child(config, await child(config, audio, 'Ultrasound'), 'MaxVolume');
    assert.match(config.getTreeItem(defaultVolume).contextValue, /\.editable$/);
    assert.doesNotMatch(description(config, defaultVolume), /read-only/);
    assert.match(config.getTreeItem(maxVolume).contextValue, /\.readonly$/);
    assert.match(description(config, maxVolume), /\(read-only\)/);

    // Edit says so instead of asking for a value; the device itself refuses this user the write.
    await vscode.commands.executeCommand('xapi.configuration.edit', maxVolume);
    assert.match(user.messages('warning').at(-1) ?? '', /Audio Ultrasound MaxVolume is read-only for this user/);
    await assert.rejects(api.ctx.session.xapi.config.set('Audio Ultrasound MaxVolume', 60), (e: Error) => e.name === 'PermissionDeniedError');
    await vscode.commands.executeCommand('list.collapseAll');
  });
});
