/** The device xDoc tree: loading it, and writing it back from the model (round trip). */
import * as assert from 'node:assert/strict';
import { parseXdocSchema, XdocDocuments, XdocNode } from '../../schema/load/xdoc';
import { coreSchema } from '../../schema/core';
import { CommandParam, NodeVariant, Schema, ValueSpace } from '../../schema/model';
import { SchemaIndex } from '../../schema/schemaIndex';
import { toXdoc } from '../../schema/xdocWriter';
import { PUBLISHED_VERSIONS, requirePublished } from '../support/publishedSchemas';

/** A small device tree in the shape §7.1 describes (written for this test). */
const DEVICE: XdocDocuments = {
  Command: {
    product: 'Cisco Room Kit', version: 'ce11.27.2.0.abc', apiVersion: '4',
    Dial: {
      command: 'True', access: 'public-api', role: 'Admin;User', description: 'Call someone.',
      Number: { required: 'True', ValueSpace: { type: 'String', minLength: '0', maxLength: '255' } },
      CallRate: { required: 'False', ValueSpace: { type: 'Integer', min: '64', max: '6000', default: '6000' } },
    },
    SystemUnit: {
      FactoryReset: {
        command: 'True', access: 'public-api', role: 'Admin',
        Keep: [{ required: 'False', ValueSpace: { type: 'LiteralArray', Value: ['LocalSetup', 'Network'] } }],
      },
      Secret: { command: 'True', access: 'internal' },
    },
    HttpClient: { Post: { command: 'True', access: 'public-api', multiline: 'True', role: 'Admin', Url: { required: 'True', ValueSpace: { type: 'String' } } } },
  },
  Configuration: {
    Audio: {
      DefaultVolume: { access: 'public-api', role: 'Admin;Integrator', read: 'Admin;Integrator;User', ValueSpace: { type: 'Integer', default: '50', min: '0', max: '100' } },
      Input: {
        HDMI: [
          { id: '2', Mode: { access: 'public-api', role: 'Admin', read: 'Admin;User', ValueSpace: { type: 'Literal', default: 'On', Value: ['Off', 'On'] } } },
          { id: '3', Mode: { access: 'public-api', role: 'Admin', read: 'Admin;User', ValueSpace: { type: 'Literal', default: 'On', Value: ['Off', 'On'] } } },
        ],
      },
    },
  },
  StatusSchema: {
    Audio: {
      Volume: { access: 'public-api', read: 'Admin;Integrator;User', ValueSpace: { type: 'Integer' } },
      Input: { HDMI: [{ Mute: { access: 'public-api', read: 'Admin;User', ValueSpace: { type: 'Literal', Value: ['On', 'Off'] } } }] },
    },
  },
  Event: {
    Macros: { Macro: { Saved: { access: 'public-api', event: 'True', read: 'Admin;User', Name: { type: 'string' } } } },
    Peripherals: {
      DeviceDiscovery: {
        access: 'public-api', event: 'True', read: 'Admin;User',
        Device: [{ DeviceType: { type: 'literal' }, MacAddress: { type: 'string' } }],
      },
    },
    Standby: { SecondsToStandby: { access: 'public-api', event: 'True', read: 'Admin;User', NameNotUsed: { type: 'int' } } },
  },
};

