/**
 * `xapi check` on standard input and on JavaScript/TypeScript macros, its `--help` summary, and `xapi --version`:
 * in-process through the CLI's I/O interface. The built dist/cli.js on a macro: test/process/cli-check.test.ts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../protocol/cli-support';

const ROOT = path.resolve(__dirname, '..', '..');
const BAD_MACRO = "import xapi from 'xapi';\nxapi.Command.Dail({ Number: '1' });\nxapi.Command.Dial({ CallType: 'Vidoe', Number: '2' });\n";
const GOOD_TS = "import xapi from 'xapi';\nconst n: number = 1;\nxapi.Command.Audio.Volume.Set({ Level: 30 + n });\n";

describe('xapi check: stdin and macros; xapi --version', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'xapi-check-macros-'));
    writeFileSync(path.join(dir, 'bad.js'), BAD_MACRO);
    writeFileSync(path.join(dir, 'good.ts'), GOOD_TS);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--version prints the package version', async () => {
    const r = await runCli(['--version'], {});
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `xapi ${JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });

  it('--help: the check summary names macros as well as scripts', async () => {
    const r = await runCli(['--help'], {});
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^ {2}check +validate \.xapi scripts and JS\/TS macros against a schema$/m);
  });

  it("'-' reads a script from standard input", async () => {
    const r = await runCli(['check', '-'], {}, 'xStatus Audio Volume\nxStatus Audio Volum\n');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^<stdin>:2:15: error unknown-path .*Volum/);
    assert.equal(r.stdout.trim().split('\n').length, 1);
    assert.match(r.stderr, /1 error, 0 warnings in 1 file/);
    const clean = await runCli(['check', '-'], {}, 'xStatus Audio Volume\n');
    assert.equal(clean.code, 0, clean.stdout);
  });

  it('JavaScript and TypeScript macros: the language server\'s findings, in the same format', async () => {
    const bad = path.join(dir, 'bad.js');
    const r = await runCli(['check', bad, path.join(dir, 'good.ts')], {});
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.deepEqual(lines.map(l => l.split(' ').slice(0, 3).join(' ')), [`${bad}:2:14: error unknown-path`, `${bad}:3:31: error not-literal`]);
    assert.match(lines[0], /Dial/);
    assert.match(r.stderr, /2 errors, 0 warnings in 2 files/);
    const good = await runCli(['check', path.join(dir, 'good.ts')], {});
    assert.equal(good.code, 0, good.stdout);
  });
});
