/**
 * Panel previews: a webview beside a `.panel.xml` file that draws the panel as a touch controller does, redrawn as
 * the file is typed (debounced), with the widgets' values from the connected device (its `UserInterface Extensions
 * Widget` status, followed live where the device sends feedback). A press in the preview becomes a touch:
 *   - on the simulated device, exactly the events a real touch makes (its child process's `touchWidget`);
 *   - on a real device, its own command for this (`UserInterface Extensions Widget Action`, per event the touch
 *     makes), after the user says yes once per session — it is a real room;
 *   - with no device, nothing is sent, and the preview says so.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkPanel, type PanelContext } from '../../../schema/panels/check';
import { readPanelDocument } from '../../../schema/panels/model';
import { touchActions, type WidgetTouch } from '../../../schema/panels/touch';
import type { Xapi } from '../../../xapi';
import { prompts } from '../../prompts';
import type { Session } from '../../session';
import type { SimulatedDevice } from '../../simulatedDevice/extensionHost';
import { previewHtml } from './html';
import { parsePreviewMessage, type HostToPreview, type PreviewToHost } from './messages';

export const PREVIEW_VIEW_TYPE = 'xapi.panelPreview';
/** Quiet after typing before the preview redraws (ms). */
const REDRAW_AFTER_MS = 120;
/** Widget value changes are read again at most this often (ms): a macro moving a slider sends many. */
const VALUES_EVERY_MS = 50;
const WIDGET_STATUS = 'UserInterface Extensions Widget';
const SEND = 'Send Presses';

export interface PanelPreviewHost {
  readonly session: Session;
  /** The simulated device, when the session is connected to it. */
  simulatedSession(): SimulatedDevice | undefined;
  /** The schema in force, for counting a panel's errors. */
  panelContext(): PanelContext;
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
}

