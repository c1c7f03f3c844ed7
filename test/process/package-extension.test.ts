/**
 * `npm run package` makes a .vsix offline that holds exactly what the extension runs: the manifest's entry and
 * every file it names (grammars, language configuration, walkthrough media), and none of the repository's
 * sources, maps, tests or node_modules.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { distFile } from '../support/dist';
import { danglingSourceMaps } from '../support/sourceMaps';
import { zipEntries } from '../support/zipEntries';

const ROOT = path.resolve(__dirname, '..', '..');

describe('extension packaging (vsce)', function () {
  this.timeout(120_000);
  let dir: string;
  let entries: string[];
  let output: string;
  const manifest = require(path.join(ROOT, 'package.json'));

  before(() => {
    for (const bundle of ['extension.js', 'extension-core.js', 'server.js', 'simulator.js']) distFile(bundle);
    dir = mkdtempSync(path.join(tmpdir(), 'xapi-vsix-'));
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'package-extension.mjs'), '--out', path.join(dir, 'x.vsix')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    output = r.stdout + r.stderr;
    entries = zipEntries(path.join(dir, 'x.vsix')).filter(e => e.startsWith('extension/')).map(e => e.slice('extension/'.length));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('packs without a warning from vsce (what `npm start` would otherwise show a new user)', () => {
    assert.doesNotMatch(output, /WARNING/, output);
  });

  it('holds the manifest\'s entry, the server and the simulated device bundles', () => {
    assert.ok(entries.includes(path.posix.normalize(manifest.main)), manifest.main);
    for (const f of ['package.json', 'readme.md', 'LICENSE.txt', 'dist/server.js', 'dist/simulator.js']) assert.ok(entries.includes(f), f);
  });

  it('holds what a local macro run and "Set Up Macro Project" need: the shim, its hooks, the library declarations', () => {
    for (const f of ['dist/macro-shim.js', 'dist/macro-require.js', 'dist/macro-hooks.mjs', 'dist/macro-loader.mjs', 'lib/index.d.ts', 'lib/xapi/client.d.ts']) {
      assert.ok(entries.includes(f), f);
    }
  });

  it('holds every file the manifest names', () => {
    const named = [
      ...manifest.contributes.grammars.map((g: { path: string }) => g.path),
      ...manifest.contributes.languages.filter((l: { configuration?: string }) => l.configuration).map((l: { configuration: string }) => l.configuration),
      ...manifest.contributes.walkthroughs.flatMap((w: { steps: Array<{ media: { markdown?: string } }> }) => w.steps.map(s => s.media.markdown).filter(Boolean)),
    ].map((p: string) => path.posix.normalize(p));
    assert.ok(named.length >= 6);
    for (const f of named) assert.ok(entries.includes(f), `${f} is in the vsix`);
  });

  it('ships no sources, maps, tests or node_modules, names no missing map, and stays small', () => {
    // lib/ holds declarations only (.d.ts), no library code.
    const stray = entries.filter(e => /\.map$|^node_modules\/|^test\//.test(e) || (/\.ts$/.test(e) && !/^lib\/.*\.d\.ts$/.test(e)) || (/^lib\//.test(e) && !e.endsWith('.d.ts')));
    assert.deepEqual(stray, []);
    // The bundles name no map (the VSIX has none): read from the folder scripts/package-extension.mjs packed.
    assert.deepEqual(danglingSourceMaps(path.join(ROOT, '.cache', 'vsix-stage'), entries), []);
    const size = statSync(path.join(dir, 'x.vsix')).size;
    assert.ok(size < 5 * 1024 * 1024, `${(size / 1e6).toFixed(1)} MB`);
  });
});
