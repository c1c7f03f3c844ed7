/** `xapi emulator` as a real process: prints `listening <url>`, serves, exits 0 on SIGTERM. */
import assert from 'node:assert/strict';
import { spawn, ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { parseEmulatorArgs } from '../../cli/commands/emulator';
import { existsSync } from 'node:fs';
import { schemaDir } from '../support/publishedSchemas';
import { RawClient } from './emulator-support';

const ROOT = path.resolve(__dirname, '../..');

function start(args: string[]): { child: ChildProcessWithoutNullStreams; lines: AsyncIterableIterator<string>; exit: Promise<number | null> } {
  // tsx itself rather than `npx tsx`: npm's exec wrapper dies of the signal instead of passing it on,
  // which would hide the exit code of the emulator process.
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['cli/main.ts', 'emulator', ...args], { cwd: ROOT, stdio: 'pipe' });
  const rl = readline.createInterface({ input: child.stdout });
  const exit = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
  return { child, lines: rl[Symbol.asyncIterator](), exit };
}

describe('xapi emulator (CLI process)', function () {
  this.timeout(60_000);

  it('prints listening <url> first, a generated admin password, serves, and exits 0 on SIGTERM', async () => {
    const { child, lines, exit } = start(['--port', '0', '--no-tls']);
    try {
      const first = (await lines.next()).value as string;
      assert.match(first, /^listening ws:\/\/127\.0\.0\.1:\d+\/ws$/);
      const second = (await lines.next()).value as string;
      const m = /^user admin password (\S+)$/.exec(second);
      assert.ok(m, second);
      const c = await RawClient.open(first.slice('listening '.length), { user: 'admin', pass: m[1] });
      assert.equal((await c.request('xGet', { Path: ['Status', 'Audio', 'Volume'] })).result, 50);
      c.close();
      child.kill('SIGTERM');
      assert.equal(await exit, 0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('exits 0 on SIGTERM also while a client is connected and a macro loops, and when stopped while starting', async () => {
    const { child, lines, exit } = start(['--port', '0', '--no-tls', '--user', 'admin:pw']);
    try {
      const url = ((await lines.next()).value as string).slice('listening '.length);
      const c = await RawClient.open(url, { user: 'admin', pass: 'pw' });
      await c.request('xCommand/Macros/Macro/Save', { Name: 'loop', body: 'while (true) {}' });
      await c.request('xCommand/Macros/Macro/Activate', { Name: 'loop' });
      child.kill('SIGTERM');
      assert.equal(await exit, 0);
      c.close();
    } finally {
      child.kill('SIGKILL');
    }
    // A stop asked for before "listening" (a process manager that gives up at once) ends it too: with 0 once the
    // command watches signals, or by the signal itself before Node has loaded it (null); never left running.
    const early = start(['--port', '0', '--no-tls']);
    try {
      early.child.kill('SIGTERM');
      assert.ok([0, null].includes(await early.exit));
    } finally {
      early.child.kill('SIGKILL');
    }
  });

  it('runs a schema file for a product with the given users', async function () {
    const file = path.join(schemaDir(), 'roomos-xapi-schema-11.27.2.0.json');
    if (!existsSync(file)) {
      console.log(`    skipped: ${file} not found (set XAPI_SCHEMA_DIR)`);
      this.skip();
    }
    const { child, lines, exit } = start(['--no-tls', '--schema', file, '--product', 'Room Kit', '--user', 'bob:pw:User']);
    try {
      const url = ((await lines.next()).value as string).slice('listening '.length);
      assert.match((await lines.next()).value as string, /^schema 11\.27\.2\.0, product Room Kit/);
      const c = await RawClient.open(url, { user: 'bob', pass: 'pw' });
      assert.equal((await c.request('xGet', { Path: ['Status', 'SystemUnit', 'ProductPlatform'] })).result, 'Room Kit');
      assert.equal((await c.request('xCommand/Macros/Macro/Save', { Name: 'x', body: '' })).error!.code, -31999);
      c.close();
      child.kill('SIGINT');
      assert.equal(await exit, 0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes --user with roles and refuses bad options', async () => {
    const parsed = parseEmulatorArgs(['--user', 'bob:pw:User:integrator', '--user', 'amy:x', '--no-tls', '--port', '8080']);
    assert.deepEqual(parsed.users, [
      { username: 'bob', password: 'pw', roles: ['User', 'Integrator'] },
      { username: 'amy', password: 'x', roles: ['Admin'] },
    ]);
    assert.equal(parsed.tls, false);
    assert.equal(parsed.port, 8080);
    assert.throws(() => parseEmulatorArgs(['--port', 'x']), /--port/);
    assert.throws(() => parseEmulatorArgs(['--user', 'nopass']), /--user/);
    assert.throws(() => parseEmulatorArgs(['--user', 'bob:pw:Admn']), /unknown role 'Admn'/);
    assert.equal(parseEmulatorArgs([]).host, '127.0.0.1', 'loopback unless told otherwise');
    assert.throws(() => parseEmulatorArgs(['--frobnicate']), /unknown option/);
    for (const [args, code, message] of [
      [['--port', 'abc'], 2, /--port must be a whole number from 0 to 65535, not 'abc'/],
      [['--user', 'bad'], 2, /--user takes NAME:PASSWORD/],
      [['--no-tls', '--product', 'Toaster 3000'], 1, /Unknown product 'Toaster 3000'/],
    ] as const) {
      const { child, exit } = start([...args]);
      let out = '';
      let err = '';
      child.stdout.on('data', d => { out += String(d); });
      child.stderr.on('data', d => { err += String(d); });
      assert.equal(await exit, code, args.join(' '));
      assert.match(err, message);
      assert.equal(out, '', 'nothing on stdout, in particular no listening line');
    }
  });
  it('--cloud serves a simulated Webex cloud in front of the fleet: its base URL first, a token, the password, one line per device with its local URL', async () => {
    const { child, lines, exit } = start(['--cloud', '--fleet', '4']);
    try {
      const first = (await lines.next()).value as string;
      assert.match(first, /^listening http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const exported = (await lines.next()).value as string;
      const token = /^export WEBEX_TOKEN='(\S+)' WEBEX_BASE_URL='(\S+)' FLEET_PW='\S+'$/.exec(exported)?.[1];
      assert.ok(token, exported);
      const inventory = /^inventory (\S+fleet\.yaml)$/.exec((await lines.next()).value as string)?.[1];
      assert.ok(inventory && existsSync(inventory), 'a temporary inventory while it runs');
      assert.match((await lines.next()).value as string, /^try: xapi fleet query /);
      const devices: string[] = [];
      for (let i = 0; i < 4; i++) devices.push((await lines.next()).value as string);
      assert.ok(devices.every(d => /^device \S+ (connected|disconnected) Cisco .+ RoomOS \d+\.\d+\S* ".+" wss:\/\/127\.0\.0\.1:\d+\/ws( \(.+\))?$/.test(d)), devices.join('\n'));
      const res = await fetch(`${first.slice('listening '.length)}/devices`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(((await res.json()) as { items: unknown[] }).items.length, 4);
      child.kill('SIGTERM');
      assert.equal(await exit, 0);
      assert.ok(!existsSync(inventory), 'removed when the fleet stops');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('--cloud and --fleet take a size, --latency, --no-tls and --inventory, and refuse the options of one device', () => {
    assert.deepEqual(parseEmulatorArgs(['--cloud', '--fleet', '12', '--latency', '800']).fleet, { size: 12, latencyMs: 800, tls: true, cloud: true });
    assert.deepEqual(parseEmulatorArgs(['--cloud']).fleet, { size: 3, latencyMs: 0, tls: true, cloud: true });
    assert.throws(() => parseEmulatorArgs(['--cloud', '--user', 'a:b']), /--user is about one simulated device: it cannot go with --cloud/);
    assert.deepEqual(parseEmulatorArgs(['--fleet', '3', '--inventory', 'rooms.yaml', '--no-tls']).fleet, { size: 3, latencyMs: 0, tls: false, cloud: false, inventory: 'rooms.yaml' });
    assert.deepEqual(parseEmulatorArgs(['--fleet', '3', '--cloud', '--inventory', 'rooms.yaml']).fleet?.inventory, 'rooms.yaml');
    assert.throws(() => parseEmulatorArgs(['--inventory', 'x.yaml']), /--inventory goes with --fleet N/);
    assert.throws(() => parseEmulatorArgs(['--fleet', '3', '--user', 'a:b']), /--user is about one simulated device: it cannot go with --fleet/);
    assert.throws(() => parseEmulatorArgs(['--fleet', '3', '--port', '8443']), /--port is about one simulated device: it cannot go with --fleet/);
    assert.throws(() => parseEmulatorArgs(['--latency', '3']), /--latency goes with --fleet N or --cloud/);
    assert.throws(() => parseEmulatorArgs(['--cloud', '--fleet', '0']), /--fleet/);
  });
});
