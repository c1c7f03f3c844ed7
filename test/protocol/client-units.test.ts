/**
 * The client's pure pieces: path normalisation, backoff, terminal formatting, the emitter, secret redaction.
 */
import assert from 'node:assert/strict';
import { REDACTED, redactCredentials } from '../../xapi/redact';
import { Emitter } from '../../xapi/emitter';
import { formatCommandResult, formatFeedback, formatGetResult } from '../../xapi/format';
import { normalizePath, rootedPath } from '../../xapi/paths';
import { AuthenticationError, ConnectionError, InvalidParameterError, TlsError } from '../../xapi/errors';
import { backoffDelay, isRetryable, resolveReconnect } from '../../xapi/reconnect';
import { rng } from '../support/rng';

describe('client units', () => {
  it('normalizes paths like the device and jsxapi', () => {
    assert.deepEqual(normalizePath('audio volume'), ['Audio', 'Volume']);
    assert.deepEqual(normalizePath('Audio/Volume'), ['Audio', 'Volume']);
    assert.deepEqual(normalizePath('Call[3] Status'), ['Call', 3, 'Status']);
    assert.deepEqual(normalizePath('status/call/42/status'), ['Status', 'Call', 42, 'Status']);
    assert.deepEqual(normalizePath(['Call', '3', 'Status']), ['Call', 3, 'Status']);
    assert.deepEqual(rootedPath('Status', 'xStatus Audio Volume'), ['Status', 'Audio', 'Volume']);
    assert.deepEqual(rootedPath('Configuration', 'SystemUnit Name'), ['Configuration', 'SystemUnit', 'Name']);
    assert.throws(() => rootedPath('Status', 'Configuration Audio'), InvalidParameterError);
    assert.throws(() => normalizePath('Audio Vol"ume'), /Invalid path segment/);
    assert.throws(() => normalizePath([{}] as never), InvalidParameterError);
    const input = ['Audio', 'Volume'];
    const out = normalizePath(input);
    out.push('X');
    assert.deepEqual(input, ['Audio', 'Volume'], 'the caller\'s array is never changed');
  });

  it('never waits longer than maxDelayMs, jitter included, and still spreads clients out at the cap', () => {
    for (const seed of [1, 2, 3, 42]) {
      const random = rng(seed);
      for (const opts of [{ maxDelayMs: 2000 }, { initialDelayMs: 100, maxDelayMs: 2000, jitter: 1 }, { initialDelayMs: 0, maxDelayMs: 0 }]) {
        const o = resolveReconnect(opts);
        const seen = new Set<number>();
        for (let attempt = 1; attempt <= 200; attempt++) {
          const d = backoffDelay(attempt, o, random);
          assert.ok(d >= 0 && d <= o.maxDelayMs, `seed ${seed} ${JSON.stringify(opts)} attempt ${attempt}: ${d} ms > ${o.maxDelayMs} ms`);
          if (attempt > 20) seen.add(d);
        }
        if (o.maxDelayMs > 0) assert.ok(seen.size > 10, `delays at the cap are spread, not all ${o.maxDelayMs} ms`);
      }
    }
  });

  it('backs off exponentially with bounded jitter, and never retries auth or TLS failures', () => {
    const o = resolveReconnect({ initialDelayMs: 100, maxDelayMs: 1000, factor: 2, jitter: 0.5 });
    assert.deepEqual([1, 2, 3, 4, 5].map(n => backoffDelay(n, o, () => 0.5)), [100, 200, 400, 700, 750]);
    assert.equal(backoffDelay(2, o, () => 0), 100);
    assert.equal(backoffDelay(2, o, () => 1), 300);
    assert.equal(resolveReconnect(undefined).enabled, true);
    assert.equal(resolveReconnect(false).enabled, false);
    assert.throws(() => resolveReconnect({ jitter: 2 }), /Invalid reconnect options/);
    assert.equal(backoffDelay(9, o, () => 1), 1000);
    assert.equal(isRetryable(new AuthenticationError('x', 'EAUTH')), false);
    assert.equal(isRetryable(new TlsError('x', 'ETLS')), false);
    assert.equal(isRetryable(new ConnectionError('x', 'ECONNECT')), true);
  });

  it('formats results and feedback as terminal text', () => {
    assert.deepEqual(formatCommandResult(['Dial'], { CallId: 2, ConferenceId: 1, status: 'OK' }),
      ['*r DialResult (status=OK):', '*r DialResult CallId: 2', '*r DialResult ConferenceId: 1']);
    assert.deepEqual(formatGetResult(['Status', 'Audio', 'Volume'], 50), ['*s Audio Volume: 50']);
    assert.deepEqual(formatGetResult(['Configuration', 'SystemUnit', 'Name'], 'My Room'), ['*c xConfiguration SystemUnit Name: "My Room"']);
    assert.deepEqual(formatFeedback({ Id: 0, Status: { Call: [{ id: 3, Status: 'Connected' }, { id: 4, ghost: 'True' }] } }),
      ['*s Call 3 Status: Connected', '*s Call 4 (ghost=True):']);
    assert.deepEqual(formatFeedback({ Id: 1, Event: { UserInterface: { Extensions: { Widget: { Action: { WidgetId: 'w', Value: '2', id: 1 }, id: 1 }, id: 1 }, id: 1 } } }),
      ['*e UserInterface Extensions Widget Action WidgetId: "w"', '*e UserInterface Extensions Widget Action Value: "2"']);
  });

  it('emitter: on/once/off, a throwing listener does not stop the others', () => {
    class E extends Emitter<{ x: (n: number) => void }> {
      errors: unknown[] = [];
      fire(n: number) { this.emit('x', n); }
      protected override onListenerError(e: unknown) { this.errors.push(e); }
    }
    const e = new E();
    const got: number[] = [];
    const once = (n: number) => got.push(-n);
    e.on('x', () => { throw new Error('bad'); });
    const off = e.on('x', n => got.push(n));
    e.once('x', once);
    e.fire(1);
    e.fire(2);
    off();
    e.once('x', once);
    e.off('x', once);
    e.fire(3);
    assert.deepEqual(got, [1, -1, 2]);
    assert.equal(e.errors.length, 3);
  });

  it('redacts credential fields and headers in traces, and leaves every other byte of a frame alone', () => {
    // Password `1` once turned `"id":1` into `"id":***`: a frame without credential fields comes back unchanged.
    for (const f of ['{"jsonrpc":"2.0","id":1,"method":"xGet","params":{"Path":["Status","Audio","Volume"]}}',
      '{"jsonrpc":"2.0","id":1,"result":1}', '{"jsonrpc":"2.0", "id":11, "result":{"PasswordPolicy":{"MaxLifetime":1}}}',
      '{"jsonrpc":"2.0","id":2,"method":"xSet","params":{"Path":["Configuration","SystemUnit","Name"],"Value":"1"}}', 'not json 1', '1', 'null']) {
      assert.equal(redactCredentials(f), f);
    }
    const passphrase = JSON.parse(redactCredentials(JSON.stringify({
      jsonrpc: '2.0', id: 1, method: 'xCommand/UserManagement/User/Passphrase/Set',
      params: { Username: 'admin', NewPassphrase: 'n3w', OldPassphrase: 1, YourPassphrase: 'p"w\\d' },
    })));
    assert.deepEqual(passphrase, {
      jsonrpc: '2.0', id: 1, method: 'xCommand/UserManagement/User/Passphrase/Set',
      params: { Username: 'admin', NewPassphrase: REDACTED, OldPassphrase: REDACTED, YourPassphrase: REDACTED },
    });
    const set = JSON.parse(redactCredentials('{"jsonrpc":"2.0","id":3,"method":"xSet","params":{"Path":["Configuration","NetworkServices","SMTP","Password"],"Value":"s"}}'));
    assert.equal(set.params.Value, REDACTED);
    assert.deepEqual(set.params.Path, ['Configuration', 'NetworkServices', 'SMTP', 'Password']);
    const feedback = JSON.parse(redactCredentials('{"jsonrpc":"2.0","method":"xFeedback/Event","params":{"Configuration":{"SIP":{"Authentication":{"Password":"x","UserName":"u"}}},"Id":1}}'));
    assert.deepEqual(feedback.params.Configuration.SIP.Authentication, { Password: REDACTED, UserName: 'u' });
    const http = JSON.parse(redactCredentials('{"id":4,"method":"xCommand/HttpClient/Post","params":{"Header":["Content-Type: text/plain","Authorization: Bearer abc.def"],"Url":"https://x"}}'));
    assert.deepEqual(http.params.Header, ['Content-Type: text/plain', `Authorization: Bearer ${REDACTED}`]);
    assert.equal(redactCredentials('GET /ws Authorization: Basic YWRtaW46MQ== Sec-WebSocket-Protocol: auth-YWRtaW46MQ'),
      `GET /ws Authorization: Basic ${REDACTED} Sec-WebSocket-Protocol: auth-${REDACTED}`);
  });
});
