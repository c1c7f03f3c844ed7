/**
 * The Webex cloud transport through an HTTP proxy (xapi/cloud/http.ts): Node's own fetch ignores the proxy
 * variables, so the client goes through undici's agents when a proxy is given or `HTTPS_PROXY`/`HTTP_PROXY` is set,
 * (`NO_PROXY` applied by undici's own agent), but never for loopback. The proxy here is a real one on loopback (CONNECT tunnels and absolute-form requests),
 * recording what passed through it.
 */
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import { connect as netConnect, type AddressInfo } from 'node:net';
import { startSimulatedCloud, type SimulatedCloud } from '../../emulator/cloud/server';
import { connect } from '../../xapi/index';
import { proxySetting } from '../../xapi/cloud/http';

function startProxy(): Promise<{ url: string; seen: string[]; server: Server }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    // Absolute-form: `GET http://host:port/path`.
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const up = request({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers }, r => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => { res.writeHead(502); res.end(); });
    req.pipe(up);
  });
  server.on('connect', (req, socket, head) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const up = netConnect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server })));
}

describe('Webex cloud transport through a proxy', function () {
  this.timeout(30_000);
  let cloud: SimulatedCloud;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  const saved: Record<string, string | undefined> = {};
  const VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];

  before(async () => {
    cloud = await startSimulatedCloud({ fleet: 1 });
    proxy = await startProxy();
    for (const v of VARS) saved[v] = process.env[v];
  });
  after(async () => {
    await cloud.stop();
    proxy.server.closeAllConnections();
    await new Promise(r => proxy.server.close(r));
  });
  beforeEach(() => { proxy.seen.length = 0; for (const v of VARS) delete process.env[v]; });
  afterEach(() => { for (const v of VARS) if (saved[v] === undefined) delete process.env[v]; else process.env[v] = saved[v]; });

  const viaProxy = () => proxy.seen.filter(s => s.includes(`127.0.0.1:${new URL(cloud.baseUrl).port}`));

  async function readVolume(options: { proxy?: string } = {}): Promise<unknown> {
    const x = await connect(`webex://${cloud.devices[0].id}`, { token: cloud.tokens[0].token, baseUrl: cloud.baseUrl, ...options });
    try { return await x.status.get('Audio Volume'); } finally { await x.close(); }
  }

  it('without a proxy setting, requests go straight to the cloud', async () => {
    assert.equal(typeof await readVolume(), 'number');
    assert.deepEqual(proxy.seen, []);
  });

  it('an explicit proxy (VS Code\'s http.proxy) carries every request', async () => {
    assert.equal(typeof await readVolume({ proxy: proxy.url }), 'number');
    assert.ok(viaProxy().length >= 1, `through the proxy: ${JSON.stringify(proxy.seen)}`);
  });

  it('the environment\'s proxy is not used for loopback (the simulated cloud): no proxy can reach it', async () => {
    process.env.HTTP_PROXY = proxy.url;
    process.env.HTTPS_PROXY = proxy.url;
    assert.equal(typeof await readVolume(), 'number');
    assert.deepEqual(proxy.seen, []);
  });

  it('which proxy a base URL takes: the given one always, the environment\'s for any other host', () => {
    const webex = new URL('https://webexapis.com/v1');
    const local = new URL(cloud.baseUrl);
    assert.deepEqual(proxySetting(webex, 'http://corp:3128', {}), { url: 'http://corp:3128' });
    assert.deepEqual(proxySetting(local, 'http://corp:3128', {}), { url: 'http://corp:3128' });
    assert.equal(proxySetting(webex, undefined, { HTTPS_PROXY: 'http://corp:3128' }), 'environment');
    assert.equal(proxySetting(webex, undefined, { http_proxy: 'http://corp:3128' }), 'environment');
    assert.equal(proxySetting(webex, undefined, {}), undefined);
    assert.equal(proxySetting(local, undefined, { HTTPS_PROXY: 'http://corp:3128' }), undefined);
  });
});
