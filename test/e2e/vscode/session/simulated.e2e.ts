/**
 * The zero-hardware path in real VS Code: start the simulated device (a child process), connect, the language
 * server switches to the device's own schema, run a .xapi document (lenses, results inline, cancel), the
 * pickers, disconnect and the fallback schema, and a crash of the simulated device restarted (and, when it keeps crashing, reported), never fatal.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { scriptedUser, type ExtensionApi, type ScriptedUser } from '../support/scriptedUser';
import { waitFor } from '../../../support/waitFor';

async function xapiDoc(content: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ language: 'xapi', content });
  await vscode.window.showTextDocument(doc);
  return doc;
}

describe('simulated device session', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let user: ScriptedUser;
  let restore: () => void;

  before(async () => {
    ({ api, user, restore } = await scriptedUser());
    await vscode.commands.executeCommand('xapi.startSimulatedDevice');
  });
  after(async () => {
    await vscode.commands.executeCommand('xapi.disconnect');
    restore();
  });

  it('connects: the status bar names the device, product and software come from the device', async () => {
    const state = api.ctx.session.state;
    assert.equal(state.kind, 'connected', JSON.stringify(state));
    assert.equal(state.label, 'Simulated Device');
    assert.match(state.device.product, /Room|Desk|Board|Codec/);
    assert.match(api.ctx.statusBar.text, /Simulated Device/);
    assert.ok(api.ctx.simulatedDevice.pid > 0 && api.ctx.simulatedDevice.pid !== process.pid, 'runs in its own process');
  });

  it('the language server switches to the device schema (xDoc), and the language status says so', async () => {
    const schema = await waitFor('the device schema in force', () => (api.ctx.languageStatus.schema?.source === 'device' ? api.ctx.languageStatus.schema : undefined), { timeoutMs: 30_000 });
    assert.ok(schema.nodes > 100, `${schema.nodes} nodes`);
    assert.equal(schema.version, api.ctx.session.state.device.softwareVersion);
  });

  it('Run All runs every statement: answers inline, a multiline body sent, a bad line reported with the device\'s error', async () => {
    const doc = await xapiDoc([
      'xCommand Audio Volume Set Level: 42',
      'xStatus Audio Volume',
      'xStatus Audio NoSuchLeaf',
      'xCommand UserInterface Extensions Panel Save PanelId: "e2e-panel"',
      '<Extensions><Panel><Name>e2e</Name></Panel></Extensions>',
      '.',
    ].join('\n'));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    assert.deepEqual(lenses.map(l => `${l.range.start.line}:${l.command?.title.replace(/\$\([^)]*\)\s*/, '')}`), ['0:Run All', '0:Run', '1:Run', '2:Run', '3:Run']);
    const summary = await vscode.commands.executeCommand<{ ran: number; failed: number }>('xapi.runFile', doc.uri);
    assert.deepEqual({ ran: summary.ran, failed: summary.failed }, { ran: 4, failed: 1 });
    const results = api.ctx.runs.decorations.results(doc.uri);
    const byLine = new Map<number, { ok: boolean; text: string }>(results.map((r: any) => [r.line, r]));
    assert.equal(byLine.get(0)?.ok, true);
    assert.deepEqual(byLine.get(1), { line: 1, ok: true, text: 'Audio Volume: 42' });
    assert.equal(byLine.get(2)?.ok, false);
    assert.match(byLine.get(2)!.text, /No match|not found|NoSuchLeaf/i);
    assert.equal(byLine.get(3)?.ok, true, byLine.get(3)?.text);
    const panels = await api.ctx.session.xapi.command('UserInterface Extensions List');
    assert.match(JSON.stringify(panels), /e2e-panel/);
  });

  it('Run (the lens of one statement) runs only that statement', async () => {
    const doc = await xapiDoc('xCommand Audio Volume Set Level: 11\nxCommand Audio Volume Set Level: 77\n');
    await vscode.commands.executeCommand('xapi.runStatement', doc.uri, 1);
    assert.equal(await api.ctx.session.xapi.status.get('Audio Volume'), 77);
    assert.deepEqual(api.ctx.runs.decorations.results(doc.uri).map((r: any) => r.line), [1]);
  });

  it('Run Line runs the statement under the cursor; Run Selection the statements selected', async () => {
    const doc = await xapiDoc('xCommand Audio Volume Set Level: 21\nxCommand Audio Volume Set Level: 22\nxCommand Audio Volume Set Level: 23\n');
    const editor = vscode.window.activeTextEditor!;
    editor.selection = new vscode.Selection(1, 3, 1, 3);
    await vscode.commands.executeCommand('xapi.runLine');
    assert.equal(await api.ctx.session.xapi.status.get('Audio Volume'), 22);
    assert.deepEqual(api.ctx.runs.decorations.results(doc.uri).map((r: any) => r.line), [1]);
    // Lines 0 and 1 selected (the selection ends at column 0 of line 2, which it does not take).
    editor.selection = new vscode.Selection(0, 0, 2, 0);
    await vscode.commands.executeCommand('xapi.runSelection');
    assert.equal(await api.ctx.session.xapi.status.get('Audio Volume'), 22, 'line 2 (level 23) did not run');
    assert.deepEqual(api.ctx.runs.decorations.results(doc.uri).map((r: any) => r.line).sort(), [0, 1]);
  });

  it('xAPI Results: terminal text by default, one JSON object per answer with xapi.run.resultFormat json', async () => {
    // The channel's text as VS Code keeps it: a file per output channel beside the extension's log folder.
    const resultsText = () => {
      const exthost = path.dirname(api.ctx.extension.logUri.fsPath);
      const dirs = fs.readdirSync(exthost).filter(d => d.startsWith('output_logging_')).map(d => path.join(exthost, d));
      const files = dirs.flatMap(d => fs.readdirSync(d).filter(f => f.endsWith('xAPI Results.log')).map(f => path.join(d, f)));
      return files.map(f => fs.readFileSync(f, 'utf8')).join('\n');
    };
    const doc = await xapiDoc('xStatus SystemUnit ProductId\n');
    await vscode.commands.executeCommand('xapi.runFile', doc.uri);
    await waitFor('the terminal-style answer', () => /\*s SystemUnit ProductId: "?Cisco/.test(resultsText()));
    await vscode.workspace.getConfiguration('xapi').update('run.resultFormat', 'json', vscode.ConfigurationTarget.Global);
    try {
      const json = await xapiDoc('xStatus Audio VolumeMute\n');
      await vscode.commands.executeCommand('xapi.runFile', json.uri);
      const line = await waitFor('a JSON answer', () => resultsText().split('\n').find(l => l.includes('"VolumeMute"') && l.trim().startsWith('{')));
      assert.doesNotThrow(() => JSON.parse(line), line);
    } finally {
      await vscode.workspace.getConfiguration('xapi').update('run.resultFormat', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('the status bar item\'s actions: Disconnect, Switch Device…, Open Log', async () => {
    user.answer('pick', 'Open Log');
    await vscode.commands.executeCommand('xapi.connectionActions');
    const offered = user.asked.filter(a => a.kind === 'pick').at(-1)!;
    assert.deepEqual(offered.options, ['Disconnect', 'Switch Device…', 'Start Simulated Device', 'Open Log']);
    assert.match(offered.text, /Simulated Device/);
  });

  it('Run Command… for a command that takes a body opens it in a .xapi editor to fill in and run', async () => {
    user.answer('pick', 'UserInterface Extensions Panel Save').answer('input', 'wizard-panel');
    await vscode.commands.executeCommand('xapi.runCommand');
    // The editor the command opened, found among those shown: focus can move on meanwhile (an output view), which
    // is not the command's doing.
    const editor = await waitFor('the .xapi editor with the command', () =>
      vscode.window.visibleTextEditors.find(e => e.document.languageId === 'xapi' && e.document.getText().includes('Extensions Panel Save')));
    const lines = editor.document.getText().split('\n');
    assert.match(lines[0], /^xCommand UserInterface Extensions Panel Save PanelId: "?wizard-panel"?$/);
    assert.equal(lines[2], '.');
    assert.equal(editor.document.getText(editor.selection), '<body>', 'the body placeholder is selected, ready to type over');
  });

  it('a running file can be cancelled between statements', async () => {
    const doc = await xapiDoc(Array.from({ length: 400 }, () => 'xStatus Audio Volume').join('\n'));
    const running = vscode.commands.executeCommand<{ ran: number; cancelled: boolean }>('xapi.runFile', doc.uri);
    await waitFor('the first answer', () => api.ctx.runs.decorations.results(doc.uri).length > 0);
    await vscode.commands.executeCommand('xapi.cancelRun');
    const summary = await running;
    assert.equal(summary.cancelled, true);
    assert.ok(summary.ran < 400, `ran ${summary.ran}`);
  });

  it('Run Command…: picks the command, validates the value as typed, runs it', async () => {
    user.answer('pick', 'Audio Volume Set').answer('input', '250').answer('input', '30');
    await vscode.commands.executeCommand('xapi.runCommand');
    const input = user.asked.filter(a => a.kind === 'input').at(-1)!;
    assert.equal(input.refused?.length, 1, 'the out-of-range level was refused while typing');
    assert.match(input.refused![0], /250: .*outside/);
    assert.equal(await api.ctx.session.xapi.status.get('Audio Volume'), 30);
  });

  it('Set Configuration… and Get Configuration…: literal values as a list, strings validated', async () => {
    user.answer('pick', 'SystemUnit Name').answer('input', 'E2E Room');
    await vscode.commands.executeCommand('xapi.setConfiguration');
    assert.equal(await api.ctx.session.xapi.config.get('SystemUnit Name'), 'E2E Room');
    const errorsBefore = user.messages('error').length;
    user.answer('pick', 'SystemUnit Name');
    await vscode.commands.executeCommand('xapi.getConfiguration');
    assert.equal(user.messages('error').length, errorsBefore, user.messages('error').join('\n'));
  });

  it('Get Status… reads a whole branch', async () => {
    user.answer('pick', 'Audio');
    await vscode.commands.executeCommand('xapi.getStatus');
    assert.deepEqual(user.messages('error'), []);
  });

  it('Disconnect: the status bar says so and the language server falls back to the configured schema', async () => {
    await vscode.commands.executeCommand('xapi.disconnect');
    assert.equal(api.ctx.session.state.kind, 'disconnected');
    await waitFor('the core schema in force again', () => api.ctx.languageStatus.schema?.source === 'core', { timeoutMs: 20_000 });
    assert.equal(api.ctx.simulatedDevice, undefined, 'the simulated device was stopped');
  });

  it('the device schema is cached per software version: the next session reads no xDoc', async () => {
    const first = api.ctx.lastSchemaLoad;
    assert.ok(first, 'a schema was loaded in this session');
    assert.ok(first.file.startsWith(api.ctx.extension.globalStorageUri.fsPath), first.file);
    await vscode.commands.executeCommand('xapi.startSimulatedDevice');
    await waitFor('the device schema again', () => api.ctx.languageStatus.schema?.source === 'device' && api.ctx.lastSchemaLoad !== first, { timeoutMs: 30_000 });
    assert.deepEqual(api.ctx.lastSchemaLoad, { file: first.file, fromCache: true });
    await vscode.commands.executeCommand('xapi.disconnect');
  });

  it('a crash of the simulated device restarts it on its port: the session shows reconnecting, then connected again', async () => {
    await vscode.commands.executeCommand('xapi.startSimulatedDevice');
    assert.equal(api.ctx.session.state.kind, 'connected');
    const before = api.ctx.simulatedDevice;
    const url = before.ready.url;
    const kinds: string[] = [];
    const listening = api.ctx.session.onDidChangeState((s: { kind: string }) => kinds.push(s.kind));
    try {
      process.kill(before.pid, 'SIGKILL');
      const message = await waitFor('the restart notification', () => user.messages('warning').find(m => /simulated device stopped.*restarted/.test(m)));
      assert.match(message, /SIGKILL/);
      await waitFor('connected again', () => kinds.includes('reconnecting') && api.ctx.session.state.kind === 'connected', { timeoutMs: 30_000 });
    } finally {
      listening.dispose();
    }
    const after = api.ctx.simulatedDevice;
    assert.notEqual(after.pid, before.pid, 'a new process');
    assert.equal(after.ready.url, url, 'on the same port');
    assert.ok(!kinds.includes('disconnected'), `the session never ended: ${kinds.join(' → ')}`);
    // The restarted device answers through the same session.
    assert.equal(typeof await api.ctx.session.xapi.status.get('Audio Volume'), 'number');
  });

  it('a device that keeps crashing is reported with actions, and the session ends', async () => {
    await vscode.commands.executeCommand('xapi.startSimulatedDevice');
    for (let i = 0; ; i++) {
      const device = api.ctx.simulatedDevice;
      process.kill(device.pid, 'SIGKILL');
      const error = await waitFor('a restart or the final report', () =>
        user.messages('error').find(m => /simulated device stopped/.test(m)) ?? (api.ctx.simulatedDevice && api.ctx.simulatedDevice !== device ? 'restarted' : undefined), { timeoutMs: 30_000 });
      if (error !== 'restarted') {
        assert.match(error, /SIGKILL/);
        assert.equal(i, 3, 'restarted three times within the minute, then reported');
        break;
      }
      assert.ok(i < 5, 'gives up restarting after a few crashes in a minute');
    }
    await waitFor('the session to end', () => api.ctx.session.state.kind === 'disconnected');
  });
});
