/** Interop: Cisco's own client, jsxapi, drives the emulator over ws:// and wss:// (it disables certificate checks itself). */
import assert from 'node:assert/strict';
import { connect, XAPI as JsXapi } from 'jsxapi';
import WSBackend from 'jsxapi/lib/backend/ws';
import { WebSocket } from 'ws';
import { coreSchema } from '../../schema/core';
import { Emulator, ManualClock, startEmulator } from '../../emulator';
import { waitFor } from '../support/waitFor';

type XAPI = ReturnType<typeof connect>;

function open(emu: Emulator, password = 'secret'): Promise<XAPI> {
  const xapi = connect(emu.url.replace(/\/ws$/, ''), { username: 'admin', password, loglevel: 'error' } as any);
  return new Promise((resolve, reject) => {
    xapi.on('ready', () => resolve(xapi));
    xapi.on('error', (e: unknown) => reject(e instanceof Error ? e : new Error(String(e))));
  });
}

const USERS = [
  { username: 'admin', password: 'secret', roles: ['Admin', 'User', 'Integrator', 'RoomControl'] },
  { username: 'integrator', password: 'intpw', roles: ['Integrator'] },
];

function openAs(emu: Emulator, username: string, password: string): Promise<XAPI> {
  const xapi = connect(emu.url.replace(/\/ws$/, ''), { username, password, loglevel: 'error' } as any);
  return new Promise((resolve, reject) => {
    xapi.on('ready', () => resolve(xapi));
    xapi.on('error', (e: unknown) => reject(e instanceof Error ? e : new Error(String(e))));
  });
}

/** Subscriptions the emulator holds for all connections (to see jsxapi's Unsubscribe on the wire). */
function subscriptionCount(emu: Emulator): number {
  return [...emu.device.sessions].reduce((n, s) => n + s.subscriptions.size, 0);
}

