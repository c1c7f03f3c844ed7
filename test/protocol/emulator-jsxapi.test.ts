/** Interop: Cisco's own client, jsxapi, drives the emulator over ws:// and wss:// (it disables certificate checks itself). */
import assert from 'node:assert/strict';
import { connect } from 'jsxapi';
import { coreSchema } from '../../schema/core';
import { Emulator, startEmulator } from '../../emulator';

type XAPI = ReturnType<typeof connect>;

function open(emu: Emulator, password = 'secret'): Promise<XAPI> {
  const xapi = connect(emu.url.replace(/\/ws$/, ''), { username: 'admin', password, loglevel: 'error' } as any);
  return new Promise((resolve, reject) => {
    xapi.on('ready', () => resolve(xapi));
    xapi.on('error', (e: unknown) => reject(e instanceof Error ? e : new Error(String(e))));
  });
}

const USERS = [{ username: 'admin', password: 'secret', roles: ['Admin', 'User', 'Integrator', 'RoomControl'] }];

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

    it('fetches the schema with xDoc', async () => {
      const doc = await xapi.doc('Status');
      assert.equal(doc.Audio.Volume.ValueSpace.type, 'Integer');
    });

    it('passes errors through', async () => {
      await assert.rejects(xapi.Command.Audio.Volume.Set({ Level: 500 }), (e: any) => e.code === -32602);
      await assert.rejects(xapi.command('Dila', {}), (e: any) => e.code === -32601);
      await assert.rejects(xapi.status.get('Nothing Here'), (e: any) => e.code === -32602 && /No match/.test(e.message));
    });
  });
}

describe('jsxapi interop: wrong password', () => {
  it('fails to connect', async () => {
    const emu = await startEmulator({ schema: coreSchema(), tls: false, users: USERS });
    try {
      await assert.rejects(open(emu, 'wrong'));
    } finally { await emu.stop(); }
  });
});
