// Bundles the three programs with esbuild. The library itself is emitted by `tsc` (build:lib).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entries = [
  { in: 'client/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
  { in: 'server/main.ts', out: 'dist/server.js', external: [] },
  { in: 'cli/main.ts', out: 'dist/cli.js', external: [], banner: '#!/usr/bin/env node' },
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
  logLevel: watch ? 'info' : 'warning',
}).catch(() => process.exit(1))));
