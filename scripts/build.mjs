// Bundles the three programs with esbuild. The library itself is emitted by `tsc` (npm run build).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

// `xapi lsp` loads the language server from its own bundle at run time, so every other command
// starts without parsing the server and the TypeScript compiler it carries.
const serverFromItsBundle = {
  name: 'server-from-its-bundle',
  setup(b) {
    b.onResolve({ filter: /\/server\/lsp$/ }, () => ({ path: './server.js', external: true }));
  },
};

const entries = [
  { in: 'client/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
  { in: 'server/main.ts', out: 'dist/server.js', external: [] },
  { in: 'cli/main.ts', out: 'dist/cli.js', external: [], banner: '#!/usr/bin/env node', plugins: [serverFromItsBundle] },
];

const watch = process.argv.includes('--watch');
await Promise.all(entries.filter(e => existsSync(e.in)).map(e => build({
  entryPoints: [e.in],
  outfile: e.out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: [...e.external, 'bufferutil', 'utf-8-validate'],
  banner: e.banner ? { js: e.banner } : undefined,
  plugins: e.plugins ?? [],
  logLevel: watch ? 'info' : 'warning',
}).catch(() => process.exit(1))));
