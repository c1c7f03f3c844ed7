/**
 * The built `xapi` binary as a process, where only a process can tell: a reader that closes the pipe early.
 * (Top-level usage and unknown commands through the binary: cli-args.test.ts.)
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { distFile } from '../support/dist';
import { requirePublished, schemaDir } from '../support/publishedSchemas';

describe('xapi (dispatcher, built binary)', function () {
  this.timeout(60_000);
  let cli: string;
  before(() => { cli = distFile('cli.js'); });

  it('exits 0 quietly when the reader closes the pipe early (`xapi types | head`)', async function () {
    await requirePublished(this, '11.27.2.0'); // a large output, so writes go on after the reader left
    // The child inherits the tests' cache home (test/support/isolation.ts): it finds the schema where the test found
    // it, in the test cache or the seed folder, and never downloads.
    const env = { ...process.env, XAPI_SCHEMA_DIR: schemaDir(), XAPI_SCHEMA_OFFLINE: '1' };
    const child = spawn(process.execPath, [cli, 'types', '--version', '11.27.2.0'], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', d => { stderr += d; });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>(resolve => child.on('close', resolve));
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /EPIPE/);
  });
});
