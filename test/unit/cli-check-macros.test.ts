/**
 * `xapi check` on standard input and on JavaScript/TypeScript macros, and `xapi --version`: in-process
 * through the CLI's I/O interface; once through the built dist/cli.js, which must find the language
 * service in dist/server.js (the CLI bundle does not carry the TypeScript compiler).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

  it('dist/cli.js checks a macro through dist/server.js and stays small', async function () {
    await new Promise<void>((resolve, reject) => {
      execFile(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT }, (e, _o, err) => (e ? reject(new Error(`build failed: ${err}`)) : resolve()));
    });
    const r = await new Promise<{ code: number; out: string }>(resolve => {
      execFile(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'check', path.join(dir, 'bad.js')], (e, out) => resolve({ code: e ? (e as { code?: number }).code ?? -1 : 0, out }));
    });
    assert.equal(r.code, 1);
    assert.match(r.out, /bad\.js:2:14: error unknown-path/);
    // The TypeScript compiler alone is several MB; the CLI bundle must load it from dist/server.js instead.
    assert.ok(statSync(path.join(ROOT, 'dist', 'cli.js')).size < 3_000_000, 'dist/cli.js does not bundle the language service');
  });
});
