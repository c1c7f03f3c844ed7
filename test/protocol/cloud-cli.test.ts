/**
 * The `xapi` CLI with Webex cloud targets, in-process (cli/main.ts through PassThrough streams) against the
 * simulated Webex cloud over real HTTP on loopback: `xapi devices`, `xapi run webex://…`, `xapi watch webex://…`
 * polling, and the usage errors that say what does not apply to a cloud device. The poller's rounds are tested
 * with its own sleep seam (no 10-second waits).
 */
import assert from 'node:assert/strict';
import { startSimulatedCloud, type SimulatedCloud } from '../../emulator/cloud/server';
import { pollPaths } from '../../cli/poller';
import { connect } from '../../xapi/index';
import { fakeConsole, runCli } from './cli-support';
import { main } from '../../cli/main';
import { waitFor } from '../support/waitFor';

describe('xapi CLI with Webex cloud targets (in-process)', function () {
  this.timeout(30_000);
  let cloud: SimulatedCloud;
  let env: Record<string, string>;
  before(async () => {
    cloud = await startSimulatedCloud({ fleet: 5 });
    env = { WEBEX_TOKEN: cloud.tokens[0].token, WEBEX_BASE_URL: cloud.baseUrl };
  });
  after(async () => { await cloud.stop(); });
  const target = (i = 0) => `webex://${cloud.devices[i].id}`;

  it('devices: a table of what the token sees; --json one object per device; --webex filters verbatim, --product globs here', async () => {
    const table = await runCli(['devices'], env);
    assert.equal(table.code, 0, table.stderr);
    const lines = table.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^NAME\s+PRODUCT\s+SOFTWARE\s+STATUS\s+TAGS\s+ID$/);
    assert.equal(lines.length, 1 + cloud.devices.length);
    assert.ok(lines.some(l => l.includes('disconnected')));
    assert.match(table.stderr, /^-- 5 device\(s\)$/m);
    const json = await runCli(['devices', '--json', '--webex', 'connectionStatus=connected', '--product', '*room*'], env);
    const devices = json.stdout.trim().split('\n').map(l => JSON.parse(l));
    assert.ok(devices.length >= 1);
    for (const d of devices) {
      assert.equal(d.connectionStatus, 'connected');
      assert.match(d.product, /room/i);
    }
    const sent = cloud.requests.filter(r => r.path.endsWith('/devices')).at(-1)!;
    assert.equal(sent.query.get('connectionStatus'), 'connected');
    assert.equal(sent.query.get('product'), null, '--product is not sent: product codes are not the names shown');
  });

  it('devices: no token and no terminal is a usage error; a wrong token exits 3; a bad --webex pair is a usage error', async () => {
    const none = await runCli(['devices'], { WEBEX_BASE_URL: cloud.baseUrl });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no Webex token: set WEBEX_TOKEN/);
    const wrong = await runCli(['devices'], { ...env, WEBEX_TOKEN: 'wrong-token' });
    assert.equal(wrong.code, 3);
    assert.match(wrong.stderr, /Webex rejected the access token \(HTTP 401\).*\(Webex tracking id ROUTERGW_[\w-]+\)/);
    assert.ok(!wrong.stderr.includes('wrong-token'), 'the token is never printed');
    assert.equal((await runCli(['devices', '--webex', 'tag'], env)).code, 2);
  });

  it('devices: the token can be typed at a hidden prompt', async () => {
    const c = fakeConsole({ WEBEX_BASE_URL: cloud.baseUrl }, { tty: true });
    const running = main(['devices', '--json'], c.io);
    await waitFor('the token prompt', () => c.err().includes('Webex access token: '));
    c.type(`${cloud.tokens[0].token}\r`);
    assert.equal(await running, 0, c.err());
    assert.ok(!c.out().includes(cloud.tokens[0].token) && !c.err().includes(cloud.tokens[0].token), 'not echoed');
  });

  it('run: statements on a cloud device print as on a local one; by id or by name', async () => {
    const r = await runCli(['run', target(), 'xCommand Audio Volume Set Level: 27', 'xStatus Audio Volume', 'xConfiguration Audio DefaultVolume: 33'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\*s Audio Volume: 27\n/);
    assert.equal(await cloud.devices[0].xapi.config.get('Audio DefaultVolume'), 33);
    const byName = await runCli(['run', `webex://${cloud.devices[1].displayName}`, 'xStatus Standby State'], env);
    assert.equal(byName.code, 0, byName.stderr);
    assert.match(byName.stdout, /^\*s Standby State: \w+\n/);
  });

  it('run: --user, --insecure and --trace do not apply to a cloud device; --base-url does not apply to a local one', async () => {
    for (const extra of [['--user', 'admin'], ['--insecure'], ['--trace']]) {
      const r = await runCli(['run', target(), 'xStatus Audio Volume', ...extra], env);
      assert.equal(r.code, 2, extra.join(' '));
    }
    const local = await runCli(['run', 'codec.local', 'xStatus Audio Volume', '--base-url', cloud.baseUrl], { XAPI_PASSWORD: '' });
    assert.equal(local.code, 2);
    assert.match(local.stderr, /--base-url is for webex:\/\/ targets/);
  });

  it('watch: polls a cloud device and says so; events and intervals under 10 s are refused', async () => {
    await cloud.devices[0].xapi.command('Audio Volume Set', { Level: 19 });
    const r = await runCli(['watch', target(), 'Status Audio Volume', 'Configuration Audio DefaultVolume', '--count', '2'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^-- polling 2 path\(s\) on webex:\/\/\S+ every 10 s: the Webex cloud has no feedback, so a change between two reads is not seen, and events are unavailable/m);
    assert.deepEqual(r.stdout.trim().split('\n').sort(), ['*c xConfiguration Audio DefaultVolume: 33', '*s Audio Volume: 19']);
    const event = await runCli(['watch', target(), 'Event UserInterface Extensions Widget Action'], env);
    assert.equal(event.code, 2);
    assert.match(event.stderr, /events cannot be watched on a Webex cloud device/);
    assert.equal((await runCli(['watch', target(), 'Status Audio Volume', '--interval', '5'], env)).code, 2);
    assert.equal((await runCli(['watch', 'codec.local', 'Status Audio Volume', '--interval', '10'], { XAPI_PASSWORD: '' })).code, 2);
  });

  it('the poller prints a path when first read and when it changed, says a failing path once, and stops between rounds', async () => {
    const x = await connect(target(), { token: cloud.tokens[0].token, baseUrl: cloud.baseUrl });
    const changes: unknown[] = [];
    const failures: string[] = [];
    let rounds = 0;
    const poller = pollPaths(x, [['Status', 'Audio', 'Volume'], ['Status', 'No', 'Such']], 10_000, {
      changed: p => changes.push(p),
      failed: path => failures.push(path.join(' ')),
    }, async () => {
      rounds++;
      if (rounds === 1) await cloud.devices[0].xapi.command('Audio Volume Set', { Level: 61 });
      if (rounds === 3) poller.stop();
    });
    await poller.done;
    assert.deepEqual(changes, [{ Status: { Audio: { Volume: 19 } } }, { Status: { Audio: { Volume: 61 } } }], 'round 3 saw no change');
    assert.deepEqual(failures, ['Status No Such'], 'said once over three rounds');
    assert.equal(rounds, 3);
    await x.close();
  });
});
