/**
 * Connection-level behaviour of the client against a scripted raw `ws` peer (a mock peer: these cases need a
 * server that misbehaves — silence, garbage frames, HTTP 403, its own self-signed certificate — which the
 * emulator never does). API behaviour against the real emulator is in client-api/client-reconnect tests.
 */
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { generate } from 'selfsigned';
import {
  AuthenticationError, CommandError, ConnectionClosedError, ConnectionError, InvalidParameterError, NotFoundError, NotReadyError,
  PermissionDeniedError, SubscriptionLimitError, TimeoutError, TlsError, XapiError,
  XapiClient, connect, resolveUrl, type ReconnectingInfo, type Xapi,
} from '../../xapi/index';
import { createNodeTransport } from '../../xapi/transport-node';
import { ok, startMockPeer, until, type MockPeer, type MockPeerOptions } from './client-mockPeer';
import { connect as browserConnect } from '../../xapi/browser';
import WebSocket from 'ws';

const PASSWORD = 'Pa55-w0rd:Zebra';
const open: Array<{ close(): Promise<void> }> = [];
async function peer(opts: MockPeerOptions = {}): Promise<MockPeer> { const p = await startMockPeer(opts); open.push(p); return p; }
async function client(url: string, opts: Parameters<typeof connect>[1] = {}): Promise<Xapi> {
  const x = await connect(url, { username: 'admin', password: PASSWORD, ...opts });
  open.push(x);
  return x;
}
const silent = () => undefined;

afterEach(async () => { while (open.length) await open.pop()!.close().catch(() => undefined); });