describe('schema: xDoc loader', () => {
  const schema = parseXdocSchema(DEVICE, 'fallback');
  const index = new SchemaIndex(schema);
  const v = (kind: 'Command' | 'Configuration' | 'Status' | 'Event', p: string): NodeVariant => {
    const node = index.lookup(kind, p);
    assert.ok(node, `${kind} ${p}`);
    return node.variants[0];
  };

  it('takes the version label from the device tree and names no products', () => {
    assert.equal(schema.version, 'ce11.27.2.0.abc');
    assert.equal(schema.source, 'device');
    assert.ok(schema.nodes.every(n => n.variants.length === 1 && n.variants[0].products.length === 0));
    assert.equal(parseXdocSchema({ StatusSchema: { A: { ValueSpace: { type: 'String' } } } }, 'label-only').version, 'label-only');
  });

  it('commands: params, required, defaults, repeatable, multiline, roles; internal dropped', () => {
    const dial = v('Command', 'Dial');
    assert.deepEqual(dial.writeRoles, ['Admin', 'User']);
    assert.deepEqual(dial.params, [
      { name: 'Number', required: true, valueSpace: { type: 'String', minLength: 0, maxLength: 255 } },
      { name: 'CallRate', required: false, default: '6000', valueSpace: { type: 'Integer', min: 64, max: 6000 } },
    ]);
    const keep = v('Command', 'SystemUnit FactoryReset').params![0];
    assert.equal(keep.valueSpace.type, 'Literal');
    assert.ok(keep.valueSpace.multiple! > 1);
    assert.equal(v('Command', 'HttpClient Post').multiline, true);
    assert.equal(index.lookup('Command', 'SystemUnit Secret'), undefined);
  });

  it('configurations: defaults, and instance ids as the index range', () => {
    assert.equal(v('Configuration', 'Audio DefaultVolume').default, '50');
    assert.deepEqual(v('Configuration', 'Audio DefaultVolume').readRoles, ['Admin', 'Integrator', 'User']);
    const mode = v('Configuration', 'Audio Input HDMI Mode');
    assert.deepEqual(mode.path[2], { name: 'HDMI', index: { min: 2, max: 3 } });
    assert.deepEqual(mode.valueSpace, { type: 'Literal', values: [{ value: 'Off' }, { value: 'On' }] });
  });

  it('statuses: single-element lists are [n]; read roles', () => {
    const mute = v('Status', 'Audio Input HDMI Mute');
    assert.deepEqual(mute.path[2], { name: 'HDMI', index: { min: 1 } });
    assert.deepEqual(mute.readRoles, ['Admin', 'User']);
    assert.deepEqual(v('Status', 'Audio Volume').valueSpace, { type: 'Integer' });
  });

  it('events: typed fields, list fields, bare values', () => {
    assert.deepEqual(v('Event', 'Macros Macro Saved').fields, [{ name: 'Name', required: true, valueSpace: { type: 'String' } }]);
    const device = v('Event', 'Peripherals DeviceDiscovery').fields![0];
    assert.equal(device.multiple, true);
    assert.deepEqual(device.children!.map(f => f.name), ['DeviceType', 'MacAddress']);
    assert.deepEqual(v('Event', 'Standby SecondsToStandby').bareValue, { type: 'Integer' });
  });
});

function stripLiteralDescriptions(vs: ValueSpace | undefined): ValueSpace | undefined {
  return vs?.type === 'Literal' ? { ...vs, values: vs.values.map(x => ({ value: x.value })) } : vs;
}

/** What must survive model → xDoc → model (xDoc literals carry no per-value descriptions). */
function comparable(v: NodeVariant) {
  return {
    valueSpace: stripLiteralDescriptions(v.valueSpace),
    default: v.default,
    hidden: v.hidden,
    params: v.params?.map((p: CommandParam) => ({ ...p, valueSpace: stripLiteralDescriptions(p.valueSpace) })),
    multiline: v.multiline,
    fields: v.fields,
    bareValue: v.bareValue,
    writeRoles: v.writeRoles,
    readRoles: v.readRoles,
    backend: v.backend,
    access: v.access,
    description: v.description,
  };
}

function roundTrip(schema: Schema, product: string): Schema {
  const docs: XdocDocuments = {
    Command: toXdoc(schema, 'Command', { product }) as XdocNode,
    Configuration: toXdoc(schema, 'Configuration', { product }) as XdocNode,
    StatusSchema: toXdoc(schema, 'Status', { product }) as XdocNode,
    Event: toXdoc(schema, 'Event', { product }) as XdocNode,
  };
  // Through JSON, as it would travel over the wire.
  return parseXdocSchema(JSON.parse(JSON.stringify(docs)), 'round-trip');
}

