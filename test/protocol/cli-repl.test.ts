/**
 * `xapi repl` in-process (CliIO of PassThroughs; a terminal where the test is about keystrokes) against the
 * emulator over real sockets on port 0: multiline commands, Ctrl-C, feedback over the prompt, completion.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/index';
import { replCommand } from '../../cli/commands/repl';
import { coreIndex } from '../../cli/schemaOption';
import { complete } from '../../cli/replCompletion';
import { coreSchema } from '../../schema/core';
import type { Schema, SchemaNode } from '../../schema/model';
import { toXdoc } from '../../schema/xdocWriter';
import { fakeConsole, runCli, type FakeConsole } from './cli-support';
import { waitFor } from '../support/waitFor';

const SECRET = 'repl-S3cret!';
const PANEL_XML = '<Extensions><Panel><PanelId>p3</PanelId><Name>Three</Name></Panel></Extensions>';

/** The core schema plus one command only this "device" has, to see completion follow the device's xDoc. */
function deviceSchema(): Schema {
  const core = coreSchema();
  const dial = core.nodes.find(n => n.kind === 'Command' && n.normPath === 'Dial')!;
  const names = ['Zygote', 'Spawn'];
  const extra: SchemaNode = { ...dial, names, normPath: names.join(' '), variants: dial.variants.map(v => ({ ...v, path: names.map(name => ({ name })) })) };
  return { ...core, version: 'device-test', nodes: [...core.nodes, extra] };
}

