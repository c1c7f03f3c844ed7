// Types of workbench.mjs for the TypeScript benches and tests that import it (bench/extension.ts, test/e2e/ui/).
import type { BrowserContext } from 'playwright-core';

export function launchBrowser(profileDir: string, options?: { env?: NodeJS.ProcessEnv; timeout?: number }): Promise<BrowserContext>;
export function runInWorkbench(options: {
  base: string; folder: string; extensionPath: string; testsPath: string; profileDir: string;
  deadline: number; screenshot: string; env?: NodeJS.ProcessEnv;
}): Promise<number | 'timeout' | 'crash' | 'error'>;
