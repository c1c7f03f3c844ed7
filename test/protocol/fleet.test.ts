/**
 * `xapi fleet` and the fleet runner (fleet/) against real simulated devices over sockets (port 0, loopback) and the
 * simulated Webex cloud over HTTP: queries and scripts across a mixed inventory, every device accounted for with
 * its reason (offline, wrong password, a refused line), the canary and the threshold stopping a run, the journal
 * and resume (done devices left alone, unknown ones reported or retried), interruption, the concurrency cap.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/index';
import { startSimulatedCloud, type SimulatedCloud } from '../../emulator/cloud/server';
import type { InventoryDevice } from '../../fleet/inventory';
import { fleetInventory, startSimulatedFleet } from '../../emulator/simulatedFleet';
import { Journal, readJournal } from '../../fleet/journal';
import { SchemasByModel } from '../../fleet/gating';
import { runFleet } from '../../fleet/runner';
import { fakeConsole, runCli } from './cli-support';
import { closedPort } from '../support/closedPort';
import { main } from '../../cli/main';
import { waitFor } from '../support/waitFor';
import { connect } from '../../xapi/index';

const PW = 'fleet-pw';

/** `--json` output: one object per device. */
const lines = (out: string) => out.trim().split('\n').map(l => JSON.parse(l));

/** A room's volume, read as another client would. */
async function volumeOf(room: Emulator): Promise<unknown> {
  const x = await connect(room.url, { username: 'admin', password: PW, reconnect: false });
  try { return await x.status.get('Audio Volume'); } finally { await x.close(); }
}

