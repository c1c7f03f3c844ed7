/**
 * The npm package as `npm pack` makes it from what `npm run build` left: the library (lib/, served through
 * "exports") and the `xapi` command with the bundles it loads at run time, and nothing that runs in VS Code only
 * (scripts/build.mjs says which is which). No source maps, and no shipped script naming a map that is not shipped.
 * Then the tarball installed into a fresh project, as a user gets it: every entry point resolves through "exports"
 * (never through "main", the VS Code extension, which would throw on `require('vscode')`), and the command runs.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { builtFile, REPO_ROOT } from '../support/dist';
import { danglingSourceMaps } from '../support/sourceMaps';

const run = promisify(execFile);
const manifest = require(path.join(REPO_ROOT, 'package.json'));

/** What `npm pack --json` reports of one package. */
interface PackReport { filename: string; size: number; unpackedSize: number; files: Array<{ path: string; size: number }> }

async function npm(args: string[], cwd: string): Promise<string> {
  try {
    return (await run('npm', args, { cwd, maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (e) {
    const { stderr, message } = e as { stderr?: string; message: string };
    throw new Error(`npm ${args.join(' ')} failed: ${stderr || message}`);
  }
}

/** Every file an "exports" condition names (`./lib/index.js` → `lib/index.js`). */
function exportTargets(): string[] {
  const out: string[] = [];
  for (const target of Object.values(manifest.exports as Record<string, string | Record<string, string>>)) {
    for (const file of typeof target === 'string' ? [target] : Object.values(target)) out.push(path.posix.normalize(file));
  }
  return out;
}

/** The bundles of the `xapi` command: itself, the language server (`xapi lsp`, `xapi check` on macros), the macro worker (`xapi emulator`). */
const CLI_BUNDLES = ['dist/cli.js', 'dist/server.js', 'dist/macro-worker.js'];
/** Bundles that run in VS Code only: the VSIX carries them (test/process/package-extension.test.ts), the npm package does not. */
const VSCODE_ONLY = ['dist/extension.js', 'dist/extension-core.js', 'dist/simulator.js', 'dist/events-webview.js', 'dist/macro-shim.js', 'dist/macro-require.js', 'dist/macro-hooks.mjs', 'dist/macro-loader.mjs'];

describe('npm package', function () {
  this.timeout(180_000);
  before(() => { for (const f of [...CLI_BUNDLES, 'lib/index.js', 'lib/index.d.ts']) builtFile(f); });

  describe('contents (npm pack --dry-run)', () => {
    let report: PackReport;
    let files: string[];
    before(async () => {
      [report] = JSON.parse(await npm(['pack', '--dry-run', '--json'], REPO_ROOT)) as PackReport[];
      files = report.files.map(f => f.path);
    });

    it('holds every "exports" target, the declarations, the `xapi` command and the bundles it loads', () => {
      const targets = exportTargets().filter(t => t !== 'package.json');
      assert.ok(targets.length >= 10, targets.join(' '));
      for (const f of [...targets, path.posix.normalize(manifest.bin.xapi), manifest.types.replace(/^\.\//, ''), ...CLI_BUNDLES]) {
        assert.ok(files.includes(f), `${f} is in the package`);
      }
    });

    it('leaves out what runs in VS Code only, and every source map', () => {
      assert.deepEqual(files.filter(f => VSCODE_ONLY.includes(f)), []);
      assert.deepEqual(files.filter(f => f.endsWith('.map')), []);
    });

    it('no shipped script names a source map that is not shipped', () => {
      assert.ok(files.filter(f => /\.[cm]?js$/.test(f)).length > 50, 'the library and the bundles were checked');
      assert.deepEqual(danglingSourceMaps(REPO_ROOT, files), [], 'build with `npm run build` (no --linked-maps) before packing');
    });

    it('stays small: under 2.5 MB packed and 8 MB unpacked', () => {
      // Measured: 1.78 MB packed, 6.81 MB unpacked (4.4 MB of it the minified language server, which carries the
      // TypeScript compiler for macro diagnostics). Before the VS Code-only bundles left: 2.28 MB and 9.63 MB.
      assert.ok(report.size < 2.5e6, `packed ${(report.size / 1e6).toFixed(2)} MB`);
      assert.ok(report.unpackedSize < 8e6, `unpacked ${(report.unpackedSize / 1e6).toFixed(2)} MB`);
    });
  });

  describe('installed from the tarball into a new project', () => {
    let dir: string;
    let project: string;
    before(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'xapi-npm-pack-'));
      await npm(['pack', '--pack-destination', dir, '--json'], REPO_ROOT);
      const tarball = path.join(dir, readdirSync(dir).find(f => f.endsWith('.tgz'))!);
      project = path.join(dir, 'project');
      mkdirSync(project);
      writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'uses-xapi-workbench', version: '1.0.0', private: true }));
      // The dependencies (ws, selfsigned and theirs) come from npm's cache when it has them, which it does once
      // node_modules was installed on this machine; a cache without their metadata falls back to the registry.
      const install = ['install', '--no-audit', '--no-fund', tarball];
      await npm([...install, '--offline'], project).catch(() => npm([...install, '--prefer-offline'], project));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('require and import resolve the library through "exports", not "main"', async () => {
      const script = `
        const out = {};
        for (const m of ['xapi-workbench', 'xapi-workbench/testing', 'xapi-workbench/schema', 'xapi-workbench/emulator', 'xapi-workbench/browser']) {
          out[m] = { file: require.resolve(m), keys: Object.keys(require(m)) };
        }
        import('xapi-workbench').then(esm => {
          out.esm = { connect: typeof esm.connect };
          out.connect = typeof require('xapi-workbench').connect;
          console.log(JSON.stringify(out));
        });`;
      const { stdout } = await run(process.execPath, ['-e', script], { cwd: project });
      const r = JSON.parse(stdout) as Record<string, { file: string; keys: string[] }> & { esm: { connect: string }; connect: string };
      assert.equal(r.connect, 'function');
      assert.equal(r.esm.connect, 'function');
      const pkg = path.join(project, 'node_modules', 'xapi-workbench');
      for (const [m, entry] of Object.entries(manifest.exports as Record<string, { default?: string }>)) {
        if (!entry.default) continue;
        const name = path.posix.join('xapi-workbench', m);
        assert.equal(r[name].file, path.join(pkg, entry.default), name);
      }
      assert.ok(r['xapi-workbench/testing'].keys.includes('createSimulatedXapi'));
      assert.ok(r['xapi-workbench/emulator'].keys.includes('startEmulator'));
      assert.ok(r['xapi-workbench/schema'].keys.includes('SchemaIndex'));
    });

    it('the `xapi` command runs, and `xapi check` on a macro loads the language server bundle', async () => {
      const bin = path.join(project, 'node_modules', '.bin', 'xapi');
      assert.equal((await run(bin, ['--version'], { cwd: project })).stdout, `xapi ${manifest.version}\n`);
      writeFileSync(path.join(project, 'macro.js'), "import xapi from 'xapi';\nxapi.Command.Dail({});\n");
      const check = await run(bin, ['check', 'macro.js'], { cwd: project }).then(() => assert.fail('exit 0 on an error'), (e: { code: number; stdout: string }) => e);
      assert.equal(check.code, 1);
      assert.match(check.stdout, /^macro\.js:2:14: error unknown-path /);
    });
  });
});
