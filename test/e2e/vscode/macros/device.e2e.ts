/**
 * Macros on the (simulated) device from VS Code: create one in the view, edit and save it through the
 * `xapi-macro:` file system, activate it, see its log lines in the device's macro log channel, restart the
 * runtime, rename and delete; deploy a workspace file, and a change made on the device since the last deploy
 * triggers the prompt (with a diff) instead of being overwritten.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { connect, type Xapi } from '../../../../xapi';
import { scriptedUser, type ExtensionApi, type ScriptedUser } from '../support/scriptedUser';
import { waitFor } from '../../../support/waitFor';
import { workspaceFile } from '../support/extension';

const DEVICE = 'Simulated Device';

describe('macros on the device', function () {
  this.timeout(90_000);
  let api: ExtensionApi;
  let user: ScriptedUser;
  let restore: () => void;
  let other: Xapi;
  const tmp = workspaceFile('.tmp').fsPath;

  const macroNames = async () => ((await api.ctx.macros.current().store.list()) as Array<{ name: string; active: boolean }>);
  const viewNames = async () => (await api.ctx.macros.view.getChildren(undefined)).filter((n: any) => n.kind === 'macro').map((n: any) => `${n.macro.name}:${n.macro.active ? 'on' : 'off'}`);

  before(async () => {
    ({ api, user, restore } = await scriptedUser());
    await vscode.commands.executeCommand('xapi.startSimulatedDevice');
    const r = api.ctx.simulatedDevice.ready;
    other = await connect(r.url, { username: r.username, password: r.password, ca: r.certificate });
    fs.mkdirSync(tmp, { recursive: true });
  });
  after(async () => {
    await other?.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('xapi.disconnect');
    restore();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('New Macro creates it on the device and opens it as xapi-macro:', async () => {
    user.answer('input', 'bad name').answer('input', 'greeter');
    const uri = await vscode.commands.executeCommand<vscode.Uri>('xapi.macros.new');
    assert.equal(user.asked.find(a => a.kind === 'input')?.refused?.length, 1, 'a name with a space is refused');
    assert.equal(uri.scheme, 'xapi-macro');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    assert.deepEqual(await viewNames(), ['greeter:off']);
  });

  it('editing and saving writes the macro to the device', async () => {
    const editor = vscode.window.activeTextEditor!;
    const code = "import xapi from 'xapi';\nconsole.log('hello from greeter');\n";
    await editor.edit(e => e.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), code));
    assert.ok(await editor.document.save(), 'saved');
    const onDevice = await other.command('Macros Macro Get', { Name: 'greeter', Content: 'True' }) as any;
    assert.equal(onDevice.Macro[0].Content, code);
  });

  it('activating runs it: its lines reach the device\'s macro log channel; restarting the runtime logs again', async () => {
    await vscode.commands.executeCommand('xapi.macros.activate', { kind: 'macro', macro: { name: 'greeter', active: false }, device: DEVICE });
    await waitFor('the view to show it active', async () => (await viewNames()).includes('greeter:on'));
    const before = api.ctx.macros.logs.recent(DEVICE).length;
    await vscode.commands.executeCommand('xapi.macros.restartRuntime');
    const lines = await waitFor('log lines of greeter', () => {
      const l = api.ctx.macros.logs.recent(DEVICE).slice(before).filter((x: any) => x.text.startsWith('[greeter]'));
      return l.length ? l : undefined;
    }, { timeoutMs: 20_000 });
    assert.equal(lines[0].level, 'info');
  });

  it('rename and delete (with confirmation) act on the device', async () => {
    user.answer('input', 'welcomer');
    await vscode.commands.executeCommand('xapi.macros.rename', { kind: 'macro', macro: { name: 'greeter', active: true }, device: DEVICE });
    assert.deepEqual((await macroNames()).map(m => m.name), ['welcomer']);
    await vscode.commands.executeCommand('xapi.macros.delete', { kind: 'macro', macro: { name: 'welcomer', active: true }, device: DEVICE });
    assert.deepEqual((await macroNames()).map(m => m.name), ['welcomer'], 'dismissing the confirmation deletes nothing');
    user.answer('confirm', 'Delete');
    await vscode.commands.executeCommand('xapi.macros.delete', { kind: 'macro', macro: { name: 'welcomer', active: true }, device: DEVICE });
    assert.deepEqual(await macroNames(), []);
  });

  it('Deploy to Device writes a workspace file; a change on the device since then is not overwritten silently', async () => {
    const file = path.join(tmp, 'lights.js');
    fs.writeFileSync(file, "console.log('v1');\n");
    const doc = await vscode.workspace.openTextDocument(file);
    assert.equal(await vscode.commands.executeCommand('xapi.macros.deploy', doc.uri), 'deployed');
    // Someone edits the macro on the device (its own editor, another tool).
    await other.command('Macros Macro Save', { Name: 'lights', Overwrite: 'True', Transpile: 'False' }, "console.log('changed on the device');\n");
    user.answer('warning', 'Compare');
    assert.equal(await vscode.commands.executeCommand('xapi.macros.deploy', doc.uri), 'compare');
    assert.match(user.messages('warning').at(-1)!, /changed since it was last deployed/);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, 'a diff of the two copies is open');
    assert.equal(((await other.command('Macros Macro Get', { Name: 'lights', Content: 'True' })) as any).Macro[0].Content, "console.log('changed on the device');\n");
    user.answer('warning', 'Overwrite Device');
    assert.equal(await vscode.commands.executeCommand('xapi.macros.deploy', doc.uri), 'deployed');
    assert.equal(((await other.command('Macros Macro Get', { Name: 'lights', Content: 'True' })) as any).Macro[0].Content, "console.log('v1');\n");
  });

  it('with xapi.macros.syncFolder set, saving a file there deploys it', async () => {
    await vscode.workspace.getConfiguration('xapi').update('macros.syncFolder', '.tmp', vscode.ConfigurationTarget.Workspace);
    try {
      const file = path.join(tmp, 'synced.js');
      fs.writeFileSync(file, '');
      const doc = await vscode.workspace.openTextDocument(file);
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit(e => e.insert(new vscode.Position(0, 0), "console.log('synced');\n"));
      await doc.save();
      await waitFor('the synced macro on the device', async () => (await macroNames()).some(m => m.name === 'synced'));
    } finally {
      await vscode.workspace.getConfiguration('xapi').update('macros.syncFolder', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
