/**
 * A live tree's subscriptions and reads (client/views/tree/treeSubscriptions.ts, subtreeReads.ts), without VS Code,
 * against the simulated device over a real socket (port 0, loopback): what is live, what the device's
 * subscription limit refused and how it turns live again, what is read once, shared, forgotten or kept as an error.
 */
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../emulator/index';
import { SubscriptionLimitError, connect, type Xapi } from '../../xapi/index';
import type { PathSegment } from '../../xapi/protocol';
import { Mirror } from '../../client/views/tree/mirror';
import { SubtreeReads } from '../../client/views/tree/subtreeReads';
import { TreeSubscriptions, watchedKey } from '../../client/views/tree/treeSubscriptions';
import { waitFor } from '../support/waitFor';

function recorder() {
  const seen = { feedback: [] as Record<string, unknown>[], marks: [] as string[], refused: [] as { path: readonly PathSegment[]; error: Error }[] };
  const subscriptions = new TreeSubscriptions({
    root: 'Status',
    feedback: r => seen.feedback.push(r),
    markChanged: k => seen.marks.push(k),
    refused: (path, error) => seen.refused.push({ path, error }),
  });
  return { seen, subscriptions };
}

describe('live tree: subscriptions and reads', () => {
  let emu: Emulator;
  let xapi: Xapi;

  before(async () => { emu = await startEmulator({ tls: false, subscriptionLimit: 2, users: [{ username: 'admin', password: 'pw', roles: ['Admin'] }] }); });
  after(async () => { await emu.stop(); });
  beforeEach(async () => { xapi = await connect(emu.url, { username: 'admin', password: 'pw' }); });
  afterEach(async () => { await xapi.close(); });

  it('a subscription is pending, then live, covers what is below it, and delivers the device\'s feedback', async () => {
    const { seen, subscriptions } = recorder();
    subscriptions.open(xapi, ['Audio']);
    assert.equal(subscriptions.state('audio'), 'pending');
    await subscriptions.answered('audio');
    assert.equal(subscriptions.state('audio'), 'live');
    assert.equal(subscriptions.coveredByAncestor(['Audio', 'Volume']), true);
    assert.equal(subscriptions.coveredByAncestor(['Audio']), false, 'not by itself');
    assert.ok(subscriptions.covering(['Audio', 'Volume']), 'its own ancestor covers it');
    assert.equal(subscriptions.covering(['Video']), undefined);
    await xapi.command('Audio Volume Set', { Level: 41 });
    await waitFor('the volume feedback', () => seen.feedback.length > 0);
    assert.deepEqual((seen.feedback[0].Status as any).Audio.Volume, 41);
    assert.deepEqual(seen.refused, []);
    assert.equal(subscriptions.close('audio'), true);
    assert.equal(subscriptions.close('audio'), false, 'nothing is held there any more');
    assert.equal(subscriptions.state('audio'), 'none');
  });

  it('past the device\'s limit a subscription is refused and marked; with a slot free, asking again makes it live', async () => {
    const { seen, subscriptions } = recorder();
    subscriptions.open(xapi, ['Audio']);
    subscriptions.open(xapi, ['Video']);
    subscriptions.open(xapi, ['Call']);
    await Promise.all(['audio', 'video', 'call'].map(k => subscriptions.answered(k)));
    assert.equal(subscriptions.state('call'), 'limited');
    assert.deepEqual(seen.marks, ['call']);
    assert.equal(seen.refused.length, 1);
    assert.ok(seen.refused[0].error instanceof SubscriptionLimitError);
    assert.deepEqual(seen.refused[0].path, ['Call']);
    assert.deepEqual(subscriptions.keys().sort(), ['audio', 'video'], 'the refused one is not held');

    subscriptions.close('video');
    subscriptions.open(xapi, ['Call']);
    await subscriptions.answered('call');
    assert.equal(subscriptions.state('call'), 'live');
    assert.deepEqual(seen.marks, ['call', 'call'], 'the mark changed back');

    subscriptions.closeAll();
    assert.deepEqual(subscriptions.keys(), []);
  });

  it('a watched path has its own subscription apart from its tree node', async () => {
    const { subscriptions } = recorder();
    subscriptions.open(xapi, ['Audio', 'Volume'], watchedKey(['Audio', 'Volume']));
    await subscriptions.answered(watchedKey(['Audio', 'Volume']));
    assert.equal(subscriptions.state('w:audio/volume'), 'live');
    assert.equal(subscriptions.state('audio/volume'), 'none');
    assert.ok(subscriptions.covering(['Audio', 'Volume']), 'the watched one keeps it current');
    subscriptions.closeAll();
  });

  function reads(client: () => Xapi | undefined) {
    const { subscriptions } = recorder();
    const mirror = new Mirror();
    const r = new SubtreeReads({
      root: 'Status',
      xapi: client,
      mirror,
      subscriptions,
      isList: path => path[0] === 'Call',
    });
    return { r, mirror, subscriptions };
  }

  it('a subtree is read once (concurrent loads share the read), into the mirror', async () => {
    const { r, mirror } = reads(() => xapi);
    await Promise.all([r.load(['Audio']), r.load(['Audio'])]);
    assert.equal(r.reads, 1);
    assert.equal(typeof mirror.get(['Status', 'Audio', 'Volume']), 'number');
    await r.load(['Audio']);
    assert.equal(r.reads, 1, 'read already');
    r.forget(['Audio']);
    await r.load(['Audio']);
    assert.equal(r.reads, 2, 'forgotten: read again');
  });

  it('below a read ancestor that a subscription keeps current, nothing is read; without the subscription it is', async () => {
    const { r, subscriptions } = reads(() => xapi);
    subscriptions.open(xapi, ['Audio']);
    await r.load(['Audio']);
    await r.load(['Audio', 'Microphones']);
    assert.equal(r.reads, 1);
    subscriptions.close('audio');
    await r.load(['Audio', 'Microphones']);
    assert.equal(r.reads, 2);
    r.forgetBelow(['Audio']);
    assert.deepEqual(r.loadedKeys(), [], 'forgetBelow takes the node and what is under it');
  });

  it('a list the device has nothing for is empty, not an error; a failed read keeps its error', async () => {
    const { r, mirror } = reads(() => xapi);
    await r.load(['Call']);
    assert.deepEqual(mirror.get(['Status', 'Call']), []);
    assert.equal(r.error(['Call']), undefined);
    const closed = await connect(emu.url, { username: 'admin', password: 'pw' });
    await closed.close();
    const { r: r2 } = reads(() => closed);
    await r2.read(['Audio']);
    assert.ok(r2.error(['Audio']), 'a read on a closed client fails and says why');
  });

  it('a read answered after the client changed, or after forgetAll, does not count', async () => {
    let client: Xapi | undefined = xapi;
    const { r, mirror } = reads(() => client);
    const pending = r.load(['Audio']);
    client = undefined;
    await pending;
    assert.equal(mirror.get(['Status', 'Audio']), undefined, 'dropped: the session changed');

    client = xapi;
    const again = r.load(['Video']);
    r.forgetAll();
    await again;
    assert.equal(r.isLoaded(['Video']), false, 'a read begun before forgetAll is not current');
  });
});