describe('xapi repl (in-process)', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let dir: string;
  let env: Record<string, string>;
  before(async () => {
    emu = await startEmulator({ tls: false, schema: deviceSchema(), users: [{ username: 'admin', password: SECRET, roles: ['Admin', 'User'] }] });
    dir = mkdtempSync(path.join(tmpdir(), 'xapi-repl-'));
    env = { XAPI_PASSWORD: SECRET, XAPI_HISTORY: path.join(dir, 'history') };
  });
  after(async () => { await emu.stop(); rmSync(dir, { recursive: true, force: true }); });

  // A failed test must not leave its session open (the process would not exit): Ctrl-C twice ends it.
  let sessions: Array<{ t: FakeConsole; done: Promise<number> }> = [];
  afterEach(async () => {
    for (const s of sessions) { s.t.type('\u0003\u0003'); s.t.end(); await s.done.catch(() => undefined); }
    sessions = [];
  });

  /** A repl on a (fake) terminal, connected and showing its first prompt. */
  async function terminalRepl(args: string[] = []): Promise<{ t: FakeConsole; done: Promise<number> }> {
    const t = fakeConsole(env, { tty: true });
    const done = replCommand.run([emu.url, ...args], t.io);
    sessions.push({ t, done });
    await waitFor('the first prompt', () => t.out().includes('Connected to') && t.out().includes('xapi> '));
    return { t, done };
  }

  it('a multiline command continues on a "..." prompt until the lone "." and is sent with its body', async () => {
    const { t, done } = await terminalRepl();
    t.type('xCommand UserInterface Extensions Panel Save PanelId: "p3"\r');
    await waitFor('the continuation prompt', () => t.out().includes('...   '));
    t.type(PANEL_XML + '\r');
    t.type('.\r');
    await waitFor('the answer', () => t.out().includes('** end'));
    const saved = emu.device.commandsReceived.find(c => c.path === 'UserInterface Extensions Panel Save' && c.params.PanelId === 'p3');
    assert.equal(saved?.body, PANEL_XML);
    assert.doesNotMatch(t.out(), /not an xAPI line/);
    t.type('.exit\r');
    assert.equal(await done, 0);
  });

  it('a multiline command from a pipe is sent with its body too', async () => {
    const r = await runCli(['repl', emu.url], env,
      `xCommand UserInterface Extensions Panel Save PanelId: piped\n${PANEL_XML.replace('p3', 'piped')}\n.\nxStatus Audio Volume\n.exit\n`);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^\*r UserInterfaceExtensionsPanelSaveResult \(status=OK\):\n\*\* end\n\*s Audio Volume: \d+\n\*\* end\n$/);
    const saved = emu.device.commandsReceived.find(c => c.params.PanelId === 'piped');
    assert.match(saved?.body ?? '', /<PanelId>piped<\/PanelId>/);
  });

  it('reads lines from stdin and answers each', async () => {
    const r = await runCli(['repl', emu.url], env, 'xCommand Audio Volume Set Level: 25\nxStatus Audio Volume\nxStatus Nope\n.exit\n');
    assert.equal(r.code, 1, 'one line failed');
    assert.match(r.stdout, /\*r AudioVolumeSetResult \(status=OK\):\n\*\* end\n\*s Audio Volume: 25\n\*\* end\nerror: xGet Status Nope: No match on Path argument/);
  });

  it('Ctrl-C clears a half-typed line and keeps the session; on an empty line it leaves', async () => {
    emu.setStatus('Audio Volume', 33);
    const { t, done } = await terminalRepl();
    t.type('xStat');
    t.type('\u0003');
    t.type('xStatus Audio Volume\r');
    await waitFor('the answer', () => t.out().includes('*s Audio Volume: 33'));
    assert.doesNotMatch(t.out(), /xStatxStatus|not an xAPI line|error:/);
    // A multiline command half-typed: Ctrl-C abandons it (nothing is sent), the prompt is back.
    t.type('xCommand UserInterface Extensions Panel Save PanelId: cancelled\r');
    await waitFor('the continuation prompt', () => t.out().includes('...   '));
    const shown = t.out().length;
    t.type('<Extensions/>\u0003');
    await waitFor('the main prompt again', () => t.out().slice(shown).includes('xapi> '));
    t.type('\u0003'); // on an empty line: leave
    assert.equal(await done, 0);
    assert.ok(!emu.device.commandsReceived.some(c => c.params.PanelId === 'cancelled'));
  });

  it('feedback arriving while a line is half-typed is printed above the prompt, which is redrawn with the line', async () => {
    const { t, done } = await terminalRepl(['--schema', writeCoreSchemaFile()]); // --schema: no xDoc read to race with
    t.type('xFeedback register /Status/Audio/Volume\r');
    await waitFor('the registration', () => t.out().includes('** end'));
    t.type('xStat');
    await waitFor('the echo', () => t.out().endsWith('xStat'));
    emu.setStatus('Audio Volume', 57);
    await waitFor('the redrawn prompt', () => /\*s Audio Volume: 57\n[^]*xapi> xStat(\u001b\[\d+G)?$/.test(t.out()));
    const at = t.out().lastIndexOf('*s Audio Volume: 57');
    assert.match(t.out().slice(0, at), /\u001b\[2K\u001b\[1G$/, 'the half-typed line is cleared before printing');
    t.type('us Audio Volume\r');
    await waitFor('the answer to the completed line', () => t.out().includes('*s Audio Volume: 57\n** end'));
    t.type('.exit\r');
    assert.equal(await done, 0);
  });

  it('keeps history across sessions (arrow up recalls earlier lines)', async () => {
    emu.setStatus('Audio Volume', 38);
    const one = await terminalRepl();
    one.t.type('xStatus Audio Volume\r');
    await waitFor('the answer', () => one.t.out().includes('*s Audio Volume: 38'));
    one.t.type('.exit\r');
    assert.equal(await one.done, 0);
    assert.ok(existsSync(env.XAPI_HISTORY));
    assert.match(readFileSync(env.XAPI_HISTORY, 'utf8'), /^xStatus Audio Volume$/m);

    emu.setStatus('Audio Volume', 39);
    const two = await terminalRepl();
    const shown = two.t.out().length;
    two.t.type('\u001b[A'); // .exit
    two.t.type('\u001b[A'); // xStatus Audio Volume
    await waitFor('the recalled line', () => two.t.out().slice(shown).includes('xStatus Audio Volume'));
    two.t.type('\r');
    await waitFor('the answer', () => two.t.out().includes('*s Audio Volume: 39'));
    two.t.type('.exit\r');
    assert.equal(await two.done, 0);
  });

  describe('completion', () => {
    it('keywords, paths and parameter names end with a space, so Tab after Tab walks on', () => {
      assert.deepEqual(complete('xSt', coreIndex())[0], ['xStatus ']);
      assert.deepEqual(complete('xStatus Audio V', coreIndex())[0], ['Volume ', 'VolumeMute ']);
      assert.ok(complete('xCommand Dial Num', coreIndex())[0].includes('Number: '));
      assert.deepEqual(complete('xFeedback register /Status/Aud', coreIndex())[0], ['/Status/Audio']);
    });

    it('values: literal parameter and configuration values', () => {
      assert.deepEqual(complete('xCommand Dial Number: 1 CallType: ', coreIndex())[0], ['Auto ', 'Audio ', 'Video ']);
      assert.deepEqual(complete('xCommand Dial CallType: Vi', coreIndex())[0], ['Video ']);
      assert.deepEqual(complete('xCommand Dial CallType:Au', coreIndex()), [['CallType:Auto ', 'CallType:Audio '], 'CallType:Au']);
      const standby = complete('xConfiguration Standby Control: ', coreIndex())[0];
      assert.ok(standby.includes('Off ') && standby.includes('On '), standby.join());
      assert.deepEqual(complete('xCommand Dial Number: ', coreIndex())[0], [], 'a string has no values to offer');
    });

    it('follows the device\'s own schema (xDoc) once it is read', async () => {
      const { t, done } = await terminalRepl();
      await waitFor('the device schema', () => t.out().includes("completion from the device's schema"));
      t.type('xCommand Zyg\t');
      await waitFor('the completed device-only segment', () => t.out().includes('xCommand Zygote '));
      t.type('\u0003\u0003');
      assert.equal(await done, 0);
    });

    it('--schema FILE replaces the device schema (a usage error with --version too)', async () => {
      const { t, done } = await terminalRepl(['--schema', writeCoreSchemaFile()]);
      t.type('xCommand Zyg\t');
      t.type('\rxStatus Audio Volume\r');
      await waitFor('the answer', () => t.out().includes('** end'));
      assert.doesNotMatch(t.out(), /Zygote/);
      assert.doesNotMatch(t.out(), /completion from the device/);
      t.type('.exit\r');
      assert.equal(await done, 0);
      const both = await runCli(['repl', emu.url, '--schema', 'x.json', '--version', '11.27.2.0'], env);
      assert.equal(both.code, 2);
      assert.match(both.stderr, /either --schema or --version/);
    });
  });

  let coreFile: string | undefined;
  /** The core schema as a file in the device xDoc format the loaders read. */
  function writeCoreSchemaFile(): string {
    if (coreFile) return coreFile;
    coreFile = path.join(dir, 'core.json');
    writeFileSync(coreFile, JSON.stringify(coreSchemaAsPublishedJson()));
    return coreFile;
  }
});

/** The core schema as an xDoc tree, a format the `--schema` loader reads. */
function coreSchemaAsPublishedJson(): unknown {
  const core = coreSchema();
  return { Command: toXdoc(core, 'Command'), Configuration: toXdoc(core, 'Configuration'), StatusSchema: toXdoc(core, 'Status'), Event: toXdoc(core, 'Event') };
}
