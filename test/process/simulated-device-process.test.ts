/**
 * The extension's simulated device as its own Node process (client/simulatedDevice/launch.ts forking the built
 * dist/simulator.js, client/simulatedDevice/childProcess/main.ts), driven as the extension drives it, without VS
 * Code: it listens with TLS and the password sent over IPC, the client pins its certificate, controls change what
 * the device reports, a bad schema file is a start failure with the device's own reason, and a stopped device
 * rejects controls instead of leaving them hanging.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { forkSimulatedDevice, type SimulatedDeviceProcess } from '../../client/simulatedDevice/launch';
import { AuthenticationError, connect } from '../../xapi/index';
import { distFile } from '../support/dist';

describe('simulated device process (dist/simulator.js)', function () {
  this.timeout(60_000);
  let dist: string;
  let device: SimulatedDeviceProcess | undefined;
  let dir: string;

  before(() => { dist = path.dirname(distFile('simulator.js')); });
  beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'xapi-simulated-')); });
  afterEach(() => {
    device?.child.kill();
    device = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens with TLS and the password from IPC; a pinned client connects; a control changes a status', async () => {
    device = await forkSimulatedDevice(dist, 's3cret pass', { stateDir: dir, subscriptionLimit: 7 });
    const { ready } = device;
    assert.match(ready.url, /^wss:\/\/127\.0\.0\.1:\d+\/ws$/);
    assert.equal(ready.password, 's3cret pass');
    assert.ok(ready.certificate?.includes('BEGIN CERTIFICATE'));
    assert.ok(!device.child.spawnargs.join(' ').includes('s3cret'), 'the password is not in argv');
    const xapi = await connect(ready.url, { username: ready.username, password: ready.password, ca: ready.certificate, reconnect: false });
    try {
      assert.equal(await device.control({ op: 'setStatus', path: 'Audio Volume', value: 12 }), undefined);
      assert.equal(await xapi.status.get('Audio Volume'), 12);
      await assert.rejects(connect(ready.url, { username: ready.username, password: 'wrong', ca: ready.certificate, reconnect: false }), AuthenticationError);
    } finally {
      await xapi.close();
    }
  });

  it('a control the device cannot do is rejected with its reason; after the device stops, controls reject at once', async () => {
    device = await forkSimulatedDevice(dist, 'pw', { stateDir: dir });
    await assert.rejects(device.control({ op: 'setStatus', path: 'No Such Thing Here', value: 1 }), /: No Status node 'No Such Thing Here' in schema core$/);
    const exited = new Promise(r => device!.child.once('exit', r));
    device.child.kill();
    await exited;
    await assert.rejects(device.control({ op: 'emitEvent', path: 'Standby' }), /not running/);
  });

  it('a schema file that is not a schema stops the start with the device\'s own reason', async () => {
    const bad = path.join(dir, 'bad-schema.json');
    writeFileSync(bad, '{ "not": "a schema"');
    await assert.rejects(forkSimulatedDevice(dist, 'pw', { schemaFile: bad }), /bad-schema\.json: not valid JSON/);
  });
});
