// `npm run package`: the VS Code extension as a .vsix. The repository is also an npm package whose "files" list
// vsce refuses to combine with an ignore file, so the extension is staged in a folder of its own with exactly what
// it runs: its three bundles (they carry every dependency), the grammars, the walkthrough media, the manifest.
//
//   node scripts/package-extension.mjs [--out FILE]     (default: xapi-workbench-<version>.vsix)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
const out = resolve(values.out ?? `${pkg.name}-${pkg.version}.vsix`);

const BUNDLES = [
  'dist/extension.js', 'dist/extension-core.js', 'dist/server.js', 'dist/simulator.js', 'dist/macro-worker.js', 'dist/events-webview.js',
  // A local macro run's child process (client/localMacroRun/launchConfig.ts).
  'dist/macro-shim.js', 'dist/macro-require.js', 'dist/macro-hooks.mjs', 'dist/macro-loader.mjs',
];
// "Set Up Macro Project" copies the library's declarations into the user's project (client/localMacroRun/projectSetup.ts).
const DECLARATIONS = ['lib/index.d.ts', 'lib/xapi', 'lib/schema'];
for (const b of BUNDLES) if (!existsSync(join(REPO, b))) { console.error(`${b} is missing: run \`npm run build\` first`); process.exit(1); }

const stage = join(REPO, '.cache', 'vsix-stage');
rmSync(stage, { recursive: true, force: true });
mkdirSync(join(stage, 'dist'), { recursive: true });
for (const b of BUNDLES) cpSync(join(REPO, b), join(stage, b));
for (const d of DECLARATIONS) {
  if (!existsSync(join(REPO, d))) { console.error(`${d} is missing: run \`npm run build\` first`); process.exit(1); }
  cpSync(join(REPO, d), join(stage, d), { recursive: true, filter: f => !/\.js(\.map)?$/.test(f) });
}
for (const d of ['syntaxes', 'media']) cpSync(join(REPO, d), join(stage, d), { recursive: true });
cpSync(join(REPO, 'LICENSE'), join(stage, 'LICENSE'));
cpSync(join(REPO, 'client', 'README.md'), join(stage, 'README.md'));
// The manifest without what belongs to the npm package (library entries, scripts, dependencies the bundles carry).
// Its own `files`: exactly what the stage holds (vsce adds the manifest and README itself).
const { files: _f, exports: _e, types: _t, bin: _b, scripts: _s, dependencies: _d, devDependencies: _dd, ...manifest } = pkg;
writeFileSync(join(stage, 'package.json'), JSON.stringify({ ...manifest, files: ['dist/', 'lib/', 'syntaxes/', 'media/', 'LICENSE'] }, null, 2));

execFileSync(process.execPath, [join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '-o', out],
  { cwd: stage, stdio: ['ignore', 'inherit', 'inherit'] });
console.log(out);
