/**
 * fromDevice against a real device stand-in: the emulator over ws:// (port 0, 127.0.0.1) and the
 * client's `connect()`, so the four xDoc requests travel the real wire protocol. The schema read back
 * must have exactly the nodes the emulator serves: those of its schema available on its product.
 */
import * as assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../emulator';
import { coreSchema } from '../../schema/core';
import { NODE_KINDS, Schema } from '../../schema/model';
import { SchemaIndex } from '../../schema/schemaIndex';
import { SchemaError } from '../../schema/errors';
import { fromDevice } from '../../schema/sources';
import { connect, xdocFetcher, type Xapi } from '../../xapi';
import { requirePublished } from '../support/publishedSchemas';

/** `Kind Path` of every node the device should list, sorted. */
function expectedPaths(schema: Schema, product: string | undefined): string[] {
  const index = new SchemaIndex(schema);
  return [...index.nodes()].filter(n => index.hasProduct(n, product)).map(n => `${n.kind} ${n.normPath}`).sort();
}

function paths(schema: Schema): string[] {
  return schema.nodes.map(n => `${n.kind} ${n.normPath}`).sort();
}

describe('schema: fromDevice over the emulator and the client', function () {
  this.timeout(60_000);
  let emu: Emulator | undefined;
  let xapi: Xapi | undefined;

  afterEach(async () => {
    await xapi?.close();
    await emu?.stop();
    xapi = emu = undefined;
  });

  async function readBack(schema: Schema, product?: string): Promise<{ read: Schema; served: string | undefined }> {
    emu = await startEmulator({ tls: false, schema, product });
    xapi = await connect(emu.url, {});
    const x = xapi;
    const read = await fromDevice(xdocFetcher(x), 'emulator');
    return { read, served: emu.device.product };
  }

  it('core schema: the same nodes as the emulator serves for its default product', async () => {
    const { read, served } = await readBack(coreSchema());
    assert.equal(read.source, 'device');
    const want = expectedPaths(coreSchema(), served);
    assert.ok(want.length >= 150, `${want.length} nodes expected`);
    assert.deepEqual(paths(read), want);
    assert.deepEqual(new SchemaIndex(read).kinds(), [...NODE_KINDS]);
    // Labelled with the software version the device reports, as a real device's xDoc is.
    assert.equal(read.version, emu!.device.softwareVersion);
  });

  it('roots the device does not have (xDoc -32602) are left out; the rest is read', async () => {
    const core = coreSchema();
    const partial: Schema = { ...core, nodes: core.nodes.filter(n => n.kind === 'Command' || n.kind === 'Status') };
    const { read } = await readBack(partial);
    assert.deepEqual(new SchemaIndex(read).kinds(), ['Command', 'Status']);
  });

  it('a closed connection is not a missing root: SchemaError with the client error as cause', async () => {
    emu = await startEmulator({ tls: false, schema: coreSchema() });
    xapi = await connect(emu.url, {});
    const x = xapi;
    await x.close();
    const err = await fromDevice(xdocFetcher(x), 'emulator').then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof SchemaError, String(err));
    assert.ok(err.cause instanceof Error, 'the client error is kept as the cause');
    assert.match(err.message, /^emulator: xDoc Command failed: /);
  });

  it('published 11.27 with a product: node count and paths, the version label, a known node', async function () {
    const schema = await requirePublished(this, '11.27.2.0');
    const { read, served } = await readBack(schema, 'Room Kit');
    assert.equal(served, 'hopen');
    const want = expectedPaths(schema, 'hopen');
    assert.equal(read.nodes.length, want.length);
    assert.deepEqual(paths(read), want);
    assert.equal(read.version, '11.27.2.0', 'the label is the version the device reports');
    const dial = new SchemaIndex(read).lookup('Command', 'dial')!;
    const original = new SchemaIndex(schema).variantFor(new SchemaIndex(schema).lookup('Command', 'Dial')!, 'hopen')!;
    assert.deepEqual(dial.variants[0].params!.map(p => [p.name, p.required]), original.params!.map(p => [p.name, p.required]));
  });
});
