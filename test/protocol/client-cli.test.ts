/**
 * `xapi run`, `xapi watch`, `xapi repl` as real processes against the emulator over real sockets.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/index';
import { existsSync, readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { complete, replCommand } from '../../cli/commands/repl';
import { runCommand } from '../../cli/commands/run';
import type { CliIO } from '../../cli/command';

const ROOT = path.resolve(__dirname, '../..');
const SECRET = 'cli-S3cret!';

interface Run { code: number | null; stdout: string; stderr: string }

function xapiCli(args: string[], opts: { env?: Record<string, string>; input?: string; onStderr?: (text: string) => void } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli/main.ts'), ...args], {
      cwd: ROOT, env: { ...process.env, XAPI_PASSWORD: SECRET, XAPI_HISTORY: path.join(tmpdir(), 'xapi-cli-test-history'), ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => { stdout += d; });
    child.stderr.on('data', d => { stderr += d; opts.onStderr?.(stderr); });
    child.on('error', reject);
    const timer = setTimeout(() => child.kill(), 25_000);
    child.on('close', code => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
    child.stdin.end(opts.input ?? '');
  });
}

async function waitFor(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise(r => setTimeout(r, 10));
  }
}

describe('xapi run / watch / repl (processes)', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let dir: string;
  before(async () => {
    emu = await startEmulator({ tls: false, users: [{ username: 'admin', password: SECRET, roles: ['Admin', 'User'] }] });
    dir = mkdtempSync(path.join(tmpdir(), 'xapi-cli-'));
  });
  after(async () => { await emu.stop(); rmSync(dir, { recursive: true, force: true }); });

  it('run: one line, printed as terminal text', async () => {
    emu.setStatus('Audio Volume', 42);
    const r = await xapiCli(['run', emu.url, 'xStatus Audio Volume']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '*s Audio Volume: 42\n** end\n');
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
    const r = await xapiCli(['run', emu.url, file, '--json']);
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
    const r = await xapiCli(['run', emu.url, 'xStatus Audio Volume'], { env: { XAPI_PASSWORD: 'wrong-' + SECRET } });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /^xapi run: Authentication failed for ws:\/\/127\.0\.0\.1:\d+\/ws \(HTTP 40[13]\)/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.ok(!(r.stdout + r.stderr).includes(SECRET));
  });

  it('run: usage errors exit 2; refused connections exit 3', async () => {
    const u = await xapiCli(['run', emu.url, 'hello world']);
    assert.equal(u.code, 2);
    assert.match(u.stderr, /line 1: not an xAPI line: hello world/);
    const c = await xapiCli(['run', 'ws://127.0.0.1:1', 'xStatus Audio Volume']);
    assert.equal(c.code, 3);
    assert.match(c.stderr, /connection refused/);
  });

  it('run: TLS self-signed refused unless --insecure or --ca', async () => {
    const tlsEmu = await startEmulator({ tls: true });
    try {
      const env = { XAPI_PASSWORD: '' };
      const refused = await xapiCli(['run', tlsEmu.url, 'xStatus Audio Volume'], { env });
      assert.equal(refused.code, 3);
      assert.match(refused.stderr, /not trusted.*allowSelfSignedTls/);
      const insecure = await xapiCli(['run', tlsEmu.url, 'xStatus Audio Volume', '--insecure'], { env });
      assert.equal(insecure.code, 0, insecure.stderr);
      const ca = path.join(dir, 'ca.pem');
      writeFileSync(ca, tlsEmu.certificate!);
      const pinned = await xapiCli(['run', tlsEmu.url, 'xStatus Audio Volume', '--ca', ca], { env });
      assert.equal(pinned.code, 0, pinned.stderr);
      assert.match(pinned.stdout, /^\*s Audio Volume: \d+/);
    } finally {
      await tlsEmu.stop();
    }
  });

  it('watch: prints statuses and events as they arrive', async () => {
    let fired = false;
    const r = await xapiCli(['watch', emu.url, 'Status Audio Volume', 'Event UserInterface Extensions Widget Action', 'Configuration SystemUnit Name', '--count', '3'], {
      onStderr: text => {
        if (!fired && text.includes('-- watching')) {
          fired = true;
          emu.setStatus('Audio Volume', 61);
          emu.emitEvent('UserInterface Extensions Widget Action', { WidgetId: 'w7', Type: 'clicked', Value: '' });
          emu.device.setConfiguration('SystemUnit Name', 'Watched Room');
        }
      },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\*s Audio Volume: 61\n/);
    assert.match(r.stdout, /\*e UserInterface Extensions Widget Action WidgetId: "w7"/);
    assert.match(r.stdout, /\*c xConfiguration SystemUnit Name: "Watched Room"/);
  });

  // A terminal cannot be real in a test: these feed a PassThrough marked as a TTY (in-process, real sockets to the emulator).
  function fakeTerminal(env: Record<string, string | undefined>): { io: CliIO; type(text: string): void; out(): string; err(): string } {
    const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin });
    stdin.setEncoding('utf8');
    let out = '';
    let err = '';
    const stdout = new PassThrough();
    stdout.on('data', d => { out += d; });
    const stderr = new PassThrough();
    stderr.on('data', d => { err += d; });
    return { io: { stdin, stdout, stderr, env: env as NodeJS.ProcessEnv }, type: t => { stdin.write(t); }, out: () => out, err: () => err };
  }

  it('run: without XAPI_PASSWORD it prompts on the terminal, without echo', async () => {
    const t = fakeTerminal({});
    const running = runCommand.run([emu.url, 'xStatus Audio Volume'], t.io);
    await waitFor(() => t.err().includes('Password for admin: '));
    t.type(SECRET.slice(0, 3) + 'x\u007f' + SECRET.slice(3) + '\r');
    assert.equal(await running, 0, t.err());
    assert.match(t.out(), /^\*s Audio Volume: \d+/);
    assert.ok(!(t.out() + t.err()).includes(SECRET), 'the password is not echoed');
  });

  it('repl: keeps history across sessions (arrow up recalls earlier lines)', async () => {
    const history = path.join(dir, 'history');
    const env = { XAPI_PASSWORD: SECRET, XAPI_HISTORY: history };
    emu.setStatus('Audio Volume', 38);
    const one = fakeTerminal(env);
    const first = replCommand.run([emu.url], one.io);
    await waitFor(() => one.out().includes('Connected to'));
    one.type('xStatus Audio Volume\r');
    await waitFor(() => one.out().includes('*s Audio Volume: 38'));
    one.type('.exit\r');
    assert.equal(await first, 0);
    assert.ok(existsSync(history));
    assert.match(readFileSync(history, 'utf8'), /^xStatus Audio Volume$/m);

    emu.setStatus('Audio Volume', 39);
    const two = fakeTerminal(env);
    const second = replCommand.run([emu.url], two.io);
    await waitFor(() => two.out().includes('Connected to'));
    const shown = two.out().length;
    two.type('\u001b[A'); // .exit
    two.type('\u001b[A'); // xStatus Audio Volume
    await waitFor(() => two.out().slice(shown).includes('xStatus Audio Volume')); // the recalled line is on screen
    two.type('\r');
    await waitFor(() => two.out().includes('*s Audio Volume: 39'));
    two.type('.exit\r');
    assert.equal(await second, 0);
  });

  it('repl: reads lines from stdin and answers each', async () => {
    const r = await xapiCli(['repl', emu.url], { input: 'xCommand Audio Volume Set Level: 25\nxStatus Audio Volume\nxStatus Nope\n.exit\n' });
    assert.equal(r.code, 1, 'one line failed');
    assert.match(r.stdout, /\*r AudioVolumeSetResult \(status=OK\):\n\*\* end\n\*s Audio Volume: 25\n\*\* end\nerror: xGet Status Nope: No match on Path argument/);
  });

  it('repl: completes keywords, paths and parameters from the schema', () => {
    assert.deepEqual(complete('xSt')[0], ['xStatus']);
    assert.deepEqual(complete('xStatus Audio V')[0], ['Volume', 'VolumeMute']);
    assert.ok(complete('xCommand Dial Num')[0].includes('Number:'));
    assert.deepEqual(complete('xFeedback register /Status/Aud')[0], ['/Status/Audio']);
  });
});
