/**
 * `xapi fleet run` (the built dist/cli.js) killed with SIGKILL at random points, then resumed (and killed again)
 * until a run ends on its own, against a simulated fleet (emulator/simulatedFleet.ts: some devices offline, one with
 * another password). Whatever the kill points: no device is changed twice, and a device that was not changed is
 * reported — unknown, failed with its reason, or ok only if it was changed exactly once. Also `xapi emulator
 * --fleet N --inventory FILE` as a process: the inventory it writes drives a query.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { fleetInventory, startSimulatedFleet, type SimulatedFleet } from '../../emulator/simulatedFleet';
import { rng } from '../support/rng';
import { distFile } from '../support/dist';
import { waitFor } from '../support/waitFor';
import { readJournal } from '../../fleet/journal';

const PW = 'kill-test-pw';

function cli(args: string[], env: NodeJS.ProcessEnv, killAfterMs?: number): Promise<{ code: number | null; stdout: string; killed: boolean }> {
  const child = spawn(process.execPath, [distFile('cli.js'), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', d => { stdout += d; });
  child.stderr.resume();
  let killed = false;
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => { killed = child.kill('SIGKILL'); }, killAfterMs);
  return new Promise(resolve => child.on('exit', code => { clearTimeout(timer); resolve({ code, stdout, killed: killed && code === null }); }));
}

describe('xapi fleet run killed at random points, then resumed', function () {
  this.timeout(180_000);
  let fleet: SimulatedFleet;
  let dir: string;
  let inventory: string;
  before(async () => {
    fleet = await startSimulatedFleet(26, PW);
    dir = mkdtempSync(path.join(tmpdir(), 'xapi-fleet-kill-'));
    inventory = path.join(dir, 'rooms.yaml');
    writeFileSync(inventory, fleetInventory(fleet.devices, 'FLEET_PW'));
  });
  after(async () => {
    await fleet.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** How many times each reachable device was told to set its volume (the change under test). */
  const changes = () => new Map(fleet.emulators.map(e => [e.url, e.device.commandsReceived.filter(c => c.path === 'Audio Volume Set').length]));

  /** Reads around the change, so a device's run takes long enough to be cut in the middle of it. */
  const scriptFor = (level: number) => [...Array(15).fill('xStatus Audio Volume'), `xCommand Audio Volume Set Level: ${level}`, ...Array(15).fill('xStatus Standby State')].join('\n') + '\n';
  let runMs = 0;

  it('calibrates: how long a whole run takes here (read-only)', async () => {
    const script = path.join(dir, 'reads.xapi');
    writeFileSync(script, scriptFor(0).replace(/xCommand.*\n/, ''));
    const t0 = Date.now();
    const r = await cli(['fleet', 'run', script, '-i', inventory, '--concurrency', '2', '--json'], { FLEET_PW: PW });
    runMs = Date.now() - t0;
    assert.equal(r.code, 1, 'the faulty devices fail');
  });

  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: no device is changed twice; none is missed without being reported`, async () => {
      const random = rng(seed);
      const before = changes();
      const script = path.join(dir, `s${seed}.xapi`);
      writeFileSync(script, scriptFor(20 + seed));
      const journal = path.join(dir, `j${seed}.jsonl`);
      const env = { FLEET_PW: PW };
      // Kills at random points of a run (node's start included), up to four, then a run that ends on its own.
      const killAt = () => runMs * (0.2 + random() * 0.5);
      let run = await cli(['fleet', 'run', script, '-i', inventory, '--journal', journal, '--concurrency', '2', '--json'], env, killAt());
      let kills = run.killed ? 1 : 0;
      while (run.killed) {
        run = await cli(['fleet', 'run', script, '-i', inventory, '--resume', journal, '--concurrency', '2', '--json'], env, kills < 4 ? killAt() : undefined);
        if (run.killed) kills++;
      }
      assert.ok(kills >= 1, 'the runner was killed at least once before it ended');
      assert.ok([0, 1].includes(run.code ?? -1), `the last run ended on its own (${run.code})`);
      const report = new Map(run.stdout.trim().split('\n').map(l => JSON.parse(l)).map(l => [l.url, l]));
      const after = changes();
      for (const d of fleet.devices) {
        const r = report.get(d.url);
        assert.ok(r, `${d.name} is in the report`);
        const n = (after.get(d.url) ?? 0) - (before.get(d.url) ?? 0);
        assert.ok(n <= 1, `${d.name} changed ${n} times (kills: ${kills})`);
        if (r.status === 'ok') assert.equal(n, 1, `${d.name} is ok: changed once`);
        else if (r.status === 'failed') assert.ok(d.fault || n === 0 || r.kind, `${d.name} failed: ${r.reason}`);
        else assert.equal(r.status, 'unknown', `${d.name}: ${r.status}`);
        // A faulty device fails with its reason, unless a kill left it unknown (its intent, and no outcome).
        if (d.fault === 'offline' && r.status === 'failed') assert.equal(r.kind, 'offline');
        if (d.fault === 'wrong password' && r.status === 'failed') assert.equal(r.kind, 'auth');
      }
    });
  }

  it('Ctrl-C lets the devices in flight finish and starts no more (130); a second Ctrl-C leaves them unknown', async () => {
    const script = path.join(dir, 'sigint.xapi');
    writeFileSync(script, scriptFor(33));
    for (const presses of [1, 2]) {
      const journal = path.join(dir, `sigint-${presses}.jsonl`);
      const child = spawn(process.execPath, [distFile('cli.js'), 'fleet', 'run', script, '-i', inventory, '--journal', journal, '--concurrency', '1', '--json', '--no-gating'],
        { env: { ...process.env, FLEET_PW: PW }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      child.stdout.on('data', d => { stdout += d; });
      let stderr = '';
      child.stderr.on('data', d => { stderr += d; });
      // Once the run is under way (its journal has an intent), interrupt it.
      await waitFor('the run under way', () => existsSync(journal) && readFileSync(journal, 'utf8').includes('"intent"'), { timeoutMs: 30_000 });
      child.kill('SIGINT');
      if (presses === 2) child.kill('SIGINT');
      const code = await new Promise(r => child.on('exit', r));
      assert.equal(code, 130, stderr);
      const rows = stdout.trim().split('\n').map(l => JSON.parse(l));
      assert.equal(rows.length, fleet.devices.length, 'every device in the report');
      assert.ok(rows.some(r => r.status === 'not-run' && r.kind === 'interrupted'), 'the rest not started');
      const state = readJournal(journal);
      const unknown = rows.filter(r => r.status === 'unknown').map(r => r.device);
      if (presses === 1) assert.deepEqual([unknown, [...state.unknown]], [[], []], 'in flight: finished and journaled');
      else {
        // Abandoned in flight (at most one at concurrency 1, none if it had just finished): unknown in the report and
        // in the journal alike, so a resume knows it.
        assert.ok(unknown.length <= 1);
        assert.deepEqual([...state.unknown], unknown);
      }
    }
  });

  it('xapi emulator --fleet N --inventory FILE writes an inventory that drives a fleet query', async () => {
    const file = path.join(dir, 'generated.yaml');
    const child = spawn(process.execPath, [distFile('cli.js'), 'emulator', '--fleet', '6', '--inventory', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      assert.match((await lines.next()).value as string, /^listening wss:\/\/127\.0\.0\.1:\d+\/ws \(one of 6 simulated devices, each below\)$/);
      const password = /^export FLEET_PW='(\S+)'$/.exec((await lines.next()).value as string)?.[1];
      assert.ok(password);
      assert.match((await lines.next()).value as string, /^inventory .*generated\.yaml$/);
      assert.match((await lines.next()).value as string, new RegExp(`^try: xapi fleet query 'xStatus SystemUnit Software Version' -i .*generated\\.yaml$`));
      const q = await cli(['fleet', 'query', 'xStatus SystemUnit ProductId', '-i', file, '--json'], { FLEET_PW: password });
      const rows = q.stdout.trim().split('\n').map(l => JSON.parse(l));
      assert.equal(rows.length, 6);
      assert.ok(rows.filter(r => r.status === 'ok').length >= 4);
      assert.ok(rows.some(r => r.kind === 'offline'), 'the fifth is offline');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
