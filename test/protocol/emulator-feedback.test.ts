/** Feedback semantics (§6, §12.4–12.6) over a real socket with a raw `ws` client. */
import assert from 'node:assert/strict';
import { harness, Harness, RawClient, USERS } from './emulator-support';
import { waitFor } from '../support/waitFor';

describe('emulator feedback (raw ws)', () => {
  let h: Harness;
  let c: RawClient;
  beforeEach(async () => {
    h = await harness({ users: USERS, subscriptionLimit: 5 });
    c = await RawClient.open(h.emu.url, { user: 'admin', pass: 'secret' });
  });
  afterEach(async () => { c.close(); await h.stop(); });

  const sub = async (client: RawClient, Query: unknown[], NotifyCurrentValue?: boolean): Promise<number> => {
    const r = await client.request('xFeedback/Subscribe', NotifyCurrentValue === undefined ? { Query } : { Query, NotifyCurrentValue });
    assert.ok(r.result, JSON.stringify(r.error));
    return r.result.Id;
  };

  it('sends only the changed leaves, rooted at Status, with the subscription Id', async () => {
    const id = await sub(c, ['Status', 'Audio']);
    await c.request('xCommand/Audio/Volume/Set', { Level: 70 });
    const [ev] = await c.eventCount(1, id);
    assert.deepEqual(ev, { Id: id, Status: { Audio: { Volume: 70 } } });
    const raw = c.frames.find(f => f.includes('xFeedback/Event'))!;
    assert.equal(raw, `{"jsonrpc":"2.0","method":"xFeedback/Event","params":{"Id":${id},"Status":{"Audio":{"Volume":70}}}}`);
  });

  it('leaves changed together arrive in one event; separate changes separately', async () => {
    const id = await sub(c, ['Status', 'SystemUnit', 'State']);
    h.emu.device.transaction(() => {
      h.emu.setStatus('SystemUnit State NumberOfActiveCalls', 1);
      h.emu.setStatus('SystemUnit State NumberOfInProgressCalls', 2);
    });
    h.emu.setStatus('SystemUnit State NumberOfSuspendedCalls', 1);
    const evs = await c.eventCount(2, id);
    assert.deepEqual(evs[0].Status, { SystemUnit: { State: { NumberOfActiveCalls: 1, NumberOfInProgressCalls: 2 } } });
    assert.deepEqual(evs[1].Status, { SystemUnit: { State: { NumberOfSuspendedCalls: 1 } } });
  });

  it('one event per matching subscription, each with its own Id; none for unchanged values', async () => {
    const a = await sub(c, ['Status', 'Audio', 'Volume']);
    const b = await sub(c, ['Status', 'Audio']);
    const other = await sub(c, ['Status', 'Standby']);
    h.emu.setStatus('Audio Volume', 50); // unchanged: no feedback
    h.emu.setStatus('Audio Volume', 60);
    await c.sync();
    const evs = c.events();
    assert.equal(evs.length, 2);
    assert.deepEqual(evs.map(e => e.Id).sort(), [a, b].sort());
    assert.ok(evs.every(e => e.Status.Audio.Volume === 60));
    assert.equal(c.events(other).length, 0);
  });

  it('NotifyCurrentValue: the result first, then one event with the matched tree', async () => {
    c.sendRaw(JSON.stringify({ jsonrpc: '2.0', id: 'n', method: 'xFeedback/Subscribe', params: { Query: ['Status', 'Audio'], NotifyCurrentValue: true } }));
    const ev = await c.waitFor(m => m.method === 'xFeedback/Event');
    const resultIndex = c.messages.findIndex(m => m.id === 'n');
    const eventIndex = c.messages.indexOf(ev);
    assert.ok(resultIndex >= 0 && resultIndex < eventIndex, 'result before the event');
    assert.equal(ev.params.Status.Audio.Volume, 50);
    assert.equal(ev.params.Status.Audio.VolumeMute, 'Off');
    await c.sync();
    assert.equal(c.events().length, 1);
    // Nothing current for events, or for a list with no items.
    await sub(c, ['Event', 'CallSuccessful'], true);
    await sub(c, ['Status', 'Call'], true);
    await c.sync();
    assert.equal(c.events().length, 1);
  });

  it('ghost for a removed list item, also to subscriptions on leaves below it', async () => {
    const below = await sub(c, ['Status', 'Call', 'Status']);
    const whole = await sub(c, ['Status', 'Call']);
    const indexed = await sub(c, ['Status', 'Call', 3]);
    const elsewhere = await sub(c, ['Status', 'Call', 4, 'Status']);
    h.emu.setStatus('Call[3]', { Status: 'Connected', RemoteNumber: 'x@example.com' });
    h.emu.device.removeListItem('Call', 3);
    await c.sync();
    assert.deepEqual(c.events(below), [
      { Id: below, Status: { Call: [{ Status: 'Connected', id: 3 }] } },
      { Id: below, Status: { Call: [{ ghost: 'True', id: 3 }] } },
    ]);
    assert.deepEqual(c.events(whole)[1], { Id: whole, Status: { Call: [{ ghost: 'True', id: 3 }] } });
    assert.equal(c.events(indexed).length, 2);
    assert.equal(c.events(elsewhere).length, 0);
    const raw = c.frames.find(f => f.includes('ghost'))!;
    assert.match(raw, /"Call":\[\{"ghost":"True","id":3\}\]/);
  });

  it('hidden configurations show as *** in feedback', async () => {
    const id = await sub(c, ['Configuration', 'SIP']);
    await c.request('xSet', { Path: ['Configuration', 'SIP', 'Authentication', 'Password'], Value: 'topsecret' });
    const [ev] = await c.eventCount(1, id);
    assert.deepEqual(ev.Configuration, { SIP: { Authentication: { Password: '***' } } });
    assert.ok(!c.frames.some(f => f.includes('topsecret')));
  });

  it('xSet feedback reaches other connections; an unchanged xSet sends none', async () => {
    const other = await RawClient.open(h.emu.url, { user: 'admin', pass: 'secret' });
    const id = await sub(other, ['Configuration', 'Audio', 'DefaultVolume']);
    await c.request('xSet', { Path: ['Configuration', 'Audio', 'DefaultVolume'], Value: 50 });
    await c.request('xSet', { Path: ['Configuration', 'Audio', 'DefaultVolume'], Value: 48 });
    const evs = await other.eventCount(1, id);
    await other.sync();
    assert.equal(other.events(id).length, 1);
    assert.deepEqual(evs[0].Configuration, { Audio: { DefaultVolume: 48 } });
    other.close();
  });

  it('events carry id 1 on every object level and typed fields', async () => {
    const id = await sub(c, ['Event', 'UserInterface', 'Extensions']);
    h.emu.device.pressWidget('widget_1', 'pressed', '2');
    const evs = await c.eventCount(2, id);
    assert.deepEqual(evs[1], { Id: id, Event: { UserInterface: { Extensions: { Widget: { Action: { Type: 'pressed', Value: '2', WidgetId: 'widget_1', id: 1 }, id: 1 }, id: 1 }, id: 1 } } });
    const sid = await sub(c, ['Event', 'OutgoingCallIndication']);
    h.emu.emitEvent('OutgoingCallIndication', { CallId: '7' });
    const [o] = await c.eventCount(1, sid);
    assert.deepEqual(o.Event, { OutgoingCallIndication: { CallId: 7, id: 1 } });
  });

  it('** subscriptions and indexes in queries', async () => {
    const any = await sub(c, ['Status', '**', 'Volume']);
    const idx = await sub(c, ['Status', 'Network', 1, 'IPv4']);
    h.emu.setStatus('Audio Volume', '20'); // typed by the schema: an Integer goes out as a number
    h.emu.setStatus('Network[1] IPv4 Address', '10.0.0.2');
    await c.sync();
    assert.deepEqual(c.events(any).map(e => e.Status), [{ Audio: { Volume: 20 } }]);
    assert.deepEqual(c.events(idx).map(e => e.Status), [{ Network: [{ IPv4: { Address: '10.0.0.2' }, id: 1 }] }]);
  });

  it('feedback respects read roles', async () => {
    const u = await RawClient.open(h.emu.url, { user: 'integrator', pass: 'intpw' });
    const id = await sub(u, ['Status', 'Network']);
    h.emu.setStatus('Network[1] IPv4 Address', '10.0.0.3');
    h.emu.setStatus('Network[1] Ethernet Speed', '100full');
    await u.sync();
    assert.deepEqual(u.events(id).map(e => e.Status), [{ Network: [{ Ethernet: { Speed: '100full' }, id: 1 }] }]);
    u.close();
  });

  it('subscription limit → -31998 Subscriber Count Exceeded', async () => {
    for (let i = 0; i < 5; i++) await sub(c, ['Status', 'Audio']);
    const r = await c.request('xFeedback/Subscribe', { Query: ['Status', 'Audio'] });
    assert.deepEqual(r.error, { code: -31998, message: 'Subscriber Count Exceeded' });
    await c.request('xFeedback/Unsubscribe', { Id: 0 });
    assert.deepEqual((await c.request('xFeedback/Subscribe', { Query: ['Status', 'Audio'] })).result, { Id: 5 });
  });

  it('subscriptions end with the connection', async () => {
    const other = await RawClient.open(h.emu.url, { user: 'admin', pass: 'secret' });
    await sub(other, ['Status', 'Audio']);
    const before = h.emu.device.sessionCount;
    other.close();
    await other.closed;
    await waitFor('the closed session to end on the device', () => h.emu.device.sessionCount === before - 1);
    h.emu.setStatus('Audio Volume', 11);
    assert.equal(other.events().length, 0);
  });
});
