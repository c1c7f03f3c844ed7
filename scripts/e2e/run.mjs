#!/usr/bin/env node
// The extension's tests inside real VS Code: code-server 4.100.3 (VS Code 1.100.3, web workbench + node extension
// host) driven by Debian's Chromium through playwright-core. Recipe and pitfalls: ../shared/docs/e2e-testing.md.
// Adding a suite, running one by hand: test/e2e/vscode/README.md.
//
//   node scripts/e2e/run.mjs [SUITE ...] [--grep PATTERN] [--counts FILE] [--keep] [--list]
//
// A suite is a folder test/e2e/vscode/SUITE/ holding *.e2e.ts mocha (bdd) files and an optional suite.json
// ({ "workspace": "test/e2e/workspace", "workspaceTrust": false, "timeoutMs": 90000, "settings": { user settings } }).
// With no SUITE, all run.
// Per suite: bundle index.ts + its files with esbuild into .cache/e2e/run-*/SUITE/out, start a code-server of its
// own (own HOME/XDG and profile, --auth none, 127.0.0.1 port 0; --disable-workspace-trust unless the suite wants
// trust), wait for /healthz, open the workbench with extensionDevelopmentPath = the repository (it loads
// package.json "main" = dist/extension.js, built by `npm run build`: this script builds nothing of the extension)
// and extensionTestsPath = the bundle, forward the host's console, take a screenshot into .cache/e2e/artifacts
// on failure, kill the code-server process group. Everything has a deadline (XAPI_E2E_DEADLINE_MS, 240 s).
// Exit 0 = all passed, 1 = a failure, 3 = cannot run here (code-server not installed, no Chromium): the reason
// is one line on stderr. --counts FILE writes {passes, failures, pending} (scripts/test.mjs adds them up),
// or {unavailable: reason} with exit 3.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleSuite, suiteFiles } from './bundle-suite.mjs';
import { startCodeServer } from './code-server.mjs';
import { ARTIFACTS_DIR, CHROMIUM, CODE_SERVER_DIR, CODE_SERVER_ENTRY, DEFAULT_WORKSPACE, E2E_CACHE, REPO, SUITES_DIR } from './paths.mjs';
import { runInWorkbench } from './workbench.mjs';

export const UNAVAILABLE = 3;
const started = Date.now();
const deadline = started + Number(process.env.XAPI_E2E_DEADLINE_MS || 240000);

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: { grep: { type: 'string' }, counts: { type: 'string' }, keep: { type: 'boolean' }, list: { type: 'boolean' } },
});

const allSuites = readdirSync(SUITES_DIR, { withFileTypes: true })
  .filter(d => d.isDirectory() && suiteFiles(join(SUITES_DIR, d.name)).length).map(d => d.name).sort();
if (opts.list) { console.log(allSuites.join('\n')); process.exit(0); }
const unknown = positionals.filter(s => !allSuites.includes(s));
if (unknown.length) fail(`unknown suite(s) ${unknown.join(', ')}; suites: ${allSuites.join(', ')}`, 1);
const suites = positionals.length ? positionals : allSuites;

if (!existsSync(CODE_SERVER_ENTRY)) {
  fail(`code-server is not installed in ${CODE_SERVER_DIR} (scripts/e2e/setup-code-server.sh ${CODE_SERVER_DIR})`, UNAVAILABLE);
}
if (!existsSync(CHROMIUM)) fail(`no Chromium at ${CHROMIUM} (apt-get install -y chromium)`, UNAVAILABLE);
if (!existsSync(join(REPO, 'dist', 'extension.js'))) fail('dist/extension.js is missing: run `npm run build` first', 1);

const cleanups = new Set();
async function cleanUp() { await Promise.all([...cleanups].map(f => f())); }
for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => { void cleanUp().finally(() => process.exit(130)); });
// The last resort if something ignores its own deadline: kill the groups and leave.
setTimeout(() => { console.error('e2e: overall deadline passed'); void cleanUp().finally(() => process.exit(1)); },
  deadline - started + 15000).unref();

mkdirSync(E2E_CACHE, { recursive: true });
const runDir = mkdtempSync(join(E2E_CACHE, 'run-'));
const totals = { passes: 0, failures: 0, pending: 0 };
for (const suite of suites) {
  const counts = await runSuite(suite);
  for (const k of Object.keys(totals)) totals[k] += counts[k] ?? 0;
}
await cleanUp();
if (!opts.keep && totals.failures === 0) rmSync(runDir, { recursive: true, force: true });
else console.log(`e2e: run folder kept: ${runDir}`);
if (opts.counts) writeFileSync(opts.counts, JSON.stringify(totals));
console.log(`e2e: ${totals.passes} passed, ${totals.failures} failed, ${totals.pending} pending in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(totals.failures ? 1 : 0);

async function runSuite(suite) {
  const t0 = Date.now();
  const suiteDir = join(SUITES_DIR, suite);
  const config = existsSync(join(suiteDir, 'suite.json')) ? JSON.parse(readFileSync(join(suiteDir, 'suite.json'), 'utf8')) : {};
  const suiteDeadline = Math.min(deadline, t0 + (config.timeoutMs ?? 90000));
  const dir = join(runDir, suite);
  const outDir = join(dir, 'out');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  console.log(`\n-- e2e suite ${suite}`);
  let server;
  let result = { failures: 1 };
  try {
    const testsPath = await bundleSuite(suiteDir, outDir, { grep: opts.grep });
    server = await startCodeServer({
      runDir: dir, workspaceTrust: config.workspaceTrust ?? false, settings: config.settings, deadline: suiteDeadline,
    });
    cleanups.add(server.stop);
    const home = join(dir, 'home');
    const code = await runInWorkbench({
      base: server.url,
      folder: config.workspace ? resolve(REPO, config.workspace) : DEFAULT_WORKSPACE,
      extensionPath: REPO,
      testsPath,
      profileDir: join(dir, 'chromium'),
      deadline: suiteDeadline,
      screenshot: join(ARTIFACTS_DIR, `${suite}-${stamp}.png`),
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache') },
    });
    const counts = readCounts(join(outDir, 'counts.json'));
    console.log(`-- e2e suite ${suite}: exit ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    // A crash, a timeout or a suite that ran nothing is a failure even when mocha counted none.
    result = code === 0 && counts ? counts : { ...counts, failures: counts?.failures || 1 };
  } catch (e) {
    console.error(`-- e2e suite ${suite} could not run: ${e.message}`);
  } finally {
    if (server) {
      await server.stop();
      cleanups.delete(server.stop);
    }
    if (result.failures) keepLog(dir, suite, stamp);
  }
  return result;
}

function readCounts(file) {
  try { return JSON.parse(readFileSync(file, 'utf8')); } catch { return undefined; }
}

function keepLog(dir, suite, stamp) {
  const log = join(dir, 'code-server.log');
  if (!existsSync(log)) return;
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  copyFileSync(log, join(ARTIFACTS_DIR, `${suite}-${stamp}-code-server.log`));
}

function fail(message, code) {
  console.error(`e2e: ${message}`);
  if (opts.counts) {
    writeFileSync(opts.counts, JSON.stringify(code === UNAVAILABLE ? { unavailable: message } : { passes: 0, failures: 1, pending: 0 }));
  }
  process.exit(code);
}
