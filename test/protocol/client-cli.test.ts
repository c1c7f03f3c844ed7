/**
 * `xapi run` and `xapi watch` in-process (cli/main.ts through a CliIO of PassThroughs) against the emulator
 * over real sockets on port 0. The repl has its own file (cli-repl.test.ts).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/index';
import { runCommand } from '../../cli/commands/run';
import { main } from '../../cli/main';
import { fakeConsole, runCli } from './cli-support';
import { waitFor } from '../support/waitFor';

const SECRET = 'cli-S3cret!';
const ENV = { XAPI_PASSWORD: SECRET };

describe('xapi run / watch (in-process)', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let dir: string;
  before(async () => {
    emu = await startEmulator({
      tls: false,
      users: [{ username: 'admin', password: SECRET, roles: ['Admin', 'User'] }, { username: 'viewer', password: 'view-PW', roles: ['User'] }],
    });
    dir = mkdtempSync(path.join(tmpdir(), 'xapi-cli-'));
  });
  after(async () => { await emu.stop(); rmSync(dir, { recursive: true, force: true }); });

  it('run: one line, printed as terminal text', async () => {
    emu.setStatus('Audio Volume', 42);
    const r = await runCli(['run', emu.url, 'xStatus Audio Volume'], ENV);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '*s Audio Volume: 42\n** end\n');
  });

  it('run: each argument is its own statement (not glued into one line)', async () => {
    emu.setStatus('Audio Volume', 43);
    const r = await runCli(['run', emu.url, 'xStatus Audio Volume', 'xStatus SystemUnit Uptime', '--json'], ENV);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map(l => JSON.parse(l));
    assert.deepEqual(lines.map(l => [l.arg, l.line, l.path.join(' ')]), [[1, 1, 'Status Audio Volume'], [2, 1, 'Status SystemUnit Uptime']]);
    assert.equal(lines[0].result, 43);
    assert.equal(typeof lines[1].result, 'number');
  });

  it('run: one argument may still hold several lines; a bad one names its argument', async () => {
    const r = await runCli(['run', emu.url, 'xStatus Audio Volume\nxStatus SystemUnit Uptime'], ENV);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\*s Audio Volume: \d+\n\*\* end\n\*s SystemUnit Uptime: \d+\n\*\* end\n$/);
    const bad = await runCli(['run', emu.url, 'xStatus Audio Volume', 'hello world'], ENV);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^xapi run: argument 2 line 1: not an xAPI line: hello world$/m);
  });

  it('run: a .xapi file with a configuration, a multiline command and a failing line; --json', async () => {
    const file = path.join(dir, 'setup.xapi');
    writeFileSync(file, [
      '# set up the room',
      'xConfiguration SystemUnit Name: "CLI Room"',
      'xCommand UserInterface Extensions Panel Save PanelId: cli1',
      '<Extensions><Panel><PanelId>cli1</PanelId><Name>CLI</Name></Panel></Extensions>',
      '.',
      'xCommand Dail Number: 1',
      'xConfiguration SystemUnit Name',
    ].join('\n'));
    const r = await runCli(['run', emu.url, file, '--json'], ENV);
    assert.equal(r.code, 1, 'one line failed');
    assert.equal(r.stderr.trim(), 'xapi run: line 6: xCommand Dail: Method Not Found');
    const lines = r.stdout.trim().split('\n').map(l => JSON.parse(l));
    assert.deepEqual(lines.map(l => l.line), [2, 3, 6, 7]);
    assert.equal(lines[2].error.name, 'NotFoundError');
    assert.equal(lines[3].result, 'CLI Room');
    const saved = emu.device.commandsReceived.find(c => c.path === 'UserInterface Extensions Panel Save' && c.params.PanelId === 'cli1');
    assert.match(saved?.body ?? '', /<Name>CLI<\/Name>/);
  });

  it('run: wrong password → one-line AuthenticationError, exit 3, password never printed', async () => {
    const r = await runCli(['run', emu.url, 'xStatus Audio Volume'], { XAPI_PASSWORD: 'wrong-' + SECRET });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /^xapi run: Authentication failed for ws:\/\/127\.0\.0\.1:\d+\/ws \(HTTP 40[13]\)/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.ok(!(r.stdout + r.stderr).includes(SECRET));
  });

  it('run: user and password in the URL take effect, and the password is never echoed', async () => {
    const port = new URL(emu.url).port;
    // No XAPI_PASSWORD and no terminal: only the URL can supply the password.
    const ok = await runCli(['run', `ws://viewer:view-PW@127.0.0.1:${port}/ws`, 'xStatus Audio Volume'], {});
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^\*s Audio Volume: \d+/);
    // The URL's user is the one that logs in: viewer (role User) may not save a panel.
    const denied = await runCli(['run', `ws://viewer:view-PW@127.0.0.1:${port}/ws`, 'xCommand UserInterface Extensions Panel Remove PanelId: x'], {});
    assert.equal(denied.code, 1);
    assert.match(denied.stderr, /[Pp]ermission|[Aa]ccess/);
    const wrong = await runCli(['run', `ws://viewer:not-the-PW@127.0.0.1:${port}/ws`, 'xStatus Audio Volume'], {});
    assert.equal(wrong.code, 3);
    assert.ok(!(wrong.stdout + wrong.stderr).includes('not-the-PW'), wrong.stderr);
    const clash = await runCli(['run', `ws://viewer:view-PW@127.0.0.1:${port}/ws`, 'xStatus Audio Volume', '--user', 'admin'], {});
    assert.equal(clash.code, 2);
    assert.ok(!clash.stderr.includes('view-PW'), clash.stderr);
  });

  it('run: XAPI_PASSWORD unset without a terminal is a usage error; an empty one is allowed', async () => {
    const r = await runCli(['run', emu.url, 'xStatus Audio Volume'], {});
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^xapi run: .*set XAPI_PASSWORD/);
    const open = await startEmulator({ tls: false, users: [{ username: 'admin', password: '', roles: ['Admin'] }] });
    try {
      const empty = await runCli(['run', open.url, 'xStatus Audio Volume'], { XAPI_PASSWORD: '' });
      assert.equal(empty.code, 0, empty.stderr);
    } finally {
      await open.stop();
    }
  });

  it('run: usage errors exit 2; refused connections exit 3', async () => {
    const u = await runCli(['run', emu.url, 'hello world'], ENV);
    assert.equal(u.code, 2);
    assert.match(u.stderr, /line 1: not an xAPI line: hello world/);
    const c = await runCli(['run', 'ws://127.0.0.1:1', 'xStatus Audio Volume'], ENV);
    assert.equal(c.code, 3);
    assert.match(c.stderr, /connection refused/);
  });

  it('run: TLS self-signed refused with a hint naming --ca and --insecure; both then work', async () => {
    const tlsEmu = await startEmulator({ tls: true });
    try {
      const env = { XAPI_PASSWORD: '' };
      const refused = await runCli(['run', tlsEmu.url, 'xStatus Audio Volume'], env);
      assert.equal(refused.code, 3);
      assert.match(refused.stderr, /not trusted.*--ca FILE.*--insecure/);
      assert.doesNotMatch(refused.stderr, /allowSelfSignedTls|\{ ca/);
      const insecure = await runCli(['run', tlsEmu.url, 'xStatus Audio Volume', '--insecure'], env);
      assert.equal(insecure.code, 0, insecure.stderr);
      const ca = path.join(dir, 'ca.pem');
      writeFileSync(ca, tlsEmu.certificate!);
      const pinned = await runCli(['run', tlsEmu.url, 'xStatus Audio Volume', '--ca', ca], env);
      assert.equal(pinned.code, 0, pinned.stderr);
      assert.match(pinned.stdout, /^\*s Audio Volume: \d+/);
      const types = await runCli(['types', '--device', tlsEmu.url, '--ca', ca], env);
      assert.equal(types.code, 0, types.stderr);
      assert.match(types.stdout, /declare module/);
    } finally {
      await tlsEmu.stop();
    }
  });

  it('watch: prints statuses and events as they arrive', async () => {
    const c = fakeConsole(ENV);
    const done = main(['watch', emu.url, 'Status Audio Volume', 'Event UserInterface Extensions Widget Action', 'Configuration SystemUnit Name', '--count', '3'], c.io);
    await waitFor('the watch to start', () => c.err().includes('-- watching'));
    emu.setStatus('Audio Volume', 61);
    emu.emitEvent('UserInterface Extensions Widget Action', { WidgetId: 'w7', Type: 'clicked', Value: '' });
    emu.device.setConfiguration('SystemUnit Name', 'Watched Room');
    assert.equal(await done, 0, c.err());
    await waitFor('the last notification', () => c.out().includes('Watched Room'));
    assert.match(c.out(), /^\*s Audio Volume: 61\n/);
    assert.match(c.out(), /\*e UserInterface Extensions Widget Action WidgetId: "w7"/);
    assert.match(c.out(), /\*c xConfiguration SystemUnit Name: "Watched Room"/);
  });

  it('run: without XAPI_PASSWORD it prompts on the terminal, without echo', async () => {
    const t = fakeConsole({}, { tty: true });
    const running = runCommand.run([emu.url, 'xStatus Audio Volume'], t.io);
    await waitFor('the prompt', () => t.err().includes('Password for admin: '));
    t.type(SECRET.slice(0, 3) + 'x\u007f' + SECRET.slice(3) + '\r');
    assert.equal(await running, 0, t.err());
    await waitFor('the answer', () => t.out().includes('** end'));
    assert.match(t.out(), /^\*s Audio Volume: \d+/);
    assert.ok(!(t.out() + t.err()).includes(SECRET), 'the password is not echoed');
  });
});
