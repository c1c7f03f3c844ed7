/**
 * Running and debugging a macro locally: the `xapi-macro` debug type resolves to a `node` configuration for
 * VS Code's own JavaScript debugger, with a loopback bridge (bridge.ts) to the connected device per run. When the
 * debug session ends, its bridge closes, and with it every connection and feedback subscription of the macro.
 */
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { createNodeTransport } from '../../xapi/transport-node';
import type { Ctx } from '../ctx';
import { startMacroBridge, type MacroBridge } from './bridge';
import { nodeLaunchConfig, RUN_ID_KEY, type MacroLaunchRequest } from './launchConfig';
import { MACRO_DEBUG_TYPE } from '../activation/coreApi';

export class LocalMacroRuns implements vscode.DebugConfigurationProvider, vscode.Disposable {
  private readonly bridges = new Map<string, MacroBridge>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly ctx: Ctx) {
    // The shell registers this as the `xapi-macro` debug type's provider (client/activation).
    this.disposables = [
      vscode.debug.onDidTerminateDebugSession(s => void this.ended(s.configuration[RUN_ID_KEY])),
    ];
  }

  /** Runs currently bridged (tests read it). */
  get active(): number { return this.bridges.size; }

  /** Starts the macro file in Node through the built-in debugger (`noDebug`: without breakpoints). */
  async start(file: string, noDebug: boolean): Promise<boolean> {
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
    const config = { type: MACRO_DEBUG_TYPE, request: 'launch', name: `${noDebug ? 'Run' : 'Debug'} Macro ${path.basename(file)}`, program: file };
    return vscode.debug.startDebugging(folder, config, { noDebug });
  }

  /**
   * Turns the `xapi-macro` configuration into a `node` one here, before variables are substituted: VS Code then
   * resolves the new type through the JavaScript debugger's own providers (activating it, filling its defaults)
   * and substitutes `${file}` and the like in what we return.
   */
  async resolveDebugConfiguration(_folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
    if (!this.ctx.requireTrust()) return undefined;
    const request = config as MacroLaunchRequest;
    const program = request.program ?? vscode.window.activeTextEditor?.document.uri.fsPath;
    if (!program) {
      void vscode.window.showErrorMessage('xAPI: an xapi-macro launch configuration needs "program" (the macro file), or an open macro.');
      return undefined;
    }
    if (!this.ctx.session.target) {
      this.ctx.requireXapi();
      return undefined;
    }
    if (this.ctx.session.target.cloud) {
      // The bridge speaks the device's WebSocket protocol; a macro also needs the events a cloud device cannot send.
      void vscode.window.showErrorMessage('xAPI: a macro runs locally against a device on its own address (wss://…), not one reached through the Webex cloud: the cloud has no events for it.');
      return undefined;
    }
    const runId = randomUUID();
    const bridge = await startMacroBridge({
      upstream: () => {
        // Whatever device the session has now: a run survives a reconnect or a switch of device.
        const t = this.ctx.session.target;
        return t && createNodeTransport({ url: t.url, username: t.username, password: t.password, ca: t.ca, allowSelfSignedTls: t.allowSelfSignedTls });
      },
      log: m => this.ctx.log.info(`Local macro ${path.basename(program)}: ${m}`),
    });
    this.bridges.set(runId, bridge);
    this.ctx.log.info(`Local macro run of ${program} (bridge ${bridge.url})`);
    return nodeLaunchConfig({ ...request, program }, path.join(this.ctx.extension.extensionPath, 'dist'), bridge.env, runId) as vscode.DebugConfiguration;
  }

  private async ended(runId: unknown): Promise<void> {
    if (typeof runId !== 'string') return;
    const bridge = this.bridges.get(runId);
    if (!bridge) return;
    this.bridges.delete(runId);
    await bridge.close();
    this.ctx.log.info('Local macro run ended; its device connections are closed');
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    for (const b of this.bridges.values()) void b.close();
    this.bridges.clear();
  }
}
