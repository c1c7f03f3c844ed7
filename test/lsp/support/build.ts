/**
 * Builds the language server bundle (`dist/server.js`) once per test process, with the same esbuild
 * settings as scripts/build.mjs but only the entries these tests need, so a half-finished
 * entry elsewhere in the repository cannot fail them. XAPI_LSP_SKIP_BUILD=1 uses the existing bundle.
 */
import { build } from 'esbuild';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER_JS = path.join(REPO_ROOT, 'dist', 'server.js');
export const CLI_JS = path.join(REPO_ROOT, 'dist', 'cli.js');

let built: Promise<void> | undefined;

export function ensureBuilt(): Promise<void> {
  if (process.env.XAPI_LSP_SKIP_BUILD === '1') return Promise.resolve();
  built ??= Promise.all([
    { in: 'server/main.ts', out: SERVER_JS },
    { in: 'cli/main.ts', out: CLI_JS, banner: '#!/usr/bin/env node' },
  ].map(e => build({
    entryPoints: [path.join(REPO_ROOT, e.in)], outfile: e.out, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    sourcemap: true, external: ['bufferutil', 'utf-8-validate'], banner: e.banner ? { js: e.banner } : undefined, logLevel: 'error',
  }))).then(() => undefined);
  return built;
}
