/**
 * A macro run locally, as "xAPI: Run Macro Locally" starts it: Node with the hooks of dist/ (macroNodeArgs, the
 * same arguments the debugger gets), `import xapi from 'xapi'` / `require('xapi')` resolved to the shim, and the
 * loopback bridge relaying to an emulator over real sockets (port 0, loopback). Uses the built bundles.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startMacroBridge, type MacroBridge } from '../../client/localMacroRun/bridge';
import { macroNodeArgs, nodeLaunchConfig } from '../../client/localMacroRun/launchConfig';
import { startEmulator, type Emulator } from '../../emulator';
import { KNOWN_ROLES } from '../../schema/model';
import { AuthenticationError, connect, ConnectionError } from '../../xapi';
import { createNodeTransport } from '../../xapi/transport-node';
import { distFile } from '../support/dist';
import { waitFor } from '../support/waitFor';

const PASSWORD = 'device-secret-4711';

const WIDGET_MACRO = `import xapi from 'xapi';
xapi.Event.UserInterface.Extensions.Widget.Action.on(e => {
  if (e.WidgetId === 'louder') xapi.Command.Audio.Volume.Set({ Level: 42 });
});
console.log('ready', await xapi.Status.Audio.Volume.get());
console.log('env', JSON.stringify(process.env), JSON.stringify(process.argv));
`;

const CJS_MACRO = `const xapi = require('xapi');
xapi.Status.Audio.Volume.on(v => console.log('volume now', v));
xapi.Status.Audio.Volume.get().then(v => console.log('ready', v));
`;

interface Run { child: ChildProcess; output: () => string }

function runMacro(file: string, bridge: MacroBridge): Run {
  const distDir = path.dirname(distFile('macro-shim.js'));
  let out = '';
  const child = spawn(process.execPath, [...macroNodeArgs(distDir), file], {
    env: { PATH: process.env.PATH ?? '', ...bridge.env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', d => { out += String(d); });
  child.stderr!.on('data', d => { out += String(d); });
  return { child, output: () => out };
}

const subscriptions = (emu: Emulator) => [...emu.device.sessions].reduce((n, s) => n + s.subscriptions.size, 0);

describe('local macro run through the loopback bridge', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let bridge: MacroBridge;
  let dir: string;
  let deviceConnected = true;
  const runs: ChildProcess[] = [];

  before(async () => {
    emu = await startEmulator({ tls: false, users: [{ username: 'integrator', password: PASSWORD, roles: [...KNOWN_ROLES] }] });
    bridge = await startMacroBridge({
      upstream: () => (deviceConnected ? createNodeTransport({ url: emu.url, username: 'integrator', password: PASSWORD }) : undefined),
    });
    dir = mkdtempSync(path.join(tmpdir(), 'xapi-macro-'));
    writeFileSync(path.join(dir, 'widget.js'), WIDGET_MACRO);
    writeFileSync(path.join(dir, 'legacy.js'), CJS_MACRO);
  });
  afterEach(async () => {
    for (const c of runs.splice(0)) c.kill();
    deviceConnected = true;
    // The next test counts the device's subscriptions: the killed runs' sessions must be gone first.
    await waitFor('the killed runs\' sessions to end', () => emu.device.sessions.size === 0 || undefined);
  });
  after(async () => {
    await bridge.close();
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an ES-module macro (no package.json) reacts to a widget event by setting the volume on the device', async () => {
    emu.device.setStatus('Audio Volume', 50);
    const run = runMacro(path.join(dir, 'widget.js'), bridge);
    runs.push(run.child);
    await waitFor('the macro to start', () => /ready 50/.test(run.output()) || undefined, { timeoutMs: 20_000 });
    emu.device.emitEvent('UserInterface Extensions Widget Action', { WidgetId: 'louder', Type: 'clicked', Value: '' });
    await waitFor('the volume the macro set', () => emu.device.getStatus('Audio Volume') === 42 || undefined);
  });

  it('the device password is in neither the environment nor the command line of the macro process', async () => {
    const run = runMacro(path.join(dir, 'widget.js'), bridge);
    runs.push(run.child);
    const line = await waitFor('the env line', () => /env .*/.exec(run.output())?.[0]);
    assert.ok(!line.includes(PASSWORD));
    assert.ok(!line.includes('XAPI_MACRO_BRIDGE_TOKEN'), 'the shim takes its token out of the environment');
    const config = nodeLaunchConfig({ program: path.join(dir, 'widget.js') }, '/x/dist', bridge.env, 'run-1');
    assert.ok(!JSON.stringify(config).includes(PASSWORD));
  });

  it('require(\'xapi\') works in a CommonJS macro, and stopping the run ends every subscription it made', async () => {
    const before = subscriptions(emu);
    const run = runMacro(path.join(dir, 'legacy.js'), bridge);
    runs.push(run.child);
    await waitFor('the macro to start', () => /ready \d+/.test(run.output()) || undefined, { timeoutMs: 20_000 });
    await waitFor('the macro\'s subscription on the device', () => subscriptions(emu) > before || undefined);
    emu.device.setStatus('Audio Volume', 33);
    await waitFor('the feedback in the macro', () => /volume now 33/.test(run.output()) || undefined);
    run.child.kill();
    await waitFor('the bridge to drop the macro\'s connection', () => bridge.connections === 0 || undefined);
    await waitFor('the device to end its subscriptions', () => subscriptions(emu) === before || undefined);
  });

  it('refuses a wrong token with 401, and says 502 while no device is connected', async () => {
    await assert.rejects(connect(bridge.url, { username: 'macro', password: 'not-the-token', reconnect: false }), AuthenticationError);
    deviceConnected = false;
    const token = bridge.env.XAPI_MACRO_BRIDGE_TOKEN;
    await assert.rejects(connect(bridge.url, { username: 'macro', password: token, reconnect: false }), (e: unknown) => e instanceof ConnectionError && /502/.test((e as Error).message));
  });
});
