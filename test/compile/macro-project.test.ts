/**
 * "xAPI: Set Up Macro Project" as TypeScript sees the result: a folder of plain JavaScript macros with only what
 * the setup wrote (typings/ and jsconfig.json, no node_modules, no @types/node) type-checks a correct macro clean
 * and flags a wrong parameter value and an unknown command on their lines — the IntelliSense a macro author gets.
 * The library's declarations are emitted into a temporary folder first, so a stale lib/ cannot matter.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { JSCONFIG, PROJECT_FILES, setUpMacroProject } from '../../client/localMacroRun/projectSetup';
import { coreSchema } from '../../schema';

const ROOT = path.resolve(__dirname, '../..');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

function tsc(args: string[], cwd = ROOT): Promise<{ code: number; out: string }> {
  return new Promise(resolve => {
    execFile(process.execPath, [TSC, ...args], { cwd, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr });
    });
  });
}

const GOOD = `// @ts-check
import xapi from 'xapi';

xapi.Event.UserInterface.Extensions.Widget.Action.on(event => {
  if (event.WidgetId === 'louder') xapi.Command.Audio.Volume.Set({ Level: 70 });
});
const volume = await xapi.Status.Audio.Volume.get();
console.log(volume + 1);
`;

const BAD = `// @ts-check
import xapi from 'xapi';

xapi.Command.Audio.Volume.Set({ Level: 'loud' });
xapi.Command.Audio.Volumee.Set({ Level: 10 });
`;

describe('Set Up Macro Project: typings and jsconfig for plain JavaScript macros', function () {
  this.timeout(180_000);
  let dir: string;
  let lib: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'xapi-macro-project-'));
    lib = path.join(mkdtempSync(path.join(tmpdir(), 'xapi-lib-')), 'lib');
    const emitted = await tsc(['-p', 'tsconfig.build.json', '--emitDeclarationOnly', '--outDir', lib]);
    assert.equal(emitted.code, 0, emitted.out);
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(path.dirname(lib), { recursive: true, force: true });
  });

  it('writes the typings, the library declarations and a jsconfig that maps xapi to them', async () => {
    const result = await setUpMacroProject(dir, coreSchema(), lib, false);
    for (const f of [PROJECT_FILES.jsconfig, PROJECT_FILES.module, PROJECT_FILES.schema, `${PROJECT_FILES.library}/index.d.ts`]) {
      assert.ok(result.written.includes(f), `${f} written`);
    }
    assert.ok(!result.written.some(f => f.endsWith('.js')), 'declarations only');
    assert.deepEqual(JSON.parse(readFileSync(path.join(dir, PROJECT_FILES.jsconfig), 'utf8')), JSCONFIG);
  });

  it('keeps an existing jsconfig.json unless told to replace it', async () => {
    writeFileSync(path.join(dir, PROJECT_FILES.jsconfig), '{"mine": true}\n');
    const kept = await setUpMacroProject(dir, coreSchema(), lib, false);
    assert.ok(!kept.written.includes(PROJECT_FILES.jsconfig));
    assert.equal(readFileSync(path.join(dir, PROJECT_FILES.jsconfig), 'utf8'), '{"mine": true}\n');
    await setUpMacroProject(dir, coreSchema(), lib, true);
    assert.deepEqual(JSON.parse(readFileSync(path.join(dir, PROJECT_FILES.jsconfig), 'utf8')), JSCONFIG);
  });

  it('a correct macro checks clean; a wrong value and an unknown command are errors on their lines', async () => {
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'room-macros', private: true, type: 'module' }));
    writeFileSync(path.join(dir, 'good.js'), GOOD);
    const good = await tsc(['-p', 'jsconfig.json', '--noEmit'], dir);
    assert.equal(good.code, 0, `the project (typings included) checks clean:\n${good.out}`);
    writeFileSync(path.join(dir, 'bad.js'), BAD);
    const bad = await tsc(['-p', 'jsconfig.json', '--noEmit'], dir);
    const errors = bad.out.split('\n').filter(l => / error TS\d+/.test(l));
    assert.deepEqual(errors.map(l => /^([^(]+)\((\d+),/.exec(l)?.slice(1, 3).join(':')), ['bad.js:4', 'bad.js:5'], bad.out);
  });
});
