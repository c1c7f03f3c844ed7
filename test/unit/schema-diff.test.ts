/** Schema diff between releases, and its text form. */
import * as assert from 'node:assert/strict';
import { diffSchemas, formatDiff, NodeRef } from '../../schema/diff';
import { parsePublishedSchema } from '../../schema/load/published';
import { requirePublished } from '../support/publishedSchemas';

const has = (refs: NodeRef[], kind: string, path: string) => refs.some(r => r.kind === kind && r.path === path);

describe('schema: diff', () => {
  it('10.19 → 11.27: added, removed and changed nodes, in a stable order', async function () {
    const a = await requirePublished(this, '10.19.4.2');
    const b = await requirePublished(this, '11.27.2.0');
    const d = diffSchemas(a, b);
    assert.equal(d.from, '10.19.4.2');
    assert.equal(d.to, '11.27.2.0');
    assert.ok(d.added.length > 100, `${d.added.length} added`);
    assert.ok(d.removed.length > 0, `${d.removed.length} removed`);
    assert.ok(d.changed.length > 100, `${d.changed.length} changed`);
    assert.ok(has(d.added, 'Command', 'AirPlay KeyEvent Back'), 'AirPlay commands are new in 11.x');
    assert.ok(has(d.removed, 'Configuration', 'Conference MaxTotalReceiveCallRate'));
    assert.ok(!has(d.added, 'Command', 'Dial') && !has(d.removed, 'Command', 'Dial'));

    // Kind order, then path order, case-insensitively.
    const order = ['Command', 'Configuration', 'Status', 'Event'];
    const key = (r: NodeRef) => `${order.indexOf(r.kind)} ${r.path.toLowerCase()}`;
    for (const list of [d.added, d.removed, d.changed.map(c => c.node)]) {
      const keys = list.map(key);
      assert.deepEqual(keys, [...keys].sort());
    }
    // Same input, same output.
    assert.deepEqual(diffSchemas(a, b), d);

    const aecRun = d.changed.find(c => c.node.kind === 'Command' && c.node.path === 'Audio Diagnostics AecReverb Run');
    assert.ok(aecRun);
    assert.ok(aecRun.changes.some(c => c.startsWith('params: added PlayMusic')), aecRun.changes.join('\n'));
    assert.ok(d.changed.some(c => c.changes.some(x => x.startsWith('products: '))));
    assert.ok(d.changed.some(c => c.changes.some(x => x.startsWith('value space: '))));
  });

  it('a schema against itself has no differences; reversing swaps added and removed', async function () {
    const a = await requirePublished(this, '10.19.4.2');
    const b = await requirePublished(this, '11.27.2.0');
    const same = diffSchemas(a, a);
    assert.deepEqual([same.added.length, same.removed.length, same.changed.length], [0, 0, 0]);
    const fwd = diffSchemas(a, b), back = diffSchemas(b, a);
    assert.deepEqual(back.added, fwd.removed);
    assert.deepEqual(back.removed, fwd.added);
    assert.equal(back.changed.length, fwd.changed.length);
  });

  it('reports value space, params, products, roles, multiline and default changes', () => {
    const obj = (id: number, type: string, p: string, attributes: Record<string, unknown>, products = ['hopen']) => ({ id, type, path: p, products, attributes });
    const a = parsePublishedSchema({
      objects: [
        obj(1, 'Configuration', 'Audio DefaultVolume', { default: '50', role: ['Admin'], read: ['Admin'], valuespace: { type: 'Integer', Min: '0', Max: '100' } }),
        obj(2, 'Command', 'Dial', { role: ['User'], params: [{ name: 'Number', required: false, valuespace: { type: 'String', MaxLength: '255' } }] }),
        obj(3, 'Command', 'Bookings Put', { params: [] }),
      ],
    }, 'A');
    const b = parsePublishedSchema({
      objects: [
        obj(1, 'Configuration', 'Audio DefaultVolume', { default: '70', role: ['Admin', 'Integrator'], read: ['Admin'], valuespace: { type: 'Integer', Min: '0', Max: '200' } }, ['hopen', 'davinci']),
        obj(2, 'Command', 'Dial', { role: ['User'], params: [{ name: 'Number', required: true, valuespace: { type: 'String', MaxLength: '255' } }, { name: 'Protocol', required: false, valuespace: { type: 'Literal', Values: ['Sip'] } }] }),
        obj(3, 'Command', 'Bookings Put', { params: [], multiline: 'True' }),
      ],
    }, 'B');
    const d = diffSchemas(a, b);
    assert.deepEqual(d.changed.map(c => c.node.path), ['Bookings Put', 'Dial', 'Audio DefaultVolume']);
    const [put, dial, volume] = d.changed.map(c => c.changes);
    assert.deepEqual(put, ['multiline: single line → multiline']);
    assert.deepEqual(dial, ['params: Number?: String(0..255) → Number: String(0..255); added Protocol?: Literal(Sip)']);
    assert.deepEqual(volume, [
      'value space: Integer 0..100 → Integer 0..200',
      'default: "50" → "70"',
      'products: added Room Bar (davinci)',
      'write roles: added Integrator',
    ]);
    const text = formatDiff(d);
    assert.match(text, /^A → B: 0 added, 0 removed, 3 changed/);
    assert.match(text, /~ Configuration Audio DefaultVolume\n {6}value space: Integer 0\.\.100 → Integer 0\.\.200/);
  });

  it('the text form can be limited per section', async function () {
    const a = await requirePublished(this, '9.15.17.4');
    const b = await requirePublished(this, '26.4.1-March-2026');
    const text = formatDiff(diffSchemas(a, b), { limit: 3 });
    assert.match(text, /Added \(\d+\):\n( {2}\+ .*\n){3} {2}… and \d+ more/);
    assert.ok(text.split('\n').length < 60);
  });
});
