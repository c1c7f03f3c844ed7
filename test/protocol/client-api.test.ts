/**
 * Every API call of the client, both styles, against the real emulator over real sockets (port 0, 127.0.0.1).
 */
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../emulator/index';
import {
  CommandError, InvalidParameterError, NotFoundError, PermissionDeniedError, SubscriptionLimitError, XapiError,
  connect, type Xapi,
} from '../../xapi/index';
import { until } from './client-mockPeer';
import { connect as jsxapiConnect } from 'jsxapi';

/** Cisco's jsxapi, connected to the same emulator: the reference for what macro code sees. */
function openJsxapi(url: string): Promise<any> {
  const j = jsxapiConnect(url.replace(/\/ws$/, ''), { username: 'admin', password: 'pw', loglevel: 'error' } as any);
  return new Promise((resolve, reject) => { j.on('ready', () => resolve(j)); j.on('error', (e: unknown) => reject(e)); });
}

describe('client API against the emulator', () => {
  let emu: Emulator;
  let xapi: Xapi;
  const extra: Xapi[] = [];

  before(async () => {
    emu = await startEmulator({
      tls: false,
      subscriptionLimit: 12,
      callTimings: { connectingMs: 5, connectedMs: 10, disconnectMs: 5 },
      users: [
        { username: 'admin', password: 'pw', roles: ['Admin', 'User', 'Integrator', 'RoomControl', 'Audit', 'TouchUser', 'PairedUser'] },
        { username: 'auditor', password: 'pw', roles: ['Audit'] },
      ],
    });
  });
  after(async () => { await emu.stop(); });
  beforeEach(async () => { xapi = await connect(emu.url, { username: 'admin', password: 'pw' }); });
  afterEach(async () => {
    await xapi.close();
    while (extra.length) await extra.pop()!.close();
  });

  describe('commands', () => {
    it('proxy style returns the result object', async () => {
      const r = await xapi.Command.Dial({ Number: '10990@bjn.vc' });
      assert.equal(r.status, 'OK');
      assert.equal(typeof r.CallId, 'number');
      assert.equal(typeof r.ConferenceId, 'number');
      await xapi.Command.Call.Disconnect({ CallId: r.CallId as number });
    });

    it('string style, with paths as text, slashes or arrays', async () => {
      await xapi.command('Audio Volume Set', { Level: 33 });
      assert.equal(await xapi.status.get('Audio Volume'), 33);
      await xapi.command('Audio/Volume/Set', { Level: 34 });
      assert.equal(await xapi.status.get(['Audio', 'Volume']), 34);
      await xapi.command(['Audio', 'Volume', 'Set'], { Level: 35 });
      assert.equal(await xapi.Status.Audio.Volume.get(), 35);
    });

    it('sends a multiline body (proxy and string style)', async () => {
      const xml = '<Extensions><Panel><PanelId>p1</PanelId><Name>One</Name></Panel></Extensions>';
      await xapi.Command.UserInterface.Extensions.Panel.Save({ PanelId: 'p1' }, xml);
      await xapi.command('UserInterface Extensions Panel Save', { PanelId: 'p2' }, xml.replace(/p1/g, 'p2'));
      const received = emu.device.commandsReceived.filter(c => c.path === 'UserInterface Extensions Panel Save');
      assert.deepEqual(received.map(c => [c.params.PanelId, c.body?.includes('<PanelId>')]), [['p1', true], ['p2', true]]);
    });

    it('CommandError carries the device reason and names the command', async () => {
      const err = await xapi.Command.Call.Disconnect({ CallId: 4242 }).catch((e: Error) => e);
      assert.ok(err instanceof CommandError, String(err));
      assert.equal(err.code, 1);
      assert.match(err.reason, /No active call/);
      assert.match(err.message, /^xCommand Call Disconnect: /);
    });

    it('NotFoundError for an unknown command, InvalidParameterError for a bad parameter', async () => {
      const nf = await xapi.command('Dail', { Number: 'x' }).catch(e => e);
      assert.ok(nf instanceof NotFoundError, String(nf));
      assert.equal(nf.code, -32601);
      assert.match(nf.message, /xCommand Dail/);
      const ip = await xapi.command('Audio Volume Set', { Level: 'loud' }).catch(e => e);
      assert.ok(ip instanceof InvalidParameterError, String(ip));
      assert.equal(ip.code, -32602);
      assert.match(ip.message, /^xCommand Audio Volume Set: .*Level/);
    });
  });

  describe('configurations', () => {
    it('get / set / on through Configuration and its alias Config', async () => {
      const seen: unknown[] = [];
      const off = xapi.Config.SystemUnit.Name.on(v => seen.push(v));
      await off.registered;
      await xapi.Configuration.SystemUnit.Name.set('Whisper Blade');
      assert.equal(await xapi.Config.SystemUnit.Name.get(), 'Whisper Blade');
      await until(() => seen.length === 1, 'configuration feedback');
      assert.deepEqual(seen, ['Whisper Blade']);
      off();
    });

    it('string style config.get/set/on/once', async () => {
      const once: unknown[] = [];
      const sub = xapi.config.once('Audio DefaultVolume', v => once.push(v));
      await sub.registered;
      await xapi.config.set('Audio DefaultVolume', 40);
      await xapi.config.set('Audio DefaultVolume', 41);
      // This get is answered after the device wrote every feedback of both sets: anything more would have arrived.
      assert.equal(await xapi.config.get('Audio/DefaultVolume'), 41);
      assert.deepEqual(once, [40]);
    });

    it('a bad path is NotFoundError; an illegal value is a typed error', async () => {
      const nf = await xapi.config.get('SystemUnit Nmae').catch(e => e);
      assert.ok(nf instanceof NotFoundError, String(nf));
      assert.equal(nf.message, 'xGet Configuration SystemUnit Nmae: No match on Path argument');
      const bad = await xapi.config.set('Audio DefaultVolume', 'very loud').catch(e => e);
      assert.ok(bad instanceof XapiError && !(bad instanceof NotFoundError), String(bad));
      assert.match(bad.message, /xSet Configuration Audio DefaultVolume/);
    });
  });

  describe('statuses', () => {
    it('get and on, proxy and string style', async () => {
      emu.setStatus('Audio Volume', 50);
      const proxy: unknown[] = [];
      const text: unknown[] = [];
      const a = xapi.Status.Audio.Volume.on(v => proxy.push(v));
      const b = xapi.status.on('Audio Volume', v => text.push(v));
      await Promise.all([a.registered, b.registered]);
      emu.setStatus('Audio Volume', 60);
      await until(() => proxy.length === 1 && text.length === 1, 'status feedback');
      assert.deepEqual([proxy, text], [[60], [60]]);
      assert.equal(await xapi.status.get('Audio Volume'), 60);
      a(); b();
    });

    it('lists: Status.Call.on gets every item with its id, and a ghost when it goes; Call[n] reads one', async () => {
      const items: any[] = [];
      const leaf: Array<[unknown, unknown]> = [];
      const sub = xapi.Status.Call.on(c => items.push(c));
      const sub2 = xapi.status.on('Call Status', (v, _root, id) => leaf.push([v, id]));
      await Promise.all([sub.registered, sub2.registered]);
      const { CallId } = await xapi.Command.Dial({ Number: 'alice@example.com' });
      await until(() => items.some(i => i.Status === 'Connected'), 'call connected');
      assert.equal(await xapi.Status.Call[CallId as number].Status.get(), 'Connected');
      assert.ok(items.every(i => i.id === CallId));
      assert.ok(leaf.some(([v, id]) => v === 'Connected' && id === CallId));
      await xapi.Command.Call.Disconnect({ CallId: CallId as number });
      await until(() => items.some(i => i.ghost === 'True'), 'ghost');
      assert.deepEqual(items.at(-1), { id: CallId, ghost: 'True' });
      const gone = await xapi.Status.Call[CallId as number].Status.get().catch((e: Error) => e);
      assert.ok(gone instanceof NotFoundError);
      sub(); sub2();
    });

    it('a branch reads as an object', async () => {
      const state = await xapi.Status.SystemUnit.State.get();
      assert.equal(typeof state.NumberOfActiveCalls, 'number');
    });
  });

  describe('events', () => {
    it('on and once, proxy and string style', async () => {
      const on: any[] = [];
      const once: any[] = [];
      const text: any[] = [];
      const s1 = xapi.Event.UserInterface.Extensions.Widget.Action.on(e => on.push(e));
      const s2 = xapi.Event.UserInterface.Extensions.Widget.Action.once(e => once.push(e));
      const s3 = xapi.event.on('UserInterface Extensions Widget Action', e => text.push(e));
      await Promise.all([s1.registered, s2.registered, s3.registered]);
      emu.emitEvent('UserInterface Extensions Widget Action', { WidgetId: 'w1', Type: 'pressed', Value: '2' });
      emu.emitEvent('UserInterface Extensions Widget Action', { WidgetId: 'w1', Type: 'released', Value: '2' });
      await until(() => on.length === 2 && text.length === 2, 'events');
      assert.deepEqual(on.map(e => [e.WidgetId, e.Type, e.Value]), [['w1', 'pressed', '2'], ['w1', 'released', '2']]);
      assert.equal(once.length, 1);
      s1(); s3();
    });

    it('a TextInput answered on the device reaches Event.UserInterface.Message.TextInput.Response', async () => {
      const got: any[] = [];
      const sub = xapi.Event.UserInterface.Message.TextInput.Response.on(r => got.push(r));
      await sub.registered;
      await xapi.Command.UserInterface.Message.TextInput.Display({ FeedbackId: 'ask-name', Text: 'Your name?' });
      emu.device.answerMessage({ type: 'TextInput', feedbackId: 'ask-name', text: 'Ada' });
      await until(() => got.length === 1, 'text input response');
      assert.equal(got[0].FeedbackId, 'ask-name');
      assert.equal(got[0].Text, 'Ada');
    });
  });

  describe('doc, query, feedback, permissions, limits', () => {
    it('doc returns the schema subtree; query returns a tree rooted at Status', async () => {
      const doc = await xapi.doc('Configuration SystemUnit Name');
      assert.ok(doc && typeof doc === 'object');
      const q = await xapi.query('Status ** Volume');
      assert.equal(q.Status.Audio.Volume, await xapi.status.get('Audio Volume'));
    });

    it('feedback.on takes rooted paths like jsxapi', async () => {
      const got: unknown[] = [];
      const sub = xapi.feedback.on('/Status/Audio/Volume', v => got.push(v));
      await sub.registered;
      emu.setStatus('Audio Volume', 21);
      await until(() => got.length === 1, 'feedback');
      assert.deepEqual(got, [21]);
    });

    it('PermissionDeniedError for a role that may not write', async () => {
      const auditor = await connect(emu.url, { username: 'auditor', password: 'pw' });
      extra.push(auditor);
      const err = await auditor.config.set('SystemUnit Name', 'nope').catch(e => e);
      assert.ok(err instanceof PermissionDeniedError, String(err));
      assert.equal(err.code, -31999);
    });

    it('SubscriptionLimitError when the device refuses another subscription; registered rejects, error is emitted', async () => {
      const errors: XapiError[] = [];
      xapi.on('error', e => errors.push(e));
      const paths = ['Audio Volume', 'Audio VolumeMute', 'SystemUnit Uptime', 'SystemUnit State', 'Standby State', 'Call',
        'Video Selfview', 'Audio Microphones Mute', 'Conference', 'Network', 'Peripherals', 'UserInterface', 'Cameras'];
      const subs = paths.map(p => xapi.status.on(p, () => undefined));
      const results = await Promise.allSettled(subs.map(s => s.registered));
      const refused = results.filter(r => r.status === 'rejected') as PromiseRejectedResult[];
      assert.ok(refused.length >= 1, 'at least one over the limit of 12');
      assert.ok(refused.every(r => r.reason instanceof SubscriptionLimitError || r.reason instanceof NotFoundError), String(refused[0].reason));
      assert.ok(refused.some(r => r.reason instanceof SubscriptionLimitError));
      assert.ok(errors.some(e => e instanceof SubscriptionLimitError));
      for (const s of subs) s();
    });
  });

  describe('macro code runs unchanged (jsxapi signatures)', () => {
    it('listeners get (value, root) exactly as jsxapi passes them, through lists and ghosts too', async () => {
      const jsx = await openJsxapi(emu.url);
      try {
        const withoutId = (root: any) => { const { Id: _id, ...rest } = root; return rest; };
        const record = (api: any, out: unknown[]) => [
          api.Status.Call.on((v: unknown, root: any) => out.push(['Call', v, withoutId(root)])),
          api.status.on('Call Status', (v: unknown, root: any) => out.push(['Call Status', v, withoutId(root)])),
          api.Status.Audio.Volume.on((v: unknown, root: any) => out.push(['Volume', v, withoutId(root)])),
        ];
        const ours: unknown[] = [];
        const theirs: unknown[] = [];
        const mine = record(xapi, ours);
        const ref = record(jsx, theirs);
        const ids = await Promise.all([...mine, ...ref].map(s => s.registration));
        assert.ok(ids.every(r => typeof r.Id === 'number'), 'registration resolves to { Id } as in jsxapi');
        emu.setStatus('Audio Volume', 57);
        const { CallId } = await xapi.Command.Dial({ Number: 'carol@example.com' });
        await until(() => ours.some((e: any) => e[0] === 'Call Status' && e[1] === 'Connected'), 'call connected');
        await xapi.Command.Call.Disconnect({ CallId: CallId as number });
        const ghost = (list: unknown[]) => list.some((e: any) => e[0] === 'Call' && e[1].ghost === 'True');
        await until(() => ghost(ours) && ghost(theirs), 'ghost on both clients');
        await xapi.status.get('Audio Volume'); // one more round trip: nothing left in flight
        assert.ok(ours.length >= 4, JSON.stringify(ours));
        assert.deepEqual(ours, theirs);
        for (const off of [...mine, ...ref]) off();
      } finally {
        jsx.close();
      }
    });
  });

  describe('wss with the emulator certificate', () => {
    it('verifies TLS with ca and connects; refuses without', async () => {
      const tlsEmu = await startEmulator({ tls: true });
      try {
        const host = new URL(tlsEmu.url).host;
        const x = await connect(host, { password: '', ca: tlsEmu.certificate });
        assert.equal(x.url, `wss://${host}/ws`);
        assert.equal(typeof await x.status.get('SystemUnit Uptime'), 'number');
        await x.close();
        await assert.rejects(connect(host), /not trusted/);
      } finally {
        await tlsEmu.stop();
      }
    });
  });
});
