/** `xapi schema` as the built binary (dist/cli.js): exit codes and streams. The logic: test/unit/schema-cli.test.ts. */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { distFile, REPO_ROOT } from '../support/dist';

describe('xapi schema (built binary)', function () {
  this.timeout(60_000);
  let cli: string;
  let tmp: string;
  before(async () => {
    cli = distFile('cli.js');
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'xapi-schema-bin-'));
  });
  after(async () => { if (tmp) await fs.rm(tmp, { recursive: true, force: true }); });

  it('exit 2 on usage errors, 1 when not found, 0 with --help', async () => {
    const file = path.join(tmp, 'tiny2.json');
    await fs.writeFile(file, JSON.stringify({ objects: [] }));
    // Offline with an empty cache: nothing this test does may reach the network.
    const env = { ...process.env, XDG_CACHE_HOME: path.join(tmp, 'cache'), XAPI_SCHEMA_OFFLINE: '1' };
    const exec = (args: string[]) => new Promise<{ code: number; out: string; err: string }>(resolve => {
      execFile(process.execPath, [cli, 'schema', ...args], { cwd: REPO_ROOT, env }, (e, out, err) => {
        resolve({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, out, err });
      });
    });
    const usage = await exec(['show']);
    assert.equal(usage.code, 2);
    assert.equal(usage.out, '');
    assert.match(usage.err, /schema show needs a PATH/);
    const missing = await exec(['show', 'Nothing Here', '--schema', file]);
    assert.equal(missing.code, 1);
    assert.equal(missing.out, '');
    assert.match(missing.err, /not found in schema tiny2/);
    const help = await exec(['--help']);
    assert.equal(help.code, 0);
    assert.equal(help.err, '');
    assert.match(help.out, /xapi schema diff A B/);
  });
});
