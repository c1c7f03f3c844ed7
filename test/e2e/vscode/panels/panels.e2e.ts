/**
 * The device's UI extension panels from VS Code, on the simulated device: a workspace `.panel.xml` deployed (checked
 * first); the Panels view lists it; it opens as an `xapi-panel:` document (language xapi-panel) whose Save writes it
 * back, and a Save the device refuses leaves the device's panel as it was; Remove asks first; the preview of the
 * open panel follows the device's widget values; the listing is read once for an open and once for a save, not
 * once for each of VS Code's stats.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Xapi } from '../../../../xapi';
import { scriptedUser, type ExtensionApi, type ScriptedUser } from '../support/scriptedUser';
import { waitFor } from '../../../support/waitFor';
import { connectToSimulatedDevice, workspaceFile } from '../support/extension';
import { startEmulator, type Emulator } from '../../../../emulator';

const PANEL = `<Extensions><Version>1.11</Version><Panel><PanelId>lights</PanelId><Name>Lights</Name><Location>HomeScreen</Location>
<Page><Name>Main</Name><PageId>main</PageId><Row><Name>Level</Name><Widget><WidgetId>level</WidgetId><Type>Slider</Type></Widget></Row></Page></Panel></Extensions>
`;

describe('UI extension panels on the device', function () {
  this.timeout(90_000);
  let api: ExtensionApi;
  let user: ScriptedUser;
  let restore: () => void;
  let other: Xapi;
  const tmp = path.join(workspaceFile('.tmp').fsPath, 'panels');
  const listed = async () => (await api.ctx.panels.view.getChildren(undefined)).filter((n: any) => n.kind === 'panel');
  const widgetType = async () => ((await other.command('UserInterface Extensions List')) as any).Extensions.Panel?.[0]?.Page?.[0]?.Row?.[0]?.Widget?.[0]?.Type;

  before(async () => {
    ({ api, user, restore } = await scriptedUser());
    await vscode.commands.executeCommand('xapi.startSimulatedDevice');
    other = await connectToSimulatedDevice(api);
    fs.mkdirSync(tmp, { recursive: true });
  });
  after(async () => {
    await other?.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('xapi.disconnect');
    restore();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('deploys a workspace panel, checked first; a panel the rules refuse is not sent', async () => {
    const file = path.join(tmp, 'lights.panel.xml');
    // Written through VS Code, so a document it holds for the file follows at once.
    const write = (text: string) => vscode.workspace.fs.writeFile(vscode.Uri.file(file), new TextEncoder().encode(text));
    await write(PANEL.replace('Slider', 'Knob'));
    await vscode.commands.executeCommand('xapi.panels.deploy', vscode.Uri.file(file));
    assert.match(user.messages('error').at(-1) ?? '', /lights\.panel\.xml: "Knob" is not a widget type/);
    assert.deepEqual(await listed(), []);
    await write(PANEL);
    assert.equal(await vscode.commands.executeCommand('xapi.panels.deploy', vscode.Uri.file(file)), 'lights', user.messages('error').join(' | '));
    const [node] = await listed();
    assert.equal(node.panelId, 'lights');
    assert.match(String(api.ctx.panels.view.getTreeItem(node).description), /^lights · HomeScreen · 1 page$/);
  });

  it('opens a device panel as a document; Save writes it back, and a Save the device refuses changes nothing there', async () => {
    const [node] = await listed();
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('xapi.panels.open', node);
    const doc = editor.document;
    assert.equal(doc.uri.scheme, 'xapi-panel');
    assert.equal(doc.languageId, 'xapi-panel');
    assert.match(doc.getText(), /<WidgetId>level<\/WidgetId>\s*<Type>Slider<\/Type>/);
    const replace = async (from: string, to: string) => {
      const at = doc.getText().indexOf(from);
      await editor.edit(e => e.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + from.length)), to));
    };
    await replace('Slider', 'ToggleButton');
    assert.equal(await doc.save(), true);
    assert.equal(await widgetType(), 'ToggleButton');
    await replace('ToggleButton', 'Knob');
    await doc.save().then(() => undefined, () => undefined);
    assert.equal(await widgetType(), 'ToggleButton', 'the device refused it, and kept its panel');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('the preview of a panel follows the device\'s widget values', async () => {
    const file = vscode.Uri.file(path.join(tmp, 'lights.panel.xml'));
    await vscode.window.showTextDocument(file);
    const preview = await vscode.commands.executeCommand<any>('xapi.panel.preview');
    await other.command('UserInterface Extensions Widget SetValue', { WidgetId: 'level', Value: '180' });
    await waitFor('the value in the preview', () => preview.values?.level === '180' || undefined, { timeoutMs: 10_000 });
  });

  it('Remove asks first, then removes the panel from the device', async () => {
    const [node] = await listed();
    user.answer('confirm', undefined);
    assert.equal(await vscode.commands.executeCommand('xapi.panels.remove', node), false);
    assert.equal((await listed()).length, 1, 'kept when the user says no');
    user.answer('confirm', 'Remove');
    assert.equal(await vscode.commands.executeCommand('xapi.panels.remove', node), true);
    assert.deepEqual(await listed(), []);
  });

  it('a real device: presses go through its Widget Action command after one confirmation per connection, its values show, its panel opens and saves with one listing read each', async () => {
    const password = 'room-Pa55';
    const room: Emulator = await startEmulator({ tls: false, users: [{ username: 'admin', password, roles: ['Admin'] }] });
    const settings = () => vscode.workspace.getConfiguration('xapi');
    try {
      await settings().update('devices', [{ name: 'Panel Room', host: room.url, username: 'admin' }], vscode.ConfigurationTarget.Global);
      user.answer('pick', 'Panel Room').answer('input', password);
      await vscode.commands.executeCommand('xapi.connect');
      await waitFor('connected to the room', () => api.ctx.session.state.kind === 'connected' && api.ctx.session.state.label === 'Panel Room' || undefined, { timeoutMs: 20_000 });
      await vscode.window.showTextDocument(vscode.Uri.file(path.join(tmp, 'lights.panel.xml')));
      const preview = await vscode.commands.executeCommand<any>('xapi.panel.preview');
      const actions = () => room.device.commandsReceived.filter(c => c.path === 'UserInterface Extensions Widget Action').map(c => `${c.params.WidgetId} ${c.params.Type} ${c.params.Value}`);
      user.answer('confirm', undefined);
      await preview.received({ type: 'touch', widgetId: 'level', widgetType: 'Slider', touch: { kind: 'slide', phase: 'end', value: 90 } });
      assert.deepEqual(actions(), [], 'not sent when the user says no');
      user.answer('confirm', 'Send Presses');
      await preview.received({ type: 'touch', widgetId: 'level', widgetType: 'Slider', touch: { kind: 'slide', phase: 'end', value: 90 } });
      await preview.received({ type: 'touch', widgetId: 'go', widgetType: 'Button', touch: { kind: 'release' } });
      assert.deepEqual(actions(), ['level released 90', 'go released ', 'go clicked ']);
      assert.equal(user.messages('confirm').filter(m => /Send the preview's presses to Panel Room/.test(m)).length, 2, 'asked once more after the no, then not again');
      room.setStatus('UserInterface Extensions Widget[1]', { WidgetId: 'level', Value: '42' });
      await waitFor('the room\'s value in the preview', () => preview.values?.level === '42' || undefined, { timeoutMs: 10_000 });

      // The room's panel opened as a document and saved: VS Code stats the file around each, and the listing (a
      // round trip, and the whole of every panel) is read once for the open and once for the save, not per stat.
      const listings = () => room.device.commandsReceived.filter(c => c.path === 'UserInterface Extensions List').length;
      await api.ctx.session.xapi!.command('UserInterface Extensions Panel Save', { PanelId: 'lights' }, PANEL);
      const before = listings();
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse('xapi-panel://panel-room/lights.panel.xml'));
      const opened = listings() - before;
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit(e => e.insert(doc.positionAt(doc.getText().indexOf('</Name>')), ' and more'));
      assert.equal(await doc.save(), true);
      const saved = listings() - before - opened;
      console.log(`      listing reads of the room: ${opened} for the open, ${saved} for the save`);
      assert.ok(opened <= 1 && saved <= 1, `one listing read each: ${opened} for the open, ${saved} for the save`);
      assert.match(JSON.stringify(await api.ctx.session.xapi!.command('UserInterface Extensions List')), /Lights and more/);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await vscode.commands.executeCommand('xapi.disconnect');
      await api.ctx.profiles.remove('Panel Room');
      await settings().update('devices', undefined, vscode.ConfigurationTarget.Global);
      await room.stop();
    }
  });
});
