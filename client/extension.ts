/**
 * VS Code extension entry: creates the one context object and registers the command table and providers.
 * Nothing here loads a schema: the language server starts in its own process, and the core schema is read in the
 * host only when something first runs or picks a path. It connects only when `xapi.autoConnect` asks for it.
 */
import * as vscode from 'vscode';
import { RunCodeLensProvider } from './scriptRun/runLenses';
import { registerCommands } from './commands';
import { Ctx } from './ctx';
import { setPrompts, type Prompts } from './prompts';
import type { EventsView } from './views/events/eventsView';

let ctx: Ctx | undefined;

/** What tests in the extension host reach through `getExtension(…).exports`. */
export interface XapiExtensionApi {
  readonly ctx: Ctx;
  /** Replaces the user's answers (tests); undefined restores VS Code's own dialogs. */
  setPrompts(p: Prompts | undefined): void;
  /** The events panel (tests read what the webview reports through it). */
  readonly events: EventsView;
}

export function activate(context: vscode.ExtensionContext): XapiExtensionApi {
  const c = new Ctx(context);
  ctx = c;
  const lenses = new RunCodeLensProvider(() => c.schemaIndex());
  context.subscriptions.push(
    c,
    ...registerCommands(c),
    vscode.languages.registerCodeLensProvider({ language: 'xapi' }, lenses),
    lenses,
    c.onDidChangeSchema(() => lenses.refresh()),
    ...c.registerViews(),
  );
  // The server starts with the first document that uses xAPI, not on activation (every JS/TS file activates us).
  c.languageClient.startWhenNeeded();
  void c.autoConnect();
  return { ctx: c, setPrompts, events: c.events };
}

export async function deactivate(): Promise<void> {
  const c = ctx;
  ctx = undefined;
  await c?.disconnect();
  await c?.languageClient.stop();
}
