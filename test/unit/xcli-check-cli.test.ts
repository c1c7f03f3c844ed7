/**
 * `xapi check` on fixture files: in-process through the CLI's I/O interface (cli/main.ts `main(argv, io)`),
 * exit codes and both streams as a user sees them. The built binary: test/process/cli-check.test.ts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { publishedFileName } from '../../schema/sources';
import { runCli } from '../protocol/cli-support';
import { requirePublishedFile, schemaDir } from '../support/publishedSchemas';

const FIX = 'test/fixtures/xcli';

interface Run { code: number; stdout: string; stderr: string }

/** Fixture paths are relative to the repository: mocha runs there, and the CLI reads from the working directory. */
function xapi(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return runCli(['check', ...args], env);
}

const lines = (s: string): string[] => s.split('\n').filter(Boolean);

describe('xapi check (CLI)', function () {
  this.timeout(60_000);
  let cache: string;
  before(() => { cache = mkdtempSync(path.join(os.tmpdir(), 'xcli-check-')); });
  after(() => rmSync(cache, { recursive: true, force: true }));

  it('a clean script: no output, exit 0', async () => {
    const r = await xapi([`${FIX}/clean.xapi`]);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^0 errors, 0 warnings in 1 file \(schema core\)\n$/);
    assert.equal(r.code, 0);
  });

  it('errors: file:line:col: severity code message, exit 1', async () => {
    const r = await xapi([`${FIX}/errors.xapi`, `${FIX}/clean.xapi`]);
    assert.deepEqual(lines(r.stdout), [
      `${FIX}/errors.xapi:2:37: error not-literal CallType: 'Vidoe' is not an allowed value: expected Auto, Audio, Video (did you mean Video?)`,
      `${FIX}/errors.xapi:3:34: error out-of-range Level: 101 is outside 0..100 (nearest allowed: 100)`,
      `${FIX}/errors.xapi:4:17: error unknown-path unknown path: 'Statu' is not under xStatus Call (did you mean Status?)`,
      `${FIX}/errors.xapi:5:1: error unknown-keyword unknown keyword 'xComand': a line starts with xCommand, xConfiguration, xStatus, xEvent, xFeedback or # (did you mean xCommand?)`,
      `${FIX}/errors.xapi:6:10: error missing-required Dial needs parameter Number`,
    ]);
    assert.match(r.stderr, /5 errors, 0 warnings in 2 files/);
    assert.equal(r.code, 1);
  });

  it('warnings alone exit 0; the product is accepted by code or name', async () => {
    for (const product of ['hopen', 'Room Kit']) {
      const r = await xapi([`${FIX}/warning.xapi`, '--product', product]);
      assert.deepEqual(lines(r.stdout).map(l => l.split(' ').slice(0, 3).join(' ')), [`${FIX}/warning.xapi:1:10: warning not-on-product`]);
      assert.match(r.stdout, /not available on Room Kit/);
      assert.equal(r.code, 0);
    }
  });

  it('--version: a published schema with product index ranges', async function () {
    requirePublishedFile(this, '11.27.2.0');
    const r = await xapi([`${FIX}/product.xapi`, '--version', '11.27.2.0', '--product=hopen'], {
      XAPI_SCHEMA_DIR: schemaDir(), XDG_CACHE_HOME: cache, XAPI_SCHEMA_OFFLINE: '1',
    });
    assert.deepEqual(lines(r.stdout), [
      `${FIX}/product.xapi:1:38: error index-out-of-range index 3 of 'Connector' is outside 1..2 on Room Kit (nearest allowed: [2])`,
      `${FIX}/product.xapi:2:10: warning not-on-product Command Camera TriggerAutofocus is not available on Room Kit (only on Board Pro 55, Board Pro 55 G2, Board Pro 75, Board Pro 75 G2, Codec EQ, Codec Plus and 9 more)`,
    ]);
    assert.match(r.stderr, /schema 11\.27\.2\.0 for Room Kit/);
    assert.equal(r.code, 1);
  });

  it('--schema: a schema file', async function () {
    requirePublishedFile(this, '11.27.2.0');
    const r = await xapi([`${FIX}/clean.xapi`, '--schema', path.join(schemaDir(), publishedFileName('11.27.2.0'))]);
    assert.equal(r.stdout, '');
    assert.equal(r.code, 0);
  });

  it('usage errors exit 2 with one line and a pointer to --help', async () => {
    const cases: [string[], RegExp][] = [
      [[], /no files to check/],
      [[`${FIX}/clean.xapi`, '--bogus'], /unknown option '--bogus'/],
      [[`${FIX}/clean.xapi`, '--schema', 'a.json', '--version', '11.27.2.0'], /either --schema or --version/],
      [[`${FIX}/clean.xapi`, '--product', 'Toaster'], /unknown product 'Toaster'/],
      [[`${FIX}/clean.xapi`, '--product'], /--product needs a value/],
    ];
    for (const [args, message] of cases) {
      const r = await xapi(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.match(r.stderr, /xapi check --help/);
      assert.equal(r.stdout, '');
    }
  });

  it('an unreadable file or schema: one clear line, exit 2', async () => {
    const r = await xapi([`${FIX}/missing.xapi`, `${FIX}/errors.xapi`]);
    assert.match(r.stderr, /^xapi check: cannot read test\/fixtures\/xcli\/missing\.xapi: no such file$/m);
    assert.equal(lines(r.stdout).length, 5, 'the readable file is still checked');
    assert.equal(r.code, 2);
    const s = await xapi([`${FIX}/clean.xapi`, '--schema', `${FIX}/missing.json`]);
    assert.match(s.stderr, /^xapi check: cannot load the schema: .*missing\.json/m);
    assert.equal(s.code, 2);
  });
});
