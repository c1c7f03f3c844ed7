/**
 * A cloud device's schema read through the simulated Webex cloud over real HTTP (`CloudXapi.schemaDocuments`,
 * schema/sources.ts `fromCloudDevice`), against the device's own schema model: what the device has is there with
 * its value spaces; and `xapi types --device webex://…` makes typings of it.
 */
import assert from 'node:assert/strict';
import { startSimulatedCloud, type SimulatedCloud } from '../../emulator/cloud/server';
import { SchemaIndex } from '../../schema/schemaIndex';
import { fromCloudDevice } from '../../schema/sources';
import { connect, type CloudXapi } from '../../xapi/index';
import { runCli } from './cli-support';

describe('the schema of a Webex cloud device', function () {
  this.timeout(60_000);
  let cloud: SimulatedCloud;
  before(async () => { cloud = await startSimulatedCloud({ fleet: 2 }); });
  after(async () => { await cloud.stop(); });

  it('statuses, commands and configurations as the device has them, with their value spaces', async () => {
    const fleet = cloud.devices[1];
    const x = await connect(`webex://${fleet.id}`, { token: cloud.tokens[0].token, baseUrl: cloud.baseUrl }) as CloudXapi;
    const docs = await x.schemaDocuments();
    await x.close();
    const built = new SchemaIndex(fromCloudDevice({ ...docs, version: fleet.device.softwareVersion }));
    const own = fleet.device.index;
    let compared = 0;
    for (const node of fleet.device.schema.nodes) {
      if (node.kind === 'Event') continue;
      const mine = own.variantFor(node, fleet.device.product);
      if (!mine) continue;
      if (node.kind === 'Configuration' && !built.lookup('Configuration', node.names)) continue; // a list with no entries on the device has no key
      const theirs = built.lookup(node.kind, node.names);
      assert.ok(theirs, `${node.kind} ${node.normPath}`);
      const v = theirs.variants[0];
      if (mine.valueSpace?.type === 'Literal') assert.deepEqual(v.valueSpace, { type: 'Literal', values: mine.valueSpace.values.map(x => ({ value: x.value })) }, node.normPath);
      if (node.kind === 'Command') assert.deepEqual(v.params?.map(p => [p.name, p.required]), mine.params?.map(p => [p.name, p.required]), node.normPath);
      compared++;
    }
    assert.ok(compared > 50, `compared ${compared}`);
    assert.ok(built.lookup('Configuration', ['Audio', 'DefaultVolume']));
  });

  it('xapi schema show --device webex://… shows a node as the device has it; diff compares it with a published version', async () => {
    const env = { WEBEX_TOKEN: cloud.tokens[0].token, WEBEX_BASE_URL: cloud.baseUrl, XAPI_SCHEMA_OFFLINE: '1', XAPI_SCHEMA_DIR: '/nonexistent' };
    const show = await runCli(['schema', 'show', 'xCommand Audio Volume Set', '--device', `webex://${cloud.devices[0].id}`, '--json'], env);
    assert.equal(show.code, 0, show.stderr);
    const node = JSON.parse(show.stdout);
    assert.equal(JSON.stringify(node).includes('Level'), true);
    const diff = await runCli(['schema', 'diff', 'core', `webex://${cloud.devices[0].id}`, '--json'], env);
    assert.equal(diff.code, 0, diff.stderr);
    const d = JSON.parse(diff.stdout);
    assert.ok(d.removed.some((n: { kind: string }) => n.kind === 'Event'), 'without the published schema the cloud device has no events');
    assert.match(diff.stderr, /^xapi schema: no events or descriptions: the published schema of RoomOS/m);
    assert.equal((await runCli(['schema', 'show', 'Audio', '--device', 'webex://x', '--version', '11.27.2.0'], env)).code, 2);
  });

  it('xapi types --device webex://… writes typings of it (and says where events come from)', async () => {
    const r = await runCli(['types', '--device', `webex://${cloud.devices[0].id}`], {
      WEBEX_TOKEN: cloud.tokens[0].token, WEBEX_BASE_URL: cloud.baseUrl, XAPI_SCHEMA_OFFLINE: '1', XAPI_SCHEMA_DIR: '/nonexistent',
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /declare module 'xapi-workbench'/);
    assert.match(r.stdout, /Volume/);
    assert.match(r.stderr, /^xapi types: no events or descriptions: the published schema of RoomOS \d+\.\d+\.\d+\.\d+ could not be read/m);
  });
});
