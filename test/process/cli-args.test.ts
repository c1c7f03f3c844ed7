/**
 * Every registered `xapi` command, through the built binary (dist/cli.js, as `npm run build` made it): `--help` exits 0
 * with usage on stdout; an unknown flag exits 2 with one error line naming the command, plus the
 * pointer to --help, and never starts anything (no hang, no listening server).
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { commands } from '../../cli/commands';
import { distFile, REPO_ROOT as REPO } from '../support/dist';

let CLI: string;

/** Arguments that get a command past its first check, so the unknown flag is what it must reject. */
const VALID_PREFIX: Record<string, string[]> = {
  check: ['script.xapi'],
  lsp: ['--stdio'],
  schema: ['show', 'Dial'],
};

interface Result { code: number; out: string; err: string }

function run(args: string[]): Promise<Result> {
  return new Promise(resolve => {
    const child = execFile(process.execPath, [CLI, ...args], { cwd: REPO, timeout: 20_000, env: { ...process.env, XAPI_PASSWORD: '' } }, (e, out, err) => {
      const code = e ? (typeof (e as { code?: unknown }).code === 'number' ? (e as { code: number }).code : -1) : 0;
      resolve({ code, out, err });
    });
    child.stdin?.end();
  });
}

describe('cli: --help and bad flags on every registered command', function () {
  this.timeout(120_000);

  before(() => { CLI = distFile('cli.js'); });

  it('has commands to check', () => {
    assert.ok(commands.length >= 3);
  });

  for (const command of commands) {
    it(`${command.name}: --help exits 0 with its usage; --bogus-flag exits 2 with one error line`, async () => {
      const help = await run([command.name, '--help']);
      assert.equal(help.code, 0, help.err);
      assert.ok(help.out.trim().length > 0, 'usage on stdout');
      assert.equal(help.out.trim(), command.usage.trim());
      assert.equal(help.err, '');

      for (const args of [['--bogus-flag'], [...(VALID_PREFIX[command.name] ?? []), '--bogus-flag']]) {
        const bad = await run([command.name, ...args]);
        const what = `xapi ${[command.name, ...args].join(' ')}`;
        assert.equal(bad.code, 2, `${what}: exit code (stderr: ${bad.err})`);
        assert.equal(bad.out, '', `${what}: nothing on stdout`);
        const lines = bad.err.trimEnd().split('\n');
        assert.equal(lines.length, 2, `${what}: one error line plus the --help pointer, got:\n${bad.err}`);
        assert.match(lines[0], new RegExp(`^xapi ${command.name}: \\S`), what);
        assert.equal(lines[1], `Run 'xapi ${command.name} --help' for usage.`);
        if (args.length > 1) assert.match(lines[0], /--bogus-flag/, `${what}: the error names the flag`);
      }
    });
  }

  it('no command or an unknown one exits 2; top-level --help exits 0 and lists every command', async () => {
    const top = await run(['--help']);
    assert.equal(top.code, 0);
    for (const c of commands) assert.match(top.out, new RegExp(`^  ${c.name} +\\S`, 'm'));
    assert.equal((await run([])).code, 2);
    const unknown = await run(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.equal(unknown.err.trim().split('\n').length, 1);
    assert.match(unknown.err, /unknown command 'frobnicate'/);
  });
});
