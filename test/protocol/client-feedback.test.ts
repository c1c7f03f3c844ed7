/**
 * Feedback registry over a real socket to a scripted raw `ws` peer (a mock peer, so the test can count
 * Subscribe/Unsubscribe frames and send feedback with chosen subscription Ids and shapes).
 */
import assert from 'node:assert/strict';
import { connect, type Xapi, type XapiError } from '../../xapi/index';
import { XapiClient } from '../../xapi/client';
import { createNodeTransport } from '../../xapi/transport-node';
import { Method } from '../../xapi/protocol';
import { ok, startMockPeer, until, type MockPeer } from './client-mockPeer';

describe('client feedback (mock peer)', () => {
  let peer: MockPeer;
  let xapi: Xapi;
  let nextId = 0;
  let holdSubscribe = false;
  const held: Array<() => void> = [];

  beforeEach(async () => {
    nextId = 0;
    holdSubscribe = false;
    peer = await startMockPeer({
      onRequest: (req, ws) => {
        if (req.method === Method.Subscribe) {
          const answer = ok(req, { Id: nextId++ });
          if (holdSubscribe) { held.push(() => ws.send(JSON.stringify(answer))); return undefined; }
          return answer;
        }
        if (req.method === Method.Unsubscribe) return ok(req, true);
        return ok(req);
      },
    });
    xapi = await connect(peer.url);
  });
  afterEach(async () => { await xapi.close(); await peer.close(); });

  const count = (method: string) => peer.requests.filter(r => r.method === method).length;
  const feedback = (params: unknown) => peer.broadcast({ jsonrpc: '2.0', method: Method.FeedbackEvent, params });
  /**
   * A round trip on the same socket: every frame the client sent before it has reached the peer, and every frame the
   * peer sent before answering (feedback broadcast earlier) has been delivered. "Nothing more arrived" holds after it.
   */
  const barrier = () => xapi.status.get('SystemUnit Uptime');

  it('ten listeners on one path make one Subscribe; the last to leave sends one Unsubscribe', async () => {
    const calls: number[] = new Array(10).fill(0);
    const subs = calls.map((_, i) => i % 2
      ? xapi.Status.Audio.Volume.on(() => calls[i]++)
      : xapi.status.on(i % 4 === 2 ? 'AUDIO/VOLUME' : 'audio volume', () => calls[i]++));
    await Promise.all(subs.map(s => s.registered));
    assert.equal(count(Method.Subscribe), 1);
    assert.deepEqual(peer.requests[0].params, { Query: ['Status', 'Audio', 'Volume'], NotifyCurrentValue: false });
    feedback({ Id: 0, Status: { Audio: { Volume: 40 } } });
    await until(() => calls.every(c => c === 1), 'every listener once');
    for (const s of subs.slice(0, 9)) s();
    subs[0](); // unsubscribing twice is harmless
    await barrier();
    assert.equal(count(Method.Unsubscribe), 0);
    subs[9]();
    await until(() => count(Method.Unsubscribe) === 1, 'one Unsubscribe');
    assert.deepEqual(peer.requests.at(-1)!.params, { Id: 0 });
    feedback({ Id: 0, Status: { Audio: { Volume: 41 } } });
    await barrier();
    assert.deepEqual(calls, new Array(10).fill(1));
  });

  it('routes by subscription Id, so overlapping paths never deliver twice', async () => {
    const branch: unknown[] = [];
    const leaf: unknown[] = [];
    await xapi.Status.Audio.on(v => branch.push(v)).registered; // Id 0
    await xapi.Status.Audio.Volume.on(v => leaf.push(v)).registered; // Id 1
    feedback({ Id: 1, Status: { Audio: { Volume: 5 } } });
    feedback({ Id: 0, Status: { Audio: { Volume: 5 } } });
    feedback({ Id: 7, Status: { Audio: { Volume: 6 } } }); // unknown Id: ignored
    await barrier();
    assert.deepEqual(branch, [{ Volume: 5 }]);
    assert.deepEqual(leaf, [5]);
  });

  it('a listener removed while its Subscribe is in flight unsubscribes as soon as the Id arrives', async () => {
    holdSubscribe = true;
    const got: unknown[] = [];
    const sub = xapi.Status.Standby.State.on(v => got.push(v));
    await until(() => held.length === 1, 'subscribe at server');
    sub();
    held.shift()!();
    await until(() => count(Method.Unsubscribe) === 1, 'Unsubscribe');
    feedback({ Id: 0, Status: { Standby: { State: 'Standby' } } });
    await barrier();
    assert.deepEqual(got, []);
  });

  it('list feedback: item ids, indexed paths, ghosts only to list listeners', async () => {
    const list: unknown[] = [];
    const leaf: Array<[unknown, unknown]> = [];
    const one: unknown[] = [];
    await xapi.Status.Call.on(c => list.push(c)).registered; // 0
    await xapi.status.on('Call Status', (v, _root, id) => leaf.push([v, id])).registered; // 1
    await xapi.Status.Call[3].Status.on(v => one.push(v)).registered; // 2
    for (const Id of [0, 1, 2]) feedback({ Id, Status: { Call: [{ id: 3, Status: 'Connected' }, { id: 4, Status: 'Ringing' }] } });
    for (const Id of [0, 1, 2]) feedback({ Id, Status: { Call: [{ id: 3, ghost: 'True' }] } });
    await barrier();
    assert.deepEqual(list, [{ id: 3, Status: 'Connected' }, { id: 4, Status: 'Ringing' }, { id: 3, ghost: 'True' }]);
    assert.deepEqual(leaf, [['Connected', 3], ['Ringing', 4]]);
    assert.deepEqual(one, ['Connected']);
  });

  it('bare-number events and case-insensitive paths', async () => {
    const secs: unknown[] = [];
    await xapi.event.on('standby secondstostandby', v => secs.push(v)).registered;
    feedback({ Id: 0, Event: { Standby: { SecondsToStandby: 30, id: 1 }, id: 1 } });
    await until(() => secs.length === 1, 'event');
    assert.deepEqual(secs, [30]);
  });

  it('a throwing listener is reported as an error event and does not stop the others', async () => {
    const errors: XapiError[] = [];
    xapi.on('error', e => errors.push(e));
    const got: unknown[] = [];
    xapi.Status.Audio.Volume.on(() => { throw new Error('boom'); });
    await xapi.Status.Audio.Volume.on(v => got.push(v)).registered;
    feedback({ Id: 0, Status: { Audio: { Volume: 1 } } });
    await until(() => got.length === 1 && errors.length === 1, 'delivery and error');
    assert.match(errors[0].message, /feedback listener on Status Audio Volume threw: boom/);
  });

  /** What the peer received, in order, as `method path` (Subscribe and Get only). */
  const order = (from = 0) => peer.requests.slice(from)
    .filter(r => r.method === Method.Subscribe || r.method === Method.Get)
    .map(r => `${r.method} ${(r.params.Query ?? r.params.Path).join(' ')}`);

  it('listeners and calls made before the connection opens: every Subscribe reaches the device before the calls', async () => {
    // As a macro starts: `on(…)` at the top, then `await get()`. The device runs a connection's requests in order,
    // so the event a call's answer is followed by (a press right after "ready") finds the listener live.
    const early = new XapiClient(() => createNodeTransport({ url: peer.url, username: 'admin', password: '' }), peer.url, {});
    try {
      const from = peer.requests.length;
      const started = early.start();
      early.Event.UserInterface.Extensions.Widget.Action.on(() => undefined);
      const volume = early.Status.Audio.Volume.get();
      early.status.on('Call', () => undefined);
      await started;
      await volume;
      assert.deepEqual(order(from), [
        'xFeedback/Subscribe Event UserInterface Extensions Widget Action',
        'xFeedback/Subscribe Status Call',
        'xGet Status Audio Volume',
      ]);
    } finally {
      await early.close();
    }
  });

  it('after a reconnect too: the subscriptions are restored before the calls made while it was down', async () => {
    await xapi.close();
    xapi = await connect(peer.url, { reconnect: { initialDelayMs: 20 } });
    await xapi.status.on('Audio Volume', () => undefined).registered;
    const from = peer.requests.length;
    const down = new Promise(r => xapi.once('disconnected', r));
    peer.dropAll();
    await down;
    await xapi.status.get('SystemUnit Uptime');
    assert.deepEqual(order(from), ['xFeedback/Subscribe Status Audio Volume', 'xGet Status SystemUnit Uptime']);
  });

  it('a refused subscription rejects registered, reports an error, and drops its listeners', async () => {
    await xapi.close();
    await peer.close();
    peer = await startMockPeer({ onRequest: req => ({ jsonrpc: '2.0', id: req.id, error: { code: -32602, message: 'No match on Path argument' } }) });
    xapi = await connect(peer.url);
    const errors: XapiError[] = [];
    xapi.on('error', e => errors.push(e));
    const sub = xapi.status.on('Nope', () => undefined);
    await assert.rejects(sub.registered, /xFeedback\/Subscribe Status Nope: No match on Path argument/);
    assert.equal(errors.length, 1);
  });
});
