/** `xapi types` as the built binary (dist/cli.js): declarations on stdout and exit 0; a usage error exits 2. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { distFile } from '../support/dist';
import { requirePublishedFile, schemaDir } from '../support/publishedSchemas';

describe('xapi types (built binary)', function () {
  this.timeout(60_000);
  let cli: string;
  before(() => { cli = distFile('cli.js'); });

  it('declarations on stdout and exit 0; usage errors exit 2', async function () {
    requirePublishedFile(this, '11.27.2.0');
    const run = (args: string[]) => new Promise<{ code: number; stdout: string; stderr: string }>(resolve => {
      execFile(process.execPath, [cli, 'types', ...args], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
    });
    const ok = await run(['--schema', path.join(schemaDir(), 'roomos-xapi-schema-11.27.2.0.json')]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /export interface CommandDialArgs \{/);
    const bad = await run(['--schema']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /--schema needs a value/);
  });
});
