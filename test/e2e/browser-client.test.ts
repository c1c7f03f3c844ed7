/**
 * The browser build of the client (`xapi/browser.ts`, bundled by esbuild as IIFE and ESM) running in real
 * Chromium (playwright-core, /usr/bin/chromium) against the emulator over ws:// — native WebSocket,
 * credentials in the `auth-` sub-protocol, request heartbeat, reconnect, typed errors.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { build } from 'esbuild';
import { startEmulator, type Emulator } from '../../emulator/index';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '../..');
const PASSWORD = 'br0wser-Pa55';

describe('browser client in Chromium', function () {
  this.timeout(90_000);
  if (!existsSync(CHROMIUM)) {
    it.skip(`skipped: ${CHROMIUM} is not installed`, () => undefined);
    return;
  }
  let emu: Emulator;
  let server: http.Server;
  let base: string;
  let browser: import('playwright-core').Browser;
  let page: import('playwright-core').Page;
  const bundles: Record<string, string> = {};

  before(async () => {
    for (const format of ['iife', 'esm'] as const) {
      const out = await build({
        entryPoints: [path.join(ROOT, 'xapi/browser.ts')], bundle: true, write: false, platform: 'browser',
        format, globalName: format === 'iife' ? 'XapiBrowser' : undefined, target: 'es2022', logLevel: 'silent',
      });
      bundles[format] = out.outputFiles[0].text;
    }
    emu = await startEmulator({ tls: false, users: [{ username: 'admin', password: PASSWORD, roles: ['Admin', 'User'] }] });
    server = http.createServer((req, res) => {
      if (req.url === '/xapi.js') { res.setHeader('content-type', 'text/javascript'); res.end(bundles.iife); return; }
      if (req.url === '/xapi.mjs') { res.setHeader('content-type', 'text/javascript'); res.end(bundles.esm); return; }
      res.setHeader('content-type', 'text/html');
      res.end('<!doctype html><title>xapi</title><script src="/xapi.js"></script>');
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage();
    // tsx compiles this file with esbuild's keepNames, which wraps named functions in `__name(…)`;
    // functions serialised into the page need that helper there too.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.goto(base + '/');
  });
  after(async () => {
    await browser?.close();
    await new Promise(r => server?.close(r));
    await emu?.stop();
  });

  it('bundles without Node modules (no ws, no node: imports)', () => {
    for (const text of Object.values(bundles)) {
      assert.ok(!/require\(["'](ws|node:|events|buffer|http|https|net|tls)/.test(text), 'no Node requires in the bundle');
    }
  });

  it('connects with the auth- sub-protocol and runs commands, reads, sets and feedback', async () => {
    emu.setStatus('Audio Volume', 44);
    const result = await page.evaluate(async ({ url, password }) => {
      const X = (globalThis as any).XapiBrowser;
      const xapi = await X.connect(url, { username: 'admin', password });
      const out: Record<string, unknown> = { connected: xapi.isConnected };
      out.volume = await xapi.status.get('Audio Volume');
      out.proxyVolume = await xapi.Status.Audio.Volume.get();
      const names: unknown[] = [];
      const sub = xapi.Config.SystemUnit.Name.on((v: unknown) => names.push(v));
      await sub.registered;
      await xapi.Configuration.SystemUnit.Name.set('From Chromium');
      // The device writes the set's feedback right after its answer; this next round trip comes back after it.
      out.dial = await xapi.Command.Dial({ Number: 'bob@example.com' });
      out.names = names;
      try { await xapi.command('Dail'); } catch (e: any) { out.notFound = [e instanceof X.NotFoundError, e.code, e.message]; }
      await xapi.close();
      out.afterClose = xapi.isConnected;
      return out;
    }, { url: emu.url, password: PASSWORD });
    assert.equal(result.connected, true);
    assert.equal(result.volume, 44);
    assert.equal(result.proxyVolume, 44);
    assert.deepEqual(result.names, ['From Chromium']);
    assert.equal((result.dial as { status: string }).status, 'OK');
    assert.deepEqual(result.notFound, [true, -32601, 'xCommand Dail: Method Not Found']);
    assert.equal(result.afterClose, false);
    assert.equal(emu.device.getConfiguration('SystemUnit Name'), 'From Chromium');
  });

  it('a failed connect is a ConnectionError that says browsers hide the cause', async () => {
    const r = await page.evaluate(async ({ url }) => {
      const X = (globalThis as any).XapiBrowser;
      try { await X.connect(url, { username: 'admin', password: 'wrong' }); return 'connected?'; } catch (e: any) {
        return [e instanceof X.ConnectionError, e.name, e.message];
      }
    }, { url: emu.url });
    assert.equal((r as unknown[])[0], true, String(r));
    assert.match((r as string[])[2], /Browsers do not reveal why/);
    assert.ok(!(r as string[])[2].includes('wrong'));
  });

  it('ESM build: request heartbeat, reconnect after a drop with subscriptions restored', async () => {
    const pending = page.evaluate(async ({ base, url, password }) => {
      const X = await import(base + '/xapi.mjs');
      const frames: string[] = [];
      const trace = (d: string, f: string) => {
        frames.push(d + ' ' + f);
        if (d === 'out' && f.includes('"Uptime"')) (globalThis as any).__heartbeatSeen = true;
      };
      const xapi = await X.connect(url, {
        username: 'admin', password, heartbeat: { intervalMs: 100, timeoutMs: 10_000 },
        reconnect: { initialDelayMs: 50, maxDelayMs: 100 }, trace,
      });
      // The password in a credential field: the trace must show it redacted (the login travels in the sub-protocol).
      await xapi.command('UserManagement User Passphrase Set', { Username: 'admin', OldPassphrase: password, NewPassphrase: password }).catch(() => undefined);
      const vols: unknown[] = [];
      let firstVolume!: () => void;
      const gotVolume = new Promise<void>(r => { firstVolume = r; });
      await xapi.Status.Audio.Volume.on((v: unknown) => { vols.push(v); firstVolume(); }).registered;
      (globalThis as any).__drop = true;
      const events: string[] = [];
      xapi.on('disconnected', () => events.push('disconnected'));
      await new Promise<void>(r => xapi.once('connected', () => { events.push('connected'); r(); }));
      await xapi.status.get('Audio Volume');
      (globalThis as any).__ready = true;
      await gotVolume;
      // A round trip: a duplicate delivery (a subscription restored twice) would have arrived before this answer.
      await xapi.status.get('Audio Volume');
      const before = [...events];
      await xapi.close();
      return {
        vols, events: before, heartbeat: frames.some(f => f.startsWith('out') && f.includes('"Uptime"')),
        redactedSet: frames.some(f => f.startsWith('out') && f.includes('"OldPassphrase":"***","NewPassphrase":"***"')),
        leaked: frames.some(f => f.includes(password)),
      };
    }, { base, url: emu.url, password: PASSWORD });
    await page.waitForFunction(() => (globalThis as any).__drop === true, undefined, { polling: 50 });
    await page.waitForFunction(() => (globalThis as any).__heartbeatSeen === true, undefined, { polling: 50 });
    emu.dropConnections();
    await page.waitForFunction(() => (globalThis as any).__ready === true, undefined, { polling: 50 });
    emu.setStatus('Audio Volume', 71);
    const r = await pending;
    assert.deepEqual(r.vols, [71]);
    assert.deepEqual(r.events, ['disconnected', 'connected']);
    assert.equal(r.heartbeat, true);
    assert.equal(r.redactedSet, true);
    assert.equal(r.leaked, false);
  });
});
