/**
 * What a user sees while the device reboots: the emulator's SystemUnit Boot answers upgrades with HTTP 502 until
 * it is back, over a real socket. Every `error` and `reconnecting` event must carry that reason, never ws's
 * "WebSocket was closed before the connection was established" (which our own abort of the failed handshake caused).
 */
import assert from 'node:assert/strict';
import { ManualClock, startEmulator, type Emulator } from '../../emulator/index';
import { ConnectionError, connect, type ReconnectingInfo, type Xapi, type XapiError } from '../../xapi/index';
import { until } from './client-mockPeer';

describe('client during a reboot (HTTP 502)', () => {
  let emu: Emulator;
  let xapi: Xapi | undefined;
  const clock = new ManualClock();
  before(async () => { emu = await startEmulator({ tls: false, clock, bootDelayMs: 3000 }); });
  after(async () => { await xapi?.close(); await emu.stop(); });

  it('reports the 502 reason in error and reconnecting events, then comes back', async () => {
    const x = xapi = await connect(emu.url, { reconnect: { initialDelayMs: 10, maxDelayMs: 20 } });
    const errors: XapiError[] = [];
    const retries: ReconnectingInfo[] = [];
    x.on('error', e => errors.push(e));
    x.on('reconnecting', info => retries.push(info));
    await x.command('SystemUnit Boot');
    await until(() => retries.filter(r => r.lastError).length >= 3, 'three attempts refused while rebooting');
    const refused = retries.filter(r => r.lastError).map(r => r.lastError!);
    for (const e of [...errors, ...refused]) {
      assert.ok(e instanceof ConnectionError, `${e.name}: ${e.message}`);
      assert.match(e.message, /HTTP 502 \(the device is probably restarting\)/);
      assert.doesNotMatch(e.message, /closed before the connection/);
      assert.deepEqual(e.data, { status: 502 });
    }
    assert.ok(errors.length >= 2, 'each refused attempt is reported as an error event');
    const back = new Promise<void>(r => x.once('connected', () => r()));
    clock.advance(3000);
    await back;
    assert.equal(x.state, 'open');
  });
});
