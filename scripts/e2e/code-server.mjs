// Starts code-server isolated (own HOME/XDG, profile and extensions folders, --auth none, loopback, port 0) in its
// own process group, and stops it by killing that group: code-server forks a server, per-window fileWatcher and
// extensionHost children, and killing only the wrapper leaves them orphaned.
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_SERVER_ENTRY } from './paths.mjs';

/** User settings every test workbench starts with (also desktop VS Code's, scripts/e2e/electron.mjs). */
export const SETTINGS = {
  'workbench.startupEditor': 'none', // else a "Get Started" walkthrough covers the editor
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'git.enabled': false, // else it scans the repository around the workspace and asks to open it
};

/** The folders of one isolated code-server under `runDir`, and the environment that keeps it there. */
function layout(runDir) {
  const home = join(runDir, 'home');
  return {
    home, userData: join(runDir, 'user-data'), extensions: join(runDir, 'extensions'),
    env: {
      ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'),
      XDG_CACHE_HOME: join(home, '.cache'), PASSWORD: '', HASHED_PASSWORD: '',
    },
  };
}

/** Installs a .vsix into the code-server of `runDir` (what a user does with a downloaded extension). */
export function installExtension({ runDir, vsix }) {
  const { userData, extensions, env } = layout(runDir);
  execFileSync(process.execPath, [CODE_SERVER_ENTRY, '--user-data-dir', userData, '--extensions-dir', extensions,
    '--install-extension', vsix, '--force'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** @returns {Promise<{ url: string, logFile: string, stop(): Promise<void>, pid: number }>} pid: also its process group's id */
export async function startCodeServer({ runDir, workspaceTrust = false, settings = {}, deadline }) {
  const { home, userData, extensions, env } = layout(runDir);
  for (const d of [home, join(userData, 'User'), extensions]) mkdirSync(d, { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'),
    JSON.stringify({ ...SETTINGS, 'security.workspace.trust.enabled': workspaceTrust, ...settings }, null, 2));

  const args = [CODE_SERVER_ENTRY, '--bind-addr', '127.0.0.1:0', '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--user-data-dir', userData, '--extensions-dir', extensions];
  if (!workspaceTrust) args.push('--disable-workspace-trust');
  const logFile = join(runDir, 'code-server.log');
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, args, {
    detached: true, // setsid: the group id is child.pid
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  const exited = new Promise(resolve => child.once('exit', (code, signal) => resolve({ code, signal })));
  let output = '';
  const url = new Promise((resolve, reject) => {
    const onData = chunk => {
      log.write(chunk);
      output += chunk;
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) resolve(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    exited.then(({ code, signal }) => reject(new Error(`code-server exited (${signal ?? code}) before listening; see ${logFile}`)));
  });

  let stopped;
  const stop = () => (stopped ??= (async () => {
    killGroup(child.pid, 'SIGTERM');
    await Promise.race([exited, new Promise(r => setTimeout(r, 3000).unref())]);
    // The wrapper can be gone while its children still run: kill what is left of the group either way.
    killGroup(child.pid, 'SIGKILL');
    log.end();
  })());

  try {
    const base = await withDeadline(url, deadline, 'code-server to listen');
    await waitHealthy(base, deadline);
    return { url: base, logFile, stop, pid: child.pid };
  } catch (e) {
    await stop();
    throw e;
  }
}

function killGroup(pid, signal) {
  try { process.kill(-pid, signal); } catch { /* the group is already gone */ }
}

async function waitHealthy(base, deadline) {
  for (;;) {
    try {
      const r = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) return;
    } catch { /* not accepting yet */ }
    if (Date.now() > deadline) throw new Error(`code-server at ${base} never answered /healthz`);
    await new Promise(r => setTimeout(r, 100));
  }
}

export function withDeadline(promise, deadline, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