for (const tls of [false, true]) {
  describe(`jsxapi interop over ${tls ? 'wss' : 'ws'}`, () => {
    let emu: Emulator;
    let xapi: XAPI;
    before(async () => {
      emu = await startEmulator({ schema: coreSchema(), tls, users: USERS, callTimings: { connectingMs: 1, connectedMs: 2, disconnectMs: 1 } });
      xapi = await open(emu);
    });
    after(async () => { xapi?.close(); await emu.stop(); });

    it('runs commands (new and old style)', async () => {
      assert.deepEqual(await xapi.Command.Audio.Volume.Set({ Level: 30 }), { status: 'OK' });
      const dial = await xapi.command('Dial', { Number: 'bob@example.com' });
      assert.equal(dial.status, 'OK');
      assert.equal(typeof dial.CallId, 'number');
    });

    it('reads statuses and gets / sets configurations', async () => {
      assert.equal(await xapi.Status.Audio.Volume.get(), 30);
      assert.equal(await xapi.status.get('SystemUnit State NumberOfActiveCalls') >= 0, true);
      await xapi.Config.Audio.DefaultVolume.set(61);
      assert.equal(await xapi.Config.Audio.DefaultVolume.get(), 61);
      assert.equal(await xapi.config.get('Audio DefaultVolume'), 61);
    });

    it('receives status and configuration feedback', async () => {
      const volumes: number[] = [];
      const configs: unknown[] = [];
      const gotVolume = new Promise<void>(resolve => xapi.Status.Audio.Volume.on((v: number) => { volumes.push(v); resolve(); }));
      const gotConfig = new Promise<void>(resolve => xapi.Config.Audio.DefaultVolume.on((v: unknown) => { configs.push(v); resolve(); }));
      await xapi.Status.Audio.Volume.get(); // the subscriptions went out before this round trip
      await xapi.Command.Audio.Volume.Set({ Level: 42 });
      await xapi.Config.Audio.DefaultVolume.set(44);
      await Promise.all([gotVolume, gotConfig]);
      assert.deepEqual(volumes, [42]);
      assert.deepEqual(configs, [44]);
    });

    it('receives events', async () => {
      const got = new Promise<any>(resolve => xapi.Event.UserInterface.Extensions.Widget.Action.on(resolve));
      await xapi.Status.Audio.Volume.get();
      emu.device.pressWidget('widget_1', 'pressed', '2');
      const ev = await got;
      assert.equal(ev.WidgetId, 'widget_1');
      assert.equal(ev.Type, 'pressed');
      assert.equal(ev.Value, '2');
    });

    it('runs xQuery through execute()', async () => {
      const r: any = await xapi.execute('xQuery', { Query: ['Status', '**', 'Volume'] });
      assert.equal(typeof r.Status.Audio.Volume, 'number');
    });

    it('unsubscribes on the wire when a listener is turned off', async () => {
      const before = subscriptionCount(emu);
      const seen: unknown[] = [];
      const off = xapi.Status.Standby.State.on((v: unknown) => seen.push(v));
      await off.registration;
      assert.equal(subscriptionCount(emu), before + 1);
      off();
      await xapi.Status.Audio.Volume.get(); // the Unsubscribe went out before this round trip
      assert.equal(subscriptionCount(emu), before);
      emu.setStatus('Standby State', 'Halfwake');
      await xapi.Status.Audio.Volume.get();
      assert.deepEqual(seen, []);
      emu.setStatus('Standby State', 'Off');
    });

    it('gets the call status sequence and the ghost of the removed call', async () => {
      const seen: any[] = [];
      const off = xapi.Status.Call.on((v: any) => seen.push(v));
      await off.registration;
      const ghost = new Promise<any>(resolve => { const o = xapi.Status.Call.on((v: any) => { if (v.ghost) { o(); resolve(v); } }); });
      const { CallId } = await xapi.Command.Dial({ Number: 'amy@example.com' });
      await waitFor('the call to be Connected', () => seen.some(v => v.Status === 'Connected'));
      await xapi.Command.Call.Disconnect({ CallId });
      assert.deepEqual(await ghost, { ghost: 'True', id: CallId });
      off();
      const statuses = seen.filter(v => v.Status).map(v => v.Status);
      assert.deepEqual(statuses.filter((x, i) => x !== statuses[i - 1]), ['Dialling', 'Connecting', 'Connected', 'Disconnecting', 'Idle']);
    });

    it('fetches the schema with xDoc', async () => {
      const doc = await xapi.doc('Status');
      assert.equal(doc.Audio.Volume.ValueSpace.type, 'Integer');
    });

    it('passes errors through', async () => {
      await assert.rejects(xapi.Command.Audio.Volume.Set({ Level: 500 }), (e: any) => e.code === -32602 && /Bad argument to parameter "Level"/.test(e.message));
      await assert.rejects(xapi.Command.Audio.Volume.Set({}), (e: any) => e.code === -32602 && /Missing or invalid/.test(e.message));
      await assert.rejects(xapi.command('Dila', {}), (e: any) => e.code === -32601);
      await assert.rejects(xapi.status.get('Nothing Here'), (e: any) => e.code === -32602 && /No match/.test(e.message));
      await assert.rejects(xapi.Config.Audio.DefaultVolume.set(500), (e: any) => e.code === -32602 && e.data?.Cause === 27);
      await assert.rejects(xapi.Command.Call.Hold({ CallId: 99 }), (e: any) => e.code === 1 && typeof e.message === 'string');
      await assert.rejects(xapi.execute('xFeedback/Unsubscribe', { Id: 999 }), (e: any) => e.code === -32602 && e.data?.Id === 999);
    });
  });
}

