/**
 * The events panel (`xapi.events`, a webview view in the panel area). The ring buffer lives here in the host
 * (EventTail); the webview mirrors it in batches of at most a few posts a second, and gets the whole buffer
 * again (a replay) when it loads, which it does each time it is shown: a hidden webview view is discarded
 * rather than kept with `retainContextWhenHidden`, whose memory a day of tailing would not repay.
 *
 * Subscription lifecycle: the tail subscribes once the panel has been opened (resolved) and the session is
 * connected, and stays subscribed while the panel is hidden, so nothing is missed between looks; a user who
 * never opens the panel costs the device no subscription. Disconnect unsubscribes; the library subscribes
 * again after a reconnect; changing `xapi.events.paths` subscribes anew.
 */
import * as vscode from 'vscode';
import { systemClock } from '../../../xapi/clock';
import { config } from '../../config';
import type { SchemaIndex } from '../../../schema/schemaIndex';
import type { Session } from '../../session';
import { prompts } from '../../prompts';
import { EventTail } from './eventTail';
import { rowFilter } from './filter';
import { FlushScheduler } from '../../shared/flushScheduler';
import { eventsHtml } from './html';
import { CLOUD_NO_EVENTS, parseWebviewMessage, type EventRow, type HostToWebview, type TailStatus, type WebviewReport } from './messages';
import { macroSnippet } from './snippet';
import { EVENTS_VIEW } from '../../activation/coreApi';

export const PAUSED_CONTEXT = 'xapi.events.paused';

/** What the host posted, for tests and the bench (the webview's own view is `lastReport`). */
export interface PostCounts { appends: number; replays: number; states: number; rowsPosted: number }

/** What the events view needs from the extension: the session it tails, the schema in force, its log, its files. */
export interface EventsHost {
  readonly session: Session;
  schemaIndex(): SchemaIndex;
  readonly log: vscode.LogOutputChannel;
  readonly extensionUri: vscode.Uri;
}

