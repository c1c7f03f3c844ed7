/**
 * Reconnect through a real reboot of the emulator (`xCommand SystemUnit Boot`) over real sockets: subscriptions
 * restored, no listener firing twice, calls made meanwhile delivered once the device is back.
 */
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../emulator/index';
import { ConnectionClosedError, connect, type Xapi } from '../../xapi/index';
import { until } from './client-mockPeer';

describe('client reconnect through SystemUnit Boot', () => {
  let emu: Emulator;
  let xapi: Xapi;
  before(async () => { emu = await startEmulator({ tls: false, bootDelayMs: 300 }); });
  after(async () => { await emu.stop(); });
  afterEach(async () => { await xapi?.close(); });

  it('restores every subscription once, fires each listener once, and sends calls queued meanwhile', async () => {
    xapi = await connect(emu.url, { password: '', reconnect: { initialDelayMs: 50, maxDelayMs: 200 } });
    const events: string[] = [];
    xapi.on('connected', () => events.push('connected'));
    xapi.on('disconnected', () => events.push('disconnected'));
    xapi.on('reconnecting', () => events.push('reconnecting'));
    const a: unknown[] = [];
    const b: unknown[] = [];
    const name: unknown[] = [];
    const subs = [
      xapi.Status.Audio.Volume.on(v => a.push(v)),
      xapi.status.on('Audio Volume', v => b.push(v)),
      xapi.Config.SystemUnit.Name.on(v => name.push(v)),
    ];
    await Promise.all(subs.map(s => s.registered));

    const down = new Promise(r => xapi.once('disconnected', r));
    await xapi.Command.SystemUnit.Boot().catch((e: Error) => assert.ok(e instanceof ConnectionClosedError, String(e)));
    await down;
    assert.equal(xapi.isConnected, false);
    const queued = xapi.status.get('SystemUnit Uptime');
    const back = new Promise(r => xapi.once('connected', () => r(undefined)));
    await back;
    assert.equal(typeof await queued, 'number', 'the call made while rebooting went out after reconnecting');
    assert.ok(events.indexOf('reconnecting') > events.indexOf('disconnected'));

    // One round-trip after connecting: the re-subscriptions (sent first) are in place.
    await xapi.status.get('Audio Volume');
    const sessions = [...emu.device.sessions];
    assert.equal(sessions.length, 1);
    assert.equal(sessions[0].subscriptions.size, 2, 'two distinct paths → two subscriptions, not three');

    emu.setStatus('Audio Volume', 77);
    await xapi.Config.SystemUnit.Name.set('After Boot');
    await until(() => a.length >= 1 && b.length >= 1 && name.length >= 1, 'feedback after reconnect');
    // A round trip: the device wrote every copy of that feedback before this answer, so a duplicate would be here.
    await xapi.status.get('Audio Volume');
    assert.deepEqual(a, [77]);
    assert.deepEqual(b, [77]);
    assert.deepEqual(name, ['After Boot']);
  });

  it('survives an abrupt drop of every connection (dropConnections) the same way', async () => {
    xapi = await connect(emu.url, { password: '', reconnect: { initialDelayMs: 20 } });
    const got: unknown[] = [];
    await xapi.Status.Audio.Volume.on(v => got.push(v)).registered;
    const back = new Promise(r => xapi.once('connected', () => r(undefined)));
    emu.dropConnections();
    await back;
    await xapi.status.get('Audio Volume');
    emu.setStatus('Audio Volume', 12);
    await until(() => got.length >= 1, 'feedback');
    await xapi.status.get('Audio Volume'); // round trip: a duplicate delivery would have arrived before its answer
    assert.deepEqual(got, [12]);
  });
});
