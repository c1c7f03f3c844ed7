/**
 * A device profile against a real TLS device (the emulator, started by the test on a loopback port): its
 * self-signed certificate is refused until the user pins it ("Trust this device's certificate"), a wrong
 * password leads to "Re-enter password", and the password is never in settings, in anything shown, or in the log
 * (frames traced: the suite sets xapi.trace.frames).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../../../emulator';
import { scriptedUser, type ExtensionApi, type ScriptedUser } from '../support/scriptedUser';
import { waitFor } from '../../../support/waitFor';

const PASSWORD = 's3cret-e2e-pw';
const WRONG = 'wrong-e2e-pw';

describe('device profiles, certificates and passwords', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let api: ExtensionApi;
  let user: ScriptedUser;
  let restore: () => void;
  const settings = () => vscode.workspace.getConfiguration('xapi');

  before(async () => {
    emu = await startEmulator({ tls: true, bootDelayMs: 300, users: [{ username: 'integrator', password: PASSWORD, roles: ['Admin'] }] });
    await settings().update('devices', [{ name: 'E2E Room', host: emu.url, username: 'integrator' }], vscode.ConfigurationTarget.Global);
    ({ api, user, restore } = await scriptedUser());
  });
  after(async () => {
    await vscode.commands.executeCommand('xapi.disconnect');
    await api.ctx.profiles.remove('E2E Room');
    restore();
    await emu.stop();
  });

  it('an untrusted certificate is pinned on request, a refused password is asked again; then it connects', async () => {
    user.answer('pick', 'E2E Room')
      .answer('input', WRONG)
      .answer('error', 'Trust this device\'s certificate')
      .answer('confirm', 'Trust')
      .answer('error', 'Re-enter password')
      .answer('input', PASSWORD);
    await vscode.commands.executeCommand('xapi.connect');

    const errors = user.messages('error');
    assert.match(errors[0], /certificate of E2E Room is not trusted/);
    assert.match(errors[1], /E2E Room refused the user name or password/);
    assert.match(user.messages('confirm')[0], /SHA-256: ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    const state = api.ctx.session.state;
    assert.equal(state.kind, 'connected', JSON.stringify(state));
    assert.equal(state.label, 'E2E Room');

    const profile = settings().get<any[]>('devices')!.find(p => p.name === 'E2E Room');
    assert.equal(profile.certificate.trim(), emu.certificate!.trim(), 'the device\'s own certificate is pinned');
    assert.notEqual(profile.allowSelfSignedTls, true, 'verification stays on');
  });

  it('the password is in no setting, in nothing shown to the user, and not in the log with every frame traced', async () => {
    const everything = JSON.stringify(settings());
    // The suite turns xapi.trace.frames on: the log holds every WebSocket frame of the session.
    const logFile = path.join(api.ctx.extension.logUri.fsPath, 'xAPI.log');
    const log = await waitFor('traced frames in the log file', () => {
      const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
      return /\] >> .*"jsonrpc"/.test(text) && text;
    }, { timeoutMs: 20_000 });
    for (const secret of [PASSWORD, WRONG]) {
      assert.ok(!everything.includes(secret), 'not in settings');
      assert.ok(!user.transcript.includes(secret), 'not in any notification, picker or input record');
      assert.ok(!log.includes(secret), 'not in the log or its frame trace');
    }
  });

  it('the next connect uses the stored password without asking', async () => {
    await vscode.commands.executeCommand('xapi.disconnect');
    const inputsBefore = user.asked.filter(a => a.kind === 'input').length;
    user.answer('pick', 'E2E Room');
    await vscode.commands.executeCommand('xapi.connect');
    assert.equal(api.ctx.session.state.kind, 'connected');
    assert.equal(user.asked.filter(a => a.kind === 'input').length, inputsBefore);
  });

  it('Add Device… asks for host, user and name, keeps the profile and connects', async () => {
    await vscode.commands.executeCommand('xapi.disconnect');
    user.answer('input', emu.url).answer('input', 'integrator').answer('input', 'Added Room').answer('input', PASSWORD)
      .answer('error', 'Trust this device\'s certificate').answer('confirm', 'Trust');
    try {
      await vscode.commands.executeCommand('xapi.addDevice');
      const added = settings().get<any[]>('devices')!.find(p => p.name === 'Added Room');
      assert.deepEqual({ host: added?.host, username: added?.username }, { host: emu.url, username: 'integrator' });
      assert.equal(api.ctx.session.state.kind, 'connected');
      assert.equal(api.ctx.session.state.label, 'Added Room');
      assert.ok(!JSON.stringify(added).includes(PASSWORD), 'the password is not in the profile');
    } finally {
      await vscode.commands.executeCommand('xapi.disconnect');
      await api.ctx.profiles.remove('Added Room');
    }
    user.answer('pick', 'E2E Room');
    await vscode.commands.executeCommand('xapi.connect');
  });

  it('a reboot of the device shows as reconnecting, then connected again', async () => {
    const seen: string[] = [];
    const sub = api.ctx.session.onDidChangeState((s: { kind: string }) => seen.push(s.kind));
    try {
      await emu.restart();
      await waitFor('connected again', () => seen.includes('reconnecting') && api.ctx.session.state.kind === 'connected', { timeoutMs: 30_000 });
      assert.match(api.ctx.statusBar.text, /E2E Room/);
    } finally { sub.dispose(); }
  });

  it('an unreachable device is one error with "Open Log", and the status bar shows the failure', async () => {
    await vscode.commands.executeCommand('xapi.disconnect');
    const port = emu.port;
    await emu.stop();
    user.answer('pick', 'E2E Room');
    await vscode.commands.executeCommand('xapi.connect');
    const last = user.asked.filter(a => a.kind === 'error').at(-1)!;
    assert.match(last.text, /could not connect to E2E Room/);
    assert.deepEqual(last.options, ['Open Log']);
    assert.equal(api.ctx.session.state.kind, 'failed');
    emu = await startEmulator({ tls: true, bootDelayMs: 300, port, users: [{ username: 'integrator', password: PASSWORD, roles: ['Admin'] }] });
  });
});
