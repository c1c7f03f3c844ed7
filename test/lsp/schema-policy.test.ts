/**
 * The language server's schema policy (server/schemaPolicy.ts) without a server: which source and
 * product are in force for given settings, initialization options and device schema; cache keys; and
 * settings as clients really send them (wrapped, bare, ill-typed).
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { core } from '../../schema/sources';
import {
  cacheKey, decideSchema, initOptionsFrom, isFilePath, isUnknownProduct, loadFailureMessage, SchemaPolicyInput, schemaCacheDir, settingsFrom, sourceFile,
} from '../../server/schemaPolicy';

const BASE = path.resolve('/work/project');
const input = (over: Partial<SchemaPolicyInput> = {}): SchemaPolicyInput => ({ settings: {}, baseDir: BASE, ...over });

describe('schema policy', () => {
  describe('which source is in force', () => {
    it('is the core schema without settings, or when the setting says core or is blank', () => {
      for (const source of [undefined, 'core', '  ', '']) {
        const d = decideSchema(input({ settings: { schema: { source } } }));
        assert.deepEqual(d.source, { kind: 'core' }, String(source));
        assert.equal(d.requested, 'core');
      }
    });

    it('is a published version by name, trimmed, with the default cache', () => {
      const d = decideSchema(input({ settings: { schema: { source: ' 11.27.2.0 ' } } }));
      assert.deepEqual(d.source, { kind: 'published', version: '11.27.2.0', cacheDir: undefined });
      assert.equal(d.requested, '11.27.2.0');
    });

    it('is a file for paths, .json names and file: URIs, relative ones against the base folder', () => {
      assert.deepEqual(decideSchema(input({ settings: { schema: { source: 'schemas/room.json' } } })).source,
        { kind: 'file', file: path.join(BASE, 'schemas', 'room.json') });
      assert.deepEqual(decideSchema(input({ settings: { schema: { source: 'room.json' } } })).source, { kind: 'file', file: path.join(BASE, 'room.json') });
      const abs = path.resolve('/tmp/x/room.json');
      assert.deepEqual(decideSchema(input({ settings: { schema: { source: pathToFileURL(abs).href } } })).source, { kind: 'file', file: abs });
      assert.equal(isFilePath('11.27.2.0'), false);
      assert.equal(isFilePath('26.4.1-March-2026'), false);
    });

    it('is the device schema over any setting, with the device product over the setting', () => {
      const schema = core();
      const d = decideSchema(input({ settings: { schema: { source: '11.27.2.0', product: 'hopen' } }, device: { schema, product: 'Desk Pro' } }));
      assert.equal(d.source.kind, 'device');
      assert.equal(d.source.kind === 'device' && d.source.schema, schema);
      assert.equal(d.product, 'Desk Pro');
      assert.equal(d.requested, 'device');
    });

    it('takes the setting product when the device sends none, and reads blank as all products', () => {
      assert.equal(decideSchema(input({ settings: { schema: { product: 'hopen' } }, device: { schema: core() } })).product, 'hopen');
      assert.equal(decideSchema(input({ settings: { schema: { product: ' Room Kit ' } } })).product, 'Room Kit');
      assert.equal('product' in decideSchema(input({ settings: { schema: { product: '  ' } } })), false);
    });
  });

  describe('the cache folder for published schemas', () => {
    it('is the initialization option, else the default', () => {
      assert.equal(schemaCacheDir(input()), undefined);
      const dir = path.resolve('/var/ext/global-storage');
      const d = decideSchema(input({ settings: { schema: { source: '10.19.4.2' } }, initCacheDir: dir }));
      assert.deepEqual(d.source, { kind: 'published', version: '10.19.4.2', cacheDir: dir });
    });

    it('is the setting over the initialization option, relative to the base folder', () => {
      const d = decideSchema(input({ settings: { schema: { source: '10.19.4.2', cacheDir: '.cache/schemas' } }, initCacheDir: '/elsewhere' }));
      assert.deepEqual(d.source, { kind: 'published', version: '10.19.4.2', cacheDir: path.join(BASE, '.cache', 'schemas') });
    });
  });

  describe('cache keys', () => {
    it('change when a file changes and when the cache folder changes, not otherwise', () => {
      const file = { kind: 'file', file: '/a/s.json' } as const;
      assert.equal(cacheKey(file, { mtimeMs: 1, size: 2 }), cacheKey(file, { mtimeMs: 1, size: 2 }));
      assert.notEqual(cacheKey(file, { mtimeMs: 1, size: 2 }), cacheKey(file, { mtimeMs: 3, size: 2 }));
      assert.notEqual(cacheKey(file, { mtimeMs: 1, size: 2 }), cacheKey(file, { mtimeMs: 1, size: 5 }));
      const pub = (cacheDir?: string) => cacheKey({ kind: 'published', version: '11.27.2.0', cacheDir });
      assert.equal(pub('/c'), pub('/c'));
      assert.notEqual(pub('/c'), pub('/d'));
      assert.notEqual(pub(), cacheKey({ kind: 'published', version: '10.19.4.2' }));
      assert.notEqual(cacheKey({ kind: 'core' }), pub());
    });
  });

  describe('settings from the client', () => {
    it('reads the wrapped section and the bare one, and refuses other shapes', () => {
      assert.deepEqual(settingsFrom({ xapi: { schema: { source: '11.27.2.0' } } }), { schema: { source: '11.27.2.0' } });
      assert.deepEqual(settingsFrom({ schema: { product: 'hopen' } }), { schema: { product: 'hopen' } }); // Helix
      assert.deepEqual(settingsFrom({ xapi: {} }), {});
      for (const raw of [null, undefined, 42, 'core', { other: 1 }, { xapi: null }]) assert.equal(settingsFrom(raw), undefined, JSON.stringify(raw));
    });

    it('drops ill-typed fields instead of failing later', () => {
      assert.deepEqual(settingsFrom({ xapi: { schema: { source: 11.27, product: ['x'], cacheDir: '/c' } } }), { schema: { cacheDir: '/c' } });
      assert.deepEqual(decideSchema(input({ settings: settingsFrom({ xapi: { schema: { source: 7 } } })! })).source, { kind: 'core' });
    });

    it('reads initialization options: cache folder, diagnostics delay, settings for clients without configuration', () => {
      assert.deepEqual(initOptionsFrom({ schemaCacheDir: ' /c ', diagnosticsDelay: 20 }), { schemaCacheDir: '/c', diagnosticsDelay: 20 });
      assert.deepEqual(initOptionsFrom({ schema: { source: 'core' } }), { settings: { schema: { source: 'core' } } });
      assert.deepEqual(initOptionsFrom({ schemaCacheDir: 3, diagnosticsDelay: -1 }), {});
      assert.deepEqual(initOptionsFrom(null), {});
    });
  });

  it('says which schema failed and that the core schema is used', () => {
    const m = loadFailureMessage('9.99', new Error('not in the cache'));
    assert.match(m, /'9\.99'.*not in the cache.*core schema/);
  });

  it('knows products by code and name, and those the schema lists', () => {
    assert.equal(isUnknownProduct('hopen', []), false);
    assert.equal(isUnknownProduct('Room Kit', []), false);
    assert.equal(isUnknownProduct('no-such-thing', []), true);
    assert.equal(isUnknownProduct('no-such-thing', ['no-such-thing']), false);
  });
});

describe('schema policy: the file a source is read from (what the host reads too)', () => {
  it('a schema file is itself; a published version is its cache file; core and device have none', () => {
    assert.equal(sourceFile({ kind: 'file', file: '/x/schema.json' }), '/x/schema.json');
    assert.equal(sourceFile({ kind: 'published', version: '11.27.2.0', cacheDir: '/c' }), path.join('/c', 'roomos-xapi-schema-11.27.2.0.json'));
    assert.equal(sourceFile({ kind: 'core' }), undefined);
  });
});
