/**
 * Schema sources: fromPublished against a real local HTTP server (node:http, port 0) serving the
 * shared files, fromFile format detection, fromDevice over an xDoc function, core().
 */
import * as assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { SchemaError } from '../../schema/errors';
import { XdocNode } from '../../schema/load/xdoc';
import { SchemaIndex } from '../../schema/schemaIndex';
import { core, defaultCacheDir, fromDevice, fromFile, fromPublished, labelFromFileName, publishedFileName } from '../../schema/sources';
import { toXdoc } from '../../schema/xdocWriter';
import { requirePublished, schemaDir, testCacheDir } from '../support/publishedSchemas';

const VERSION = '10.19.4.2';

describe('schema: sources (local HTTP server serving the shared files)', () => {
  let server: http.Server;
  let baseUrl: string;
  const requests: string[] = [];
  let tmp: string;

  before(async function () {
    if (!existsSync(path.join(schemaDir(), publishedFileName(VERSION)))) {
      console.log(`    skipped: ${schemaDir()} has no ${publishedFileName(VERSION)} to serve — set XAPI_SCHEMA_DIR`);
      this.skip();
    }
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'xapi-schema-src-'));
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      const m = /^\/api\/schema\/([^/]+)$/.exec(req.url ?? '');
      const file = m ? path.join(schemaDir(), publishedFileName(decodeURIComponent(m[1]))) : '';
      if (!m || !existsSync(file)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      void fs.readFile(file).then(b => res.end(b));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/schema`;
  });

  after(async () => {
    if (server) await new Promise(resolve => server.close(resolve));
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  beforeEach(() => {
    requests.length = 0;
  });

  it('downloads a version once, then serves it from the on-disk cache', async () => {
    const cacheDir = path.join(tmp, 'cache-a');
    const first = await fromPublished(VERSION, { cacheDir, baseUrl, seedDir: '' });
    assert.equal(first.version, VERSION);
    assert.equal(first.source, 'published');
    assert.deepEqual(requests, [`/api/schema/${VERSION}`]);
    const cached = path.join(cacheDir, publishedFileName(VERSION));
    assert.ok(existsSync(cached), 'written to the cache');
    assert.deepEqual((await fs.readdir(cacheDir)).filter(f => f.endsWith('.tmp')), [], 'no temporary files left');
    const second = await fromPublished(VERSION, { cacheDir, baseUrl, seedDir: '' });
    assert.equal(requests.length, 1, 'the server saw one request');
    assert.equal(new SchemaIndex(second).count(), new SchemaIndex(first).count());
    // The cache is keyed by version: another version is another request and another file.
    const other = await fromPublished('11.27.2.0', { cacheDir, baseUrl, seedDir: '' });
    assert.equal(other.version, '11.27.2.0');
    assert.deepEqual(requests, [`/api/schema/${VERSION}`, '/api/schema/11.27.2.0']);
    assert.deepEqual((await fs.readdir(cacheDir)).sort(), [publishedFileName('10.19.4.2'), publishedFileName('11.27.2.0')]);
    assert.notEqual(new SchemaIndex(other).count(), new SchemaIndex(first).count());
  });

  it('simultaneous requests for one version share one download', async () => {
    const cacheDir = path.join(tmp, 'cache-g');
    const [a, b] = await Promise.all([
      fromPublished(VERSION, { cacheDir, baseUrl, seedDir: '' }),
      fromPublished(VERSION, { cacheDir, baseUrl, seedDir: '' }),
    ]);
    assert.equal(a, b);
    assert.equal(requests.length, 1);
  });

  it('re-downloads a corrupt cached file and replaces it', async () => {
    const cacheDir = path.join(tmp, 'cache-b');
    await fs.mkdir(cacheDir, { recursive: true });
    const cached = path.join(cacheDir, publishedFileName(VERSION));
    await fs.writeFile(cached, '{"objects": [ {"trunc');
    const s = await fromPublished(VERSION, { cacheDir, baseUrl, seedDir: '' });
    assert.equal(requests.length, 1);
    assert.ok(new SchemaIndex(s).lookup('Command', 'Dial'));
    JSON.parse(await fs.readFile(cached, 'utf8')); // now whole
    await fromPublished(VERSION, { cacheDir, baseUrl, seedDir: '' });
    assert.equal(requests.length, 1);
  });

  it('an HTTP error is a SchemaError with the status; nothing is cached', async () => {
    const cacheDir = path.join(tmp, 'cache-c');
    await assert.rejects(fromPublished('99.0.0', { cacheDir, baseUrl, seedDir: '' }), (e: unknown) => {
      assert.ok(e instanceof SchemaError);
      assert.equal(e.status, 404);
      assert.match(e.message, /HTTP 404/);
      assert.ok(e.message.includes(`${baseUrl}/99.0.0`), e.message);
      return true;
    });
    assert.ok(!existsSync(path.join(cacheDir, publishedFileName('99.0.0'))));
  });

  it('a server that is not there is a SchemaError, not a crash', async () => {
    const dead = http.createServer();
    await new Promise<void>(resolve => dead.listen(0, '127.0.0.1', resolve));
    const port = (dead.address() as AddressInfo).port;
    await new Promise(resolve => dead.close(resolve));
    await assert.rejects(
      fromPublished(VERSION, { cacheDir: path.join(tmp, 'cache-d'), baseUrl: `http://127.0.0.1:${port}/x`, seedDir: '' }),
      (e: unknown) => e instanceof SchemaError && /download failed/.test(e.message),
    );
  });

  it('seeds the cache from a folder without downloading', async () => {
    const cacheDir = path.join(tmp, 'cache-e');
    const s = await fromPublished(VERSION, { cacheDir, baseUrl, seedDir: schemaDir() });
    assert.equal(requests.length, 0);
    assert.equal(s.version, VERSION);
    assert.ok(existsSync(path.join(cacheDir, publishedFileName(VERSION))));
  });

  it('offline: no download; bad version names are refused', async () => {
    await assert.rejects(fromPublished('11.0.0', { cacheDir: path.join(tmp, 'cache-f'), baseUrl, seedDir: '', offline: true }), /downloads are off/);
    await assert.rejects(fromPublished('../../etc/passwd', { cacheDir: tmp, baseUrl }), /not a valid version name/);
    assert.equal(requests.length, 0);
  });

  it('fromFile reads the published format and labels it by file name', async () => {
    const s = await fromFile(path.join(schemaDir(), publishedFileName(VERSION)));
    assert.equal(s.version, VERSION);
    assert.equal(s.source, 'file');
    assert.equal(labelFromFileName('/a/b/my-schema.json'), 'my-schema');
  });

  it('fromFile reads an xDoc tree file (one or several roots); the version comes from the tree', async function () {
    const published = await requirePublished(this, VERSION);
    const combined = {
      Command: toXdoc(published, 'Command', { product: 'hopen' }),
      StatusSchema: toXdoc(published, 'Status', { product: 'hopen' }),
    };
    const file = path.join(tmp, 'device-dump.json');
    await fs.writeFile(file, JSON.stringify(combined));
    const s = await fromFile(file);
    const index = new SchemaIndex(s);
    assert.deepEqual(index.kinds(), ['Command', 'Status']);
    assert.equal(s.version, VERSION, 'the root version attribute wins over the file name');
    assert.ok(index.lookup('Command', 'Dial'));
    const single = path.join(tmp, 'config-only.json');
    await fs.writeFile(single, JSON.stringify({ Configuration: { Audio: { DefaultVolume: { ValueSpace: { type: 'Integer', min: '0', max: '100', default: '50' } } } } }));
    const c = await fromFile(single);
    assert.equal(c.version, 'config-only');
    assert.equal(c.nodes[0].variants[0].default, '50');
  });

  it('fromDevice asks xDoc for the four roots, unwraps answers and skips a failing root', async function () {
    const published = await requirePublished(this, VERSION);
    const asked: string[][] = [];
    const doc = async (p: string[]): Promise<unknown> => {
      asked.push(p);
      if (p[0] === 'Event') return undefined; // refused for this user
      const tree = toXdoc(published, p[0] as 'Command', { product: 'hopen' }) as XdocNode;
      // A device may wrap the answer in its root key (StatusSchema for Status) or not.
      return p[0] === 'Status' ? { StatusSchema: tree } : p[0] === 'Command' ? { Command: tree } : tree;
    };
    const s = await fromDevice(doc, 'room-kit');
    assert.deepEqual(asked, [['Command'], ['Configuration'], ['Status'], ['Event']]);
    assert.equal(s.source, 'device');
    const index = new SchemaIndex(s);
    assert.deepEqual(index.kinds(), ['Command', 'Configuration', 'Status']);
    assert.ok(index.lookup('Status', 'Call Status'));
    await assert.rejects(fromDevice(async () => { throw new Error('down'); }, 'dead'), SchemaError);
  });
});

