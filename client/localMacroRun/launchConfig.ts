/**
 * How a local macro run starts Node: the hooks that make `'xapi'` the shim, and the `node` launch configuration
 * handed to VS Code's built-in JavaScript debugger. Pure (no `vscode`): the process test spawns Node with the
 * same arguments the debugger gets.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SHIM_FILES } from './bridgeEnv';

/** The Node options of a macro run: `--import` for ES modules, `--require` for CommonJS. */
export function macroNodeArgs(distDir: string): string[] {
  return ['--import', pathToFileURL(path.join(distDir, SHIM_FILES.hooks)).href, '--require', path.join(distDir, SHIM_FILES.require)];
}

/** Marks the debug sessions that are ours, so their end closes their bridge. */
export const RUN_ID_KEY = '__xapiMacroRun';

/** What an `xapi-macro` launch configuration may say (package.json `debuggers` lists the same). */
export interface MacroLaunchRequest {
  readonly name?: string;
  /** The macro file (default: the active editor's). */
  readonly program?: string;
  readonly cwd?: string;
  /** The Node binary (default `node` on PATH). */
  readonly runtimeExecutable?: string;
  readonly stopOnEntry?: boolean;
}

export function nodeLaunchConfig(request: MacroLaunchRequest & { program: string }, distDir: string, bridgeEnv: Readonly<Record<string, string>>, runId: string): Record<string, unknown> {
  return {
    type: 'node',
    request: 'launch',
    name: request.name ?? `Macro ${path.basename(request.program)}`,
    program: request.program,
    // A program given as `${file}` is substituted after this: its folder is then `${fileDirname}`.
    cwd: request.cwd ?? (request.program.includes('${') ? '${fileDirname}' : path.dirname(request.program)),
    ...(request.runtimeExecutable ? { runtimeExecutable: request.runtimeExecutable } : {}),
    ...(request.stopOnEntry ? { stopOnEntry: true } : {}),
    runtimeArgs: macroNodeArgs(distDir),
    // Only the bridge's address and this run's token: the device's credentials stay in the extension host.
    env: { ...bridgeEnv },
    console: 'internalConsole',
    outputCapture: 'std',
    // Step through the macro, not through the client library it imports.
    skipFiles: ['<node_internals>/**', `${distDir}/**`],
    [RUN_ID_KEY]: runId,
  };
}
