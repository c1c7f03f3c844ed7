/**
 * A device on the Webex cloud in real VS Code, against the simulated Webex cloud (started here, on loopback):
 * *Add Cloud Device…* takes the token (kept in SecretStorage) and lists the cloud's devices; the session connects
 * through the cloud and the device's schema comes through it; the Status tree reads on expand and says it is not
 * live; a configuration edit goes through the configurations API; a rule-enforced one is read-only with its
 * reason; the Events panel says a cloud device has no event feed.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSimulatedCloud, type SimulatedCloud } from '../../../../emulator/cloud/server';
import { scriptedUser, type ExtensionApi, type ScriptedUser } from '../support/scriptedUser';
import { waitFor } from '../../../support/waitFor';
import { child, type TreeNode as Node } from '../support/trees';


/**
 * Expands a node. A whole-tree refresh (the view just shown, the schema just in force) can be under way, and VS Code
 * refuses a reveal of a node it is re-fetching: ask again until it takes.
 */
const expand = (tree: any, node: Node) => waitFor(`${node.label} expanded`, async () => {
  try {
    await tree.view.reveal(node, { expand: true, focus: false, select: false });
    return true;
  } catch { return false; }
});

describe('a device on the Webex cloud', function () {
  this.timeout(120_000);
  let cloud: SimulatedCloud;
  let api: ExtensionApi;
  let user: ScriptedUser;
  let restore: () => void;
  const settings = () => vscode.workspace.getConfiguration('xapi');

  before(async () => {
    cloud = await startSimulatedCloud({ fleet: 3 });
    ({ api, user, restore } = await scriptedUser());
    await settings().update('webex.baseUrl', cloud.baseUrl, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.commands.executeCommand('xapi.disconnect');
    await vscode.commands.executeCommand('xapi.forgetWebexToken');
    await settings().update('webex.baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('devices', undefined, vscode.ConfigurationTarget.Global);
    restore();
    await cloud.stop();
  });

  it('Add Cloud Device asks for the token once, lists the cloud\'s devices and connects through the cloud', async () => {
    const device = cloud.devices[0];
    await device.xapi.command('Audio Volume Set', { Level: 23 });
    user.answer('input', cloud.tokens[0].token).answer('pick', device.displayName);
    await vscode.commands.executeCommand('xapi.addCloudDevice');
    const pick = user.asked.find(a => a.kind === 'pick')!;
    assert.deepEqual(pick.options, cloud.devices.map(d => d.displayName), 'every device the token sees');
    await waitFor('connected through the cloud', () => api.ctx.session.state.kind === 'connected' && api.ctx.session.xapi?.via === 'webex', { timeoutMs: 30_000 });
    assert.equal(api.ctx.session.xapi.url, `webex://${device.id}`);
    const saved = settings().get<Array<{ name: string; host: string }>>('devices') ?? [];
    assert.deepEqual(saved.map(p => [p.name, p.host]), [[device.displayName, `webex://${device.id}`]], 'saved as a profile: no token in settings');
    assert.ok(!JSON.stringify(saved).includes(cloud.tokens[0].token));
    assert.ok(!user.transcript.includes(cloud.tokens[0].token), 'the token never shows');
    await waitFor('the device schema through the cloud', () => api.ctx.languageStatus.schema?.source === 'device', { timeoutMs: 30_000 });
    assert.ok(api.ctx.schemaIndex().lookup('Configuration', ['Standby', 'Delay']), 'configurations from the cloud');
  });

  it('connecting again reads the schema from the cache (per product and software), not through the cloud', async () => {
    const device = cloud.devices[0];
    const schemaReads = () => cloud.requests.filter(r => r.path.endsWith('/xapi/schema')).length;
    const before = schemaReads();
    await vscode.commands.executeCommand('xapi.disconnect');
    user.answer('pick', device.displayName);
    await vscode.commands.executeCommand('xapi.connect');
    await waitFor('connected again', () => api.ctx.session.state.kind === 'connected' && api.ctx.lastSchemaLoad?.fromCache === true || undefined, { timeoutMs: 30_000 });
    assert.equal(schemaReads(), before, 'no /xapi/schema read');
    assert.match(api.ctx.lastSchemaLoad.file, /cloud-.*\.json$/);
    assert.ok(api.ctx.schemaIndex().lookup('Configuration', ['Standby', 'Delay']));
  });

  it('the Status tree reads a status on expand and says the device is not live', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.xapi');
    const status = api.ctx.trees.status;
    await waitFor('the Status view', () => status.view.visible);
    await waitFor('the cloud mark', () => /cloud: no live updates/.test(status.view.description ?? ''));
    const audio = await child(status, undefined, 'Audio');
    await expand(status, audio);
    const volume = await child(status, audio, 'Volume');
    assert.match(String(status.getTreeItem(volume).description), /^23\b/);
    assert.deepEqual(status.subscriptions.keys(), [], 'no feedback subscription on a cloud device');
    assert.match(status.getTreeItem(audio).tooltip.value, /Read again every 10 s while expanded and shown/);
    // A change on the device shows at the next read (every 10 s while expanded and shown): polled, not pushed.
    const reads = cloud.requests.filter(r => r.path.endsWith('/xapi/status')).length;
    await cloud.devices[0].xapi.command('Audio Volume Set', { Level: 64 });
    await waitFor('the next read to show the change', () => /^64\b/.test(String(status.getTreeItem(volume).description)), { timeoutMs: 30_000 });
    const polls = cloud.requests.filter(r => r.path.endsWith('/xapi/status')).slice(reads);
    assert.ok(polls.length >= 1 && polls.every(r => r.query.getAll('name').length <= 10), 'read again, at most ten names a request');
  });

  it('a configuration edit goes through the cloud; a rule-enforced one is read-only with the rule\'s reason', async () => {
    const config = api.ctx.trees.config;
    const device = cloud.devices[0];
    const audio = await child(config, undefined, 'Audio');
    await expand(config, audio);
    const dv = await child(config, audio, 'DefaultVolume');
    user.answer('input', '37');
    await vscode.commands.executeCommand('xapi.configuration.edit', dv);
    await waitFor('the edit on the device', async () => (await device.xapi.config.get('Audio DefaultVolume')) === 37);
    assert.ok(cloud.requests.some(r => r.method === 'PATCH' && r.path.endsWith('/deviceConfigurations')), 'through the configurations API');

    const standby = await child(config, undefined, 'Standby');
    await expand(config, standby);
    const delay = await child(config, standby, 'Delay');
    await waitFor('the rule\'s mark', () => /enforced by a rule: CONFIG_MANAGED_BY_RULE/.test(String(config.getTreeItem(delay).description)));
    assert.match(config.getTreeItem(delay).contextValue, /\.readonly$/);
    assert.match(config.getTreeItem(delay).tooltip.value, /organisation or location rule/);
  });

  it('the Events panel says a cloud device has no event feed', async () => {
    await vscode.commands.executeCommand('xapi.events.show');
    await waitFor('the panel\'s status line', () => /no event feed/.test(api.ctx.events.lastReport?.status ?? ''), { timeoutMs: 30_000 });
    assert.equal(api.ctx.events.tail.attached, false);
  });
});