describe('schema: sources without published data', () => {
  it('default cache dir follows XDG_CACHE_HOME, else ~/.cache', () => {
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/x/cache' }), path.join('/x/cache', 'xapi-workbench', 'schemas'));
    assert.equal(defaultCacheDir({}), path.join(os.homedir(), '.cache', 'xapi-workbench', 'schemas'));
  });

  it('under test, the default cache of this process and of its children is the test cache (test/support/isolation.ts)', async () => {
    assert.equal(defaultCacheDir(), testCacheDir());
    const { execFileSync } = await import('node:child_process');
    const inChild = execFileSync(process.execPath, ['-p', 'process.env.XDG_CACHE_HOME'], { encoding: 'utf8' }).trim();
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: inChild }), testCacheDir());
    assert.ok(!testCacheDir().startsWith(os.homedir() + path.sep), testCacheDir());
  });

  const coreDoc = (p: string[]) => toXdoc(core(), p[0] as 'Command', { product: 'hopen' });

  it('fromDevice leaves out the roots the fetcher says the device does not have', async () => {
    const s = await fromDevice(async p => (p[0] === 'Status' ? coreDoc(p) : undefined), 'partial');
    assert.deepEqual(new SchemaIndex(s).kinds(), ['Status']);
  });

  it('fromDevice fails on a rejected fetch, with that error as the cause, and asks no further', async () => {
    const asked: string[] = [];
    const timeout = new Error('xDoc timed out after 30000 ms');
    const err = await fromDevice(async p => {
      asked.push(p[0]!);
      if (p[0] === 'Configuration') throw timeout;
      return coreDoc(p);
    }, 'flaky').then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof SchemaError, String(err));
    assert.equal(err.cause, timeout);
    assert.match(err.message, /^flaky: xDoc Configuration failed: xDoc timed out/);
    assert.deepEqual(asked, ['Command', 'Configuration']);
  });

  it('fromDevice with no root at all is a SchemaError', async () => {
    await assert.rejects(fromDevice(async () => undefined, 'locked'), (e: unknown) => e instanceof SchemaError && /answered none of the xDoc requests/.test(e.message));
  });

  it('core() is the built-in schema', () => {
    const s = core();
    assert.equal(s.source, 'core');
    assert.ok(new SchemaIndex(s).lookup('Command', 'Dial'));
  });
});
