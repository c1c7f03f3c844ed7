/** The roomos.cisco.com loader and the index, against the four shared published schemas. */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { NODE_KINDS, NodeKind, Schema, SchemaNode } from '../../schema/model';
import { parsePublishedSchema } from '../../schema/load/published';
import { splitPath } from '../../schema/path';
import { SchemaIndex } from '../../schema/schemaIndex';
import { variantAt, variantsFor } from '../../schema/variants';
import { publishedFileName } from '../../schema/sources';
import { PUBLISHED_VERSIONS, requirePublished, schemaDir, testCacheDir } from '../support/publishedSchemas';

/** Raw object counts per kind, as the shared README lists them. */
const RAW_COUNTS: Record<string, number[]> = {
  '9.15.17.4': [478, 765, 572, 0],
  '10.19.4.2': [529, 950, 591, 163],
  '11.27.2.0': [601, 1146, 765, 179],
  '26.4.1-March-2026': [589, 1293, 783, 184],
};

/** Distinct (kind, path without index brackets) pairs, computed straight from the file. */
function independentCounts(version: string): { raw: number[]; distinct: number[] } {
  // The file publishedSchema() loaded: the seed folder's copy, or the downloaded one in the test cache.
  const seeded = path.join(schemaDir(), publishedFileName(version));
  const file = existsSync(seeded) ? seeded : path.join(testCacheDir(), publishedFileName(version));
  const json = JSON.parse(readFileSync(file, 'utf8')) as {
    objects: { type: NodeKind; path: string; attributes: { access?: string } }[];
  };
  const raw = NODE_KINDS.map(() => 0);
  const distinct = NODE_KINDS.map(() => new Set<string>());
  for (const o of json.objects) {
    const k = NODE_KINDS.indexOf(o.type);
    raw[k]++;
    distinct[k].add(o.path.replace(/\[[^\]]*\]/g, '').toLowerCase());
  }
  return { raw, distinct: distinct.map(s => s.size) };
}

function variant(index: SchemaIndex, kind: NodeKind, p: string, product?: string) {
  const node = index.lookup(kind, p);
  assert.ok(node, `${kind} ${p} exists`);
  const v = index.variantFor(node, product);
  assert.ok(v, `${kind} ${p} has a variant${product ? ` for ${product}` : ''}`);
  return { node, v };
}

