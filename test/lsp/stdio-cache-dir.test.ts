/**
 * The real server over stdio caches published schemas where the client says: the
 * `initializationOptions.schemaCacheDir` (what the VS Code extension passes: its global storage), or the
 * `xapi.schema.cacheDir` setting, which wins. The default cache ($XDG_CACHE_HOME) is pointed at an empty
 * temporary folder that must stay untouched.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { schemaDir } from '../support/publishedSchemas';
import { LspClient } from './support/lspClient';

const VERSION = '9.15.17.4';
const FILE = `roomos-xapi-schema-${VERSION}.json`;

describe('language server over stdio: the schema cache folder', function () {
  this.timeout(120_000);
  let tmp: string;
  let c: LspClient | undefined;
  const dir = (name: string) => { const d = path.join(tmp, name); mkdirSync(d, { recursive: true }); return d; };

  before(function () {
    if (!existsSync(path.join(schemaDir(), FILE))) {
      console.log(`      skipped: ${path.join(schemaDir(), FILE)} is absent`);
      this.skip();
    }
  });
  beforeEach(() => { tmp = mkdtempSync(path.join(tmpdir(), 'xapi-lsp-cachedir-')); });
  afterEach(async () => {
    await c?.stop();
    c = undefined;
    rmSync(tmp, { recursive: true, force: true });
  });

  it('seeds and reads the published schema in initializationOptions.schemaCacheDir', async () => {
    const cacheDir = dir('global-storage');
    const xdg = dir('xdg');
    c = await LspClient.start({
      settings: { schema: { source: VERSION } },
      initializationOptions: { schemaCacheDir: cacheDir },
      env: { XAPI_SCHEMA_DIR: schemaDir(), XDG_CACHE_HOME: xdg },
    });
    const e = await c.schema(VERSION);
    assert.equal(e.source, 'published');
    assert.equal(e.error, undefined);
    assert.ok(existsSync(path.join(cacheDir, FILE)), `${FILE} in ${cacheDir}: ${readdirSync(cacheDir).join(', ')}`);
    assert.deepEqual(readdirSync(xdg), [], 'the default cache is not used');
  });

  it('loads from the xapi.schema.cacheDir setting alone, over the initialization option', async () => {
    const fromSetting = dir('setting-cache');
    copyFileSync(path.join(schemaDir(), FILE), path.join(fromSetting, FILE));
    const fromInit = dir('init-cache');
    c = await LspClient.start({
      configuration: true,
      settings: { schema: { source: VERSION, cacheDir: fromSetting } },
      initializationOptions: { schemaCacheDir: fromInit },
      // No seed folder: the setting's cache is the only place the schema can come from (short of a download).
      env: { XAPI_SCHEMA_DIR: dir('empty-seed'), XDG_CACHE_HOME: dir('xdg') },
    });
    const e = await c.schema(VERSION);
    assert.equal(e.source, 'published');
    assert.equal(e.error, undefined);
    assert.ok(e.nodes > 1000, String(e.nodes));
    assert.deepEqual(readdirSync(fromInit), []);
  });
});
