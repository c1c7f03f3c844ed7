/**
 * The contract between the activation shell (this folder, dist/extension.js) and the core (client/core.ts, its own
 * bundle dist/extension-core.js). The extension activates on every JavaScript and TypeScript file, so activation
 * only registers: command ids, views, the `xapi-macro:` file system and debug type, each backed by the core once
 * something first uses it (a command, a view shown, a document that uses xAPI, `xapi.autoConnect`). Everything
 * the two share by value is here or in the few stateless modules the shell may import (eslint.config.mjs).
 */
import type * as vscode from 'vscode';

/** The core's bundle, next to the shell's in dist/ (scripts/build.mjs). */
export const CORE_BUNDLE = 'extension-core.js';

/** The tree views of package.json `contributes.views`. */
export const TREE_VIEWS = { status: 'xapi.status', configuration: 'xapi.configuration', macros: 'xapi.macros', fleet: 'xapi.fleet', panels: 'xapi.panels' } as const;
/** The views where several items can be selected at once (a fleet run takes a selection). */
export const MULTI_SELECT_VIEWS: readonly TreeViewName[] = ['fleet'];
export type TreeViewName = keyof typeof TREE_VIEWS;

/** The events panel's webview view. */
export const EVENTS_VIEW = 'xapi.events';

/** The debug type of a local macro run (client/localMacroRun). */
export const MACRO_DEBUG_TYPE = 'xapi-macro';

/** What the shell made at activation and hands the core when it starts. */
export interface ShellParts {
  readonly views: Readonly<Record<TreeViewName, vscode.TreeView<unknown>>>;
}

export interface Core extends vscode.Disposable {
  /** The data behind each tree view the shell made. */
  readonly trees: Readonly<Record<TreeViewName, vscode.TreeDataProvider<unknown>>>;
  readonly events: vscode.WebviewViewProvider;
  readonly macroFiles: vscode.FileSystemProvider;
  readonly panelFiles: vscode.FileSystemProvider;
  readonly macroDebug: vscode.DebugConfigurationProvider;
  /** Runs the command registered under `id` (client/commandIds.ts). */
  runCommand(id: string, args: unknown[]): Promise<unknown>;
  /** A document that uses xAPI is open: the language server starts. */
  xapiDocumentOpened(): void;
  autoConnect(): Promise<void>;
  /** What tests in the extension host reach through `getExtension(…).exports`. */
  readonly api: { readonly ctx: unknown; readonly events: unknown; setPrompts(p: unknown): void };
  /** Disconnects and stops the language server (VS Code awaits it on shutdown). */
  deactivate(): Promise<void>;
}

export interface CoreModule {
  startCore(context: vscode.ExtensionContext, shell: ShellParts): Core;
}
