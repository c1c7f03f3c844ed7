// Types of workbench.mjs for the TypeScript benches that import it (bench/extension.ts).
export function runInWorkbench(options: {
  base: string; folder: string; extensionPath: string; testsPath: string; profileDir: string;
  deadline: number; screenshot: string; env?: NodeJS.ProcessEnv;
}): Promise<number | 'timeout' | 'crash' | 'error'>;
