/**
 * The client's pure pieces: path normalisation, backoff, terminal formatting, the emitter, secret redaction.
 */
import assert from 'node:assert/strict';
import { makeRedactor } from '../../xapi/client';
import { Emitter } from '../../xapi/emitter';
import { formatCommandResult, formatFeedback, formatGetResult } from '../../xapi/format';
import { normalizePath, rootedPath } from '../../xapi/paths';
import { AuthenticationError, ConnectionError, InvalidParameterError, TlsError } from '../../xapi/errors';
import { backoffDelay, isRetryable, resolveReconnect } from '../../xapi/reconnect';

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

  it('backs off exponentially with bounded jitter, and never retries auth or TLS failures', () => {
    const o = resolveReconnect({ initialDelayMs: 100, maxDelayMs: 1000, factor: 2, jitter: 0.5 });
    assert.deepEqual([1, 2, 3, 4, 5].map(n => backoffDelay(n, o, () => 0.5)), [100, 200, 400, 800, 1000]);
    assert.equal(backoffDelay(2, o, () => 0), 100);
    assert.equal(backoffDelay(2, o, () => 1), 300);
    assert.equal(resolveReconnect(undefined).enabled, true);
    assert.equal(resolveReconnect(false).enabled, false);
    assert.throws(() => resolveReconnect({ jitter: 2 }), /Invalid reconnect options/);
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

  it('redacts the password (and its JSON-escaped form) from traces', () => {
    const r = makeRedactor(['p"w\\d']);
    assert.equal(r('{"Value":"p\\"w\\\\d"} and p"w\\d'), '{"Value":"***"} and ***');
    assert.equal(makeRedactor([''])('keep'), 'keep');
  });
});
