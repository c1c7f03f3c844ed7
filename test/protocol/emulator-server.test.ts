/** The emulator's WebSocket server: login forms, refusals, TLS, limits, load, stalled clients, reboot. */
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { coreSchema } from '../../schema/core';
import { Device, EmulatorError, ManualClock, startEmulator } from '../../emulator';
import { startServer } from '../../emulator/server';
import { selfSignedCertificate } from '../../emulator/tls';
import { authProtocol, basicHeader, harness, Harness, RawClient, USERS } from './emulator-support';
import { waitFor } from '../support/waitFor';

function upgradeStatus(url: string, opts: { headers?: Record<string, string>; protocols?: string[] } = {}): Promise<number> {
  return new Promise(resolve => {
    const ws = new WebSocket(url, opts.protocols ?? [], { headers: opts.headers });
    ws.on('unexpected-response', (_req, res) => { resolve(res.statusCode ?? 0); ws.terminate(); });
    ws.on('open', () => { resolve(101); ws.close(); });
    ws.on('error', () => resolve(-1));
  });
}

describe('emulator server', () => {
  describe('login and paths (ws://)', () => {
    let h: Harness;
    before(async () => { h = await harness({ users: USERS }); });
    after(() => h.stop());

    it('accepts the Basic header', async () => {
      const c = await RawClient.open(h.emu.url, { user: 'user', pass: 'userpw', form: 'basic' });
      assert.equal((await c.request('xGet', { Path: ['Status', 'Audio', 'Volume'] })).result, 50);
      c.close();
    });

    it('accepts the auth- subprotocol (base64url and standard base64) and echoes it', async () => {
      const c = await RawClient.open(h.emu.url, { user: 'admin', pass: 'secret', form: 'subprotocol' });
      assert.equal(c.ws.protocol, authProtocol('admin', 'secret'));
      c.close();
      const std = 'auth-' + Buffer.from('plus:pw~~100').toString('base64');
      assert.ok(std.includes('+'), 'standard alphabet, not base64url');
      assert.equal(await upgradeStatus(h.emu.url, { protocols: [std] }), 101);
    });

    it('wrong or missing credentials → 403 and no upgrade', async () => {
      assert.equal(await upgradeStatus(h.emu.url, { headers: { Authorization: basicHeader('admin', 'nope') } }), 403);
      assert.equal(await upgradeStatus(h.emu.url, { protocols: [authProtocol('ghost', 'x')] }), 403);
      assert.equal(await upgradeStatus(h.emu.url), 403);
      assert.equal(await upgradeStatus(h.emu.url, { headers: { Authorization: 'Basic !!!' } }), 403);
    });

    it('other paths → 404; /ws/ is accepted', async () => {
      const base = h.emu.url.replace(/\/ws$/, '');
      assert.equal(await upgradeStatus(base + '/websocket', { headers: { Authorization: basicHeader('admin', 'secret') } }), 404);
      assert.equal(await upgradeStatus(base + '/', { headers: { Authorization: basicHeader('admin', 'secret') } }), 404);
      assert.equal(await upgradeStatus(base + '/ws/', { headers: { Authorization: basicHeader('admin', 'secret') } }), 101);
    });

    it('answers pings', async () => {
      const c = await RawClient.open(h.emu.url, { user: 'admin', pass: 'secret' });
      const pong = new Promise<string>(resolve => c.ws.once('pong', d => resolve(d.toString())));
      c.ws.ping('hello');
      assert.equal(await pong, 'hello');
      c.close();
    });
  });

  describe('TLS', () => {
    it('uses a generated self-signed certificate: rejected without ca, accepted with it', async () => {
      const emu = await startEmulator({ schema: coreSchema() });
      try {
        assert.match(emu.url, /^wss:\/\/127\.0\.0\.1:\d+\/ws$/);
        assert.match(emu.certificate!, /BEGIN CERTIFICATE/);
        await assert.rejects(RawClient.open(emu.url), (e: Error & { code?: string }) => /self.signed|certificate/i.test(`${e.code} ${e.message}`));
        const ok = await RawClient.open(emu.url, { ca: emu.certificate });
        assert.equal((await ok.request('xGet', { Path: ['Status', 'Audio', 'Volume'] })).result, 50);
        ok.close();
      } finally {
        await emu.stop();
      }
    });
  });

  describe('TLS with a given certificate', () => {
    it('serves the key and certificate it was given', async () => {
      const given = await selfSignedCertificate('127.0.0.1');
      const emu = await startEmulator({ schema: coreSchema(), tls: given });
      try {
        assert.equal(emu.certificate, given.cert);
        const ok = await RawClient.open(emu.url, { ca: given.cert });
        assert.equal((await ok.request('xGet', { Path: ['Status', 'Audio', 'Volume'] })).result, 50);
        ok.close();
      } finally { await emu.stop(); }
    });
  });

  describe('limits and load', () => {
    it('closes with 1009 on a frame above maxPayload', async () => {
      const h = await harness({ maxPayload: 4096 });
      try {
        const c = await RawClient.open(h.emu.url);
        c.sendRaw(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'xGet', params: { Path: ['Status', 'x'.repeat(5000)] } }));
        assert.equal((await c.closed).code, 1009);
        const d = await RawClient.open(h.emu.url);
        assert.equal((await d.request('xGet', { Path: ['Status', 'Audio', 'Volume'] })).result, 50, 'the server lives on');
        d.close();
      } finally { await h.stop(); }
    });

    it('the default limit is 1 MiB', async () => {
      const h = await harness();
      try {
        const c = await RawClient.open(h.emu.url);
        const frame = (pad: number) => JSON.stringify({ jsonrpc: '2.0', id: pad, method: 'xGet', params: { Path: ['Status'], Pad: 'x'.repeat(pad) } });
        const under = 1024 * 1024 - frame(0).length - 10;
        c.sendRaw(frame(under));
        assert.ok((await c.waitFor(m => m.id === under)).result, 'a frame just under 1 MiB is served');
        c.sendRaw(frame(1024 * 1024));
        assert.equal((await c.closed).code, 1009);
      } finally { await h.stop(); }
    });

    it('serves 200 concurrent clients', async () => {
      const h = await harness();
      try {
        const clients = await Promise.all(Array.from({ length: 200 }, () => RawClient.open(h.emu.url)));
        const results = await Promise.all(clients.map(async (c, i) => {
          const sub = await c.request('xFeedback/Subscribe', { Query: ['Status', 'Audio', 'Volume'] });
          await c.request('xCommand/Audio/Volume/Set', { Level: i % 101 });
          return sub.result.Id;
        }));
        assert.ok(results.every(id => id === 0));
        h.emu.setStatus('Audio Volume', 77);
        const evs = await Promise.all(clients.map(c => c.waitFor(m => m.method === 'xFeedback/Event' && m.params.Status.Audio.Volume === 77)));
        assert.equal(evs.length, 200);
        for (const c of clients) c.close();
      } finally { await h.stop(); }
    });

    it('a stalled client does not hold up the others, and is dropped when its buffer overflows', async () => {
      const h = await harness({ maxBufferedBytes: 64 * 1024 });
      try {
        const stalled = await RawClient.open(h.emu.url);
        const others = await Promise.all(Array.from({ length: 5 }, () => RawClient.open(h.emu.url)));
        (stalled.ws as unknown as { _socket: { pause(): void } })._socket.pause();
        for (let i = 0; i < 3000; i++) stalled.sendRaw(JSON.stringify({ jsonrpc: '2.0', id: i, method: 'xGet', params: { Path: ['Status'] } }));
        const done = await Promise.all(others.map(async c => {
          for (let i = 0; i < 50; i++) await c.request('xGet', { Path: ['Status', 'Audio', 'Volume'] });
          return true;
        }));
        assert.deepEqual(done, [true, true, true, true, true]);
        await waitFor('the stalled client to be dropped', () => h.emu.device.sessionCount <= 5);
        assert.equal(h.emu.device.sessionCount, 5, 'the stalled client was dropped');
        for (const c of others) c.close();
        stalled.ws.terminate();
      } finally { await h.stop(); }
    });
  });

  describe('SystemUnit Boot, restart and dropConnections', () => {
    it('answers, drops every connection, refuses with 502 (a rebooting device) while booting, comes back with fresh statuses', async () => {
      const h = await harness({ bootDelayMs: 2000 });
      try {
        const c = await RawClient.open(h.emu.url);
        const other = await RawClient.open(h.emu.url);
        await c.request('xCommand/Audio/Volume/Set', { Level: 10 });
        await c.request('xSet', { Path: ['Configuration', 'Audio', 'DefaultVolume'], Value: 33 });
        await c.request('xCommand/Macros/Macro/Save', { Name: 'kept', body: '' });
        h.clock.advance(60_000);
        assert.equal((await c.request('xGet', { Path: ['Status', 'SystemUnit', 'Uptime'] })).result, 60);
        const r = await c.request('xCommand/SystemUnit/Boot');
        assert.deepEqual(r.result, { status: 'OK' });
        assert.notEqual((await c.closed).code, 1000);
        await other.closed;
        assert.equal(await upgradeStatus(h.emu.url, { headers: { Authorization: basicHeader('admin', '') } }), 502);
        h.clock.advance(2000);
        const back = await RawClient.open(h.emu.url);
        assert.equal((await back.request('xGet', { Path: ['Status', 'Audio', 'Volume'] })).result, 50);
        assert.equal((await back.request('xGet', { Path: ['Status', 'SystemUnit', 'Uptime'] })).result, 0);
        assert.equal((await back.request('xGet', { Path: ['Configuration', 'Audio', 'DefaultVolume'] })).result, 33);
        assert.equal((await back.request('xCommand/Macros/Macro/Get', { Name: 'kept' })).result.Macro[0].Name, 'kept');
        back.close();
      } finally { await h.stop(); }
    });

    it('with notReadyMs, answers -31997 Not Ready for a while after the boot, then serves', async () => {
      const h = await harness({ bootDelayMs: 1000, notReadyMs: 2000 });
      try {
        const first = await RawClient.open(h.emu.url);
        assert.equal((await first.request('xGet', { Path: ['Status', 'Audio', 'Volume'] })).result, 50, 'no Not Ready at first start');
        const back = h.emu.restart();
        await first.closed;
        h.clock.advance(1000);
        await back;
        const c = await RawClient.open(h.emu.url);
        assert.deepEqual((await c.request('xGet', { Path: ['Status', 'Audio', 'Volume'] })).error, { code: -31997, message: 'Not Ready' });
        assert.deepEqual((await c.request('xCommand/Standby/Activate')).error, { code: -31997, message: 'Not Ready' });
        h.clock.advance(2000);
        assert.equal((await c.request('xGet', { Path: ['Status', 'Standby', 'State'] })).result, 'Off', 'the refused command did not run');
        c.close();
      } finally { await h.stop(); }
    });

    it('stop() during a restart rejects restart() with EmulatorError rather than leaving it pending', async () => {
      const h = await harness({ bootDelayMs: 500 });
      const restarted = h.emu.restart();
      await h.stop();
      await assert.rejects(restarted, EmulatorError);
    });

    it('stop() during a SystemUnit Boot leaves no unhandled rejection', async () => {
      const h = await harness({ bootDelayMs: 500 });
      const unhandled: unknown[] = [];
      const onUnhandled = (e: unknown) => unhandled.push(e);
      process.on('unhandledRejection', onUnhandled);
      try {
        const c = await RawClient.open(h.emu.url);
        assert.deepEqual((await c.request('xCommand/SystemUnit/Boot')).result, { status: 'OK' });
        await c.closed;
        await h.stop();
        await new Promise(resolve => setImmediate(resolve));
        assert.deepEqual(unhandled, []);
      } finally { process.off('unhandledRejection', onUnhandled); }
    });

    it('dropConnections closes every socket abnormally; restart() resolves when the device is back', async () => {
      const h = await harness({ bootDelayMs: 500 });
      try {
        const a = await RawClient.open(h.emu.url);
        h.emu.dropConnections();
        assert.equal((await a.closed).code, 1006);
        const b = await RawClient.open(h.emu.url);
        const restarted = h.emu.restart();
        await b.closed;
        h.clock.advance(500);
        await restarted;
        const c2 = await RawClient.open(h.emu.url);
        c2.close();
      } finally { await h.stop(); }
    });
  });
});

