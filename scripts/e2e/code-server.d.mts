// Types of code-server.mjs and paths.mjs for the TypeScript tests that import them (test/e2e/ui/).
export interface CodeServer {
  readonly url: string;
  readonly logFile: string;
  /** The code-server process: also the id of its process group (its server, file watcher and extension hosts). */
  readonly pid: number;
  stop(): Promise<void>;
}
export function startCodeServer(options: {
  runDir: string; workspaceTrust?: boolean; settings?: Record<string, unknown>; deadline: number;
}): Promise<CodeServer>;
export function installExtension(options: { runDir: string; vsix: string }): void;
export const SETTINGS: Readonly<Record<string, unknown>>;
