/**
 * Without the published schemas (no seed folder, empty cache, downloads off), the tests that need
 * them are skipped with one line per missing version saying why, and the rest still run and pass.
 * Runs mocha in a child process on real test files (the unit and compile tests that need published schemas).
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');

describe('schema: published-schema tests skip cleanly when the schemas are missing', function () {
  this.timeout(120_000);
  let tmp: string;
  before(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'xapi-skip-')); });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('skips with one clear line per version and exits 0', async () => {
    const env = { ...process.env, XAPI_SCHEMA_DIR: path.join(tmp, 'no-such-folder'), XAPI_SCHEMA_OFFLINE: '1', TMPDIR: tmp };
    const mocha = path.join(REPO, 'node_modules', 'mocha', 'bin', 'mocha.js');
    // Both ways a test reads a published schema: through the loader (requirePublished) and as a file handed to the
    // CLI (requirePublishedFile). schema-cli, typings-cli and xcli-check-cli are where a clone without
    // ../shared/schema once failed (issue 12).
    const files = [
      'test/unit/schema-diff.test.ts', 'test/unit/schema-xdoc.test.ts', 'test/unit/schema-cli.test.ts', 'test/unit/core-schema.test.ts',
      'test/unit/typings-cli.test.ts', 'test/unit/xcli-check-cli.test.ts', 'test/compile/typings-cli.test.ts',
    ];
    const { code, out } = await new Promise<{ code: number; out: string }>(resolve => {
      execFile(process.execPath, [mocha, ...files], { cwd: REPO, env }, (e, stdout, stderr) => {
        resolve({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, out: stdout + stderr });
      });
    });
    assert.equal(code, 0, out);
    const skipped = out.split('\n').filter(l => /skipped:/.test(l));
    assert.ok(skipped.length > 0, out);
    assert.equal(new Set(skipped.map(l => l.trim())).size, skipped.length, 'each reason is printed once');
    // Two wordings (test/support/publishedSchemas.ts): a schema the loader could not get, and a schema file a
    // test hands to the CLI that is not in the folder. Both name the missing folder and say what to set.
    const reasons = [
      /^skipped: published schema \S+ unavailable \(.*no-such-folder does not exist.*\) — set XAPI_SCHEMA_DIR$/,
      /^skipped: \S*\/no-such-folder\/roomos-xapi-schema-\S+\.json not found — set XAPI_SCHEMA_DIR to the folder of the published schemas$/,
    ];
    for (const line of skipped) {
      assert.ok(reasons.some(r => r.test(line.trim())), `an unexpected skip line: ${line}`);
    }
    assert.match(out, /\d+ pending/);
    assert.doesNotMatch(out, /failing|Error:/);
    // Tests without published data still run, in each kind of file.
    for (const title of ['reports value space, params, products', 'rejects bad argument combinations with a usage error', 'a clean script: no output, exit 0']) {
      assert.match(out, new RegExp(`✔ ${title}`), title);
    }
  });
});
