/**
 * The unit-test snippet in the README is a real test: it is cut out of the page, its package imports are
 * pointed at this checkout, and it runs in a separate mocha process.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

describe('README snippet', () => {
  it('the createSimulatedXapi unit test in the README passes', function () {
    this.timeout(60_000);
    const md = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const m = /<!-- snippet:simulated-test[^>]*-->\s*```ts\n([\s\S]*?)```\s*<!-- \/snippet -->/.exec(md);
    assert.ok(m, 'snippet markers present');
    const code = m[1]
      .replace(/'xapi-workbench\/testing'/g, JSON.stringify(path.join(ROOT, 'testing')))
      .replace(/'xapi-workbench'/g, JSON.stringify(path.join(ROOT, 'index')));
    const dir = mkdtempSync(path.join(tmpdir(), 'xapi-docs-'));
    try {
      const file = path.join(dir, 'snippet.test.ts');
      writeFileSync(file, code);
      const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/mocha/bin/mocha.js'), '--no-config',
        '--node-option', 'import=tsx', '--extension', 'ts', '--timeout', '20000', file], { cwd: ROOT, encoding: 'utf8', timeout: 55_000 });
      assert.equal(r.status, 0, `snippet failed:\n${r.stdout}\n${r.stderr}`);
      assert.match(r.stdout, /1 passing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
