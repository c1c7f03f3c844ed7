/**
 * What `xapi types` writes compiles under strict: from a schema file for one product, and from a live
 * (emulated, port 0) device's xDoc. The CLI runs in-process; the arguments and messages: test/unit/typings-cli.test.ts.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { startEmulator } from '../../emulator';
import { runCli } from '../protocol/cli-support';
import { requirePublishedFile, schemaDir } from '../support/publishedSchemas';
import { compile, formatDiagnostics, packageFiles, VIRTUAL } from './typings-compile';

async function typesOutput(args: string[], env: Record<string, string> = {}): Promise<string> {
  const r = await runCli(['types', ...args], env);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

function assertCompiles(declarations: string): void {
  const { diagnostics } = compile({ ...packageFiles(), [`${VIRTUAL}/app/xapi.d.ts`]: declarations });
  assert.deepEqual(formatDiagnostics(diagnostics), []);
}

describe('xapi types: the declarations compile', function () {
  this.timeout(120_000);

  it('--schema FILE --product', async function () {
    requirePublishedFile(this, '11.27.2.0');
    assertCompiles(await typesOutput(['--schema', path.join(schemaDir(), 'roomos-xapi-schema-11.27.2.0.json'), '--product', 'Room Kit']));
  });

  it('--device (the emulator\'s schema over xDoc)', async () => {
    const password = 'correct horse battery';
    const emu = await startEmulator({ users: [{ username: 'integrator', password, roles: ['Admin', 'Integrator', 'User'] }] });
    try {
      assertCompiles(await typesOutput(['--device', emu.url, '--user', 'integrator', '--insecure'], { XAPI_PASSWORD: password }));
    } finally {
      await emu.stop();
    }
  });
});