describe('schema: xDoc writer round trip (published → model → xDoc → model)', () => {
  const cases: [string, string][] = [
    ['9.15.17.4', 'hopen'],
    ['10.19.4.2', 'barents'],
    ['11.27.2.0', 'hopen'],
    ['11.27.2.0', 'vecchio'],
    ['26.4.1-March-2026', 'davinci'],
  ];
  for (const [version, product] of cases) {
    it(`${version} for ${product}: same nodes, kinds, value spaces, params, fields and roles`, async function () {
      assert.ok(PUBLISHED_VERSIONS.includes(version as (typeof PUBLISHED_VERSIONS)[number]));
      const schema = await requirePublished(this, version);
      const original = new SchemaIndex(schema);
      const back = new SchemaIndex(roundTrip(schema, product));
      assert.equal(back.version, version, 'the version label travels in the tree');
      const expected = [...original.nodes()].filter(n => n.variants.some(v => v.products.includes(product)));
      assert.ok(expected.length > 100);
      assert.equal(back.count(), expected.length);
      for (const node of expected) {
        const copy = back.lookup(node.kind, node.names);
        assert.ok(copy, `${node.kind} ${node.normPath} survives`);
        assert.deepEqual(copy.names, node.names);
        assert.deepEqual(comparable(copy.variants[0]), comparable(original.variantFor(node, product)!), `${node.kind} ${node.normPath}`);
      }
    });
  }

  for (const product of [undefined, 'hopen', 'vecchio']) {
    it(`core schema${product ? ` for ${product}` : ''} (no published data needed): same nodes and facts`, () => {
      const schema = coreSchema();
      const original = new SchemaIndex(schema);
      const docs: XdocDocuments = {
        Command: toXdoc(schema, 'Command', { product }) as XdocNode,
        Configuration: toXdoc(schema, 'Configuration', { product }) as XdocNode,
        StatusSchema: toXdoc(schema, 'Status', { product }) as XdocNode,
        Event: toXdoc(schema, 'Event', { product }) as XdocNode,
      };
      const back = new SchemaIndex(parseXdocSchema(JSON.parse(JSON.stringify(docs)), 'x'));
      assert.equal(back.version, schema.version);
      const expected = [...original.nodes()].filter(n => original.hasProduct(n, product));
      assert.ok(expected.length >= 150);
      assert.equal(back.count(), expected.length);
      for (const node of expected) {
        const copy = back.lookup(node.kind, node.names);
        assert.ok(copy, `${node.kind} ${node.normPath} survives`);
        assert.deepEqual(comparable(copy.variants[0]), comparable(original.variantFor(node, product)!), `${node.kind} ${node.normPath}`);
      }
    });
  }

  it('configuration index ranges survive as instance ids', async function () {
    const schema = await requirePublished(this, '11.27.2.0');
    const tree = toXdoc(schema, 'Configuration', { product: 'brooklyn' }) as Record<string, any>;
    const connectors = tree.Video.Output.Connector as { id: string }[];
    assert.deepEqual(connectors.map(c => c.id), ['1', '2', '3']);
    assert.equal(tree.product, 'Room Bar Pro');
    const back = new SchemaIndex(roundTrip(schema, 'brooklyn'));
    assert.deepEqual(back.lookup('Configuration', 'Video Output Connector MonitorRole')!.variants[0].path[2].index, { min: 1, max: 3 });
    // Codec Pro has one variant per connector ([1], [2], [3]): the device tree has all three.
    const pro = new SchemaIndex(roundTrip(schema, 'barents'));
    assert.deepEqual(pro.lookup('Configuration', 'Video Output Connector MonitorRole')!.variants[0].path[2].index, { min: 1, max: 3 });
  });

  it('the root version can be the software version a device reports (fromDevice takes it as the label)', () => {
    const tree = toXdoc(coreSchema(), 'Status', { version: 'ce11.27.2.0.abc' }) as XdocNode;
    assert.equal(parseXdocSchema({ StatusSchema: tree }, 'fallback').version, 'ce11.27.2.0.abc');
    assert.equal((toXdoc(coreSchema(), 'Status') as Record<string, unknown>).version, coreSchema().version);
  });

  it('without a product: every node, first variant', async function () {
    const schema = await requirePublished(this, '10.19.4.2');
    const tree = toXdoc(schema, 'Event') as Record<string, any>;
    assert.equal(tree.product, undefined);
    assert.equal(tree.Standby.SecondsToStandby.event, 'True');
    const back = parseXdocSchema({ Event: tree as XdocNode }, 'x');
    assert.equal(back.nodes.length, new SchemaIndex(schema).count('Event'));
  });
});
