/**
 * `xapi types`: from a schema file, a published version and a live (emulated) device, with the
 * argument errors users hit. The runs are in-process, with real files, a real emulator over TLS on
 * port 0 and the real client. That the output compiles: test/compile/typings-cli.test.ts; the built
 * binary's exit codes and stdout: test/process/cli-types.test.ts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { CliIO, UsageError } from '../../cli/command';
import { parseTypesArgs, typesCommand } from '../../cli/commands/types';
import { startEmulator } from '../../emulator';
import { TypingsError } from '../../schema/typings';
import { AuthenticationError, TlsError } from '../../xapi';
import { requirePublishedFile, schemaDir } from '../support/publishedSchemas';

function io(env: NodeJS.ProcessEnv = {}): CliIO & { out(): string; err(): string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  stdout.on('data', (c: Buffer) => chunks.out.push(c));
  stderr.on('data', (c: Buffer) => chunks.err.push(c));
  return {
    stdout, stderr, stdin: new PassThrough(), env,
    out: () => Buffer.concat(chunks.out).toString('utf8'),
    err: () => Buffer.concat(chunks.err).toString('utf8'),
  };
}

function file1127(): string {
  return path.join(schemaDir(), 'roomos-xapi-schema-11.27.2.0.json');
}

describe('xapi types', function () {
  this.timeout(120_000);

  it('rejects bad argument combinations with a usage error', () => {
    for (const args of [[], ['--schema', 'a.json', '--version', '11.27.2.0'], ['--version'], ['--version', '1', '--insecure'], ['--bogus'], ['extra']]) {
      assert.throws(() => parseTypesArgs(args), UsageError, args.join(' '));
    }
    assert.throws(() => parseTypesArgs(['--device', 'h', '--password', 'x']), /XAPI_PASSWORD/);
    assert.deepEqual(parseTypesArgs(['--device=h', '--user', 'u', '--insecure', '--product', 'hopen', '--out', 'x.d.ts']),
      { insecure: true, device: 'h', user: 'u', product: 'hopen', out: 'x.d.ts' });
  });

  it('--schema FILE --product prints augmentation declarations for that product', async function () {
    requirePublishedFile(this, '11.27.2.0');
    const cli = io();
    assert.equal(await typesCommand.run(['--schema', file1127(), '--product', 'Room Kit'], cli), 0);
    const text = cli.out();
    assert.match(text, /^\/\/ xAPI typings for 11\.27\.2\.0 \(file\), product hopen/);
    assert.match(text, /declare module 'xapi-workbench' \{\n {2}interface XapiTypeRegistry \{\n {4}schema: Schema;/);
  });

  it('--version V --out FILE writes the file; an unknown product is a clear error', async function () {
    requirePublishedFile(this, '26.4.1-March-2026');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'xapi-types-'));
    try {
      const env = { XAPI_SCHEMA_DIR: schemaDir(), XAPI_SCHEMA_OFFLINE: '1', XDG_CACHE_HOME: dir };
      const out = path.join(dir, 'xapi.d.ts');
      const cli = io(env);
      assert.equal(await typesCommand.run(['--version', '26.4.1-March-2026', '--out', out], cli), 0);
      assert.equal(cli.out(), '');
      assert.match(cli.err(), /wrote typings for 26\.4\.1-March-2026 to /);
      assert.match(readFileSync(out, 'utf8'), /^\/\/ xAPI typings for 26\.4\.1-March-2026 \(published\), all products/);
      await assert.rejects(typesCommand.run(['--version', '26.4.1-March-2026', '--product', 'Toaster'], io(env)), TypingsError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('--device (against the emulator)', () => {
    let emu: Awaited<ReturnType<typeof startEmulator>>;
    const password = 'correct horse battery';

    before(async () => {
      emu = await startEmulator({ users: [{ username: 'integrator', password, roles: ['Admin', 'Integrator', 'User'] }] });
    });
    after(async () => { await emu?.stop(); });

    it('reads the device schema over xDoc with the password from XAPI_PASSWORD', async () => {
      const cli = io({ XAPI_PASSWORD: password });
      assert.equal(await typesCommand.run(['--device', emu.url, '--user', 'integrator', '--insecure'], cli), 0);
      const text = cli.out();
      assert.match(text, /\(device\), all products/);
      assert.match(text, /Dial\(args: CommandDialArgs, opts\?: CallOptions\): Promise<CommandResult>;/);
      assert.match(text, /readonly Volume: StatusLeaf<number>;/);
      assert.ok(!text.includes(password) && !cli.err().includes(password), 'the password never appears');
    });

    it('fails with the client\'s typed errors: untrusted certificate, wrong password', async () => {
      await assert.rejects(typesCommand.run(['--device', emu.url, '--user', 'integrator'], io({ XAPI_PASSWORD: password })), TlsError);
      await assert.rejects(typesCommand.run(['--device', emu.url, '--user', 'integrator', '--insecure'], io({ XAPI_PASSWORD: 'wrong' })), AuthenticationError);
    });
  });
});
