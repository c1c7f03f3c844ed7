/** Bad schema input gives a SchemaError naming the source and what is wrong — never a crash. */
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SchemaError } from '../../schema/errors';
import { parsePublishedSchema } from '../../schema/load/published';
import { parseXdocSchema, XdocDocuments } from '../../schema/load/xdoc';
import { fromFile } from '../../schema/sources';

function throwsSchemaError(fn: () => unknown, ...fragments: string[]): SchemaError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof SchemaError, `expected SchemaError, got ${String(e)}`);
    for (const f of fragments) assert.ok(e.message.includes(f), `"${e.message}" mentions "${f}"`);
    return e;
  }
  assert.fail('expected a SchemaError');
}

const status = (extra: Record<string, unknown> = {}, attributes: Record<string, unknown> = {}) => ({
  id: 42, type: 'Status', path: 'Audio Volume', products: ['hopen'],
  attributes: { access: 'public-api', role: ['User'], valuespace: { type: 'Integer' }, ...attributes }, ...extra,
});

describe('schema: malformed input', () => {
  it('rejects a non-object or a missing objects array, naming the label', () => {
    throwsSchemaError(() => parsePublishedSchema(null, 'my.json'), 'my.json', 'JSON object');
    throwsSchemaError(() => parsePublishedSchema([1, 2], 'my.json'), 'my.json');
    throwsSchemaError(() => parsePublishedSchema({ object: [] }, 'my.json'), 'my.json', '"objects" array');
    throwsSchemaError(() => parsePublishedSchema({ objects: {} }, 'my.json'), '"objects" array');
  });

  it('names the object index and id of a bad object', () => {
    const ok = status();
    throwsSchemaError(() => parsePublishedSchema({ objects: [ok, 'nope'] }, 'f'), 'f: object #1', 'expected an object');
    throwsSchemaError(() => parsePublishedSchema({ objects: [ok, status({ type: undefined })] }, 'f'), 'object #1 (id 42)', 'missing "type"');
    throwsSchemaError(() => parsePublishedSchema({ objects: [status({ type: 'Widget' })] }, 'f'), "unknown type 'Widget'");
    throwsSchemaError(() => parsePublishedSchema({ objects: [status({ path: 7 })] }, 'f'), 'missing "path"');
    throwsSchemaError(() => parsePublishedSchema({ objects: [status({ path: 'A[x] B' })] }, 'f'), "bad index '[x]'");
    throwsSchemaError(() => parsePublishedSchema({ objects: [status({ path: 'A[5..2] B' })] }, 'f'), 'bad index range');
    throwsSchemaError(() => parsePublishedSchema({ objects: [status({ products: 'hopen' })] }, 'f'), '"products" must be an array');
    throwsSchemaError(() => parsePublishedSchema({ objects: [status({ products: ['hopen', 3] })] }, 'f'), '"products"[1]');
    throwsSchemaError(() => parsePublishedSchema({ objects: [status({}, { role: 'Admin' })] }, 'f'), '"role" must be an array');
    throwsSchemaError(() => parsePublishedSchema({ objects: [status({}, { valuespace: 'Integer' })] }, 'f'), 'valuespace must be an object');
    throwsSchemaError(() => parsePublishedSchema({ objects: [status({}, { valuespace: { type: 'Integer', Min: 'low' } })] }, 'f'), "Min must be a number, got 'low'");
    throwsSchemaError(() => parsePublishedSchema({ objects: [status({}, { valuespace: { type: 'Literal', Values: 'On' } })] }, 'f'), 'Values must be an array');
    const cmd = { id: 9, type: 'Command', path: 'Dial', products: [], attributes: { params: [{ required: true }] } };
    throwsSchemaError(() => parsePublishedSchema({ objects: [cmd] }, 'f'), 'object #0 (id 9)', 'params[0]');
    const ev = { id: 10, type: 'Event', path: 'X', products: [], attributes: { children: { A: 'int' } } };
    throwsSchemaError(() => parsePublishedSchema({ objects: [ev] }, 'f'), 'event field A');
  });

  it('keeps an unknown value-space type as unknown, and unknown attributes', () => {
    const s = parsePublishedSchema({
      objects: [
        status({}, { valuespace: { type: 'Float', Min: '0.5' }, brandNew: { x: 1 } }),
        { id: 2, type: 'Command', path: 'Do It', products: [], attributes: { params: [{ name: 'P', required: false, valuespace: { type: 'ColorArray', multiple: '3' } }] } },
        { id: 3, type: 'Event', path: 'Happened', products: [], attributes: { children: { V: { required: true, valuespace: 'float' } } } },
      ],
    }, 'future');
    assert.deepEqual(s.nodes[0].variants[0].valueSpace, { type: 'unknown', raw: 'Float' });
    assert.deepEqual(s.nodes[0].variants[0].extra?.brandNew, { x: 1 });
    assert.deepEqual(s.nodes[1].variants[0].params![0].valueSpace, { type: 'unknown', raw: 'ColorArray', multiple: 3 });
    assert.deepEqual(s.nodes[2].variants[0].fields![0].valueSpace, { type: 'unknown', raw: 'float' });
  });

  it('tolerates missing optional parts (products, attributes, access, array count)', () => {
    const s = parsePublishedSchema({
      objects: [
        { type: 'Configuration', path: 'A B' },
        { type: 'Command', path: 'C', attributes: { params: [{ name: 'K', valuespace: { type: 'StringArray' } }] } },
      ],
    }, 'bare');
    assert.equal(s.nodes.length, 2);
    assert.deepEqual(s.nodes[0].variants[0].products, []);
    assert.equal(s.nodes[0].variants[0].access, 'public-api');
    assert.equal(s.nodes[1].variants[0].params![0].valueSpace.multiple, 255);
  });

  it('xDoc loader: wrong shapes name the label and path', () => {
    throwsSchemaError(() => parseXdocSchema(42 as unknown as XdocDocuments, 'dev'), 'dev');
    throwsSchemaError(() => parseXdocSchema({} as XdocDocuments, 'dev'), 'dev', 'no Command');
    throwsSchemaError(() => parseXdocSchema({ Configuration: { Audio: 'loud' } }, 'dev'), 'dev: Configuration', 'Audio');
    throwsSchemaError(() => parseXdocSchema({ Configuration: { Audio: { Volume: { ValueSpace: { type: 'Integer', min: 'x' } } } } }, 'dev'), 'Audio Volume ValueSpace min');
    throwsSchemaError(() => parseXdocSchema({ Configuration: { Input: [{ id: 'two', Mode: { ValueSpace: { type: 'String' } } }] } }, 'dev'), "bad id 'two'");
    const s = parseXdocSchema({ StatusSchema: { Odd: { ValueSpace: { type: 'Decimal' } } } }, 'dev');
    assert.deepEqual(s.nodes[0].variants[0].valueSpace, { type: 'unknown', raw: 'Decimal' });
  });

  it('fuzz: thousands of mutated objects give a schema or a SchemaError, nothing else', () => {
    const base = [
      status(),
      { id: 2, type: 'Configuration', path: 'Video Output Connector[1..3] MonitorRole', products: ['hopen', 'davinci'], attributes: { access: 'public-api', backend: 'any', default: 'Auto', read: ['Admin'], role: ['Admin'], valuespace: { type: 'Literal', Values: ['Auto', 'First'], description: { Auto: 'a' } } } },
      { id: 3, type: 'Command', path: 'Dial', products: ['hopen'], attributes: { access: 'public-api', role: ['User'], multiline: 'True', params: [{ name: 'Number', required: true, default: 'x', valuespace: { type: 'StringArray', MinLength: '0', MaxLength: '9', multiple: '4' } }] } },
      { id: 4, type: 'Event', path: 'Call Disconnect', products: [], attributes: { access: 'public-api', read: ['User'], children: { Cause: { required: true, valuespace: 'literal', values: ['A'] }, List: { multiple: true, required: false, children: { Id: { required: true, valuespace: 'int' } } } } } },
    ];
    const junk: unknown[] = [null, undefined, 0, -1, 1.5, NaN, '', 'x', '[n]', 'A[', ']', '1..', true, [], [1], ['a', 2], {}, { type: 1 }, { Values: 'x' }];
    let seed = 99;
    const rnd = (n: number) => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;
    const mutate = (x: any, depth: number): any => {
      if (depth > 4 || x === null || typeof x !== 'object') return rnd(3) === 0 ? junk[rnd(junk.length)] : x;
      const copy: any = Array.isArray(x) ? [...x] : { ...x };
      const keys = Object.keys(copy);
      if (keys.length === 0) return rnd(2) ? junk[rnd(junk.length)] : copy;
      const k = keys[rnd(keys.length)];
      copy[k] = rnd(2) ? junk[rnd(junk.length)] : mutate(copy[k], depth + 1);
      return copy;
    };
    let ok = 0, rejected = 0;
    for (let i = 0; i < 3000; i++) {
      const objects = base.map(o => (rnd(3) === 0 ? mutate(o, 0) : o));
      try {
        parsePublishedSchema({ objects }, 'fuzz');
        ok++;
      } catch (e) {
        assert.ok(e instanceof SchemaError, `input ${i} threw ${String(e)}`);
        rejected++;
      }
      try {
        parseXdocSchema(mutate({ Configuration: { A: { B: { ValueSpace: { type: 'Integer', min: '1' } } } }, Event: { E: { event: 'True', F: [{ type: 'int' }] } } }, 0), 'fuzz');
      } catch (e) {
        assert.ok(e instanceof SchemaError, `xDoc input ${i} threw ${String(e)}`);
      }
    }
    assert.ok(ok > 100 && rejected > 100, `${ok} loaded, ${rejected} rejected`);
  });

  describe('fromFile', () => {
    let dir: string;
    before(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'xapi-schema-bad-'));
    });
    after(async () => {
      await fs.rm(dir, { recursive: true, force: true });
    });

    async function rejects(file: string, ...fragments: string[]): Promise<void> {
      await assert.rejects(fromFile(file), (e: unknown) => {
        assert.ok(e instanceof SchemaError, String(e));
        for (const f of fragments) assert.ok(e.message.includes(f), `"${e.message}" mentions "${f}"`);
        return true;
      });
    }

    it('invalid JSON, unknown format, bad object and missing file name the file', async () => {
      const broken = path.join(dir, 'roomos-xapi-schema-1.2.3.json');
      await fs.writeFile(broken, '{"objects": [');
      await rejects(broken, broken, 'not valid JSON');
      const other = path.join(dir, 'other.json');
      await fs.writeFile(other, '{"hello": 1}');
      await rejects(other, other, 'unknown schema format', 'hello');
      const array = path.join(dir, 'array.json');
      await fs.writeFile(array, '[]');
      await rejects(array, array, 'expected a JSON object');
      const badObject = path.join(dir, 'bad-object.json');
      await fs.writeFile(badObject, JSON.stringify({ objects: [{ id: 5, path: 'X' }] }));
      await rejects(badObject, badObject, 'object #0 (id 5)', 'missing "type"');
      await rejects(path.join(dir, 'absent.json'), 'absent.json', 'file not found');
    });

    it('empty and random input never crashes', async () => {
      let seed = 7;
      const rnd = () => ((seed = (Math.imul(seed, 48271) + 11) >>> 0) % 256);
      for (let i = 0; i < 50; i++) {
        const bytes = Buffer.from(Array.from({ length: 1 + (i * 7) % 64 }, rnd));
        const file = path.join(dir, `random-${i}.json`);
        await fs.writeFile(file, i === 0 ? Buffer.alloc(0) : bytes);
        await assert.rejects(fromFile(file), SchemaError);
      }
    });
  });
});