describe('schema: published loader over the shared schemas', () => {
  for (const version of PUBLISHED_VERSIONS) {
    it(`${version}: one node per distinct (kind, path), matching the raw counts`, async function () {
      const schema = await requirePublished(this, version);
      const index = new SchemaIndex(schema);
      const { raw, distinct } = independentCounts(version);
      assert.deepEqual(raw, RAW_COUNTS[version], 'raw object counts per kind match the README');
      assert.deepEqual(NODE_KINDS.map(k => index.count(k)), distinct);
      const variants = NODE_KINDS.map(k => [...index.nodes(k)].reduce((n, node) => n + node.variants.length, 0));
      assert.deepEqual(variants, raw, 'every public object is one variant');
      assert.equal(schema.version, version);
      assert.equal(schema.source, 'published');
    });
  }

  it('9.15 has no events; the others have all four kinds', async function () {
    const old = new SchemaIndex(await requirePublished(this, '9.15.17.4'));
    assert.deepEqual(old.kinds(), ['Command', 'Configuration', 'Status']);
    assert.equal(old.lookup('Event', 'Standby SecondsToStandby'), undefined);
    const recent = new SchemaIndex(await requirePublished(this, '10.19.4.2'));
    assert.deepEqual(recent.kinds(), ['Command', 'Configuration', 'Status', 'Event']);
  });

  describe('11.27.2.0 known nodes', () => {
    let schema: Schema;
    let index: SchemaIndex;
    before(async function () {
      schema = await requirePublished(this, '11.27.2.0');
      index = new SchemaIndex(schema);
    });

    it("Dial: 8 params, Number required, Protocol literal H323/Sip/Spark, CallRate bounds", () => {
      const { v } = variant(index, 'Command', 'Dial', 'hopen');
      const params = v.params!;
      assert.equal(params.length, 8);
      assert.deepEqual(params.filter(p => p.required).map(p => p.name), ['Number']);
      const number = params.find(p => p.name === 'Number')!;
      assert.deepEqual(number.valueSpace, { type: 'String', minLength: 0, maxLength: 255 });
      const protocol = params.find(p => p.name === 'Protocol')!;
      assert.equal(protocol.valueSpace.type, 'Literal');
      assert.deepEqual(protocol.valueSpace.type === 'Literal' && protocol.valueSpace.values.map(x => x.value), ['H323', 'Sip', 'Spark']);
      assert.deepEqual(params.find(p => p.name === 'CallRate')!.valueSpace, { type: 'Integer', min: 64, max: 6000, step: 1 });
      assert.deepEqual([...v.writeRoles].sort(), ['Admin', 'Integrator', 'User']);
      assert.deepEqual(v.readRoles, []);
    });

    it('Audio DefaultVolume: two variants with different defaults by product', () => {
      const node = index.lookup('Configuration', 'Audio DefaultVolume')!;
      assert.equal(node.variants.length, 2);
      assert.deepEqual(node.variants.map(v => v.default).sort(), ['50', '70']);
      assert.equal(index.variantFor(node, 'hopen')!.default, '50');
      assert.equal(index.variantFor(node, 'darling_10_55')!.default, '70');
      for (const v of node.variants) assert.deepEqual(v.valueSpace, { type: 'Integer', min: 0, max: 100, step: 100 });
      const v = node.variants[0];
      assert.deepEqual([...v.readRoles].sort(), ['Admin', 'Integrator', 'User'], 'read → readRoles');
      assert.ok(v.writeRoles.includes('Admin'), 'role → writeRoles');
    });

    it('Call[n] Status: open index and the call states as literals', () => {
      const { node, v } = variant(index, 'Status', 'Call[3] Status');
      assert.deepEqual(node.names, ['Call', 'Status']);
      assert.deepEqual(v.path[0], { name: 'Call', index: { min: 1 } });
      assert.equal(v.valueSpace?.type, 'Literal');
      const values = v.valueSpace?.type === 'Literal' ? v.valueSpace.values.map(x => x.value) : [];
      assert.deepEqual(values, ['Connected', 'Connecting', 'Dialling', 'Disconnecting', 'EarlyMedia', 'Idle', 'OnHold', 'Preserved', 'RemotePreserved', 'Ringing']);
      assert.deepEqual(v.writeRoles, [], 'statuses have no writers');
      assert.ok(v.readRoles.includes('User'), 'status role → readRoles');
    });

    it('Video Output Connector MonitorRole: variants differ by product in range and values', () => {
      const node = index.lookup('Configuration', 'Video Output Connector MonitorRole')!;
      assert.ok(node.variants.length > 2);
      const roomKit = index.variantFor(node, 'hopen')!;
      assert.deepEqual(roomKit.path[2].index, { min: 1, max: 2 });
      const values = (p: string) => {
        const vs = index.variantFor(node, p)!.valueSpace!;
        return vs.type === 'Literal' ? vs.values.map(x => x.value) : [];
      };
      assert.ok(!values('hopen').includes('Third'));
      assert.ok(values('brooklyn').includes('Third') && values('brooklyn').includes('Recorder'));
      assert.deepEqual(index.variantFor(node, 'brooklyn')!.path[2].index, { min: 1, max: 3 });
      assert.ok(index.entry('Configuration', 'Video Output Connector')!.index!.max! >= 3, 'trie entry has the widest range');
    });

    it('a product with one variant per connector: variantsFor / variantAt pick by index', () => {
      const node = index.lookup('Configuration', 'Video Output Connector MonitorRole')!;
      const pro = variantsFor(node, 'barents');
      assert.deepEqual(pro.map(v => v.path[2].index), [{ min: 1, max: 1 }, { min: 2, max: 2 }, { min: 3, max: 3 }]);
      assert.equal(variantAt(node, splitPath('Video Output Connector 2 MonitorRole'), 'barents'), pro[1]);
      assert.equal(variantAt(node, splitPath('Video Output Connector 3 MonitorRole'), 'barents'), pro[2]);
      assert.equal(variantAt(node, splitPath('Video Output Connector 4 MonitorRole'), 'barents'), undefined);
      assert.equal(variantAt(node, splitPath('Video Output Connector 3 MonitorRole'), 'hopen'), undefined, 'Room Kit has two');
      assert.ok(variantAt(node, splitPath('Video Output Connector MonitorRole'), 'hopen'), 'no index given: any variant of the product');
      assert.equal(variantsFor(node).length, node.variants.length);
    });

    it('Standby SecondsToStandby is a bare-number event; Widget Action has fields', () => {
      const { v } = variant(index, 'Event', 'Standby SecondsToStandby');
      assert.deepEqual(v.bareValue, { type: 'Integer' });
      assert.equal(v.fields, undefined);
      const action = variant(index, 'Event', 'UserInterface Extensions Widget Action').v;
      assert.deepEqual(action.fields!.map(f => [f.name, f.required, f.valueSpace?.type]), [
        ['Type', true, 'String'], ['Value', true, 'String'], ['WidgetId', true, 'String'],
      ]);
      assert.deepEqual(action.writeRoles, []);
      assert.ok(action.readRoles.includes('RoomControl'), 'event read → readRoles');
    });

    it('nested and list event fields, literal event values', () => {
      const { v } = variant(index, 'Event', 'Conference ParticipantList ParticipantAdded');
      const device = v.fields!.find(f => f.name === 'Device')!;
      assert.equal(device.multiple, true);
      assert.ok(device.children!.some(f => f.name === 'EndToEndEncryption' && f.children!.length > 0));
      const isHost = v.fields!.find(f => f.name === 'IsHost')!;
      assert.deepEqual(isHost.valueSpace, { type: 'Literal', values: [{ value: 'True' }, { value: 'False' }] });
    });

    it('names come from path, not normPath (LocalInput[n] Connector[n])', () => {
      const { node, v } = variant(index, 'Status', 'Audio Input LocalInput 1 Connector 2');
      assert.deepEqual(node.names, ['Audio', 'Input', 'LocalInput', 'Connector']);
      assert.deepEqual(v.path.map(s => s.index), [undefined, undefined, { min: 1 }, { min: 1 }]);
      assert.equal(index.lookup('Status', 'Audio Input LocalInput'), undefined, 'the shortened normPath is a branch, not a node');
    });

    it('array value spaces, multiline, hidden values, on-prem backend, literal descriptions, extra attributes', () => {
      const arrays = [...index.nodes('Command')].flatMap(n => n.variants.flatMap(v => v.params ?? [])).filter(p => p.valueSpace.multiple !== undefined);
      assert.ok(arrays.length > 0);
      assert.ok(arrays.every(p => Number.isInteger(p.valueSpace.multiple) && p.valueSpace.multiple! >= 1));
      assert.ok(arrays.some(p => p.valueSpace.type === 'Literal') && arrays.some(p => p.valueSpace.type === 'String'));
      assert.equal(variant(index, 'Command', 'Bookings Put').v.multiline, true);
      assert.equal(variant(index, 'Command', 'Dial').v.multiline, undefined);
      assert.equal(variant(index, 'Configuration', 'H323 Authentication Password').v.hidden, true);
      assert.equal(variant(index, 'Command', 'Call FarEndMessage Send').v.backend, 'onprem');
      const enc = variant(index, 'Configuration', 'Audio Ethernet Encryption').v.valueSpace!;
      assert.ok(enc.type === 'Literal' && enc.values.find(x => x.value === 'Required')!.description!.length > 10);
      assert.equal(variant(index, 'Status', 'SystemUnit Uptime').v.extra?.privacyimpact, 'False');
    });

    it('lookup is case-insensitive and ignores numeric indexes; spelling comes from the schema', () => {
      const a = index.lookup('Configuration', 'audio defaultvolume');
      assert.equal(a, index.lookup('Configuration', 'Audio DefaultVolume'));
      assert.equal(a!.normPath, 'Audio DefaultVolume');
      assert.equal(index.lookup('Status', 'CALL 7 status'), index.lookup('Status', ['Call', 7, 'Status']));
      assert.equal(index.lookup('Status', 'Audio Volum'), undefined);
    });

    it('children of a prefix, with and without a product filter', () => {
      const names = index.children('Command', 'Audio Volume').map(e => e.name);
      for (const n of ['Decrease', 'Increase', 'Mute', 'Set', 'Unmute']) assert.ok(names.includes(n), n);
      assert.deepEqual(names, [...names].sort());
      const all = index.children('Configuration', 'Video Output Connector').map(e => e.name);
      assert.ok(all.includes('MonitorRole'));
      // A product with no node at all below a prefix gets no entry for it.
      const withBoard = index.children('Configuration', '', 'hopen').length;
      assert.ok(withBoard > 0 && withBoard <= index.children('Configuration', '').length);
      assert.ok(index.products().includes('hopen') && index.products().includes('vecchio'));
      const navigatorOnly = [...index.nodes('Status')].filter(n => !index.hasProduct(n, 'vecchio'));
      assert.ok(navigatorOnly.length > 0, 'the Navigator lacks some statuses');
    });

    it('shares repeated product and role arrays instead of copying them', () => {
      const lists = new Set<readonly string[]>();
      let variants = 0;
      for (const n of schema.nodes) for (const v of n.variants) { lists.add(v.products); variants++; }
      assert.ok(lists.size < variants / 5, `${lists.size} distinct arrays for ${variants} variants`);
    });
  });

  it('keeps public-api-preview nodes and drops internal ones', () => {
    const objects = [
      { id: 1, type: 'Status', path: 'A B', products: ['hopen'], attributes: { access: 'public-api-preview', role: ['Admin'], valuespace: { type: 'String' } } },
      { id: 2, type: 'Status', path: 'A C', products: ['hopen'], attributes: { access: 'internal', valuespace: { type: 'String' } } },
    ];
    const s = parsePublishedSchema({ objects }, 'preview');
    assert.deepEqual(s.nodes.map((n: SchemaNode) => n.normPath), ['A B']);
    assert.equal(s.nodes[0].variants[0].access, 'public-api-preview');
  });

  it('index forms [n], [a..b] and [k]', () => {
    const objects = [
      { id: 1, type: 'Configuration', path: 'X[n] Y[1..5] Z[3] W', products: [], attributes: { valuespace: { type: 'Integer', Min: '1', Max: '9' }, default: '1' } },
    ];
    const v = parsePublishedSchema({ objects }, 'idx').nodes[0].variants[0];
    assert.deepEqual(v.path.map(s => s.index), [{ min: 1 }, { min: 1, max: 5 }, { min: 3, max: 3 }, undefined]);
  });
});
