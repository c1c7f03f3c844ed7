/**
 * The index and product names on a small hand-written schema, so these facts are checked even
 * where the published schemas are not available (the published tests repeat them at scale).
 */
import * as assert from 'node:assert/strict';
import { parsePublishedSchema } from '../../schema/load/published';
import { productName, resolveProduct } from '../../schema/products';
import { SchemaIndex } from '../../schema/schemaIndex';
import { variantAt, variantsFor } from '../../schema/variants';
import { splitPath } from '../../schema/path';

const objects = [
  { id: 1, type: 'Status', path: 'Audio Volume', products: [], attributes: { role: ['User'], valuespace: { type: 'Integer' } } },
  { id: 2, type: 'Status', path: 'Call[n] Status', products: ['hopen', 'vecchio'], attributes: { valuespace: { type: 'Literal', Values: ['Idle', 'Connected'] } } },
  { id: 3, type: 'Configuration', path: 'Audio DefaultVolume', products: ['hopen'], attributes: { default: '50', valuespace: { type: 'Integer', Min: '0', Max: '100' } } },
  { id: 4, type: 'Configuration', path: 'Audio DefaultVolume', products: ['darling_10_55'], attributes: { default: '70', valuespace: { type: 'Integer', Min: '0', Max: '100' } } },
  { id: 5, type: 'Configuration', path: 'Video Output Connector[1] Mode', products: ['barents'], attributes: { default: 'On', valuespace: { type: 'Literal', Values: ['On'] } } },
  { id: 6, type: 'Configuration', path: 'Video Output Connector[2..3] Mode', products: ['barents'], attributes: { default: 'Off', valuespace: { type: 'Literal', Values: ['On', 'Off'] } } },
  { id: 7, type: 'Command', path: 'Audio Volume Set', products: ['hopen'], attributes: { role: ['User'], params: [{ name: 'Level', required: true, valuespace: { type: 'Integer', Min: '0', Max: '100' } }] } },
  { id: 8, type: 'Command', path: 'Audio Volume', products: ['vecchio'], attributes: {} },
];

describe('schema: index on a hand-written schema', () => {
  const index = new SchemaIndex(parsePublishedSchema({ objects }, 'tiny'));

  it('a kind the schema lacks is simply empty', () => {
    assert.deepEqual(index.kinds(), ['Command', 'Configuration', 'Status']);
    assert.equal(index.count('Event'), 0);
    assert.deepEqual(index.children('Event', ''), []);
    assert.deepEqual([...index.nodes('Event')], []);
    assert.equal(index.lookup('Event', 'Audio Volume'), undefined);
    assert.equal(index.version, 'tiny');
  });

  it('exact lookup is case-insensitive, skips indexes, and keeps the schema spelling', () => {
    const node = index.lookup('Status', 'CALL 4 sTaTuS');
    assert.equal(node?.normPath, 'Call Status');
    assert.equal(index.lookup('Status', ['call', 9, 'status']), node);
    assert.equal(index.lookup('Status', 'Call'), undefined, 'a branch is not a node');
    assert.equal(index.lookup('Status', 'Call Status Extra'), undefined);
  });

  it('a path can be a node and a branch: Command Audio Volume', () => {
    assert.ok(index.lookup('Command', 'Audio Volume'));
    assert.deepEqual(index.children('Command', 'audio volume').map(e => e.name), ['Set']);
  });

  it('children of a prefix, filtered by product', () => {
    assert.deepEqual(index.children('Configuration', '').map(e => e.name), ['Audio', 'Video']);
    assert.deepEqual(index.children('Configuration', '', 'hopen').map(e => e.name), ['Audio']);
    assert.deepEqual(index.children('Configuration', '', 'barents').map(e => e.name), ['Video']);
    assert.deepEqual(index.children('Status', '', 'darling_10_55').map(e => e.name), ['Audio'], 'an all-products node counts');
    assert.deepEqual(index.children('Command', 'Audio', 'vecchio').map(e => e.name), ['Volume']);
    assert.deepEqual(index.children('Command', 'Audio Volume', 'vecchio'), [], 'Set is not on the Navigator');
    assert.deepEqual(index.entry('Configuration', 'Video Output Connector')?.index, { min: 1, max: 3 }, 'the widest range');
  });

  it('variants are kept per node and chosen by product', () => {
    const node = index.lookup('Configuration', 'Audio DefaultVolume')!;
    assert.equal(node.variants.length, 2);
    assert.equal(index.variantFor(node, 'hopen')?.default, '50');
    assert.equal(index.variantFor(node, 'darling_10_55')?.default, '70');
    assert.equal(index.variantFor(node, 'svea'), undefined);
    assert.equal(index.hasProduct(node, 'svea'), false);
    assert.equal(index.hasProduct(index.lookup('Status', 'Audio Volume')!, 'svea'), true);
    assert.deepEqual(index.products(), ['barents', 'darling_10_55', 'hopen', 'vecchio']);
  });

  it('per-index variants of one product are chosen by index', () => {
    const node = index.lookup('Configuration', 'Video Output Connector Mode')!;
    assert.equal(variantsFor(node, 'barents').length, 2);
    assert.equal(variantAt(node, splitPath('Video Output Connector 1 Mode'), 'barents')?.default, 'On');
    assert.equal(variantAt(node, splitPath('Video Output Connector[3] Mode'), 'barents')?.default, 'Off');
    assert.equal(variantAt(node, splitPath('Video Output Connector 4 Mode'), 'barents'), undefined);
    assert.equal(variantAt(node, splitPath('Video Output Connector 1 Mode'), 'hopen'), undefined);
  });
});

