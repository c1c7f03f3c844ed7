/**
 * The extension host's helpers that need no VS Code, against the simulated device over real sockets (port 0,
 * loopback): the device-schema cache (client/deviceSchema.ts) and reading the certificate a device presents before
 * it is trusted (xapi/certificate.ts).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createServer } from 'node:net';
import { startEmulator, type Emulator } from '../../emulator/index';
import { connect, type Xapi } from '../../xapi/index';
import { DeviceSchemaCache } from '../../client/deviceSchema';
import { fetchPresentedCertificate } from '../../xapi/certificate';
import { parseSchemaJson } from '../../schema/sources';
import { closedPort } from '../support/closedPort';

const USERS = [{ username: 'admin', password: 'pw', roles: ['Admin'] as string[] }];

describe('extension host helpers: the device schema cache', () => {
  let emu: Emulator;
  let xapi: Xapi;
  let dir: string;
  const device = { product: 'Cisco Room Kit', softwareVersion: 'ce11.27.1.0 abc/def' } as const;

  before(async () => {
    emu = await startEmulator({ tls: false, users: USERS });
    xapi = await connect(emu.url, { username: 'admin', password: 'pw' });
  });
  after(async () => { await xapi.close(); await emu.stop(); });
  beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'xapi-device-schemas-')); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it('reads the device\'s documents once per product and version, then from the cache; they parse as a schema', async () => {
    const cache = new DeviceSchemaCache(dir);
    const first = await cache.load(xapi, device as any);
    assert.equal(first.fromCache, false);
    const schema = parseSchemaJson(first.docs, device.softwareVersion);
    assert.ok(Object.keys(schema).length > 0);
    const again = await cache.load(xapi, device as any);
    assert.equal(again.fromCache, true);
    assert.deepEqual(again.docs, first.docs);
    assert.deepEqual(readdirSync(dir), [path.basename(cache.fileFor(device as any))], 'one file, no temporary left');
    assert.match(path.basename(cache.fileFor(device as any)), /^[A-Za-z0-9._-]+\.json$/, 'a name safe on any file system');
    const other = await cache.load(xapi, { ...device, softwareVersion: 'ce11.28' } as any);
    assert.equal(other.fromCache, false, 'another version is read again');
  });

  it('a corrupt or non-object cache file is read again from the device, and replaced', async () => {
    const cache = new DeviceSchemaCache(dir);
    for (const junk of ['{ half a fi', '[1, 2]', 'null']) {
      writeFileSync(cache.fileFor(device as any), junk);
      const r = await cache.load(xapi, device as any);
      assert.equal(r.fromCache, false, junk);
      assert.ok(JSON.parse(readFileSync(cache.fileFor(device as any), 'utf8')), 'replaced with the documents');
    }
  });
});

describe('extension host helpers: the certificate a device presents', () => {
  it('is read without trusting it: PEM, SHA-256 fingerprint and subject, the same the device serves', async () => {
    const emu = await startEmulator({ users: USERS });
    try {
      const cert = await fetchPresentedCertificate(emu.url);
      assert.equal(cert.pem.trim(), emu.certificate?.trim());
      assert.match(cert.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      assert.ok(cert.subject.length > 0);
      // Pinned, the same certificate verifies the device (verification stays on).
      const pinned = await connect(emu.url, { username: 'admin', password: 'pw', ca: cert.pem, reconnect: false });
      await pinned.close();
    } finally {
      await emu.stop();
    }
  });

  it('a device without TLS, a port with no listener and one that never answers fail with a clear message', async () => {
    const plain = await startEmulator({ tls: false, users: USERS });
    try {
      await assert.rejects(fetchPresentedCertificate(plain.url), /does not use TLS \(ws:\)/);
    } finally {
      await plain.stop();
    }
    const port = await closedPort();
    await assert.rejects(fetchPresentedCertificate(`wss://127.0.0.1:${port}/ws`), /ECONNREFUSED/);

    // A listener that accepts and says nothing: the timeout names the host.
    const silent = createServer(() => undefined);
    await new Promise<void>(r => silent.listen(0, '127.0.0.1', r));
    const silentPort = (silent.address() as { port: number }).port;
    try {
      await assert.rejects(fetchPresentedCertificate(`wss://127.0.0.1:${silentPort}/ws`, 200), new RegExp(`no TLS answer from 127\\.0\\.0\\.1:${silentPort} within 200 ms`));
    } finally {
      silent.close();
    }
  });
});
