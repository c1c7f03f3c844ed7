/**
 * The emulator's certificate kept across restarts (`stateDir`, `xapi emulator --state-dir DIR --cert-out FILE`):
 * a client pinned with `ca` to the written PEM follows the device through a restart, verification on.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { EmulatorError, startEmulator } from '../../emulator/index';
import { STATE_CERT_FILE, STATE_KEY_FILE } from '../../emulator/tls';
import { parseEmulatorArgs } from '../../cli/commands/emulator';
import { UsageError } from '../../cli/command';
import { connect } from '../../xapi/index';

const ROOT = path.resolve(__dirname, '../..');

async function connectsWithCa(url: string, ca: string): Promise<void> {
  const x = await connect(url, { ca, reconnect: false });
  try {
    assert.equal(await x.status.get('Audio Volume'), 50);
  } finally {
    await x.close();
  }
}

/** `xapi emulator` as a process until its first line; resolves with the URL and a stop function. */
async function startCli(args: string[]): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['cli/main.ts', 'emulator', ...args], { cwd: ROOT, stdio: 'pipe' });
  const exited = new Promise<void>(r => child.on('exit', () => r()));
  const first = await readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]().next();
  const line = String(first.value ?? '');
  assert.match(line, /^listening wss:\/\//);
  return { url: line.slice('listening '.length), stop: async () => { child.kill('SIGTERM'); await exited; } };
}

describe('emulator certificate kept in a state folder', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(path.join(tmpdir(), 'xapi-emu-state-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('two starts with the same stateDir present the same certificate; the key file is private', async () => {
    const a = await startEmulator({ stateDir: dir });
    const pem = a.certificate!;
    await connectsWithCa(a.url, pem);
    await a.stop();
    assert.equal((await stat(path.join(dir, STATE_KEY_FILE))).mode & 0o777, 0o600);
    assert.equal(await readFile(path.join(dir, STATE_CERT_FILE), 'utf8'), pem);
    const b = await startEmulator({ stateDir: dir });
    try {
      assert.equal(b.certificate, pem);
      await connectsWithCa(b.url, pem);
    } finally {
      await b.stop();
    }
    const fresh = await startEmulator({});
    try {
      assert.notEqual(fresh.certificate, pem, 'without a state folder every start makes its own');
    } finally {
      await fresh.stop();
    }
  });

  it('refuses a broken pair with a typed error instead of replacing it, and needs TLS', async () => {
    await writeFile(path.join(dir, STATE_KEY_FILE), 'not a key');
    await assert.rejects(startEmulator({ stateDir: dir }), (e: unknown) => e instanceof EmulatorError && /only one of/.test(e.message));
    await writeFile(path.join(dir, STATE_CERT_FILE), 'not a cert');
    await assert.rejects(startEmulator({ stateDir: dir }), (e: unknown) => e instanceof EmulatorError && /not valid PEM/.test(e.message));
    await assert.rejects(startEmulator({ stateDir: dir, tls: false }), EmulatorError);
    assert.throws(() => parseEmulatorArgs(['--no-tls', '--cert-out', 'x.pem']), UsageError);
  });

  it('xapi emulator --state-dir --cert-out: a client with ca of the written PEM connects before and after a restart', async () => {
    const state = path.join(dir, 'state');
    const certOut = path.join(dir, 'device.pem');
    const first = await startCli(['--state-dir', state, '--cert-out', certOut, '--user', 'admin:']);
    const pem = await readFile(certOut, 'utf8');
    try { await connectsWithCa(first.url, pem); } finally { await first.stop(); }
    await rm(certOut);
    const second = await startCli(['--state-dir', state, '--cert-out', certOut, '--user', 'admin:']);
    try {
      assert.equal(await readFile(certOut, 'utf8'), pem);
      await connectsWithCa(second.url, pem);
    } finally { await second.stop(); }
  });
});