describe('jsxapi interop: roles, limits, the Basic header', () => {
  let emu: Emulator;
  before(async () => { emu = await startEmulator({ schema: coreSchema(), tls: false, users: USERS, subscriptionLimit: 3 }); });
  after(() => emu.stop());

  it('a role without access gets -31999 for commands, xGet, xSet and event subscriptions', async () => {
    const xapi = await openAs(emu, 'integrator', 'intpw');
    try {
      const denied = (e: any) => e.code === -31999 && e.message === 'Permission Denied';
      await assert.rejects(xapi.Command.Macros.Macro.Save({ Name: 'x' }, ''), denied);
      await assert.rejects(xapi.Status.Network[1].IPv4.Address.get(), denied);
      await assert.rejects(xapi.Config.SystemUnit.Name.set('x'), denied);
      await assert.rejects(xapi.Event.CallSuccessful.on(() => undefined).registration, denied);
      assert.equal(await xapi.Status.Audio.Volume.get(), 50, 'what the role may read still works');
    } finally { xapi.close(); }
  });

  it('-31998 once the subscription limit is reached', async () => {
    const xapi = await openAs(emu, 'admin', 'secret');
    try {
      for (let i = 0; i < 3; i++) await xapi.execute('xFeedback/Subscribe', { Query: ['Status', 'Audio'] });
      await assert.rejects(xapi.Status.Standby.State.on(() => undefined).registration, (e: any) => e.code === -31998);
    } finally { xapi.close(); }
  });

  it('logs in with the Authorization: Basic header as well as the auth- sub-protocol', async () => {
    // jsxapi's own connect() always uses the sub-protocol; its WebSocket backend takes a socket made with the header.
    const ws = new WebSocket(emu.url, { headers: { Authorization: 'Basic ' + Buffer.from('admin:secret').toString('base64') } });
    const xapi = new JsXapi(new WSBackend(ws as any));
    try {
      await new Promise<void>((resolve, reject) => { xapi.on('ready', () => resolve()); xapi.on('error', reject); });
      assert.equal(ws.protocol, '', 'no sub-protocol was offered or echoed');
      assert.equal(await xapi.Status.Audio.Volume.get(), 50);
    } finally { xapi.close(); }
  });
});

describe('jsxapi interop: behaviours', () => {
  let emu: Emulator;
  let clock: ManualClock;
  before(async () => {
    clock = new ManualClock();
    emu = await startEmulator({ schema: coreSchema(), tls: false, users: USERS, clock, bootDelayMs: 1000, notReadyMs: 1000 });
  });
  after(() => emu.stop());

  it('standby, prompts answered by the test, panels and macros with bodies', async () => {
    const xapi = await openAs(emu, 'admin', 'secret');
    try {
      const standby = new Promise(resolve => xapi.Status.Standby.State.on(resolve));
      const response = new Promise<any>(resolve => xapi.Event.UserInterface.Message.Prompt.Response.on(resolve));
      await xapi.Status.Audio.Volume.get();
      await xapi.Command.Standby.Activate();
      assert.equal(await standby, 'Standby');
      await xapi.Command.UserInterface.Message.Prompt.Display({ Text: 'Go?', FeedbackId: 'fb', 'Option.1': 'Yes', 'Option.2': 'No' });
      emu.device.respondToPrompt('fb', 1);
      assert.deepEqual(await response, { FeedbackId: 'fb', OptionId: 1, id: 1 });
      await xapi.Command.UserInterface.Extensions.Panel.Save({ PanelId: 'p' }, '<Extensions><Panel><Name>P</Name></Panel></Extensions>');
      const list = await xapi.Command.UserInterface.Extensions.List();
      assert.equal(list.Extensions.Panel[0].Name, 'P');
      await xapi.Command.Macros.Macro.Save({ Name: 'm' }, 'console.log(1);\n');
      const got = await xapi.Command.Macros.Macro.Get({ Name: 'm', Content: 'True' });
      assert.equal(got.Macro[0].Content, 'console.log(1);\n');
    } finally { xapi.close(); }
  });

  it('SystemUnit Boot closes jsxapi\'s connection; after the boot -31997 Not Ready, then served', async () => {
    const xapi = await openAs(emu, 'admin', 'secret');
    const closed = new Promise<unknown>(resolve => xapi.on('error', resolve));
    assert.equal((await xapi.Command.SystemUnit.Boot()).status, 'OK');
    assert.equal(await closed, 'WebSocket closed unexpectedly');
    await assert.rejects(openAs(emu, 'admin', 'secret'), 'refused while booting');
    clock.advance(1000);
    const again = await openAs(emu, 'admin', 'secret');
    try {
      await assert.rejects(again.Status.Audio.Volume.get(), (e: any) => e.code === -31997 && e.message === 'Not Ready');
      clock.advance(1000);
      assert.equal(await again.Status.Audio.Volume.get(), 50);
    } finally { again.close(); }
  });
});

describe('jsxapi interop: wrong password', () => {
  it('fails to connect', async () => {
    const emu = await startEmulator({ schema: coreSchema(), tls: false, users: USERS });
    try {
      await assert.rejects(open(emu, 'wrong'));
    } finally { await emu.stop(); }
  });
});
