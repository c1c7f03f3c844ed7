/**
 * The events panel in real VS Code against the simulated device: one subscription once the panel is open, an injected
 * widget action shown, filtered, paused, exported as JSON lines, copied as a macro snippet, replayed after the panel was
 * hidden; a storm shown in full (below the buffer size) in a few posts a second while the host keeps answering; the
 * buffer bound with its dropped count. The webview's DOM cannot be read from here: it reports its state to the view.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { scriptedUser, type ExtensionApi, type ScriptedUser } from '../support/scriptedUser';
import { waitFor } from '../../../support/waitFor';

const WIDGET = 'UserInterface Extensions Widget Action';
const PANEL = 'UserInterface Extensions Panel Clicked';

describe('events panel', function () {
  this.timeout(90_000);
  let api: ExtensionApi & { events: any };
  let user: ScriptedUser;
  let restore: () => void;
  const settings = () => vscode.workspace.getConfiguration('xapi');

  const emit = (path: string, payload: unknown) => api.ctx.simulatedDevice.control({ op: 'emitEvent', path, payload });
  const report = () => api.events.lastReport;
  /** The webview has caught up with everything the host's tail holds. */
  const caughtUp = (what: string, timeoutMs = 15_000) =>
    waitFor(what, () => report()?.newestSeq === api.events.tail.newestSeq && report(), { timeoutMs });
  /** A round trip through the webview: a state message, then its report after rendering it. */
  async function roundTrip(): Promise<any> {
    const before = report().renders;
    await vscode.commands.executeCommand('xapi.events.filter', api.events.filterText);
    return waitFor('the webview to render the state', () => report().renders > before && report());
  }

  before(async () => {
    ({ api, user, restore } = (await scriptedUser()) as any);
    await vscode.commands.executeCommand('xapi.startSimulatedDevice');
    assert.equal(api.ctx.session.state.kind, 'connected');
  });
  after(async () => {
    await settings().update('events.bufferSize', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('events.paths', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('xapi.disconnect');
    restore();
  });

  it('subscribes only once the panel is opened, with one subscription for all events', async () => {
    assert.equal(api.events.tail.subscriptionCount, 0, 'no subscription while the panel was never opened');
    await vscode.commands.executeCommand('xapi.events.show');
    await waitFor('the webview to load and report', () => report());
    await waitFor('the tail to subscribe', () => api.events.tail.subscriptionCount === 1);
    assert.deepEqual(api.events.tail.subscribedPaths, []);
  });

  it('shows an injected Widget Action event', async () => {
    // The subscription is registered once an event emitted now reaches the tail; emit until one does.
    await waitFor('the first event through the subscription', async () => {
      await emit(WIDGET, { WidgetId: 'w1', Type: 'clicked', Value: '' });
      return api.events.tail.newestSeq > 0;
    });
    const r = await caughtUp('the widget action in the webview');
    assert.ok(r.rowsHeld >= 1 && r.rowsVisible === r.rowsHeld, JSON.stringify(r));
    const row = api.events.tail.ring.newest();
    assert.equal(row.path, WIDGET);
    assert.deepEqual({ ...row.payload, id: undefined }, { WidgetId: 'w1', Type: 'clicked', Value: '', id: undefined }, 'the fields as sent (and the device\'s id marker)');
  });

  it('filters: the webview shows only the rows the words match', async () => {
    await emit(PANEL, { PanelId: 'p1' });
    await emit(WIDGET, { WidgetId: 'w2', Type: 'pressed', Value: '' });
    const all = await caughtUp('three kinds of rows');
    const widgets = api.events.tail.ring.toArray().filter((r: any) => r.path === WIDGET && r.payload.Type === 'clicked').length;
    await vscode.commands.executeCommand('xapi.events.filter', 'widget CLICKED');
    let r = await waitFor('the filter applied', () => report().filter === 'widget CLICKED' && report());
    assert.equal(r.rowsVisible, widgets);
    assert.equal(r.rowsHeld, all.rowsHeld, 'the filter hides rows, it does not drop them');
    await vscode.commands.executeCommand('xapi.events.filter', 'nothing-matches-this');
    r = await waitFor('the empty filter result', () => report().filter === 'nothing-matches-this' && report());
    assert.equal(r.rowsVisible, 0);
    await vscode.commands.executeCommand('xapi.events.filter', '');
    r = await waitFor('the filter cleared', () => report().filter === '' && report());
    assert.equal(r.rowsVisible, r.rowsHeld);
  });

  it('pauses: events keep arriving in the host but the table holds still until resumed', async () => {
    await vscode.commands.executeCommand('xapi.events.pause');
    const held = (await roundTrip()).newestSeq;
    assert.equal(report().paused, true);
    const seq = api.events.tail.newestSeq;
    const appends = api.events.posts.appends;
    await emit(WIDGET, { WidgetId: 'w3', Type: 'clicked', Value: 'while paused' });
    await waitFor('the host to receive it', () => api.events.tail.newestSeq > seq);
    // A post is scheduled synchronously on arrival: none is pending, none was made.
    assert.equal(api.events.flushPending, false, 'no post scheduled while paused');
    assert.equal(api.events.posts.appends, appends);
    const r = await roundTrip();
    assert.equal(r.newestSeq, held, 'nothing was posted while paused');
    await vscode.commands.executeCommand('xapi.events.resume');
    const after = await caughtUp('the paused event after resume');
    assert.equal(after.paused, false);
    assert.equal(api.events.tail.ring.newest().payload.Value, 'while paused');
  });

  it('exports the rows that pass the filter as JSON lines to the file the save dialog names', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'xapi-events-')), 'events.jsonl');
    await vscode.commands.executeCommand('xapi.events.filter', 'widget');
    user.answer('save', file);
    const n = await vscode.commands.executeCommand<number>('xapi.events.export');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map(l => JSON.parse(l));
    assert.equal(lines.length, n);
    assert.ok(lines.length >= 3 && lines.every(l => l.path === WIDGET), JSON.stringify(lines));
    assert.deepEqual([lines[0].payload.WidgetId, lines[0].payload.Type], ['w1', 'clicked']);
    assert.ok(!Number.isNaN(Date.parse(lines[0].time)), lines[0].time);
    assert.match(user.messages('info').at(-1)!, new RegExp(`exported ${n} events`));
    await vscode.commands.executeCommand('xapi.events.filter', '');
  });

  it('copies an event as a macro snippet', async () => {
    const first = api.events.tail.ring.toArray().find((r: any) => r.path === WIDGET);
    const text = await vscode.commands.executeCommand<string>('xapi.events.copySnippet', first.seq);
    assert.match(text, /xapi\.Event\.UserInterface\.Extensions\.Widget\.Action\.on\(event => \{/);
    assert.match(text, /event\.WidgetId === 'w1'/);
  });

  it('keeps tailing while hidden and replays the buffer when shown again', async () => {
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await waitFor('the panel to hide', () => report() && !api.events['view']?.visible);
    const seq = api.events.tail.newestSeq;
    await emit(WIDGET, { WidgetId: 'w4', Type: 'clicked', Value: 'while hidden' });
    await waitFor('the host to buffer it', () => api.events.tail.newestSeq > seq);
    await vscode.commands.executeCommand('xapi.events.show');
    const r = await caughtUp('the replay');
    assert.ok(r.replays >= 1, JSON.stringify(r));
    assert.equal(api.events.tail.ring.newest().payload.Value, 'while hidden');
    assert.equal(r.rowsHeld, api.events.tail.ring.length);
  });

  it('a storm is shown in full, in a few posts a second, while the host keeps answering', async () => {
    await vscode.commands.executeCommand('xapi.events.clear');
    await caughtUp('the cleared table');
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const appends = api.events.posts.appends;
    const batches = report().batches;
    const started = Date.now();
    let stormOver = false;
    const storm = api.ctx.simulatedDevice.control({
      op: 'storm', target: 'event', path: WIDGET, perSecond: 3000, seconds: 3, payload: { WidgetId: 'storm', Type: 'clicked', Value: '' }, counterField: 'Value',
    }).then((n: number) => { stormOver = true; return n; });
    await waitFor('the first batch of the storm', () => report().batches > batches);
    // Responsive: a request to the device, through this same host, is answered while the storm is still on.
    await api.ctx.session.xapi.status.get('Audio Volume');
    const answeredMidStorm = !stormOver;
    const sent: number = await storm;
    const r = await caughtUp('every storm event in the webview', 30_000);
    const elapsed = Date.now() - started;
    lag.disable();
    console.log(`      storm: ${sent} events, ${api.events.posts.appends - appends} posts in ${elapsed} ms; host event-loop delay p99 ${(lag.percentile(99) / 1e6).toFixed(1)} ms, max ${(lag.max / 1e6).toFixed(1)} ms`);
    assert.ok(answeredMidStorm, 'the host answered a request during the storm');
    assert.equal(sent, 9000);
    assert.equal(r.rowsHeld, sent, 'none lost below the buffer size');
    assert.equal(r.dropped, 0);
    assert.equal(api.events.tail.ring.newest().payload.Value, String(sent - 1));
    const posts = api.events.posts.appends - appends;
    assert.ok(posts <= Math.ceil(elapsed / 250) + 2, `${posts} posts in ${elapsed} ms: batched at most 4 a second`);
    assert.ok(r.rowsInDom < 200, `${r.rowsInDom} rows in the DOM: the table is virtualised`);
  });

  it('bounded memory: beyond xapi.events.bufferSize the oldest are dropped and counted', async () => {
    await settings().update('events.bufferSize', 1000, vscode.ConfigurationTarget.Global);
    await waitFor('the new capacity', () => api.events.tail.ring.capacity === 1000);
    await vscode.commands.executeCommand('xapi.events.clear');
    const sent: number = await api.ctx.simulatedDevice.control({
      op: 'storm', target: 'event', path: WIDGET, perSecond: 2500, seconds: 1, payload: { WidgetId: 'flood', Type: 'clicked', Value: '' }, counterField: 'Value',
    });
    const r = await waitFor('the flood in the webview', () => report().dropped === sent - 1000 && report().newestSeq === api.events.tail.newestSeq && report(), { timeoutMs: 20_000 });
    assert.equal(r.rowsHeld, 1000);
    assert.equal(api.events.tail.ring.at(0).payload.Value, String(sent - 1000));
  });

  it('xapi.events.paths subscribes one per chosen path; disconnect unsubscribes', async () => {
    await settings().update('events.paths', [WIDGET, PANEL], vscode.ConfigurationTarget.Global);
    await waitFor('two subscriptions', () => api.events.tail.subscriptionCount === 2);
    const seq = api.events.tail.newestSeq;
    await waitFor('a chosen event through its own subscription', async () => {
      await emit(PANEL, { PanelId: 'chosen' });
      return api.events.tail.newestSeq > seq;
    });
    assert.equal(api.events.tail.ring.newest().path, PANEL);
    await vscode.commands.executeCommand('xapi.disconnect');
    assert.equal(api.events.tail.subscriptionCount, 0);
    assert.equal(api.events.tail.attached, false);
  });
});