describe('client connection', () => {
  describe('URL', () => {
    it('defaults to wss://host/ws and keeps full URLs, ports and query', () => {
      assert.equal(resolveUrl('room-kit.local').url, 'wss://room-kit.local/ws');
      assert.equal(resolveUrl('10.0.0.5:8443').url, 'wss://10.0.0.5:8443/ws');
      assert.equal(resolveUrl('ws://10.0.0.5').url, 'ws://10.0.0.5/ws');
      assert.equal(resolveUrl('ws://10.0.0.5:8080/ws?legacy').url, 'ws://10.0.0.5:8080/ws?legacy');
      assert.equal(resolveUrl('https://[::1]:9443').url, 'wss://[::1]:9443/ws');
      assert.equal(resolveUrl('wss://codec.example.com:8443/custom/path').url, 'wss://codec.example.com:8443/custom/path');
      assert.equal(resolveUrl('  codec.example.com/ws  ').url, 'wss://codec.example.com/ws');
    });
    it('takes credentials out of the URL', () => {
      const r = resolveUrl('wss://bob:s%40fe@codec/ws');
      assert.deepEqual(r, { url: 'wss://codec/ws', username: 'bob', password: 's@fe' });
    });
    it('rejects what is not a host or ws URL with a clear error', () => {
      assert.throws(() => resolveUrl(''), /host name or a ws/);
      assert.throws(() => resolveUrl('ftp://x'), /Unsupported URL scheme "ftp:"/);
    });
  });

  describe('authentication and connect failures', () => {
    it('sends credentials as an Authorization: Basic header', async () => {
      const p = await peer();
      await client(p.url);
      assert.equal(p.authHeaders[0], 'Basic ' + Buffer.from(`admin:${PASSWORD}`).toString('base64'));
    });

    for (const status of [403, 401]) {
      it(`maps HTTP ${status} on the upgrade to AuthenticationError, without retrying`, async () => {
        const p = await peer({ rejectWith: status });
        const err = await connect(p.url, { password: PASSWORD }).catch(e => e);
        assert.ok(err instanceof AuthenticationError, String(err));
        assert.match(err.message, new RegExp(`HTTP ${status}`));
        // connect() is `new XapiClient(nodeTransport…).start()`; built by hand here to see the client after the failure.
        // A retry would be scheduled synchronously (a `reconnecting` event, state `reconnecting`), 1 ms later.
        const x = new XapiClient(() => createNodeTransport({ url: p.url, username: 'admin', password: PASSWORD }), p.url, { reconnect: { initialDelayMs: 1 } });
        const reconnecting: ReconnectingInfo[] = [];
        x.on('reconnecting', info => reconnecting.push(info));
        await assert.rejects(x.start(), AuthenticationError);
        assert.equal(x.state, 'closed');
        assert.deepEqual(reconnecting, []);
        assert.equal(p.upgrades, 2, 'one attempt per start, none after');
      });
    }

    it('stops reconnecting when the device starts refusing the credentials (no retry storm)', async () => {
      const opts: MockPeerOptions = {};
      const p = await peer(opts);
      const x = await client(p.url, { reconnect: { initialDelayMs: 10, maxDelayMs: 20 } });
      const errors: XapiError[] = [];
      const reconnecting: ReconnectingInfo[] = [];
      x.on('error', e => errors.push(e));
      x.on('reconnecting', info => reconnecting.push(info));
      opts.rejectWith = 403;
      p.dropAll();
      await until(() => errors.some(e => e instanceof AuthenticationError), 'AuthenticationError event');
      // Another retry would have been scheduled before the error event (state `reconnecting`, a second event).
      assert.equal(x.state, 'closed');
      assert.equal(reconnecting.length, 1);
      assert.equal(p.upgrades, 2, 'one connect, one reconnect attempt, then stop');
      await assert.rejects(x.status.get('Audio Volume'), ConnectionClosedError);
    });

    it('maps 502 to ConnectionError (device restarting)', async () => {
      const p = await peer({ rejectWith: 502 });
      await assert.rejects(connect(p.url), (e: Error) => e instanceof ConnectionError && /HTTP 502.*restarting/.test(e.message));
    });

    it('maps a refused connection to ConnectionError', async () => {
      const p = await peer();
      const url = p.url;
      await p.close();
      await assert.rejects(connect(url), (e: Error) => e instanceof ConnectionError && /connection refused/.test(e.message) && e.message.includes(url));
    });

    it('maps an unknown host to ConnectionError', async () => {
      await assert.rejects(connect('ws://no-such-host.invalid'), (e: Error) => e instanceof ConnectionError && /unknown host/.test(e.message));
    });
  });

  describe('TLS', () => {
    let tls: { cert: string; key: string };
    before(async () => {
      const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
        keySize: 2048,
        extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
      } as never);
      tls = { cert: pems.cert, key: pems.private };
    });

    it('rejects a self-signed certificate with TlsError that suggests ca first, turning verification off last', async () => {
      const p = await peer({ tls });
      const err = await connect(p.url).catch(e => e);
      assert.ok(err instanceof TlsError, String(err));
      assert.match(err.message, /device's certificate as \{ ca: <PEM> \}.*, or \{ allowSelfSignedTls: true \} to turn off certificate verification for this connection/);
    });

    it('accepts it with allowSelfSignedTls, per connection only', async () => {
      const p = await peer({ tls });
      const x = await client(p.url, { allowSelfSignedTls: true });
      assert.equal(x.isConnected, true);
      await assert.rejects(connect(p.url), TlsError);
    });

    it('accepts it when its certificate is given as ca', async () => {
      const p = await peer({ tls });
      const x = await client(p.url, { ca: tls.cert });
      assert.deepEqual(await x.command('Dial', { Number: 'x' }), { status: 'OK' });
    });
  });

  describe('requests', () => {
    it('times out with TimeoutError naming the path; per-call timeouts override', async () => {
      const p = await peer({ onRequest: silent });
      const x = await client(p.url, { timeoutMs: 100 });
      const err = await x.status.get('Audio Volume').catch(e => e);
      assert.ok(err instanceof TimeoutError, String(err));
      assert.match(err.message, /xGet Status Audio Volume: no answer within 100 ms/);
      const started = x.command('Dial', { Number: 'a' }, undefined, { timeoutMs: 0 });
      const late = x.status.get('Audio Volume', { timeoutMs: 50 });
      await assert.rejects(late, TimeoutError);
      await x.close();
      await assert.rejects(started, ConnectionClosedError, 'timeoutMs 0 waits until closed');
    });

    it('rejects all of 1,000 pending requests with ConnectionClosedError when the socket dies', async () => {
      const p = await peer({ onRequest: silent });
      const x = await client(p.url, { reconnect: { initialDelayMs: 20 } });
      const calls = Array.from({ length: 1000 }, (_, i) => i % 2 ? x.status.get(['Call', i, 'Status']) : x.Command.Dial({ Number: String(i) }));
      await until(() => p.requests.length === 1000, '1,000 requests at the server');
      p.dropAll();
      const settled = await Promise.allSettled(calls);
      assert.equal(settled.filter(s => s.status === 'rejected' && s.reason instanceof ConnectionClosedError).length, 1000);
      assert.match((settled[1] as PromiseRejectedResult).reason.message, /xGet Status Call\[1\] Status: connection closed before the answer arrived/);
    });

    it('queues calls made while reconnecting and sends them once connected', async () => {
      const opts: MockPeerOptions = { onRequest: req => ok(req, 42) };
      const p = await peer(opts);
      const x = await client(p.url, { reconnect: { initialDelayMs: 50, maxDelayMs: 50 } });
      opts.rejectWith = 502;
      const reconnecting = new Promise<ReconnectingInfo>(r => x.once('reconnecting', r));
      p.dropAll();
      const info = await reconnecting;
      assert.equal(info.attempt, 1);
      assert.ok(info.delayMs >= 35 && info.delayMs <= 65, `50 ms ± 30 % jitter, got ${info.delayMs}`);
      assert.equal(x.isConnected, false);
      assert.equal(x.state, 'reconnecting');
      const queued = x.status.get('Audio Volume');
      const bounded = x.status.get('Audio Volume', { timeoutMs: 30 });
      const bErr = await bounded.catch(e => e);
      assert.ok(bErr instanceof TimeoutError && /waiting for a connection/.test(bErr.message), String(bErr));
      opts.rejectWith = undefined;
      assert.equal(await queued, 42);
      assert.equal(x.isConnected, true);
    });

    it('close() rejects pending calls, refuses new ones and emits disconnected', async () => {
      const p = await peer({ onRequest: silent });
      const x = await client(p.url);
      const reasons: string[] = [];
      x.on('disconnected', r => reasons.push(r));
      const pending = x.config.get('SystemUnit Name');
      await until(() => p.requests.length === 1, 'request at server');
      await x.close();
      await assert.rejects(pending, ConnectionClosedError);
      await assert.rejects(x.config.set('SystemUnit Name', 'x'), ConnectionClosedError);
      assert.deepEqual(reasons, ['closed by the client']);
      assert.equal(x.isConnected, false);
    });

    it('`await using` closes the connection at the end of the block, like CSxAPI', async () => {
      const p = await peer({ onRequest: silent });
      let pending: Promise<unknown> | undefined;
      let seen: Xapi | undefined;
      {
        await using x = await connect(p.url);
        seen = x;
        pending = x.status.get('Audio Volume');
        await until(() => p.requests.length === 1, 'request at server');
      }
      assert.equal(seen.state, 'closed');
      await assert.rejects(pending, ConnectionClosedError);
    });

    it('command(path, null, body), command(path, body) and Command.X(null, body) send the body, as jsxapi does', async () => {
      const p = await peer();
      const x = await client(p.url);
      const xml = '<Extensions/>';
      await x.command('UserInterface Extensions Set', null as never, xml);
      await x.command('UserInterface Extensions Set', xml);
      await x.Command.UserInterface.Extensions.Set(null as never, xml);
      assert.deepEqual(p.requests.map(r => [r.method, r.params]), new Array(3).fill(['xCommand/UserInterface/Extensions/Set', { body: xml }]));
    });

    it('rejects bad arguments with typed errors before sending', async () => {
      const p = await peer();
      const x = await client(p.url);
      await assert.rejects(x.command('Message Alert Display', { Text: 'a\nb' }), /may not contain newlines/);
      await assert.rejects(x.status.get(null as never), /must be a string or an array/);
      await assert.rejects(x.config.set('SystemUnit Name', { x: 1 } as never), /must be a string or a number/);
      assert.equal(p.requests.length, 0);
    });
  });

  describe('malformed frames (mock peer)', () => {
    it('reports each as an error event, never crashes, and keeps working', async () => {
      const p = await peer({
        onRequest: req => req.method === 'xGet' && (req.params.Path as string[])[1] === 'Bad'
          ? JSON.stringify({ jsonrpc: '2.0', id: req.id })
          : ok(req, 'fine'),
      });
      const x = await client(p.url);
      const errors: XapiError[] = [];
      x.on('error', e => errors.push(e));
      const frames = ['not json{', '[1,2,3]', 'null', '{"jsonrpc":"2.0","id":987654,"result":1}',
        '{"jsonrpc":"2.0","method":"xFeedback/Event"}', '{"jsonrpc":"2.0","method":"xSomething"}',
        '{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse Error"}}'];
      for (const f of frames) p.broadcast(f);
      for (const s of p.sockets) s.send(Buffer.from([1, 2, 3]), { binary: true });
      await until(() => errors.length === frames.length + 1, 'one error per malformed frame');
      assert.ok(errors.every(e => e instanceof XapiError));
      assert.match(errors[0].message, /not JSON/);
      assert.match(errors[3].message, /unknown request id 987654/);
      assert.match(errors[6].message, /Parse Error/);
      await assert.rejects(x.status.get('Bad'), /malformed response/);
      assert.equal(await x.status.get('Audio Volume'), 'fine');
      assert.equal(x.isConnected, true);
    });

    it('maps device error objects to classes with the path in the message', async () => {
      const p = await peer({ onRequest: req => ({ jsonrpc: '2.0', id: req.id, error: { code: -32602, message: 'No match on Path argument' } }) });
      const x = await client(p.url);
      const err = await x.Status.Call[3].Status.get().catch((e: Error) => e);
      assert.ok(err instanceof NotFoundError);
      assert.equal(err.message, 'xGet Status Call[3] Status: No match on Path argument');
      assert.equal((err as NotFoundError).code, -32602);
    });
  });

  it('maps every wire error code to its class, keeping code, data and the device text', async () => {
    const table: Array<[number, string, unknown, new (...a: never[]) => XapiError]> = [
      [1, 'Not paired with isdn link', { Cause: 21 }, CommandError],
      [-32601, 'Method Not Found', undefined, NotFoundError],
      [-32602, 'No match on Path argument', undefined, NotFoundError],
      [-32602, 'Bad usage: Bad argument to parameter "Level".', undefined, InvalidParameterError],
      [-31999, 'Permission Denied', undefined, PermissionDeniedError],
      [-31998, 'Subscriber Count Exceeded', undefined, SubscriptionLimitError],
      [-31997, 'Not Ready', undefined, NotReadyError],
      [-32603, 'Internal Error', undefined, XapiError],
    ];
    let i = 0;
    const p = await peer({ onRequest: req => { const [code, message, data] = table[i++]; return { jsonrpc: '2.0', id: req.id, error: { code, message, data } }; } });
    const x = await client(p.url);
    for (const [code, message, data, cls] of table) {
      const err = await x.command('Dial', { Number: '1' }).catch(e => e);
      assert.ok(err instanceof cls && err instanceof XapiError, `${code} → ${err?.name}`);
      assert.equal(err.code, code);
      assert.equal(err.message, `xCommand Dial: ${message}`);
      assert.deepEqual(err.data, data);
    }
    const first = await (async () => { i = 0; return x.command('Dial', { Number: '1' }).catch(e => e); })();
    assert.equal(first.causeCode, 21);
    assert.equal(first.cause, undefined, 'Error.cause is left to cause chains');
    assert.deepEqual(first.data, { Cause: 21 });
    assert.equal(first.reason, 'Not paired with isdn link');
  });

  describe('heartbeat', () => {
    it('notices a link that died silently (no pong) and reconnects', async () => {
      const p = await peer({ autoPong: false });
      const x = await client(p.url, { heartbeat: { intervalMs: 50, timeoutMs: 100 }, reconnect: { initialDelayMs: 10 } });
      const reason = await new Promise<string>(r => x.once('disconnected', r));
      assert.match(reason, /connection lost|heartbeat/);
      await until(() => p.upgrades >= 2, 'reconnect attempt');
    });
  });

  describe('browser transport (run here over the ws package, whose WebSocket has the browser API)', () => {
    it('sends credentials in the auth- sub-protocol, no Authorization header', async () => {
      const p = await peer();
      const x = await browserConnect(p.url, { username: 'admin', password: PASSWORD, WebSocketImpl: WebSocket as never });
      open.push(x);
      assert.equal(p.authHeaders[0], '');
      const b64url = Buffer.from(`admin:${PASSWORD}`).toString('base64url');
      assert.equal(p.protocols[0], `auth-${b64url}`);
      assert.deepEqual(await x.command('Dial', { Number: 'x' }), { status: 'OK' });
    });

    it('notices a dead link with its periodic request (no ping in browsers) and reconnects', async () => {
      let mute = false;
      const p = await peer({ onRequest: req => (mute ? undefined : ok(req, 1)) });
      const x = await browserConnect(p.url, {
        password: PASSWORD, WebSocketImpl: WebSocket as never, heartbeat: { intervalMs: 40, timeoutMs: 400 }, reconnect: { initialDelayMs: 10 },
      });
      open.push(x);
      const errors: XapiError[] = [];
      x.on('error', e => errors.push(e));
      await until(() => p.requests.some(r => r.method === 'xGet' && (r.params.Path as string[]).join(' ') === 'Status SystemUnit Uptime'), 'heartbeat request');
      assert.equal(x.isConnected, true, 'answered heartbeats keep the link');
      const reason = new Promise<string>(r => x.once('disconnected', r));
      mute = true;
      assert.equal(await reason, 'heartbeat timeout');
      assert.ok(errors.some(e => /No answer to heartbeat within 400 ms/.test(e.message)));
      mute = false;
      await until(() => p.upgrades >= 2 && x.isConnected, 'reconnected');
    });
  });

  describe('tracing and secrets', () => {
    it('trace: true prints every frame to the console; credentials from a user:pass@host URL never appear', async () => {
      const p = await peer({ onRequest: req => ok(req, 'done') });
      const printed: string[] = [];
      const log = console.log;
      console.log = (...args: unknown[]) => { printed.push(args.map(String).join(' ')); };
      let x: Xapi;
      try {
        x = await connect(p.url.replace('ws://', `ws://bob:${encodeURIComponent(PASSWORD)}@`), { trace: true });
        open.push(x);
        await x.command('UserManagement User Passphrase Set', { Username: 'bob', OldPassphrase: PASSWORD, NewPassphrase: PASSWORD });
      } finally {
        console.log = log;
      }
      assert.equal(p.authHeaders[0], 'Basic ' + Buffer.from(`bob:${PASSWORD}`).toString('base64'), 'URL credentials are used');
      assert.equal(printed.length, 2, printed.join('\n'));
      assert.match(printed[0], /^xapi >> .*"method":"xCommand\/UserManagement\/User\/Passphrase\/Set".*"NewPassphrase":"\*\*\*"/);
      assert.match(printed[1], /^xapi << .*"result":"done"/);
      const denied = await peer({ rejectWith: 401 });
      const err = await connect(denied.url.replace('ws://', `ws://bob:${encodeURIComponent(PASSWORD)}@`)).catch(e => e);
      assert.ok(err instanceof AuthenticationError);
      for (const t of [...printed, x.url, String(x), JSON.stringify(x), String(err), inspect(err, { depth: 10 })]) {
        assert.ok(!t.includes(PASSWORD) && !t.includes(encodeURIComponent(PASSWORD)), `password leaked in: ${t.slice(0, 200)}`);
      }
    });

    it('a password that is also a frame\'s text (`1`) leaves ids and values intact and is hidden where it is a credential', async () => {
      const p = await peer({ onRequest: req => ok(req, 1) });
      const frames: string[] = [];
      const x = await connect(p.url, { password: '1', reconnect: false, trace: (dir, f) => frames.push(`${dir} ${f}`) });
      open.push(x);
      assert.equal(await x.status.get('Audio Volume'), 1);
      await x.command('UserManagement User Passphrase Set', { Username: 'admin', OldPassphrase: '1', NewPassphrase: '2' });
      const [get, answer, cmd] = frames.map(f => JSON.parse(f.slice(f.indexOf(' ') + 1)));
      assert.equal(get.id, answer.id, 'ids are shown as sent');
      assert.equal(answer.result, 1);
      assert.deepEqual(cmd.params, { Username: 'admin', OldPassphrase: '***', NewPassphrase: '***' });
      assert.deepEqual(p.requests.at(-1)?.params, { Username: 'admin', OldPassphrase: '1', NewPassphrase: '2' }, 'only the trace is redacted, not the frame sent');
    });

    it('traces every frame in and out and never shows the password', async () => {
      const p = await peer({ onRequest: req => ok(req, { Configuration: { SIP: { Authentication: { Password: PASSWORD } } } }) });
      const frames: string[] = [];
      const x = await client(p.url, { trace: (dir, f) => frames.push(`${dir} ${f}`) });
      await x.config.set('NetworkServices SMTP Password', PASSWORD);
      assert.equal(frames.length, 2);
      assert.match(frames[0], /^out .*"method":"xSet".*"Value":"\*\*\*"/);
      assert.match(frames[1], /^in /);
      const b64 = Buffer.from(`admin:${PASSWORD}`).toString('base64');
      const texts = [...frames, String(x), inspect(x, { depth: 10, showHidden: true }), JSON.stringify(x)];
      const failed = await connect(p.url.replace('ws://', 'wss://'), { password: PASSWORD }).catch(e => e);
      texts.push(String(failed), inspect(failed, { depth: 10 }), JSON.stringify(failed));
      const denied = await startMockPeer({ rejectWith: 403 });
      open.push(denied);
      const authErr = await connect(denied.url, { password: PASSWORD }).catch(e => e);
      texts.push(String(authErr), inspect(authErr, { depth: 10 }), JSON.stringify(authErr));
      for (const t of texts) {
        assert.ok(!t.includes(PASSWORD), `password leaked in: ${t.slice(0, 200)}`);
        assert.ok(!t.includes(b64), 'base64 credentials leaked');
      }
    });
  });
});
