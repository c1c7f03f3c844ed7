/** The `xapi` dispatcher itself: top-level usage, unknown commands, and a reader that closes the pipe early. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { requirePublished, schemaDir } from '../support/publishedSchemas';

const ROOT = path.resolve(__dirname, '../..');
const CLI = [path.join(ROOT, 'node_modules/.bin/tsx'), path.join(ROOT, 'cli/main.ts')];

describe('xapi (dispatcher)', function () {
  this.timeout(60_000);

  it('lists the commands with --help and exits 0; without arguments it exits 2', () => {
    const help = spawnSync(CLI[0], [CLI[1], '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    for (const name of ['check', 'schema', 'emulator', 'run', 'repl', 'watch', 'types', 'lsp']) assert.match(help.stdout, new RegExp(`^  ${name} `, 'm'));
    assert.equal(spawnSync(CLI[0], [CLI[1]], { encoding: 'utf8' }).status, 2);
  });

  it('an unknown command is one line on stderr and exit code 2', () => {
    const r = spawnSync(CLI[0], [CLI[1], 'frobnicate'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /unknown command 'frobnicate'/);
  });

  it('exits 0 quietly when the reader closes the pipe early (`xapi types | head`)', async function () {
    await requirePublished(this, '11.27.2.0'); // a large output, so writes go on after the reader left
    const env = { ...process.env, XAPI_SCHEMA_DIR: schemaDir(), XAPI_SCHEMA_OFFLINE: '1' }; // the same schemas the test found, never a download
    const child = spawn(CLI[0], [CLI[1], 'types', '--version', '11.27.2.0'], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', d => { stderr += d; });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>(resolve => child.on('close', resolve));
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /EPIPE/);
  });
});
