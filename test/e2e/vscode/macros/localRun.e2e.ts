/**
 * A macro run and debugged locally from VS Code against the simulated device: "Run Macro Locally" starts the
 * workspace file in Node through VS Code's own JavaScript debugger, `import xapi from 'xapi'` is this project's
 * client bridged to the device, and a Widget Action the device emits makes the macro set the volume. "Debug Macro
 * Locally" stops at a breakpoint in the macro (seen through the debug API: the adapter's `stopped` event and the
 * top stack frame), and so does a press in the preview of a panel with that widget. Ending a run closes its bridge
 * and the device's sessions of the macro.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Xapi } from '../../../../xapi';
import { scriptedUser, type ExtensionApi } from '../support/scriptedUser';
import { waitFor } from '../../../support/waitFor';
import { connectToSimulatedDevice, workspaceFile } from '../support/extension';

const MACRO = `import xapi from 'xapi';

xapi.Event.UserInterface.Extensions.Widget.Action.on(event => {
  if (event.WidgetId !== 'louder') return;
  const level = 37;
  xapi.Command.Audio.Volume.Set({ Level: level });
});
console.log('macro ready');
`;
/** The line (0-based) of `const level = 37;` in MACRO: where the debug test puts its breakpoint. */
const BREAKPOINT_LINE = 4;
/** A panel with the macro's widget, for the preview to press. */
const PANEL = `<Extensions><Version>1.11</Version><Panel><PanelId>sound</PanelId><Name>Sound</Name><Location>HomeScreen</Location>
<Page><Name>Main</Name><PageId>main</PageId><Row><Name>Louder</Name><Widget><WidgetId>louder</WidgetId><Name>Louder</Name><Type>Button</Type></Widget></Row></Page></Panel></Extensions>
`;
/** Probes that press the widget until the macro answers poll slower than waitFor's default: each poll is a device event. */
const PRESS_EVERY_MS = 50;

