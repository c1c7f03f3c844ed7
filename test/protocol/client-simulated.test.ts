/**
 * createSimulatedXapi: the real client core over an in-memory link to an in-process emulated Device.
 */
import assert from 'node:assert/strict';
import { createSimulatedXapi, Device, ManualClock, ValueSpaceError, type SimulatedXapi } from '../../testing';
import { EmulatorError } from '../../emulator/errors';
import { coreSchema } from '../../schema/core';
import { CommandError, ConnectionClosedError, ConnectionError, NotFoundError } from '../../index';

describe('createSimulatedXapi', () => {
  const made: SimulatedXapi[] = [];
  const sim = (opts?: Parameters<typeof createSimulatedXapi>[0]) => { const x = createSimulatedXapi(opts); made.push(x); return x; };
  afterEach(async () => { while (made.length) await made.pop()!.close(); });

  it('is usable at once: calls made before the in-memory connect wait for it', async () => {
    const xapi = sim();
    const p = xapi.status.get('Audio Volume');
    assert.equal(typeof await p, 'number');
    assert.equal(xapi.isConnected, true);
    assert.equal(xapi.url, 'simulated://device/ws');
  });

  it('records every command sent, also the ones the device rejects', async () => {
    const xapi = sim();
    await xapi.Command.Audio.Volume.Set({ Level: 20 });
    await assert.rejects(xapi.command('Call Disconnect', { CallId: 99 }), CommandError);
    await assert.rejects(xapi.command('No Such Thing'), NotFoundError);
    await xapi.command('UserInterface Extensions Panel Save', { PanelId: 'x' }, '<Extensions><Panel/></Extensions>');
    assert.deepEqual(xapi.commands.map(c => c.path), ['Audio Volume Set', 'Call Disconnect', 'No Such Thing', 'UserInterface Extensions Panel Save']);
    assert.deepEqual(xapi.commandsTo('audio/volume/set'), [{ path: 'Audio Volume Set', params: { Level: 20 } }]);
    assert.equal(xapi.commandsTo('UserInterface Extensions Panel Save')[0].body, '<Extensions><Panel/></Extensions>');
    xapi.clearCommands();
    assert.equal(xapi.commands.length, 0);
  });

  it('setStatus, setConfiguration and emitEvent reach listeners', async () => {
    const xapi = sim();
    const seen: unknown[] = [];
    const subs = [
      xapi.Status.Audio.Volume.on(v => seen.push(['vol', v])),
      xapi.Config.SystemUnit.Name.on(v => seen.push(['name', v])),
      xapi.Event.UserInterface.Extensions.Widget.Action.on(e => seen.push(['widget', e.WidgetId])),
    ];
    await Promise.all(subs.map(s => s.registered));
    xapi.setStatus('Audio Volume', 66);
    xapi.setConfiguration('SystemUnit Name', 'Sim');
    xapi.emitEvent('UserInterface Extensions Widget Action', { WidgetId: 'w9', Type: 'clicked', Value: '' });
    await xapi.settle();
    assert.deepEqual(seen.slice(0, 2), [['vol', 66], ['name', 'Sim']]);
    assert.ok(seen.some(s => JSON.stringify(s) === '["widget","w9"]'));
  });

  it('setStatus and emitEvent refuse what the schema does not allow, naming the path and the value space', async () => {
    const xapi = sim();
    assert.throws(() => xapi.setStatus('Audio Volume', 'loud'), (e: unknown) =>
      e instanceof ValueSpaceError && e instanceof EmulatorError && e.path === 'Status Audio Volume' && /"loud" is not allowed; expected Integer/.test(e.message));
    assert.throws(() => xapi.setStatus('Call[1] Status', 'Chatting'), (e: unknown) =>
      e instanceof ValueSpaceError && e.path === 'Status Call[1] Status' && /Connected/.test(e.message));
    assert.throws(() => xapi.emitEvent('UserInterface Extensions Panel Clicked', { PanelID: 'p', Extra: 1 }), /has no field 'Extra' \(fields: PanelId\)/);
    assert.throws(() => xapi.setStatus('Audio Nope', 1), EmulatorError);
    // What the schema allows still goes through, by the same rule as xSet (code points, literal case).
    xapi.setStatus('Call[1] Status', 'connected');
    assert.equal(xapi.device.getStatus('Call 1 Status'), 'Connected');
    xapi.emitEvent('UserInterface Extensions Panel Clicked', { PanelId: 'p' });
  });

  it('Call[n] Duration counts seconds on the device clock while the call is connected', async () => {
    const clock = new ManualClock();
    const xapi = sim({ clock });
    const { CallId } = await xapi.Command.Dial({ Number: 'bob@example.com' }) as { CallId: number };
    clock.advance(1200); // dialling → connecting (200 ms) → connected (1000 ms)
    assert.equal(await xapi.status.get(`Call ${CallId} Status`), 'Connected');
    assert.equal(await xapi.status.get(`Call ${CallId} Duration`), 0);
    clock.advance(42_000);
    assert.equal(await xapi.status.get(`Call ${CallId} Duration`), 42);
    clock.advance(3_000);
    assert.equal(xapi.device.getStatus(`Call[${CallId}] Duration`), 45);
    await xapi.Command.Call.Disconnect({ CallId });
    await xapi.settle();
    clock.advance(60_000); // no longer connected: the count stopped (and the call is gone)
    assert.equal(xapi.device.getStatus(`Call[${CallId}] Duration`), undefined);
  });

  it('a status read without an index lists every item, and nothing when there is none', async () => {
    const clock = new ManualClock();
    const xapi = sim({ clock });
    assert.deepEqual(await xapi.status.get('Call Status'), []);
    const { CallId } = await xapi.Command.Dial({ Number: 'bob@example.com' }) as { CallId: number };
    clock.advance(5000);
    assert.deepEqual(await xapi.status.get('Call Status'), [{ id: CallId, Status: 'Connected' }]);
  });

  it('answers a prompt through the device as a user would', async () => {
    const xapi = sim();
    const answers: any[] = [];
    await xapi.Event.UserInterface.Message.Prompt.Response.on(r => answers.push(r)).registered;
    await xapi.Command.UserInterface.Message.Prompt.Display({ FeedbackId: 'q1', Text: 'Coffee?', 'Option.1': 'Yes', 'Option.2': 'No' } as never);
    xapi.answerMessage({ type: 'Prompt', feedbackId: 'q1', optionId: 2 });
    await xapi.settle();
    assert.equal(answers.length, 1);
    assert.equal(answers[0].FeedbackId, 'q1');
    assert.equal(Number(answers[0].OptionId), 2);
  });

  it('ready rejects with the ConnectionError when the device cannot take the connection; waiting calls say why', async () => {
    const clock = new ManualClock();
    const device = new Device({ schema: coreSchema(), clock });
    void device.boot(1000); // booting until the clock advances: sessions are refused
    const xapi = sim({ device, reconnect: false });
    const waiting = xapi.status.get('Audio Volume');
    await assert.rejects(xapi.ready, (e: Error) => e instanceof ConnectionError && /booting/.test(e.message));
    await assert.rejects(waiting, (e: Error) => e instanceof ConnectionClosedError && /connect failed: .*booting/.test(e.message));
    assert.equal(xapi.state, 'closed');
    await xapi.settle(); // nothing in flight: resolves
  });

  it('settle() is a round trip through the device: no timers, not traced, not recorded', async () => {
    const frames: string[] = [];
    const xapi = sim({ trace: (_d, f) => frames.push(f) });
    await xapi.ready;
    const seen: unknown[] = [];
    await xapi.Status.Audio.Volume.on(v => seen.push(v)).registered;
    const answers: unknown[] = [];
    for (let i = 0; i < 20; i++) {
      xapi.setStatus('Audio Volume', i % 2 ? 30 : 31);
      void xapi.status.get('Audio Volume').then(v => answers.push(v));
    }
    const traced = frames.length;
    const realSetTimeout = globalThis.setTimeout;
    globalThis.setTimeout = (() => { throw new Error('settle() used a timer'); }) as unknown as typeof setTimeout;
    try {
      await xapi.settle();
    } finally {
      globalThis.setTimeout = realSetTimeout;
    }
    assert.equal(seen.length, 20, 'every feedback written before settle() was delivered');
    assert.equal(answers.length, 20, 'every request sent before settle() was answered');
    assert.equal(frames.length, traced + 40, 'the 20 feedback frames and 20 answers only: the probe is not traced');
    assert.ok(!frames.some(f => f.includes('settle')));
    assert.equal(xapi.commands.length, 0);
  });

  it('two clients on one device see each other', async () => {
    const device = new Device({ schema: coreSchema() });
    const a = sim({ device });
    const b = sim({ device });
    const got: unknown[] = [];
    await b.Config.SystemUnit.Name.on(v => got.push(v)).registered;
    await a.Config.SystemUnit.Name.set('Shared');
    await b.settle();
    assert.deepEqual(got, ['Shared']);
  });

  it('reconnects after the simulated device reboots, with subscriptions restored', async () => {
    const clock = new ManualClock();
    const xapi = sim({ clock, bootDelayMs: 1000, reconnect: { initialDelayMs: 5, maxDelayMs: 10 } });
    const got: unknown[] = [];
    await xapi.Status.Audio.Volume.on(v => got.push(v)).registered;
    const back = new Promise<void>(r => xapi.once('connected', () => r()));
    const reconnecting = new Promise<void>(r => xapi.once('reconnecting', () => r()));
    await xapi.Command.SystemUnit.Boot().catch(() => undefined);
    await reconnecting; // the client noticed the reboot before the device comes back
    clock.advance(1000);
    await back;
    await xapi.status.get('Audio Volume');
    xapi.setStatus('Audio Volume', 11);
    await xapi.settle();
    assert.deepEqual(got, [11]);
  });
});
