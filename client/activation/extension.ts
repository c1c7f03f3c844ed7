/**
 * The extension's entry (dist/extension.js): registration only. VS Code activates us on every JavaScript and
 * TypeScript file (activation events cannot look inside one), so what activation loads is what every JS project
 * pays for: this shell, a few kilobytes. The core (everything else: the session, views, language client, client
 * library) is loaded from its own bundle on first use, synchronously, and then does all the work:
 *   - a command runs;
 *   - a view shows (its tree asks for children, the events panel resolves);
 *   - an `xapi-macro:` file or an `xapi-macro` debug configuration is used;
 *   - a document that uses xAPI opens (or an open one starts to): the language server starts with it;
 *   - `xapi.autoConnect` names a device;
 *   - a test reads the extension's API.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import { config } from '../config';
import { isXapiDocument, MACRO_SCHEME, PANEL_SCHEME } from '../xapiDocuments';
import { CORE_BUNDLE, EVENTS_VIEW, MACRO_DEBUG_TYPE, MULTI_SELECT_VIEWS, TREE_VIEWS, type Core, type CoreModule, type ShellParts, type TreeViewName } from './coreApi';
import { DeferredTree, deferredFileSystem } from './deferred';

let core: Core | undefined;
/** The core could not start (a broken install): said once, and not tried again (a half-made core would leak). */
let failed: Error | undefined;
/** After deactivate nothing starts the core again (a late tree or command call while VS Code shuts down). */
let deactivated = false;

export function activate(context: vscode.ExtensionContext): Core['api'] {
  deactivated = false;
  let loading = false;
  const load = (): Core => {
    if (core) return core;
    if (failed) throw failed;
    if (deactivated) throw new Error('xAPI: the extension is shutting down');
    if (loading) throw new Error('xAPI: the extension core asked for itself while starting');
    loading = true;
    try {
      // A path the bundler does not follow: the core is its own bundle, loaded here and nowhere else.
      const bundle = path.join(__dirname, CORE_BUNDLE);
      const started = (require(bundle) as CoreModule).startCore(context, shell);
      core = started;
      context.subscriptions.push(started);
      return started;
    } catch (e) {
      failed = new Error(`xAPI: the extension could not start: ${(e as Error).message}`, { cause: e });
      void vscode.window.showErrorMessage(failed.message);
      throw failed;
    } finally {
      loading = false;
    }
  };

  const trees = Object.fromEntries(Object.keys(TREE_VIEWS).map(name => [name, new DeferredTree(() => load().trees[name as TreeViewName])]));
  const views = Object.fromEntries(Object.entries(TREE_VIEWS).map(([name, id]) =>
    [name, vscode.window.createTreeView(id, { treeDataProvider: trees[name], showCollapseAll: name !== 'macros', canSelectMany: MULTI_SELECT_VIEWS.includes(name as TreeViewName) })])) as ShellParts['views'];
  const shell: ShellParts = { views };
  const macroFiles = deferredFileSystem(() => load().macroFiles);
  const panelFiles = deferredFileSystem(() => load().panelFiles);
  context.subscriptions.push(
    ...Object.values(trees), ...Object.values(views), macroFiles, panelFiles,
    ...Object.values(Commands).map(id => vscode.commands.registerCommand(id, (...args: unknown[]) => load().runCommand(id, args))),
    vscode.window.registerWebviewViewProvider(EVENTS_VIEW, { resolveWebviewView: (view, c, token) => load().events.resolveWebviewView(view, c, token) }),
    vscode.workspace.registerFileSystemProvider(MACRO_SCHEME, macroFiles, { isCaseSensitive: true }),
    vscode.workspace.registerFileSystemProvider(PANEL_SCHEME, panelFiles, { isCaseSensitive: true }),
    vscode.debug.registerDebugConfigurationProvider(MACRO_DEBUG_TYPE, {
      resolveDebugConfiguration: (folder, c, token) => load().macroDebug.resolveDebugConfiguration?.(folder, c, token) ?? c,
    }),
    ...whenXapiIsUsed(() => load().xapiDocumentOpened()),
  );
  // Not thrown out of activate: a core that cannot start has said so (load), and registration stands.
  if (config.autoConnect()) { try { void load().autoConnect(); } catch { /* said by load */ } }
  return {
    get ctx() { return load().api.ctx; },
    get events() { return load().api.events; },
    setPrompts: p => load().api.setPrompts(p),
  };
}

/**
 * Calls `used` once, as soon as a document that uses xAPI is open: one already is, or one opens, or an open one
 * starts to (an `import xapi` typed into a JS file). Returns what to dispose.
 */
function whenXapiIsUsed(used: () => void): vscode.Disposable[] {
  if (vscode.workspace.textDocuments.some(isXapiDocument)) {
    used();
    return [];
  }
  const watching: vscode.Disposable[] = [];
  const check = (doc: vscode.TextDocument) => {
    if (!watching.length || !isXapiDocument(doc)) return;
    for (const d of watching.splice(0)) d.dispose();
    used();
  };
  watching.push(
    vscode.workspace.onDidOpenTextDocument(check),
    vscode.workspace.onDidChangeTextDocument(e => check(e.document)),
  );
  return [{ dispose: () => { for (const d of watching.splice(0)) d.dispose(); } }];
}

export async function deactivate(): Promise<void> {
  const c = core;
  core = undefined;
  deactivated = true;
  await c?.deactivate();
}
