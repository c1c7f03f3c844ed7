/**
 * The simulated device's statuses agree with its product and configuration (published 11.27.2.0): a product reports
 * as many video connectors as its configuration has; a device that is not a touch screen itself has a touch
 * controller under Peripherals ConnectedDevice unless told otherwise; lists that are empty on an idle device read
 * as [] (real macros test `(await xapi.Status.Call.get()).length`).
 */
import assert from 'node:assert/strict';
import { createSimulatedXapi } from '../../emulator/simulatedXapi';
import { requirePublished } from '../support/publishedSchemas';

describe('emulator: statuses consistent with product and configuration', () => {
  it('as many video output and input connectors as the product\'s configuration has', async function () {
    const schema = await requirePublished(this, '11.27.2.0', { requiredInCi: true });
    const ids = async (product: string, path: string) => {
      const xapi = createSimulatedXapi({ schema, product, macroRuntime: false });
      try { return ((await xapi.status.get(path)) as { id: number }[]).map(c => c.id); } finally { await xapi.close(); }
    };
    assert.deepEqual(await ids('Codec Pro', 'Video Output Connector'), [1, 2, 3]);
    assert.deepEqual(await ids('Room Kit', 'Video Output Connector'), [1, 2]);
    assert.deepEqual(await ids('Desk', 'Video Output Connector'), [1]);
    assert.equal((await ids('Codec Pro', 'Video Input Connector')).length, 7);
  });

  it('a touch controller under Peripherals ConnectedDevice on a codec, none on a Desk, and none when turned off', async function () {
    const schema = await requirePublished(this, '11.27.2.0', { requiredInCi: true });
    const peripherals = async (product: string, touchController?: boolean) => {
      const xapi = createSimulatedXapi({ schema, product, macroRuntime: false, ...(touchController === undefined ? {} : { touchController }) });
      try { return (await xapi.status.get('Peripherals ConnectedDevice')) as { id: number; Type: string; Status: string }[]; } finally { await xapi.close(); }
    };
    const pro = await peripherals('Codec Pro');
    assert.deepEqual(pro.map(p => [p.id, p.Type, p.Status]), [[1001, 'TouchPanel', 'Connected']]);
    assert.deepEqual(await peripherals('Desk'), []);
    assert.deepEqual(await peripherals('Codec Pro', false), []);
    assert.equal((await peripherals('Desk', true)).length, 1);
  });

  it('an idle device\'s call list reads as an empty list, and an item it does not have is still no match', async () => {
    const xapi = createSimulatedXapi({ macroRuntime: false });
    try {
      assert.deepEqual(await xapi.Status.Call.get(), []);
      await assert.rejects(xapi.status.get('Call 5 Status'), /No match on Path argument/);
    } finally {
      await xapi.close();
    }
  });
});
