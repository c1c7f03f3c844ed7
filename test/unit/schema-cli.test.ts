/** `xapi schema show|diff`: in-process through the command object. The built binary: test/process/cli-schema.test.ts. */
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { CliIO, UsageError } from '../../cli/command';
import { commands } from '../../cli/commands';
import { schemaCommand } from '../../cli/commands/schema';
import { requirePublishedFile, schemaDir } from '../support/publishedSchemas';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe('cli: xapi schema', () => {
  let tmp: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'xapi-schema-cli-'));
    env = { XAPI_SCHEMA_DIR: schemaDir(), XDG_CACHE_HOME: path.join(tmp, 'cache'), XAPI_SCHEMA_OFFLINE: '1' };
  });
  after(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    const stdout = new Capture(), stderr = new Capture();
    const io: CliIO = { stdout, stderr, stdin: new PassThrough(), env };
    const code = await schemaCommand.run(args, io);
    return { code, out: stdout.text, err: stderr.text };
  }

  /** Published versions are needed by most cases; skip with one line when they are not around. */
  function needPublished(ctx: Mocha.Context, version: string): void {
    requirePublishedFile(ctx, version);
  }

  it('is registered', () => {
    assert.ok(commands.includes(schemaCommand));
    assert.match(schemaCommand.usage, /xapi schema show PATH/);
  });

  it('show: docs/schema.md\'s example is what the command prints', async function () {
    needPublished(this, '11.27.2.0');
    const doc = await fs.readFile(path.join(__dirname, '..', '..', 'docs', 'schema.md'), 'utf8');
    const example = /^\$ xapi schema show xCommand Dial --version 11\.27\.2\.0 --product "Room Kit"\n([\s\S]*?)^```/m.exec(doc);
    assert.ok(example, 'docs/schema.md has the example');
    const r = await run('show', 'xCommand', 'Dial', '--version', '11.27.2.0', '--product', 'Room Kit');
    assert.equal(example[1], r.out);
  });

  it('show: a command with its params, products by name and roles', async function () {
    needPublished(this, '11.27.2.0');
    const r = await run('show', 'xCommand', 'Dial', '--version', '11.27.2.0', '--product', 'Room Kit');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Command Dial {4}\(schema 11\.27\.2\.0\)/);
    assert.match(r.out, /Number: String\(0\.\.255\) {3}\(required\)/);
    assert.match(r.out, /Protocol\?: Literal\(H323\|Sip\|Spark\)/);
    assert.match(r.out, /products: .*Room Kit/);
    assert.match(r.out, /write roles: Admin, Integrator, User/);
    assert.equal((r.out.match(/variant \d+ of/g) ?? []).length, 1, 'only the Room Kit variant');
  });

  it('show: all variants without a product; --kind; --json', async function () {
    needPublished(this, '11.27.2.0');
    const r = await run('show', 'audio defaultvolume', '--kind', 'Configuration', '--version', '11.27.2.0');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /variant 1 of 2[\s\S]*default: "50"[\s\S]*variant 2 of 2[\s\S]*default: "70"/);
    assert.match(r.out, /value space: Integer 0\.\.100/);
    const j = await run('show', 'Standby SecondsToStandby', '--version', '11.27.2.0', '--json');
    const parsed = JSON.parse(j.out);
    assert.equal(parsed[0].kind, 'Event');
    assert.deepEqual(parsed[0].variants[0].bareValue, { type: 'Integer' });
    assert.ok(parsed[0].variants[0].productNames.includes('Room Kit'));
  });

  it('show: a branch lists children; an unknown path exits 1 with suggestions', async function () {
    needPublished(this, '9.15.17.4');
    const branch = await run('show', 'xStatus', 'Audio', '--version', '9.15.17.4');
    assert.equal(branch.code, 0);
    assert.match(branch.out, /Status Audio is a branch; children: .*Volume/);
    const missing = await run('show', 'Audio Volum', '--version', '9.15.17.4');
    assert.equal(missing.code, 1);
    assert.match(missing.err, /'Audio Volum': not found in schema 9\.15\.17\.4/);
    assert.match(missing.err, /did you mean: .*Status Audio Volume/);
    const noEvents = await run('show', 'Event Standby SecondsToStandby', '--version', '9.15.17.4');
    assert.equal(noEvents.code, 1);
  });

  it('show: a node missing on the chosen product exits 1 and says so', async function () {
    needPublished(this, '11.27.2.0');
    const r = await run('show', 'Configuration Video Output Connector MonitorRole', '--version', '11.27.2.0', '--product', 'vecchio');
    assert.equal(r.code, 1);
    assert.match(r.err, /not available on Room Navigator \(vecchio\)/);
  });

  it('show: the core schema by default, or a schema file', async () => {
    const core = await run('show', 'Dial');
    assert.equal(core.code, 0, core.err);
    assert.match(core.out, /Command Dial/);
    const file = path.join(tmp, 'tiny.json');
    await fs.writeFile(file, JSON.stringify({ objects: [{ id: 1, type: 'Status', path: 'Foo Bar', products: [], attributes: { valuespace: { type: 'String' } } }] }));
    const r = await run('show', 'foo bar', '--schema', file);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Status Foo Bar {4}\(schema tiny\)/);
    assert.match(r.out, /products: all products/);
  });

  it('bad arguments are usage errors (exit 2 through main)', async () => {
    for (const args of [
      [], ['frobnicate'], ['show'], ['show', 'Dial', '--kind', 'Widget'], ['show', 'Dial', '--product', 'Toaster 9000'],
      ['show', 'Dial', '--schema', 'a.json', '--version', '1.2'], ['show', 'Dial', '--bogus'], ['show', 'Dial', '--version'],
      ['diff', 'only-one'], ['show', 'xStatus', 'Dial', '--kind', 'Command'],
    ]) {
      await assert.rejects(run(...args), UsageError, `xapi schema ${args.join(' ')}`);
    }
  });

  it('diff: text and --json between published versions; schema errors exit 1 via main', async function () {
    needPublished(this, '10.19.4.2');
    needPublished(this, '11.27.2.0');
    const text = await run('diff', '10.19.4.2', '11.27.2.0', '--limit', '2');
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /^10\.19\.4\.2 → 11\.27\.2\.0: \d+ added, \d+ removed, \d+ changed/);
    assert.match(text.out, /… and \d+ more/);
    const json = JSON.parse((await run('diff', '10.19.4.2', '11.27.2.0', '--json')).out);
    assert.ok(json.added.some((r: { path: string }) => r.path === 'AirPlay KeyEvent Back'));
    // Offline and not in the seed folder: a SchemaError, which main turns into exit 1.
    await assert.rejects(run('diff', '10.19.4.2', '1.0.0'), /1\.0\.0: not in the cache/);
  });
});