describe('xapi fleet', function () {
  this.timeout(60_000);
  const rooms: Emulator[] = [];
  let cloud: SimulatedCloud;
  let dir: string;
  let inventory: string;
  let env: Record<string, string>;

  before(async () => {
    for (let i = 0; i < 3; i++) rooms.push(await startEmulator({ tls: false, users: [{ username: 'admin', password: PW, roles: ['Admin'] }] }));
    cloud = await startSimulatedCloud({ fleet: 2 });
    cloud.setConnectionStatus(cloud.devices[1].id, 'disconnected');
    dir = mkdtempSync(path.join(tmpdir(), 'xapi-fleet-'));
    const down = await closedPort();
    inventory = path.join(dir, 'rooms.yaml');
    writeFileSync(inventory, [
      'defaults: { password: env:ROOM_PW }',
      'devices:',
      ...rooms.map((r, i) => `  - { name: Room ${i + 1}, url: "${r.url}", tags: [boardroom${i === 2 ? ', floor-3' : ''}] }`),
      `  - { name: Wrong Password, url: "${rooms[0].url}", password: env:WRONG_PW, tags: [misc] }`,
      `  - { name: Unplugged, url: "ws://127.0.0.1:${down}/ws", tags: [misc] }`,
      ...cloud.devices.map((d, i) => `  - { name: Cloud ${i + 1}, url: "webex://${d.id}", tags: [cloud] }`),
    ].join('\n'));
    env = { ROOM_PW: PW, WRONG_PW: 'nope', WEBEX_TOKEN: cloud.tokens[0].token, WEBEX_BASE_URL: cloud.baseUrl };
  });
  after(async () => {
    for (const r of rooms) await r.stop();
    await cloud.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('query: a row per device with its values; each failure with its kind; exit 1 when any failed', async () => {
    rooms[1].setStatus('Audio Volume', 61);
    const r = await runCli(['fleet', 'query', 'xStatus Audio Volume', 'xConfiguration Audio DefaultVolume', '-i', inventory, '--json'], env);
    assert.equal(r.code, 1, r.stderr);
    const byName = new Map(lines(r.stdout).map(l => [l.device, l]));
    assert.deepEqual([...byName.keys()], ['Room 1', 'Room 2', 'Room 3', 'Wrong Password', 'Unplugged', 'Cloud 1', 'Cloud 2'], 'every device, in inventory order');
    assert.equal(byName.get('Room 2').value['Status Audio Volume'], 61);
    assert.equal(byName.get('Cloud 1').status, 'ok');
    assert.equal(typeof byName.get('Cloud 1').value['Configuration Audio DefaultVolume'], 'number');
    assert.equal(byName.get('Wrong Password').kind, 'auth');
    assert.equal(byName.get('Unplugged').kind, 'offline');
    assert.equal(byName.get('Cloud 2').status, 'failed');
    assert.match(byName.get('Cloud 2').reason, /not connected to Webex/);
    assert.match(r.stderr, /^-- 4 ok, 3 failed, 0 skipped, 0 unknown, 0 not run$/m);
    assert.ok(!r.stdout.includes(PW) && !r.stderr.includes(PW) && !r.stdout.includes(cloud.tokens[0].token), 'no secret in the report');
  });

  it('query: the table by default, CSV with --csv, a report file; selection by tag', async () => {
    const table = await runCli(['fleet', 'query', 'xStatus Audio Volume', '-i', inventory, '--tag', 'boardroom'], env);
    assert.equal(table.code, 0, table.stderr);
    const rows = table.stdout.trimEnd().split('\n');
    assert.match(rows[0], /^DEVICE\s+STATUS\s+xStatus Audio Volume\s+DETAIL$/);
    assert.equal(rows.length, 4);
    const report = path.join(dir, 'report.csv');
    const csv = await runCli(['fleet', 'query', 'xStatus Audio Volume', '-i', inventory, '--tag', 'floor-3', '--csv', '--report', report], env);
    assert.equal(csv.stdout, 'DEVICE,STATUS,xStatus Audio Volume,DETAIL\nRoom 3,ok,50,\n');
    assert.equal(readFileSync(report, 'utf8'), csv.stdout);
  });

  it('run: each device runs the script; a failing line stops that device and is named', async () => {
    const good = path.join(dir, 'good.xapi');
    writeFileSync(good, 'xCommand Audio Volume Set Level: 33\nxConfiguration Audio DefaultVolume: 44\n');
    const ok = await runCli(['fleet', 'run', good, '-i', inventory, '--tag', 'boardroom'], env);
    assert.equal(ok.code, 0, ok.stderr);
    for (const r of rooms) assert.equal(await volumeOf(r), 33);
    const bad = path.join(dir, 'bad.xapi');
    writeFileSync(bad, 'xCommand Audio Volume Set Level: 12\nxCommand Macros Macro Get Name: "no-such-macro"\nxCommand Audio Volume Set Level: 14\n');
    const r = await runCli(['fleet', 'run', bad, '-i', inventory, '--name', 'Room 1', '--json'], env);
    assert.equal(r.code, 1);
    const [row] = lines(r.stdout);
    assert.equal(row.line, 2);
    assert.match(row.reason, /^line 2: .*No such macro/);
    assert.equal(await volumeOf(rooms[0]), 12, 'line 1 ran, line 3 did not');
    // A value the device's schema refuses is caught before anything is sent (gating): skipped, nothing changed.
    const outOfRange = path.join(dir, 'range.xapi');
    writeFileSync(outOfRange, 'xCommand Audio Volume Set Level: 15\nxCommand Audio Volume Set Level: 999\n');
    const g = await runCli(['fleet', 'run', outOfRange, '-i', inventory, '--name', 'Room 1', '--json'], env);
    assert.equal(g.code, 0);
    assert.equal(lines(g.stdout)[0].kind, 'gating');
    assert.equal(await volumeOf(rooms[0]), 12, 'not even line 1 was sent');
  });

  it('a failing canary stops the run before the rest; so does a failure rate past the threshold (exit 2)', async () => {
    const script = path.join(dir, 'vol.xapi');
    writeFileSync(script, 'xCommand Audio Volume Set Level: 20\n');
    // Inventory order: the rooms come first, so the canary is Room 1; it fails here by its password.
    const c2 = await runCli(['fleet', 'run', script, '-i', inventory, '--name', 'Room*', '--name', 'Wrong*', '--canary', '1', '--json'], { ...env, ROOM_PW: 'bad' });
    assert.equal(c2.code, 2);
    const r2 = lines(c2.stdout);
    assert.equal(r2[0].kind, 'auth');
    assert.ok(r2.slice(1).every(x => x.status === 'not-run' && /the canary failed on Room 1/.test(x.reason)), JSON.stringify(r2));
    const threshold = await runCli(['fleet', 'run', script, '-i', inventory, '--tag', 'misc', '--max-failures', '10', '--concurrency', '1', '--json'], env);
    assert.equal(threshold.code, 2);
    assert.match(threshold.stderr, /stopped: the failure rate passed 10%/);
  });

  it('a journaled run resumes: done devices are left alone; unknown ones are reported, or run again with --retry-unknown', async () => {
    const script = path.join(dir, 'count.xapi');
    writeFileSync(script, 'xCommand Audio Volume Set Level: 25\n');
    const journal = path.join(dir, 'run.jsonl');
    const first = await runCli(['fleet', 'run', script, '-i', inventory, '--tag', 'boardroom', '--journal', journal], env);
    assert.equal(first.code, 0, first.stderr);
    const sent = () => rooms.map(r => r.device.commandsReceived.length);
    const before = sent();
    const again = await runCli(['fleet', 'run', script, '-i', inventory, '--tag', 'boardroom', '--resume', journal, '--json'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(sent(), before, 'nothing sent twice');
    assert.ok(lines(again.stdout).every(l => l.earlier === true));
    // A run killed while Room 2 was in flight: its intent, no outcome.
    const killed = path.join(dir, 'killed.jsonl');
    const j = Journal.open(killed);
    j.write({ t: 'start', at: 'x', op: 'run', devices: ['Room 1', 'Room 2', 'Room 3'] });
    j.write({ t: 'intent', at: 'x', device: 'Room 1' });
    j.write({ t: 'outcome', at: 'x', device: 'Room 1', status: 'ok' });
    j.write({ t: 'intent', at: 'x', device: 'Room 2' });
    j.close();
    const resumed = await runCli(['fleet', 'run', script, '-i', inventory, '--tag', 'boardroom', '--resume', killed, '--json'], env);
    assert.equal(resumed.code, 1);
    const byName = new Map(lines(resumed.stdout).map(l => [l.device, l]));
    assert.equal(byName.get('Room 2').status, 'unknown');
    assert.equal(byName.get('Room 3').status, 'ok');
    assert.equal(byName.get('Room 1').earlier, true);
    const retried = await runCli(['fleet', 'run', script, '-i', inventory, '--tag', 'boardroom', '--resume', killed, '--retry-unknown', '--json'], env);
    assert.equal(retried.code, 0, retried.stderr);
    assert.equal(lines(retried.stdout).find(l => l.device === 'Room 2').status, 'ok');
    assert.equal(readJournal(killed).unknown.size, 0);
    const wrongOp = await runCli(['fleet', 'query', 'xStatus Audio Volume', '-i', inventory, '--resume', killed], env);
    assert.equal(wrongOp.code, 2);
  });

  it('gating: a device whose own schema lacks a line is skipped with the line, never sent it; schemas are read once per model', async () => {
    const mixed = await startSimulatedFleet(5, PW);
    try {
      const file = path.join(dir, 'mixed.yaml');
      writeFileSync(file, fleetInventory(mixed.devices, 'FLEET_PW'));
      const script = path.join(dir, 'autofocus.xapi');
      writeFileSync(script, '# only some products have it\nxCommand Camera TriggerAutofocus CameraId: 1\n');
      const r = await runCli(['fleet', 'run', script, '-i', file, '--json'], { FLEET_PW: PW });
      const rows = lines(r.stdout);
      const byProduct = new Map(rows.map((row, i) => [mixed.devices[i].product, row]));
      assert.equal(byProduct.get('Codec Pro').status, 'ok');
      for (const product of ['Room Kit', 'Room Bar', 'Desk Pro']) {
        const row = byProduct.get(product);
        assert.equal(row.status, 'skipped', product);
        assert.equal(row.kind, 'gating');
        assert.match(row.reason, new RegExp(`^line 2: .*\\(on this .*${product.replace(' ', '.*')}.*, software \\S+\\)$`, 'i'));
      }
      const sent = mixed.emulators.map(e => e.device.commandsReceived.filter(c => c.path === 'Camera TriggerAutofocus').length);
      assert.deepEqual(sent.filter(n => n > 0).length, 1, 'sent to the one device that has it');
      assert.equal(r.code, 1, 'the offline one failed; the skipped ones count as done');
      assert.match(r.stderr, /device schemas read for gating: 4 \(one per product and software version\)/);
      const forced = await runCli(['fleet', 'run', script, '-i', file, '--json', '--no-gating', '--name', 'Room 1*'], { FLEET_PW: PW });
      assert.equal(lines(forced.stdout)[0].status, 'failed', 'without gating the device answers for itself');
    } finally { await mixed.stop(); }
  });

  it('a device schema is read once per model (product and software), however many devices share it', async () => {
    const schemas = new SchemasByModel();
    const clients = await Promise.all(rooms.map(r => connect(r.url, { username: 'admin', password: PW, reconnect: false })));
    try {
      const got = await Promise.all(clients.map(c => schemas.forDevice(c)));
      assert.equal(schemas.reads, 1, 'three rooms of one model: one read');
      assert.ok(got.every(g => g.index === got[0].index));
      assert.ok(got[0].index.lookup('Command', ['Audio', 'Volume', 'Set']));
    } finally { await Promise.all(clients.map(c => c.close())); }
  });

  it('deploy: macros saved and activated; the same content (line endings aside) and state again is skipped and says so', async () => {
    const macro = path.join(dir, 'hello_room.js');
    writeFileSync(macro, "import xapi from 'xapi';\nconsole.log('hello');\n");
    const args = ['fleet', 'deploy', macro, '-i', inventory, '--tag', 'boardroom', '--name', 'Room 1', '--name', 'Room 2', '--activate', '--json'];
    const first = await runCli(args, env);
    assert.equal(first.code, 0, first.stderr);
    assert.ok(lines(first.stdout).every(l => l.status === 'ok' && l.reason === 'deployed hello_room'));
    const macros = async (room: Emulator) => {
      const x = await connect(room.url, { username: 'admin', password: PW, reconnect: false });
      try { return await x.command('Macros Macro Get', { Name: 'hello_room', Content: 'True' }) as any; } finally { await x.close(); }
    };
    assert.equal((await macros(rooms[0])).Macro[0].Active, 'True');
    writeFileSync(macro, "import xapi from 'xapi';\r\nconsole.log('hello');\r\n");
    const again = await runCli(args, env);
    assert.equal(again.code, 0);
    assert.ok(lines(again.stdout).every(l => l.status === 'skipped' && l.kind === 'unchanged' && /already there: hello_room with the same content, active/.test(l.reason)), again.stdout);
    writeFileSync(macro, "import xapi from 'xapi';\nconsole.log('hello again');\n");
    const changed = await runCli(args, env);
    assert.ok(lines(changed.stdout).every(l => l.status === 'ok'));
    assert.match((await macros(rooms[1])).Macro[0].Content, /hello again/);
    const cloudDeploy = await runCli(['fleet', 'deploy', macro, '-i', inventory, '--name', 'Cloud 1', '--json'], env);
    assert.equal(lines(cloudDeploy.stdout)[0].status, 'ok', 'through the Webex cloud too');
    const badName = path.join(dir, 'bad.name.js');
    writeFileSync(badName, '');
    const bad = await runCli(['fleet', 'deploy', badName, '-i', inventory], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /A dot cannot be in a macro name/);
  });

  it('deploy: a UI extension panel saved by its PanelId; the same panel again is skipped; a panel the rules refuse is refused before anything is sent', async () => {
    const file = path.join(dir, 'lights.panel.xml');
    const panel = (type: string) => `<Extensions><Version>1.11</Version><Panel><PanelId>lights</PanelId><Name>Lights</Name><Page><Name>Main</Name><Row><Name>R</Name><Widget><WidgetId>level</WidgetId><Type>${type}</Type></Widget></Row></Page></Panel></Extensions>`;
    writeFileSync(file, panel('Slider'));
    const args = ['fleet', 'deploy', file, '-i', inventory, '--name', 'Room 1', '--name', 'Room 2', '--json'];
    const first = await runCli(args, env);
    assert.equal(first.code, 0, first.stderr);
    assert.ok(lines(first.stdout).every(l => l.status === 'ok' && l.reason === 'deployed panel lights'), first.stdout);
    assert.equal(rooms[0].device.savedPanels().get('lights')?.pages[0].rows[0].widgets[0].type, 'Slider');
    const again = await runCli(args, env);
    assert.ok(lines(again.stdout).every(l => l.status === 'skipped' && l.kind === 'unchanged' && /already there: panel lights/.test(l.reason)), again.stdout);
    writeFileSync(file, panel('ToggleButton'));
    assert.ok(lines((await runCli(args, env)).stdout).every(l => l.status === 'ok'));
    assert.equal(rooms[1].device.savedPanels().get('lights')?.pages[0].rows[0].widgets[0].type, 'ToggleButton');
    writeFileSync(file, panel('Knob'));
    const bad = await runCli(args, env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /lights\.panel\.xml: "Knob" is not a widget type/);
    assert.equal(rooms[0].device.savedPanels().get('lights')?.pages[0].rows[0].widgets[0].type, 'ToggleButton', 'nothing sent');
  });

  it('config apply: a dry run prints each device\'s diff and changes nothing; apply changes only what differs; rules and offline cloud devices said', async () => {
    const desired = path.join(dir, 'desired.xapi');
    writeFileSync(desired, '# the rooms as they should be\nxConfiguration Audio DefaultVolume: 41\nxConfiguration Standby Delay: 30\n');
    const select = ['--name', 'Room 3', '--name', 'Cloud*'];
    const config = async (room: Emulator, p: string) => {
      const x = await connect(room.url, { username: 'admin', password: PW, reconnect: false });
      try { return await x.config.get(p); } finally { await x.close(); }
    };
    const before = await config(rooms[2], 'Audio DefaultVolume');
    const dry = await runCli(['fleet', 'config', 'apply', desired, '-i', inventory, ...select, '--dry-run', '--json'], env);
    assert.equal(dry.code, 0, dry.stderr);
    const d = new Map(lines(dry.stdout).map(l => [l.device, l]));
    assert.match(d.get('Room 3').reason, /^would change Audio DefaultVolume: \d+ → 41; Standby Delay: \d+ → 30$/);
    assert.match(d.get('Cloud 1').reason, /Standby Delay: 15 → 30 \(enforced by a rule: CONFIG_MANAGED_BY_RULE; not written\)/);
    assert.equal(await config(rooms[2], 'Audio DefaultVolume'), before, 'a dry run changes nothing');

    const applied = await runCli(['fleet', 'config', 'apply', desired, '-i', inventory, ...select, '--json'], env);
    const a = new Map(lines(applied.stdout).map(l => [l.device, l]));
    assert.equal(a.get('Room 3').status, 'ok');
    assert.equal(await config(rooms[2], 'Audio DefaultVolume'), 41);
    assert.equal(await config(rooms[2], 'Standby Delay'), 30);
    assert.equal(await cloud.devices[0].xapi.config.get('Standby Delay'), 15, 'the rule holds');
    assert.equal(await cloud.devices[0].xapi.config.get('Audio DefaultVolume'), 41);
    assert.match(a.get('Cloud 2').reason, /accepted, pending on the device: it is offline/);

    const again = await runCli(['fleet', 'config', 'apply', desired, '-i', inventory, ...select, '--json'], env);
    const g = new Map(lines(again.stdout).map(l => [l.device, l]));
    assert.equal(g.get('Room 3').status, 'skipped');
    assert.equal(g.get('Room 3').kind, 'unchanged');
    assert.equal(g.get('Cloud 1').status, 'failed', 'what is left is held by a rule');
    assert.match(g.get('Cloud 1').reason, /every change is enforced by a rule/);
    const notConfig = path.join(dir, 'notconfig.xapi');
    writeFileSync(notConfig, 'xCommand Audio Volume Set Level: 3\n');
    assert.equal((await runCli(['fleet', 'config', 'apply', notConfig, '-i', inventory], env)).code, 2);
  });

  it('trust: a self-signed device is refused until its fingerprint is recorded (asked once); then only that certificate is trusted', async () => {
    const secure = await startEmulator({ users: [{ username: 'admin', password: PW, roles: ['Admin'] }] });
    try {
      const file = path.join(dir, 'secure.yaml');
      writeFileSync(file, `# the secure room\ndevices:\n  - name: Secure Room   # self-signed\n    url: "${secure.url}"\n    password: env:ROOM_PW\n`);
      const query = () => runCli(['fleet', 'query', 'xStatus Audio Volume', '-i', file, '--json'], env);
      assert.equal(lines((await query()).stdout)[0].kind, 'certificate', 'not trusted: verification is on');
      const noTty = await runCli(['fleet', 'trust', '-i', file], env);
      assert.equal(noTty.code, 2);
      assert.match(noTty.stderr, /pass --yes/);
      const c = fakeConsole(env, { tty: true });
      const asking = main(['fleet', 'trust', '-i', file], c.io);
      await waitFor('the question', () => c.err().includes('[y/N]'));
      c.type('n\n');
      assert.equal(await asking, 0);
      assert.match(c.out(), /^Secure Room: ([0-9A-F]{2}:){31}[0-9A-F]{2}  /m);
      assert.ok(!readFileSync(file, 'utf8').includes('fingerprint'), 'no means nothing recorded');
      const yes = await runCli(['fleet', 'trust', '-i', file, '--yes'], env);
      assert.equal(yes.code, 0, yes.stderr);
      const recorded = readFileSync(file, 'utf8');
      assert.match(recorded, /^# the secure room/m, 'comments kept');
      assert.match(recorded, /fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
      assert.equal(lines((await query()).stdout)[0].status, 'ok');
      writeFileSync(file, recorded.replace(/fingerprint: \S+/, `fingerprint: ${'AB:'.repeat(31)}AB`));
      const changed = lines((await query()).stdout)[0];
      assert.equal(changed.kind, 'certificate');
      assert.match(changed.reason, /not the one the inventory records .*it changed/);
    } finally { await secure.stop(); }
  });

  it('a Webex query instead of an inventory: the cloud\'s devices, filtered verbatim, products matched here', async () => {
    const r = await runCli(['fleet', 'query', 'xStatus Audio Volume', '--webex', 'connectionStatus=connected', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const rows = lines(r.stdout);
    assert.deepEqual(rows.map(x => x.url), [`webex://${cloud.devices[0].id}`]);
    assert.equal(rows[0].device, cloud.devices[0].displayName);
    assert.equal((await runCli(['fleet', 'query', 'xStatus Audio Volume', '--webex', 'tag=none-such'], env)).code, 2);
    assert.equal((await runCli(['fleet', 'query', 'xStatus Audio Volume', '--webex', 'tag=x', '-i', inventory], env)).code, 2);
    assert.equal((await runCli(['fleet', 'query', 'xStatus Audio Volume', '--webex', 'tag=x'], { ...env, WEBEX_TOKEN: 'bad' })).code, 3);
  });

  it('usage: an inventory that is wrong, a password in it, no selection, a journal that exists', async () => {
    const inline = path.join(dir, 'inline.yaml');
    writeFileSync(inline, 'devices:\n  - { name: A, url: a, password: hunter2 }\n');
    const r = await runCli(['fleet', 'query', 'xStatus Audio Volume', '-i', inline], env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /never written in the inventory/);
    assert.ok(!r.stderr.includes('hunter2'));
    assert.equal((await runCli(['fleet', 'query', 'xStatus Audio Volume', '-i', inventory, '--tag', 'nothing'], env)).code, 2);
    assert.equal((await runCli(['fleet', 'query', 'xCommand Dial', '-i', inventory], env)).code, 2);
    const journal = path.join(dir, 'exists.jsonl');
    writeFileSync(journal, '');
    assert.equal((await runCli(['fleet', 'query', 'xStatus Audio Volume', '-i', inventory, '--journal', journal], env)).code, 2);
  });
});

describe('the simulated fleet', function () {
  this.timeout(60_000);

  it('every fault a real fleet has, each device reported with its own kind; the cloud serves the same devices', async () => {
    // 50 devices: offline every 5th, a wrong password at 24 and 49, a changed certificate at 33, slow at 37.
    const fleet = await startSimulatedFleet(50, PW, { cloud: true, slowMs: 5000 });
    const dir = mkdtempSync(path.join(tmpdir(), 'xapi-simfleet-'));
    try {
      const byFault = (f: string) => fleet.devices.filter(d => d.fault === f).map(d => Number(/^Room (\d+) /.exec(d.name)?.[1]));
      assert.deepEqual(byFault('offline'), [5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
      assert.deepEqual(byFault('wrong password'), [24, 49]);
      assert.deepEqual(byFault('changed certificate'), [33]);
      assert.deepEqual(byFault('slow'), [37]);
      const [first, , , fourth] = fleet.emulators.map(e => e.device);
      assert.equal(first.softwareVersion, fourth.softwareVersion);
      assert.equal(first.index, fourth.index, 'devices of one software version share one schema index');
      const file = path.join(dir, 'fleet.yaml');
      writeFileSync(file, fleetInventory(fleet.devices, 'FLEET_PW'));
      assert.match(readFileSync(file, 'utf8'), /fingerprint: "([0-9A-F]{2}:){31}[0-9A-F]{2}"/, 'the inventory records the certificate, so TLS stays verified');
      const r = await runCli(['fleet', 'query', 'xStatus SystemUnit ProductId', '-i', file, '--json', '--timeout', '2', '--concurrency', '25'], { FLEET_PW: PW });
      assert.equal(r.code, 1, r.stderr);
      const rows = lines(r.stdout);
      assert.equal(rows.length, 50, 'every device accounted for');
      const expected: Record<string, string> = { offline: 'offline', 'wrong password': 'auth', 'changed certificate': 'certificate', slow: 'timeout' };
      fleet.devices.forEach((d, i) => {
        assert.equal(rows[i].device, d.name);
        if (d.fault) assert.deepEqual([rows[i].status, rows[i].kind], ['failed', expected[d.fault]], `${d.name} (${d.fault}): ${rows[i].reason}`);
        else assert.equal(rows[i].status, 'ok', `${d.name}: ${rows[i].reason}`);
      });

      // The same devices through the simulated Webex cloud: a value written there is read on the device's own address.
      const cloud = fleet.cloud!;
      const one = fleet.devices[0];
      assert.equal(cloud.device(one.webexId!)?.displayName, one.name);
      const viaCloud = await connect(`webex://${one.webexId}`, { token: cloud.tokens[0].token, baseUrl: cloud.baseUrl });
      const local = await connect(one.url, { username: 'admin', password: PW, reconnect: false, ca: fleet.emulators[0].certificate });
      try {
        await viaCloud.command('Audio Volume Set', { Level: 37 });
        assert.equal(await local.status.get('Audio Volume'), 37);
      } finally { await viaCloud.close(); await local.close(); }
    } finally {
      await fleet.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('fleet runner', () => {
  const devices: InventoryDevice[] = Array.from({ length: 10 }, (_, i) => ({ name: `D${i}`, url: `wss://d${i}/ws`, tags: [] }));

  it('never runs more devices at once than the cap', async () => {
    let now = 0;
    let most = 0;
    const report = await runFleet(devices, async () => {
      most = Math.max(most, ++now);
      await new Promise(r => setTimeout(r, 5));
      now--;
      return { status: 'ok' };
    }, { concurrency: 3 });
    assert.equal(most, 3);
    assert.equal(report.exitCode, 0);
  });

  it('stop lets devices in flight finish and starts no more (130); abandon leaves them unknown, with no outcome journaled', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'xapi-fleet-run-'));
    try {
      const stop = new AbortController();
      const finishing = await runFleet(devices, async d => {
        if (d.name === 'D1') stop.abort();
        await new Promise(r => setTimeout(r, 5));
        return { status: 'ok' };
      }, { concurrency: 2, stop: stop.signal });
      assert.equal(finishing.exitCode, 130);
      assert.deepEqual(finishing.outcomes.slice(0, 2).map(o => o.status), ['ok', 'ok'], 'in flight: finished');
      assert.ok(finishing.outcomes.slice(2).every(o => o.status === 'not-run' && o.kind === 'interrupted'));

      const file = path.join(dir, 'j.jsonl');
      const journal = Journal.open(file);
      const abandon = new AbortController();
      const report = await runFleet(devices, async (d, signal) => {
        if (d.name === 'D0') { abandon.abort(); await new Promise(r => signal.addEventListener('abort', r)); }
        return { status: 'ok' };
      }, { concurrency: 1, abandon: abandon.signal, journal });
      journal.close();
      assert.equal(report.exitCode, 130);
      assert.equal(report.outcomes[0].status, 'unknown');
      assert.deepEqual([...readJournal(file).unknown], ['D0'], 'its intent, and no outcome');
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  it('a device past its time limit fails as a timeout, and the run goes on', async () => {
    const report = await runFleet(devices.slice(0, 2), async d => {
      if (d.name === 'D0') await new Promise(r => setTimeout(r, 500));
      return { status: 'ok' };
    }, { timeoutMs: 50 });
    assert.equal(report.outcomes[0].kind, 'timeout');
    assert.equal(report.outcomes[1].status, 'ok');
    assert.equal(report.exitCode, 1);
  });
});
