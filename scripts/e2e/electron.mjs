#!/usr/bin/env node
// `npm run test:electron`: the same extension-host suites as scripts/e2e/run.mjs, in desktop VS Code 1.100.3 through
// @vscode/test-electron, for machines that can download VS Code (a developer's laptop, a CI with internet). Not run
// here: these machines reach only the npm registry, so the download fails (../shared/docs/e2e-testing.md); run.mjs
// runs the same bundles in code-server instead.
//
//   node scripts/e2e/electron.mjs [SUITE ...] [--grep PATTERN]
//
// Per suite: bundle as run.mjs does, a fresh user-data folder with the suite's settings, its workspace, workspace
// trust as suite.json says; the suite's mocha runner (test/e2e/vscode/index.ts) makes VS Code exit 0 or 1.
import { runTests } from '@vscode/test-electron';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleSuite, suiteFiles } from './bundle-suite.mjs';
import { SETTINGS } from './code-server.mjs';
import { DEFAULT_WORKSPACE, E2E_CACHE, REPO, SUITES_DIR } from './paths.mjs';

const VSCODE_VERSION = '1.100.3';
const { values: opts, positionals } = parseArgs({ allowPositionals: true, options: { grep: { type: 'string' } } });
const all = readdirSync(SUITES_DIR, { withFileTypes: true })
  .filter(d => d.isDirectory() && suiteFiles(join(SUITES_DIR, d.name)).length).map(d => d.name).sort();
const suites = positionals.length ? positionals : all;
if (!existsSync(join(REPO, 'dist', 'extension.js'))) { console.error('dist/extension.js is missing: run `npm run build` first'); process.exit(1); }

mkdirSync(E2E_CACHE, { recursive: true });
const runDir = mkdtempSync(join(E2E_CACHE, 'electron-'));
let failed = 0;
for (const suite of suites) {
  const suiteDir = join(SUITES_DIR, suite);
  if (!all.includes(suite)) { console.error(`unknown suite ${suite}; suites: ${all.join(', ')}`); process.exit(1); }
  const config = existsSync(join(suiteDir, 'suite.json')) ? JSON.parse(readFileSync(join(suiteDir, 'suite.json'), 'utf8')) : {};
  const userData = join(runDir, suite, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({
    ...SETTINGS, 'security.workspace.trust.enabled': config.workspaceTrust ?? false, ...config.settings,
  }, null, 2));
  const extensionTestsPath = await bundleSuite(suiteDir, join(runDir, suite, 'out'), { grep: opts.grep });
  console.log(`\n-- electron suite ${suite}`);
  try {
    await runTests({
      version: VSCODE_VERSION, extensionDevelopmentPath: REPO, extensionTestsPath,
      launchArgs: [
        config.workspace ? resolve(REPO, config.workspace) : DEFAULT_WORKSPACE, '--user-data-dir', userData,
        '--extensions-dir', join(runDir, suite, 'extensions'), '--skip-welcome', '--skip-release-notes',
        ...(config.workspaceTrust ? [] : ['--disable-workspace-trust']),
      ],
    });
  } catch (e) {
    failed++;
    console.error(`-- electron suite ${suite} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
console.log(`\nelectron: ${suites.length - failed} of ${suites.length} suites passed`);
process.exit(failed ? 1 : 0);
