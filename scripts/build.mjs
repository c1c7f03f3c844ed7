// Bundles the programs with esbuild. The library itself is emitted by `tsc` (npm run build).
//
//   node scripts/build.mjs [--only dist/a.js,dist/b.js] [--linked-maps]
//
// Source maps are written next to each bundle (dist/*.js.map) but, by default, not named in it: neither the npm
// package nor the VSIX ships them (the server's map alone is 16 MB), and a `//# sourceMappingURL=` comment in a
// shipped bundle would point to a file that is not there. `--linked-maps` adds the comments, for debugging a bundle
// with its map (`node --enable-source-maps`, VS Code's debugger); test/process/npm-package.test.ts fails on such a
// build, so it is never packed.
//
// What ships where: the VSIX takes the bundles scripts/package-extension.mjs lists. The npm package (package.json
// "files") takes only what the library and the `xapi` command load: dist/cli.js, dist/server.js (`xapi lsp`, and
// `xapi check` on macros, cli/macroDiagnostics.ts) and dist/macro-worker.js (macros on `xapi emulator`); the library
// itself is lib/ ("exports"). The other bundles run in VS Code only (the extension, its simulated-device process,
// the events webview, a local macro run's shim and hooks), so they stay out of it; "main" names dist/extension.js
// for VS Code (the repository is the extension's development folder) and is not what `require('xapi-workbench')`
// loads, since "exports" takes precedence.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({ options: { only: { type: 'string' }, 'linked-maps': { type: 'boolean' }, watch: { type: 'boolean' } } });

// `xapi lsp` loads the language server from its own bundle at run time, so every other command
// starts without parsing the server and the TypeScript compiler it carries.
const serverFromItsBundle = {
  name: 'server-from-its-bundle',
  setup(b) {
    b.onResolve({ filter: /\/server\/(lsp|main)$/ }, () => ({ path: './server.js', external: true }));
  },
};

// undici is loaded only when a proxy is in use (xapi/cloud/http.ts): the npm package has it as a dependency, so the
// bundles leave it to Node's resolution instead of carrying 1 MB most users never run.
const LAZY_PACKAGES = ['undici'];

const entries = [
  // The extension: a small activation shell (registration only; every JS/TS file activates it) and the core it loads
  // on first use (client/activation/coreApi.ts). They share nothing stateful: the shell imports only stateless modules.
  { in: 'client/activation/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
  { in: 'client/core.ts', out: 'dist/extension-core.js', external: ['vscode'] },
  // The simulated device runs in its own process (client/simulatedDevice/launch.ts forks it), off the extension host's loop.
  { in: 'client/simulatedDevice/childProcess/main.ts', out: 'dist/simulator.js', external: [] },
  // Minified: most of it is the TypeScript compiler (macro analysis), 10.7 MB as written, 4.4 MB minified; names are
  // kept so stack traces stay readable without the map (maps are not published: package.json "files").
  { in: 'server/main.ts', out: 'dist/server.js', external: [], minify: true },
  { in: 'cli/main.ts', out: 'dist/cli.js', external: [], banner: '#!/usr/bin/env node', plugins: [serverFromItsBundle] },
  // A local macro run's child process (client/localMacroRun): the 'xapi' module it imports, and the Node hooks that map
  // `import … from 'xapi'` (ESM, on the loader thread) and `require('xapi')` (CommonJS) to it.
  { in: 'client/localMacroRun/shim/xapi.ts', out: 'dist/macro-shim.js', external: [] },
  { in: 'client/localMacroRun/shim/require.ts', out: 'dist/macro-require.js', external: [] },
  { in: 'client/localMacroRun/shim/hooks.mts', out: 'dist/macro-hooks.mjs', external: [], format: 'esm' },
  { in: 'client/localMacroRun/shim/loader.mts', out: 'dist/macro-loader.mjs', external: [], format: 'esm' },
  // The simulated device's macro runtime thread (emulator/macros/host.ts finds it next to the bundle that starts it:
  // dist/simulator.js, dist/cli.js).
  { in: 'emulator/macros/worker.ts', out: 'dist/macro-worker.js', external: [] },
  // The events panel's page script runs in the webview (a browser), not in Node.
  { in: 'client/views/events/webview/main.ts', out: 'dist/events-webview.js', external: [], platform: 'browser', format: 'iife', target: 'es2022' },
  // A fleet run's results table, likewise.
  { in: 'client/views/fleet/results/webview/main.ts', out: 'dist/fleet-webview.js', external: [], platform: 'browser', format: 'iife', target: 'es2022' },
  // A UI extension panel's preview, likewise.
  { in: 'client/views/panelPreview/webview/main.ts', out: 'dist/panel-preview.js', external: [], platform: 'browser', format: 'iife', target: 'es2022' },
];

const watch = opts.watch ?? false;
// `--only`: the bundles a test suite runs (test/lsp/support/build.ts), built with the same settings as the rest.
const only = opts.only?.split(',');
const unknown = only?.filter(o => !entries.some(e => e.out === o)) ?? [];
if (unknown.length) { console.error(`--only: no bundle ${unknown.join(', ')}`); process.exit(2); }
await Promise.all(entries.filter(e => existsSync(e.in) && (!only || only.includes(e.out))).map(e => build({
  entryPoints: [e.in],
  outfile: e.out,
  bundle: true,
  platform: e.platform ?? 'node',
  target: e.target ?? 'node20',
  format: e.format ?? 'cjs',
  sourcemap: opts['linked-maps'] ? 'linked' : 'external',
  minify: e.minify ?? false,
  keepNames: e.minify ?? false,
  external: [...e.external, 'bufferutil', 'utf-8-validate', ...LAZY_PACKAGES],
  banner: e.banner ? { js: e.banner } : undefined,
  plugins: e.plugins ?? [],
  logLevel: watch ? 'info' : 'warning',
}).catch(() => process.exit(1))));
