/**
 * `xapi check` as the built binary (dist/cli.js): what only a process shows — exit codes, which stream gets
 * what — and that the CLI bundle finds the language service in dist/server.js for macros (it does not carry
 * the TypeScript compiler). The checking logic itself: test/unit/xcli-check-cli.test.ts, cli-check-macros.test.ts.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { distFile, REPO_ROOT } from '../support/dist';

const FIX = 'test/fixtures/xcli';
const BAD_MACRO = "import xapi from 'xapi';\nxapi.Command.Dail({ Number: '1' });\n";

interface Run { code: number; stdout: string; stderr: string }

describe('xapi check (built binary)', function () {
  this.timeout(60_000);
  let cli: string;
  let dir: string;
  before(() => {
    cli = distFile('cli.js');
    distFile('server.js');
    dir = mkdtempSync(path.join(tmpdir(), 'xapi-check-bin-'));
  });
  after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  const run = (args: string[]) => new Promise<Run>(resolve => {
    execFile(process.execPath, [cli, 'check', ...args], { cwd: REPO_ROOT }, (e, stdout, stderr) => {
      resolve({ code: e ? Number((e as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });

  it('findings on stdout and the summary on stderr, exit 1; a clean file exits 0; a usage error exits 2', async () => {
    const bad = await run([`${FIX}/errors.xapi`]);
    assert.equal(bad.code, 1, bad.stderr);
    assert.equal(bad.stdout.trim().split('\n').length, 5);
    assert.match(bad.stdout, /^test\/fixtures\/xcli\/errors\.xapi:2:37: error not-literal /);
    assert.match(bad.stderr, /^5 errors, 0 warnings in 1 file \(schema core\)\n$/);
    const clean = await run([`${FIX}/clean.xapi`]);
    assert.equal(clean.code, 0, clean.stderr);
    assert.equal(clean.stdout, '');
    const usage = await run([]);
    assert.equal(usage.code, 2);
    assert.equal(usage.stdout, '');
    assert.match(usage.stderr, /^xapi check: no files to check.*\nRun 'xapi check --help' for usage\.\n$/);
  });

  it('checks a macro through dist/server.js and stays small', async () => {
    const file = path.join(dir, 'bad.js');
    writeFileSync(file, BAD_MACRO);
    const r = await run([file]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /bad\.js:2:14: error unknown-path/);
    // The TypeScript compiler alone is several MB; the CLI bundle must load it from dist/server.js instead.
    assert.ok(statSync(cli).size < 3_000_000, 'dist/cli.js does not bundle the language service');
  });
});
