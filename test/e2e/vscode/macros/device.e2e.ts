/**
 * Macros on the (simulated) device from VS Code: create one in the view, edit and save it through the
 * `xapi-macro:` file system, activate it, see its log lines in the device's macro log channel, restart the
 * runtime, rename and delete; deploy a workspace file, and a change made on the device since the last deploy
 * triggers the prompt (with a diff) instead of being overwritten. The view shows each active macro's runtime
 * state (a macro that throws at load as failed), its ERROR line links to the line that threw, Deactivate stops a
 * macro, and Set Up Macro Project writes the typings and jsconfig.json.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Xapi } from '../../../../xapi';
import { scriptedUser, type ExtensionApi, type ScriptedUser } from '../support/scriptedUser';
import { waitFor } from '../../../support/waitFor';
import { connectToSimulatedDevice, workspaceFile } from '../support/extension';

const DEVICE = 'Simulated Device';

describe('macros on the device', function () {
  this.timeout(90_000);
  let api: ExtensionApi;
  let user: ScriptedUser;
  let restore: () => void;
  let other: Xapi;
  const tmp = workspaceFile('.tmp').fsPath;

  const macroNames = async () => ((await api.ctx.macros.current().store.list()) as Array<{ name: string; active: boolean }>);
  const node = (name: string, active: boolean) => ({ kind: 'macro', macro: { name, active }, device: DEVICE });
  /** The view's item of a macro, as VS Code gets it from the extension (getChildren, then getTreeItem). */
  const viewItem = async (name: string): Promise<vscode.TreeItem | undefined> => {
    const n = (await api.ctx.macros.view.getChildren(undefined)).find((x: any) => x.kind === 'macro' && x.macro.name === name);
    return n && api.ctx.macros.view.getTreeItem(n);
  };
  const save = (name: string, code: string) => other.command('Macros Macro Save', { Name: name, Overwrite: 'True', Transpile: 'False' }, code);
  /** The macro log channel's lines of one macro, from the recent lines the extension keeps. */
  const linesOf = (macro: string, level?: string) => (api.ctx.macros.logs.recent(DEVICE) as Array<{ level: string; text: string }>)
    .filter(l => l.text.startsWith(`[${macro}] `) && (!level || l.level === level));
  const runtimeStates = async () => {
    const listed = ((await other.command('Macros Runtime Status')) as any).Macro ?? [];
    return new Map<string, string>((Array.isArray(listed) ? listed : [listed]).map((m: any) => [m.Name, m.State]));
  };
  const viewNames = async () => (await api.ctx.macros.view.getChildren(undefined)).filter((n: any) => n.kind === 'macro').map((n: any) => `${n.macro.name}:${n.macro.active ? 'on' : 'off'}`);

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

  it('Deploy to Device refuses a file whose name is no macro name, saying what is wrong and what a name takes', async () => {
    const file = path.join(tmp, 'bad.name.js');
    fs.writeFileSync(file, "console.log('never deployed');\n");
    const doc = await vscode.workspace.openTextDocument(file);
    assert.equal(await vscode.commands.executeCommand('xapi.macros.deploy', doc.uri), undefined);
    assert.equal(user.messages('error').at(-1), 'xAPI: deploy: bad.name.js cannot be deployed as the macro "bad.name". '
      + 'A dot cannot be in a macro name: a macro name has letters, digits, - and _ only; rename the file.');
    assert.equal((await macroNames()).some(m => m.name.startsWith('bad')), false, 'nothing was saved');
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

  it('a macro that throws at load shows as failed in the view; its ERROR line links to the line that threw', async () => {
    const source = "console.log('about to fail');\n\nnotDefinedAnywhere();\n";
    await save('thrower', source);
    try {
      // Each time the view is told to read again, whether the failure's ERROR line was in by then (counted as it
      // happens: a poll after the line arrives can come after the refresh it caused, on a slow machine).
      let refreshesAfterError = 0;
      const counting = api.ctx.macros.view.onDidChangeTreeData(() => { if (linesOf('thrower', 'error').length) refreshesAfterError++; });
      try {
        await vscode.commands.executeCommand('xapi.macros.activate', node('thrower', false));
        const [error] = await waitFor('the ERROR line of thrower', () => linesOf('thrower', 'error').length > 0 && linesOf('thrower', 'error'), { timeoutMs: 20_000 });
        assert.match(error.text, /ReferenceError: notDefinedAnywhere is not defined/);
        // The device's events make the view read it again: nobody pressed Refresh.
        await waitFor('the view told to refresh after the failure', () => refreshesAfterError > 0);
      } finally {
        counting.dispose();
      }
      const item = await waitFor('thrower shown as failed', async () => {
        const i = await viewItem('thrower');
        return i?.description === 'active · failed' && i;
      });
      assert.equal((item.iconPath as vscode.ThemeIcon).id, 'error');
      assert.match(String(item.tooltip), /Failed: it stopped with an error/);
      assert.equal(item.contextValue, 'xapi.macro.active', 'still offered Deactivate');

      // The channel's line, as a log document shows it: the link goes to the macro's line that threw.
      const [error] = linesOf('thrower', 'error');
      const doc = await vscode.workspace.openTextDocument({ language: 'log', content: `2025-06-01 10:00:00.000 [error] ${error.text}\n` });
      const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
      const link = links.find(l => l.target?.scheme === 'xapi-macro');
      assert.ok(link?.target, `a link to the macro in: ${doc.getText()}`);
      assert.equal(doc.getText(link.range), 'thrower.js:3:1');
      assert.equal(link.target.path, '/thrower.js');
      assert.equal(link.target.fragment, 'L3,1');
      const target = await vscode.workspace.openTextDocument(link.target.with({ fragment: '' }));
      assert.equal(target.lineAt(2).text, 'notDefinedAnywhere();', 'the link\'s line is the one that threw');

      // The same line in the real output channel, as the Output view shows it: VS Code names that document after
      // the channel's id, which drops the colon of "xAPI Macros: …".
      await vscode.commands.executeCommand('xapi.macros.showLog');
      const output = await waitFor('the macro log channel open as an output: document', () => vscode.workspace.textDocuments
        .find(d => d.uri.scheme === 'output' && d.getText().includes(error.text)));
      const outputLinks = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', output.uri);
      const outputLink = outputLinks.find(l => l.target?.scheme === 'xapi-macro');
      assert.ok(outputLink?.target, `a link to the macro in ${output.uri.toString()}`);
      assert.equal(output.getText(outputLink.range), 'thrower.js:3:1');
      assert.equal(outputLink.target.fragment, 'L3,1');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await other.command('Macros Macro Remove', { Name: 'thrower' });
    }
  });

  it('Deactivate stops the macro: it leaves the runtime status, the view shows it inactive, its lines stop', async () => {
    await save('ticker', "let n = 0;\nsetInterval(() => console.log('tick', ++n), 10);\n");
    // Logs one line, unique to each runtime start: marks where a new runtime begins in the log.
    await save('beacon', "console.log('beacon up', Date.now(), Math.random());\n");
    try {
      await vscode.commands.executeCommand('xapi.macros.activate', node('beacon', false));
      await vscode.commands.executeCommand('xapi.macros.activate', node('ticker', false));
      await waitFor('ticker ticking', () => linesOf('ticker').length >= 2, { timeoutMs: 20_000 });
      await waitFor('ticker shown running', async () => (await viewItem('ticker'))?.description === 'active · running');
      assert.equal((await runtimeStates()).get('ticker'), 'Running');

      const beaconsBefore = new Set(linesOf('beacon').map(l => l.text));
      await vscode.commands.executeCommand('xapi.macros.deactivate', node('ticker', true));
      assert.equal((await viewItem('ticker'))?.description, 'inactive');
      assert.equal((await runtimeStates()).has('ticker'), false, 'Runtime Status no longer lists it');
      // The runtime restarted without ticker: once beacon logs from the new runtime, no tick may follow. A second
      // restart gives a later mark, so the check covers a whole runtime start, not an instant.
      const first = await waitFor('beacon in the restarted runtime', () => linesOf('beacon').find(l => !beaconsBefore.has(l.text)), { timeoutMs: 20_000 });
      await vscode.commands.executeCommand('xapi.macros.restartRuntime');
      const second = await waitFor('beacon after another restart', () => linesOf('beacon').find(l => !beaconsBefore.has(l.text) && l.text !== first.text), { timeoutMs: 20_000 });
      const recent = api.ctx.macros.logs.recent(DEVICE) as Array<{ text: string }>;
      const between = recent.slice(recent.findIndex(l => l.text === first.text), recent.findIndex(l => l.text === second.text) + 1);
      assert.ok(between.length >= 2, 'both marks are in the log');
      assert.deepEqual(between.filter(l => l.text.startsWith('[ticker] ')), [], 'no tick once the runtime restarted without it');
      // Its line is logged as it loads, a moment before the runtime lists it as running.
      await waitFor('beacon shown running', async () => (await viewItem('beacon'))?.description === 'active · running');
    } finally {
      await other.command('Macros Macro Remove', { Name: 'ticker' });
      await other.command('Macros Macro Remove', { Name: 'beacon' });
    }
  });

  it('Set Up Macro Project writes jsconfig.json and the typings it references; an existing jsconfig.json is kept unless replaced', async () => {
    const folder = path.join(tmp, 'project');
    fs.mkdirSync(folder, { recursive: true });
    const result = await vscode.commands.executeCommand<{ written: string[] }>('xapi.macros.setUpProject', vscode.Uri.file(folder));
    assert.ok(result.written.includes('jsconfig.json'), result.written.join(', '));
    const jsconfig = JSON.parse(fs.readFileSync(path.join(folder, 'jsconfig.json'), 'utf8'));
    const paths = jsconfig.compilerOptions.paths as Record<string, string[]>;
    assert.deepEqual(Object.keys(paths).sort(), ['xapi', 'xapi-workbench']);
    for (const [module, [target]] of Object.entries(paths)) {
      assert.ok(fs.existsSync(path.join(folder, target)), `'${module}' maps to ${target}, which was written`);
    }
    assert.match(fs.readFileSync(path.join(folder, paths.xapi[0]), 'utf8'), /import type \{ Xapi \} from 'xapi-workbench';[\s\S]*export = xapi;/);
    // The device's schema, the one in force while connected, augments the library's typed proxies.
    const schemaTypings = fs.readFileSync(path.join(folder, 'typings/xapi/schema.d.ts'), 'utf8');
    assert.ok(schemaTypings.startsWith(`// xAPI typings for ${api.ctx.schemaIndex().schema.version} `), schemaTypings.slice(0, 120));
    assert.match(schemaTypings, /declare module 'xapi-workbench'/);
    assert.ok(jsconfig.include.some((p: string) => p.startsWith('typings/')), 'the typings are part of the project');

    fs.writeFileSync(path.join(folder, 'jsconfig.json'), '{ "mine": true }\n');
    user.answer('warning', 'Keep');
    await vscode.commands.executeCommand('xapi.macros.setUpProject', vscode.Uri.file(folder));
    assert.match(user.messages('warning').at(-1)!, /jsconfig\.json exists in project\. Replace it\?/);
    assert.equal(fs.readFileSync(path.join(folder, 'jsconfig.json'), 'utf8'), '{ "mine": true }\n', 'Keep keeps it');
    user.answer('warning', 'Replace');
    await vscode.commands.executeCommand('xapi.macros.setUpProject', vscode.Uri.file(folder));
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(folder, 'jsconfig.json'), 'utf8')), jsconfig, 'Replace writes it again');
  });
});
