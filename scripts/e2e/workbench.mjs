// Opens the code-server workbench in Debian's Chromium (playwright-core) with VS Code's test payload:
// extensionDevelopmentPath loads the repository as the extension under development in the node extension host,
// extensionTestsPath is required and its run() awaited; the workbench then calls window.codeAutomationExit(code)
// and forwards every extension host console line to window.codeAutomationLog(type, args).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { CHROMIUM } from './paths.mjs';

// Harmless lines every session prints (gallery lookups offline, Microsoft-only modules, connection chatter).
const NOISE = new RegExp([
  '^Resolving', '^Resolved', '^Creating a socket', '^Updating additional', '^\\[Service Worker\\]', 'ChatSessionStore',
  'ENOTFOUND open-vsx\\.org', 'vsda', 'same-origin iframe', '^Creation of workbench contribution', 'Failed to load resource', '^\\[LocalProcess',
].join('|'));

/** Headless Chromium on a machine with no network but loopback: without the background-networking flags it keeps
 * trying Google's hosts. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Debian's Chromium, headless, with its own profile folder: how every workbench test and the editor smoke open VS Code.
 * @param {string} profileDir
 * @param {{ env?: NodeJS.ProcessEnv, timeout?: number }} [options]
 */
export function launchBrowser(profileDir, { env, timeout } = {}) {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 800 }, args: CHROMIUM_ARGS,
    ...(env ? { env } : {}), ...(timeout ? { timeout } : {}),
  });
}

/** @returns {Promise<number | 'timeout'>} the exit code run() produced, or 'timeout' at the deadline */
export async function runInWorkbench({ base, folder, extensionPath, testsPath, profileDir, deadline, screenshot, env }) {
  const remote = p => `vscode-remote://${new URL(base).host}${p}`;
  mkdirSync(profileDir, { recursive: true });
  const ctx = await launchBrowser(profileDir, { env, timeout: Math.max(1000, deadline - Date.now()) });
  let code;
  try {
    const page = ctx.pages()[0] ?? await ctx.newPage();
    let done;
    const exited = new Promise(resolve => (done = resolve));
    // Both bindings must exist before the workbench script runs: expose them before navigating.
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      if (!NOISE.test(line)) (type === 'error' ? console.error : console.log)(line);
    });
    await page.exposeFunction('codeAutomationExit', c => done(c));
    page.on('crash', () => done('crash'));
    const payload = JSON.stringify([['extensionDevelopmentPath', remote(extensionPath)],
      ['extensionTestsPath', remote(testsPath)], ['skipWelcome', 'true']]);
    const timer = setTimeout(() => done('timeout'), Math.max(0, deadline - Date.now()));
    try {
      await page.goto(`${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`,
        { timeout: Math.max(1000, deadline - Date.now()) });
      code = await exited;
    } catch (e) {
      console.error(`workbench: ${e.message}`);
      code = 'error';
    } finally {
      clearTimeout(timer);
    }
    if (code !== 0) {
      mkdirSync(join(screenshot, '..'), { recursive: true });
      await page.screenshot({ path: screenshot, timeout: 5000 }).then(() => console.error(`screenshot: ${screenshot}`), () => {});
    }
  } finally {
    await ctx.close().catch(() => {});
  }
  return code;
}
