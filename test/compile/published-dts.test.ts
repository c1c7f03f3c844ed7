/**
 * The published declarations in a strict user project as it comes: `{ strict, module: nodenext, types: [] }` and no
 * `lib`. The .d.ts use Node's types and ES2022 built-ins, so their entry files must reference them themselves.
 * Slow (it emits the library's declarations with tsc), hence its own folder. The package is laid out as npm
 * installs it (package.json + lib/), into a temporary folder, so a stale or concurrently rebuilt lib/ cannot matter.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

function tsc(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise(resolve => {
    execFile(process.execPath, [TSC, ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr });
    });
  });
}

describe('published .d.ts in a strict user project', function () {
  this.timeout(180_000);
  let dir: string;
  before(() => { dir = mkdtempSync(path.join(tmpdir(), 'xapi-dts-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("type-checks `import … from 'xapi-workbench'` (and its subpaths) with types: [] and no lib", async () => {
    const pkg = path.join(dir, 'node_modules', 'xapi-workbench');
    mkdirSync(pkg, { recursive: true });
    cpSync(path.join(ROOT, 'package.json'), path.join(pkg, 'package.json'));
    const emitted = await tsc(['-p', 'tsconfig.build.json', '--emitDeclarationOnly', '--outDir', path.join(pkg, 'lib')]);
    assert.equal(emitted.code, 0, emitted.out);
    // What a Node project has installed; `types: []` keeps it from being included unless the package asks for it.
    mkdirSync(path.join(dir, 'node_modules', '@types'));
    symlinkSync(path.join(ROOT, 'node_modules', '@types', 'node'), path.join(dir, 'node_modules', '@types', 'node'), 'dir');
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', types: [] } }));
    writeFileSync(path.join(dir, 'app.ts'), [
      "import { connect, ConnectionError, type Xapi } from 'xapi-workbench';",
      "import { createSimulatedXapi } from 'xapi-workbench/testing';",
      "import { startEmulator } from 'xapi-workbench/emulator';",
      "import { coreSchema } from 'xapi-workbench/schema';",
      "import { connect as connectFromBrowser } from 'xapi-workbench/browser';",
      'export async function main(): Promise<void> {',
      "  const emu = await startEmulator({ tls: false });",
      "  const xapi: Xapi = await connect(emu.url, { ca: Buffer.from(''), timeoutMs: 1000 });",
      "  const volume: number = await xapi.Status.Audio.Volume.get({ timeoutMs: 500 });",
      "  await xapi.Command.Dial({ Number: 'x' }, { timeoutMs: 500 });",
      '  const sim = createSimulatedXapi();',
      '  await sim.close();',
      "  const fromBrowser: Xapi = await connectFromBrowser('ws://127.0.0.1:1/ws', { password: 'x', connectTimeoutMs: 500 });",
      '  void [volume, coreSchema(), ConnectionError, fromBrowser];',
      '  await xapi.close();',
      '  await emu.stop();',
      '}',
    ].join('\n'));
    const checked = await tsc(['-p', dir, '--noEmit']);
    assert.equal(checked.code, 0, checked.out);
  });
});
