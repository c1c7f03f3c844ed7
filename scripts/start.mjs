// `npm start`: the whole experience on a fresh machine. It builds, then opens VS Code on examples/getting-started
// with the extension connected to the simulated device (the folder's `xapi.autoConnect` setting):
//   - desktop VS Code when `code` is on the PATH (the extension loaded from this repository);
//   - else code-server on 127.0.0.1, installed into .cache/ on first use, with the extension installed from the
//     .vsix `npm run package` makes (what a user installs); it prints the URL to open and runs until Ctrl+C.
//
//   npm start                  the editor, as above
//   npm start -- --web         code-server even when `code` is on the PATH
//   npm start -- --library     the library session in the terminal instead (scripts/main-job.ts): a simulated device,
//                              the typed client against it, then the device kept serving for `xapi repl` until Ctrl+C
//   npm start -- --smoke       CI: the library session once, then the editor path headless (code-server + Chromium)
//                              until its status bar says it is connected to the simulated device; exit 0
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { installExtension, startCodeServer } from './e2e/code-server.mjs';
import { CHROMIUM, CODE_SERVER_DIR, CODE_SERVER_VERSION, E2E_CACHE, REPO, SETUP_SCRIPT } from './e2e/paths.mjs';

const { values: opts } = parseArgs({ options: { smoke: { type: 'boolean' }, library: { type: 'boolean' }, web: { type: 'boolean' } } });
const WORKSPACE = join(REPO, 'examples', 'getting-started');
const FIRST_FILE = join(WORKSPACE, 'first-steps.xapi');
/** The code-server of `npm start`: kept between runs (its secrets, state and extension), apart from the tests'. */
const START_DIR = join(E2E_CACHE, '..', 'start');

/** The signals that stop `npm start`: a terminal's Ctrl+C and hang-up, and a process manager's SIGINT or SIGTERM. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Runs a step to its end. `quiet`: its output is shown only when it fails (packaging lists every file it takes). */
function run(cmd, args, what, { quiet = false } = {}) {
  const r = spawnSync(cmd, args, { stdio: quiet ? 'pipe' : 'inherit', cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0) {
    if (quiet) process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    console.error(`npm start: ${what} failed`);
    process.exit(r.status ?? 1);
  }
}

/**
 * The library session (scripts/main-job.ts) in one node process, with a stop signal passed on to it: a process
 * manager signals `npm start` alone (npm passes it to this process), a terminal's Ctrl+C signals the whole group.
 */
function librarySession(args) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'scripts', 'main-job.ts'), ...args], { stdio: 'inherit', cwd: REPO });
  for (const signal of STOP_SIGNALS) process.on(signal, () => child.kill(signal));
  // Ended by a stop signal we passed on: a clean stop. Any other signal (SIGKILL, SIGSEGV) is a failure.
  return new Promise(resolve => child.once('exit', (code, signal) => resolve(code ?? (STOP_SIGNALS.includes(signal) ? 0 : 1))));
}

run('npm', ['run', '--silent', 'build'], 'the build');
if (opts.library || opts.smoke) {
  const code = await librarySession(opts.smoke ? ['--smoke'] : []);
  if (code !== 0 || opts.library) process.exit(code);
  for (const signal of STOP_SIGNALS) process.removeAllListeners(signal);
}

if (!opts.smoke && !opts.web && onPath('code')) {
  console.log(`Opening VS Code on ${WORKSPACE}: it connects to the simulated device. Close the window (or Ctrl+C) to end.`);
  const code = spawn('code', ['--new-window', '--wait', `--extensionDevelopmentPath=${REPO}`, WORKSPACE, FIRST_FILE], { stdio: 'inherit' });
  for (const signal of STOP_SIGNALS) process.once(signal, () => code.kill('SIGTERM'));
  code.once('exit', c => process.exit(c ?? 0));
} else {
  await webEditor();
}

async function webEditor() {
  if (spawnSync('bash', [SETUP_SCRIPT, CODE_SERVER_DIR], { stdio: 'inherit' }).status !== 0) {
    if (opts.smoke) process.exit(1);
    // A machine without code-server's system packages still gets the main job: the session in the terminal.
    console.log('\nnpm start: code-server could not be installed (see above), so no editor; the library session runs instead.');
    process.exit(await librarySession([]));
  }
  const vsix = join(START_DIR, 'xapi-workbench.vsix');
  mkdirSync(START_DIR, { recursive: true });
  run(process.execPath, [join(REPO, 'scripts', 'package-extension.mjs'), '--out', vsix], 'packaging the extension', { quiet: true });
  installExtension({ runDir: START_DIR, vsix });
  // code-server runs in a process group of its own (the terminal's Ctrl+C does not reach it): stop it on any of
  // these, also while it is still starting.
  let server;
  let interrupted = false;
  let stopping;
  const stop = code => (stopping ??= server.stop().then(() => process.exit(code)));
  for (const signal of STOP_SIGNALS) {
    process.once(signal, () => {
      console.log(`\nnpm start: ${signal}, stopping code-server`);
      if (server) void stop(0);
      else interrupted = true; // still starting: stopped as soon as it is up (or it ends itself at its deadline)
    });
  }
  // Trust off: the example folder is this repository's own.
  server = await startCodeServer({ runDir: START_DIR, workspaceTrust: false, deadline: Date.now() + 60_000 });
  if (interrupted) { await stop(0); return; }
  // The folder, with first-steps.xapi open in it (the web workbench's `openFile` payload), as the desktop path opens both.
  const remote = `vscode-remote://${new URL(server.url).host}${FIRST_FILE}`;
  const url = `${server.url}/?folder=${encodeURIComponent(WORKSPACE)}&payload=${encodeURIComponent(JSON.stringify([['openFile', remote]]))}`;
  if (!opts.smoke) {
    console.log(`\nVS Code (code-server ${CODE_SERVER_VERSION}, the extension installed from ${vsix}) is running.`);
    console.log('Open this address in a browser on this machine: the extension connects to the simulated device. Ctrl+C stops it.\n');
    console.log(`  ${url}\n`);
    return;
  }
  try {
    const status = await connectedInBrowser(url);
    console.log(`Editor smoke: code-server with the installed extension opens first-steps.xapi and the xAPI view, and shows "${status}" in its status bar`);
    await stop(0);
  } catch (e) {
    console.error(`Editor smoke failed: ${e.message} (code-server log: ${server.logFile})`);
    await stop(1);
  }
}

/** Opens the workbench headless: the connection's status bar item says connected, the file and the view are open. */
async function connectedInBrowser(url) {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  const { launchBrowser } = await import('./e2e/workbench.mjs');
  const browser = await launchBrowser(join(START_DIR, 'chromium'));
  try {
    const page = browser.pages()[0] ?? await browser.newPage();
    await page.goto(url);
    const item = page.locator('.part.statusbar .statusbar-item', { hasText: /xAPI: Simulated Device\s*$/ }).first();
    await item.waitFor({ timeout: 90_000 });
    // What a new user sees: first-steps.xapi open, the xAPI view beside it with the device's live Status tree.
    await page.locator('.tabs-container .tab.active[aria-label*="first-steps.xapi"]').waitFor({ timeout: 30_000 });
    await page.locator('.part.sidebar .composite.title', { hasText: /^\s*xAPI/i }).waitFor({ timeout: 30_000 });
    await page.locator('.part.sidebar .pane-header', { hasText: /Status/ }).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(START_DIR, 'smoke.png') });
    return (await item.innerText()).trim();
  } finally {
    await browser.close();
  }
}

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}