export class EventsView implements vscode.WebviewViewProvider, vscode.Disposable {
  readonly tail: EventTail;
  private view: vscode.WebviewView | undefined;
  private resolved = false;
  /** The newest seq the webview has been sent. */
  private sentSeq = 0;
  private paused = false;
  private filter = '';
  private readonly scheduler: FlushScheduler;
  readonly posts: PostCounts = { appends: 0, replays: 0, states: 0, rowsPosted: 0 };
  /** The webview's latest account of itself (undefined until it first renders). */
  lastReport: WebviewReport | undefined;
  private readonly onDidReportEmitter = new vscode.EventEmitter<WebviewReport>();
  readonly onDidReport = this.onDidReportEmitter.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly host: EventsHost) {
    this.tail = new EventTail({
      capacity: config.eventsBufferSize(),
      paths: config.eventsPaths(),
      schema: names => {
        const entry = host.schemaIndex().entry('Event', names);
        return entry?.node ? 'event' : entry ? 'branch' : undefined;
      },
      onError: m => host.log.warn(`Events panel: ${m}`),
    });
    this.scheduler = new FlushScheduler(() => this.flush(), systemClock);
    const offAppend = this.tail.onDidAppend(() => { if (this.canPost()) this.scheduler.signal(); });
    this.disposables.push(
      { dispose: offAppend },
      this.onDidReportEmitter,
      host.session.onDidChangeState(() => this.followSession()),
      config.onDidChange(e => {
        if (e.affectsConfiguration('xapi.events.bufferSize')) { this.tail.setCapacity(config.eventsBufferSize()); this.replay(); }
        if (e.affectsConfiguration('xapi.events.paths')) { this.tail.setPaths(config.eventsPaths()); this.postState(); }
      }),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.resolved = true;
    const root = this.host.extensionUri;
    view.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(root, 'dist'), vscode.Uri.joinPath(root, 'media')] };
    view.webview.html = eventsHtml(view.webview,
      view.webview.asWebviewUri(vscode.Uri.joinPath(root, 'dist', 'events-webview.js')),
      view.webview.asWebviewUri(vscode.Uri.joinPath(root, 'media', 'events.css')));
    const subs = [
      view.webview.onDidReceiveMessage(m => this.receive(m)),
      // Shown again: the content was discarded while hidden and posts to it were lost; the page's `ready` asks for a replay.
      view.onDidChangeVisibility(() => { if (!view.visible) this.scheduler.cancel(); }),
    ];
    view.onDidDispose(() => {
      for (const s of subs) s.dispose();
      if (this.view === view) this.view = undefined;
      this.scheduler.cancel();
    });
    this.followSession();
  }

  /** Brings the panel up (resolving it the first time). */
  async show(): Promise<void> {
    await vscode.commands.executeCommand(`${EVENTS_VIEW}.focus`);
  }

  get isPaused(): boolean { return this.paused; }
  /** A batch is waiting for its timer (tests: nothing may wait while paused or hidden). */
  get flushPending(): boolean { return this.scheduler.armed; }
  get filterText(): string { return this.filter; }

  setFilter(text: string): void {
    this.filter = text;
    this.postState();
  }

  pause(): void { this.setPaused(true); }
  resume(): void { this.setPaused(false); }

  clear(): void {
    this.tail.clear();
    this.replay();
  }

  /** Asks where, then writes the rows that pass the filter as JSON lines. Returns how many were written. */
  async export(): Promise<number | undefined> {
    const uri = await prompts.showSaveDialog({
      title: 'Export Events', saveLabel: 'Export', filters: { 'JSON Lines': ['jsonl'] },
      defaultUri: vscode.workspace.workspaceFolders?.[0] ? vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, 'events.jsonl') : undefined,
    });
    if (!uri) return undefined;
    const keep = rowFilter(this.filter);
    const rows = this.tail.ring.toArray().filter(keep);
    const text = rows.map(r => JSON.stringify({ time: new Date(r.time).toISOString(), path: r.path, payload: r.payload })).join('\n');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(rows.length ? `${text}\n` : '', 'utf8'));
    void prompts.showInformationMessage(`xAPI: exported ${rows.length} event${rows.length === 1 ? '' : 's'} to ${uri.fsPath}.`);
    return rows.length;
  }

  /** The macro snippet of a row (the newest that passes the filter if none is named), also put on the clipboard. */
  async copySnippet(seq?: number): Promise<string | undefined> {
    const keep = rowFilter(this.filter);
    const row: EventRow | undefined = seq === undefined ? this.tail.ring.findLast(keep) : this.tail.find(seq);
    if (!row) {
      void prompts.showInformationMessage(seq === undefined ? 'xAPI: no event to copy yet.' : 'xAPI: that event is no longer in the buffer.');
      return undefined;
    }
    const text = macroSnippet(row);
    await vscode.env.clipboard.writeText(text);
    return text;
  }

  private setPaused(paused: boolean): void {
    if (this.paused === paused) return;
    this.paused = paused;
    void vscode.commands.executeCommand('setContext', PAUSED_CONTEXT, paused);
    this.postState();
    // What came while paused is in the ring: it goes out as one batch (or a replay if part of it was dropped).
    if (!paused) this.flush();
  }

  private followSession(): void {
    const s = this.host.session.state;
    const xapi = this.host.session.xapi;
    // A cloud device has no event feed: nothing to subscribe to, and the panel says so (status()).
    if (s.kind === 'disconnected' || s.kind === 'failed' || !xapi || xapi.via === 'webex') this.tail.detach();
    else if (this.resolved) this.tail.attach(xapi);
    this.postState();
  }

  private status(): TailStatus {
    const s = this.host.session.state;
    const connected = s.kind === 'connected' || s.kind === 'reconnecting';
    const cloud = this.host.session.xapi?.via === 'webex';
    return { connected, subscribed: this.tail.label, device: connected ? s.label : undefined, ...(cloud ? { notice: CLOUD_NO_EVENTS } : {}) };
  }

  private canPost(): boolean {
    return this.view !== undefined && this.view.visible && !this.paused;
  }

  private flush(): void {
    if (!this.canPost()) return;
    const rows = this.tail.rowsAfter(this.sentSeq);
    if (rows === undefined) { this.replay(); return; }
    if (rows.length === 0) return;
    this.sentSeq = this.tail.newestSeq;
    this.posts.appends++;
    this.posts.rowsPosted += rows.length;
    this.post({ type: 'append', rows, dropped: this.tail.ring.dropped });
  }

  private replay(): void {
    if (!this.view) return;
    this.scheduler.cancel();
    const rows = this.tail.ring.toArray();
    this.sentSeq = this.tail.newestSeq;
    this.posts.replays++;
    this.posts.rowsPosted += rows.length;
    this.post({
      type: 'replay', rows, dropped: this.tail.ring.dropped, capacity: this.tail.ring.capacity,
      paused: this.paused, filter: this.filter, status: this.status(),
    });
  }

  private postState(): void {
    if (!this.view) return;
    this.posts.states++;
    this.post({ type: 'state', paused: this.paused, filter: this.filter, status: this.status() });
  }

  private post(m: HostToWebview): void {
    void this.view?.webview.postMessage(m);
  }

  private receive(raw: unknown): void {
    const m = parseWebviewMessage(raw);
    if (!m) { this.host.log.warn(`Events panel: ignored a malformed message from the webview: ${JSON.stringify(raw)?.slice(0, 200)}`); return; }
    switch (m.type) {
      case 'ready': this.replay(); return;
      case 'report': this.lastReport = m.report; this.onDidReportEmitter.fire(m.report); return;
      case 'setFilter': this.filter = m.text; return;
      case 'pause': this.pause(); return;
      case 'resume': this.resume(); return;
      case 'clear': this.clear(); return;
      case 'export': void this.export(); return;
      case 'copySnippet': void this.copySnippet(m.seq); return;
    }
  }

  dispose(): void {
    this.scheduler.cancel();
    this.tail.detach();
    for (const d of this.disposables) d.dispose();
  }
}
