/**
 * Builds the language server bundle (`dist/server.js`) and the CLI that loads it (`dist/cli.js`) once per test
 * process, through scripts/build.mjs `--only`: the settings of what ships (minified server, the CLI loading it from
 * its own bundle, maps not named in the bundles), but only the entries these tests need, so a half-finished entry
 * elsewhere in the repository cannot fail them. XAPI_LSP_SKIP_BUILD=1 uses the existing bundles.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER_JS = path.join(REPO_ROOT, 'dist', 'server.js');
export const CLI_JS = path.join(REPO_ROOT, 'dist', 'cli.js');

let built: Promise<void> | undefined;

export function ensureBuilt(): Promise<void> {
  if (process.env.XAPI_LSP_SKIP_BUILD === '1') return Promise.resolve();
  built ??= new Promise<void>((resolve, reject) => {
    const script = path.join(REPO_ROOT, 'scripts', 'build.mjs');
    execFile(process.execPath, [script, '--only', 'dist/server.js,dist/cli.js'], { cwd: REPO_ROOT }, (e, _out, err) => {
      if (e) reject(new Error(`scripts/build.mjs --only dist/server.js,dist/cli.js failed: ${err || e.message}`));
      else resolve();
    });
  });
  return built;
}