describe('schema: product names', () => {
  it('maps code names to the names users know, and back (case-insensitive, with or without Cisco)', () => {
    assert.equal(productName('hopen'), 'Room Kit');
    assert.equal(productName('barents'), 'Codec Pro');
    assert.equal(productName('not_a_product'), 'not_a_product', 'an unknown code stays as it is');
    assert.equal(resolveProduct('Room Kit'), 'hopen');
    assert.equal(resolveProduct('  room kit mini '), 'havella');
    assert.equal(resolveProduct('Cisco Room Bar Pro'), 'brooklyn');
    assert.equal(resolveProduct('HOPEN'), 'hopen');
    assert.equal(resolveProduct('Toaster 9000'), undefined);
  });
});

describe('schema: published loader path segments (consecutive paths share their common words)', () => {
  const paths = [
    'Audio Input HDMI[n] Mode',
    'Audio Input HDMI[1..2] Level',
    'Audio Input HDMI[1..2] Level Extra',
    'Audio  Input HDMIX Mode ',
    'Audio Input HDMI[n] Mode',
    'Audio Output[3] Mode',
  ];
  const schema = parsePublishedSchema({ objects: paths.map((p, id) => ({ id, type: 'Status', path: p, products: [], attributes: {} })) }, 'segs');
  const variant = (i: number) => schema.nodes.flatMap(n => n.variants)[i];

  it('parses each path on its own terms', () => {
    const shapes = schema.nodes.flatMap(n => n.variants).map(v => v.path.map(s => (s.index ? `${s.name}[${s.index.min}..${s.index.max ?? 'n'}]` : s.name)).join(' '));
    assert.deepEqual(shapes, [
      'Audio Input HDMI[1..n] Mode', 'Audio Input HDMI[1..n] Mode',
      'Audio Input HDMI[1..2] Level', 'Audio Input HDMI[1..2] Level Extra', 'Audio Input HDMIX Mode', 'Audio Output[3..3] Mode',
    ]);
    assert.deepEqual(schema.nodes.map(n => n.normPath), ['Audio Input HDMI Mode', 'Audio Input HDMI Level', 'Audio Input HDMI Level Extra', 'Audio Input HDMIX Mode', 'Audio Output Mode']);
  });

  it('shares the segments of a common prefix and never a segment whose word differs', () => {
    const [a, b, c] = [variant(0), variant(2), variant(3)];
    assert.equal(b.path[0], a.path[0]);
    assert.equal(b.path[1], a.path[1]);
    assert.notEqual(b.path[2], a.path[2], 'HDMI[1..2] is not HDMI[n]');
    assert.equal(c.path[2], b.path[2]);
    assert.equal(c.path[3], b.path[3]);
  });

  it('rejects a bad word after a shared prefix, naming it', () => {
    assert.throws(() => parsePublishedSchema({ objects: [
      { id: 1, type: 'Status', path: 'Audio Input HDMI[n] Mode', attributes: {} },
      { id: 2, type: 'Status', path: 'Audio Input HDMI[x] Mode', attributes: {} },
    ] }, 'bad'), /object #1 \(id 2\).*bad index '\[x\]'/);
  });
});