describe('emulator server errors after start-up', () => {
  it('an http server error (accept EMFILE) is reported through the device and the server keeps serving', async () => {
    const device = new Device({ schema: coreSchema(), clock: new ManualClock() });
    const reported: EmulatorError[] = [];
    device.onError(e => reported.push(e));
    const srv = await startServer(device, { host: '127.0.0.1', port: 0, tls: false, maxPayload: 1 << 20, maxBufferedBytes: 1 << 20 });
    try {
      // Running out of descriptors cannot be provoked portably here: raise the error the way net.Server does.
      const emfile = Object.assign(new Error('accept EMFILE'), { code: 'EMFILE', syscall: 'accept' });
      srv.httpServer.emit('error', emfile);
      assert.equal(reported.length, 1);
      assert.equal(reported[0].cause, emfile);
      assert.match(reported[0].message, /^server: accept EMFILE/);
      const c = await RawClient.open(srv.url, { user: 'admin', pass: '' });
      assert.equal((await c.request('xGet', { Path: ['Status', 'Audio', 'Volume'] })).result, 50);
      c.close();
    } finally {
      device.dispose();
      await srv.close();
    }
  });

  it('Emulator.onError receives the device\'s reports', async () => {
    const h = await harness();
    try {
      const seen: string[] = [];
      const off = h.emu.onError(e => seen.push(e.message));
      h.emu.device.reportError(new Error('x'), 'test');
      off();
      h.emu.device.onError(() => undefined);
      h.emu.device.reportError(new Error('y'), 'test');
      assert.deepEqual(seen, ['test: x']);
    } finally { await h.stop(); }
  });
});