export class PanelPreviews implements vscode.Disposable {
  private readonly previews = new Map<string, PanelPreview>();
  /** The session (by its xapi) whose real device the user allowed presses to, or is being asked about. */
  private allowed: { readonly xapi: Xapi; readonly answer: Promise<boolean> } | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly host: PanelPreviewHost) {
    this.disposables.push(
      host.session.onDidChangeState(() => { for (const p of this.previews.values()) p.deviceChanged(); }),
      // A change of text (not of dirty state, or a save): the preview reads the document as it is now.
      vscode.workspace.onDidChangeTextDocument(e => { if (e.contentChanges.length) this.previews.get(e.document.uri.toString())?.documentChanged(e.document); }),
    );
  }

  /** The preview of `doc`, made or revealed. */
  show(doc: vscode.TextDocument): PanelPreview {
    const key = doc.uri.toString();
    const open = this.previews.get(key);
    if (open) { open.reveal(); return open; }
    const preview = new PanelPreview(doc, this.host, this, () => this.previews.delete(key));
    this.previews.set(key, preview);
    return preview;
  }

  get(uri: vscode.Uri): PanelPreview | undefined {
    return this.previews.get(uri.toString());
  }

  /** Whether presses may go to this real device: asked once per session. */
  mayPress(xapi: Xapi, label: string): Promise<boolean> {
    // One question per connection, however many presses wait for it; a no is asked again at the next press.
    if (this.allowed?.xapi === xapi) return this.allowed.answer;
    const answer = Promise.resolve(prompts.confirm(`Send the preview's presses to ${label}?`,
      'Each press runs UserInterface Extensions Widget Action on the device, so its macros react as to a touch in the room. Asked once per connection.', SEND))
      .then(a => a === SEND, () => false);
    const asked = { xapi, answer };
    this.allowed = asked;
    void answer.then(yes => { if (!yes && this.allowed === asked) this.allowed = undefined; });
    return answer;
  }

  dispose(): void {
    for (const p of [...this.previews.values()]) p.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

export class PanelPreview implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private redraw: ReturnType<typeof setTimeout> | undefined;
  private valuesTimer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribe: (() => void) | undefined;
  /** The widgets' values last shown (tests read them). */
  values: Record<string, string> = {};
  private disposed = false;
  /** The device whose values the preview follows. */
  private following: Xapi | undefined;
  /** Messages from the page, one at a time: a press's release must not overtake its press (or its question). */
  private queue: Promise<void> = Promise.resolve();
  /** What was sent to a device (tests read it): each touch and where it went. */
  readonly sent: { widgetId: string; touch: WidgetTouch; to: 'simulated' | 'device' | 'nowhere' }[] = [];

  constructor(private doc: vscode.TextDocument, private readonly host: PanelPreviewHost, private readonly owner: PanelPreviews, private readonly onDispose: () => void) {
    this.panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, `Preview ${path.basename(doc.fileName)}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(host.extensionUri, 'dist'), vscode.Uri.joinPath(host.extensionUri, 'media')],
    });
    const webview = this.panel.webview;
    webview.html = previewHtml(webview, webview.asWebviewUri(vscode.Uri.joinPath(host.extensionUri, 'dist', 'panel-preview.js')), webview.asWebviewUri(vscode.Uri.joinPath(host.extensionUri, 'media', 'panel-preview.css')));
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => {
        const message = parsePreviewMessage(m);
        this.queue = this.queue.then(() => this.received(message)).catch(e => this.host.log.warn(`Preview: ${(e as Error).message}`));
      }),
      this.panel.onDidDispose(() => this.dispose()),
    );
    this.deviceChanged();
  }

  reveal(): void {
    this.panel.reveal(vscode.ViewColumn.Beside, true);
  }

  /** The document's text changed (`doc`: VS Code's current object for it, a new one after a close and reopen). */
  documentChanged(doc: vscode.TextDocument): void {
    this.doc = doc;
    if (this.redraw) clearTimeout(this.redraw);
    this.redraw = setTimeout(() => { this.redraw = undefined; this.postModel(); }, REDRAW_AFTER_MS);
  }

  /** The session changed: follow the new device's widget values (or none), and say where presses go. */
  deviceChanged(): void {
    const xapi = this.host.session.xapi;
    const state = this.host.session.state;
    const label = state.kind === 'connected' ? state.label : undefined;
    if (!xapi || !label) {
      this.post({ type: 'target', text: 'Not connected: presses go nowhere (xAPI: Start Simulated Device)', live: false });
      this.follow(undefined);
      return;
    }
    this.post({ type: 'target', text: this.host.simulatedSession() ? `Presses go to ${label}` : `Presses go to ${label} (asked once)`, live: true });
    this.follow(xapi);
  }

  /** Follows `xapi`'s widget values (or none): the old device's values go, and its pending read with them. */
  private follow(xapi: Xapi | undefined): void {
    if (xapi === this.following) return;
    this.following = xapi;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.valuesTimer) clearTimeout(this.valuesTimer);
    this.valuesTimer = undefined;
    this.values = {};
    this.post({ type: 'values', values: {} });
    if (!xapi) return;
    try {
      const sub = xapi.status.on(WIDGET_STATUS, () => this.readValuesSoon(xapi));
      this.unsubscribe = () => sub();
      sub.registered.catch(() => undefined);
    } catch {
      // A device without feedback (the Webex cloud): read after each press instead.
    }
    this.readValuesSoon(xapi);
  }

  private readValuesSoon(xapi: Xapi): void {
    this.valuesTimer ??= setTimeout(() => {
      this.valuesTimer = undefined;
      void this.readValues(xapi);
    }, VALUES_EVERY_MS);
  }

  private async readValues(xapi: Xapi): Promise<void> {
    const list = await xapi.status.get(WIDGET_STATUS).catch(() => []) as { WidgetId?: string; Value?: string }[] | undefined;
    if (this.disposed || this.following !== xapi) return;
    this.values = Object.fromEntries((Array.isArray(list) ? list : []).filter(w => w.WidgetId).map(w => [w.WidgetId!, String(w.Value ?? '')]));
    this.post({ type: 'values', values: this.values });
  }

  private postModel(): void {
    const text = this.doc.getText();
    const errors = checkPanel(text, this.host.panelContext()).filter(d => d.severity === 'error').length;
    this.post({ type: 'model', doc: readPanelDocument(text), errors, file: path.basename(this.doc.fileName) });
  }

  private async received(m: PreviewToHost | undefined): Promise<void> {
    if (!m) return;
    if (m.type === 'ready') {
      this.postModel();
      this.deviceChanged();
      this.post({ type: 'values', values: this.values });
      if (this.following) this.readValuesSoon(this.following);
      return;
    }
    const simulated = this.host.simulatedSession();
    if (m.type === 'page') {
      if (simulated) await simulated.control({ op: 'openPanel', panelId: m.panelId, pageId: m.pageId }).catch(e => this.host.log.warn(`Preview: ${(e as Error).message}`));
      return;
    }
    const xapi = this.host.session.xapi;
    const state = this.host.session.state;
    if (m.type === 'panelClicked') {
      try {
        if (simulated) await simulated.control({ op: 'clickPanel', panelId: m.panelId });
        else if (xapi && state.kind === 'connected' && await this.owner.mayPress(xapi, state.label)) await xapi.command('UserInterface Extensions Panel Clicked', { PanelId: m.panelId });
      } catch (e) {
        this.host.log.warn(`Preview: Panel Clicked for ${m.panelId} was not sent: ${(e as Error).message}`);
      }
      return;
    }
    try {
      if (simulated) {
        await simulated.control({ op: 'touchWidget', widgetId: m.widgetId, widgetType: m.widgetType, touch: m.touch });
        this.sent.push({ widgetId: m.widgetId, touch: m.touch, to: 'simulated' });
      } else if (xapi && state.kind === 'connected' && await this.owner.mayPress(xapi, state.label)) {
        for (const a of touchActions(m.widgetType, m.touch)) await xapi.command('UserInterface Extensions Widget Action', { WidgetId: m.widgetId, Type: a.Type, Value: a.Value });
        this.sent.push({ widgetId: m.widgetId, touch: m.touch, to: 'device' });
        if (xapi.via === 'webex') this.readValuesSoon(xapi);
      } else this.sent.push({ widgetId: m.widgetId, touch: m.touch, to: 'nowhere' });
    } catch (e) {
      this.host.log.warn(`Preview: the press on ${m.widgetId} was not sent: ${(e as Error).message}`);
    }
  }

  private post(m: HostToPreview): void {
    if (!this.disposed) void this.panel.webview.postMessage(m);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.redraw) clearTimeout(this.redraw);
    if (this.valuesTimer) clearTimeout(this.valuesTimer);
    this.unsubscribe?.();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
    this.onDispose();
  }
}
