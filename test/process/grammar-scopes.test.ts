/**
 * The TextMate grammars (`.xapi` scripts and xAPI terminal output) against scope assertions in test/grammar/,
 * through vscode-tmgrammar-test — the same Oniguruma engine VS Code uses. A deliberately wrong assertion must fail,
 * so a green run means the assertions were read.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'node_modules', '.bin', 'vscode-tmgrammar-test');
const GRAMMARS = ['syntaxes/xapi.tmLanguage.json', 'syntaxes/xapi-output.tmLanguage.json'].flatMap(g => ['-g', path.join(ROOT, g)]);

function run(files: string): { status: number | null; out: string } {
  const r = spawnSync(BIN, [...GRAMMARS, files], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('TextMate grammars (vscode-tmgrammar-test)', function () {
  this.timeout(30_000);

  it('every scope assertion in test/grammar holds, for scripts and for terminal output', () => {
    const r = run('test/grammar/*.test.*');
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /script\.test\.xapi run successfuly/);
    assert.match(r.out, /output\.test\.xapi-output run successfuly/);
  });

  it('a wrong assertion fails the run', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'xapi-grammar-'));
    try {
      writeFileSync(path.join(dir, 'wrong.test.xapi-output'), '# SYNTAX TEST "source.xapi-output" "wrong"\n*s Audio Volume: 50\n#                ^^ string.quoted.double.xapi-output\n');
      const r = run(path.join(dir, '*.test.*'));
      assert.notEqual(r.status, 0, r.out);
      assert.match(r.out, /missing required scopes: string\.quoted\.double\.xapi-output/);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});