describe('macros run and debugged locally', function () {
  this.timeout(90_000);
  let api: ExtensionApi;
  let restore: () => void;
  let other: Xapi;
  const dir = workspaceFile('.tmp-local').fsPath;
  const file = path.join(dir, 'louder.js');
  const stopped: Array<{ session: vscode.DebugSession; reason: string }> = [];
  let tracker: vscode.Disposable;
  let sessionListeners: vscode.Disposable[] = [];

  const press = () => api.ctx.simulatedDevice.control({ op: 'emitEvent', path: 'UserInterface Extensions Widget Action', payload: { WidgetId: 'louder', Type: 'clicked', Value: '' } });
  const volume = async () => Number(await other.status.get('Audio Volume'));
  /** Debug sessions started and not yet terminated (js-debug makes a parent session and one per Node process). */
  const live = new Set<string>();
  const stopAll = async () => {
    await vscode.debug.stopDebugging();
    // Not vscode.debug.activeDebugSession: in this extension host it can still name a session after it ended.
    await waitFor('the runs to end', () => (api.ctx.localRuns.active === 0 && live.size === 0) || undefined, { timeoutMs: 20_000 });
  };

  /** The frame a stopped session shows on top, through the adapter's own requests. */
  const topFrame = async (session: vscode.DebugSession) => {
    const threads = await session.customRequest('threads') as { threads: Array<{ id: number }> };
    const trace = await session.customRequest('stackTrace', { threadId: threads.threads[0].id, startFrame: 0, levels: 1 }) as
      { stackFrames: Array<{ line: number; source?: { path?: string } }> };
    return trace.stackFrames[0];
  };

  before(async () => {
    ({ api, restore } = await scriptedUser());
    await vscode.commands.executeCommand('xapi.startSimulatedDevice');
    other = await connectToSimulatedDevice(api);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, MACRO);
    sessionListeners = [
      vscode.debug.onDidStartDebugSession(s => live.add(s.id)),
      vscode.debug.onDidTerminateDebugSession(s => live.delete(s.id)),
    ];
    // What the debug adapter tells VS Code: the only way to see "stopped at a breakpoint" from an extension.
    tracker = vscode.debug.registerDebugAdapterTrackerFactory('*', {
      createDebugAdapterTracker: session => ({
        onDidSendMessage: (m: { type?: string; event?: string; body?: { reason?: string } }) => {
          if (m.type === 'event' && m.event === 'stopped') stopped.push({ session, reason: m.body?.reason ?? '' });
        },
      }),
    });
  });
  afterEach(stopAll);
  after(async () => {
    tracker?.dispose();
    for (const d of sessionListeners) d.dispose();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    await other?.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('xapi.disconnect');
    restore();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('Run Macro Locally: the widget event makes the local macro set the device\'s volume; stopping ends its sessions', async () => {
    await other.command('Audio Volume Set', { Level: 20 });
    assert.equal(await vscode.commands.executeCommand('xapi.macros.runLocally', vscode.Uri.file(file)), true, 'the run started');
    assert.equal(api.ctx.localRuns.active, 1);
    // The macro subscribes as it starts; a press before that would go unheard, so press until it answers.
    await waitFor('the macro to set the volume', async () => {
      await press();
      return (await volume()) === 37 || undefined;
    }, { timeoutMs: 30_000, pollMs: PRESS_EVERY_MS });
    await stopAll();
    await other.command('Audio Volume Set', { Level: 20 });
    await press();
    // Nothing is left listening: the device keeps the volume the test set (checked after a round trip).
    await other.status.get('Audio Volume');
    assert.equal(await volume(), 20, 'a stopped run no longer acts on the device');
  });

  it('Debug Macro Locally stops at a breakpoint in the macro, on the line of the breakpoint', async () => {
    const uri = vscode.Uri.file(file);
    vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(uri, new vscode.Position(BREAKPOINT_LINE, 0)))]);
    stopped.length = 0;
    assert.equal(await vscode.commands.executeCommand('xapi.macros.debugLocally', uri), true, 'the debug session started');
    const hit = await waitFor('a stop at the breakpoint', async () => {
      if (!stopped.some(s => s.reason === 'breakpoint')) await press();
      return stopped.find(s => s.reason === 'breakpoint');
    }, { timeoutMs: 45_000, pollMs: PRESS_EVERY_MS });
    const top = await topFrame(hit.session);
    assert.equal(path.basename(top.source?.path ?? ''), 'louder.js');
    assert.equal(top.line, BREAKPOINT_LINE + 1, 'DAP lines are 1-based');
  });

  it('a press in a panel\'s preview stops the locally debugged macro at its breakpoint', async () => {
    const uri = vscode.Uri.file(file);
    const panelFile = path.join(dir, 'sound.panel.xml');
    fs.writeFileSync(panelFile, PANEL);
    await vscode.window.showTextDocument(vscode.Uri.file(panelFile));
    const preview = await vscode.commands.executeCommand<any>('xapi.panel.preview');
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(uri, new vscode.Position(BREAKPOINT_LINE, 0)))]);
    stopped.length = 0;
    assert.equal(await vscode.commands.executeCommand('xapi.macros.debugLocally', uri), true, 'the debug session started');
    // What the webview posts when the button is pressed and let go (the Playwright test presses the real one).
    const tap = () => preview.received({ type: 'touch', widgetId: 'louder', widgetType: 'Button', touch: { kind: 'release' } });
    const hit = await waitFor('a stop at the breakpoint after a press in the preview', async () => {
      if (!stopped.some(s => s.reason === 'breakpoint')) await tap();
      return stopped.find(s => s.reason === 'breakpoint');
    }, { timeoutMs: 45_000, pollMs: PRESS_EVERY_MS });
    assert.ok(preview.sent.length > 0 && preview.sent.every((s: { to: string }) => s.to === 'simulated'), 'the presses went to the simulated device');
    const top = await topFrame(hit.session);
    assert.equal(path.basename(top.source?.path ?? ''), 'louder.js');
    assert.equal(top.line, BREAKPOINT_LINE + 1);
  });
});
