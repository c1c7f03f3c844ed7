/** test/support/waitFor.ts: resolves on the condition, fails with a message naming it. */
import assert from 'node:assert/strict';
import { waitFor, WaitTimeoutError } from '../support/waitFor';

describe('waitFor (test support)', () => {
  it('resolves with the value once the condition holds, and with true for boolean conditions', async () => {
    let n = 0;
    setImmediate(() => { n = 3; });
    assert.equal(await waitFor('n to be set', () => (n > 0 ? n : undefined)), 3);
    assert.equal(await waitFor('n is 3', () => n === 3), true);
    assert.equal(await waitFor('zero is a value', () => 0), 0);
  });

  it('fails after the deadline naming what was awaited', async () => {
    await assert.rejects(waitFor('the moon', () => false, { timeoutMs: 30 }),
      (e: unknown) => e instanceof WaitTimeoutError && /the moon/.test(e.message) && /30 ms/.test(e.message));
  });

  it('re-checks when woken, before the next poll', async () => {
    let ready = false;
    let recheck: (() => void) | undefined;
    const p = waitFor('wake-up', () => ready, { pollMs: 60_000, timeoutMs: 120_000, wake: f => { recheck = f; } });
    await waitFor('the waiter to subscribe', () => recheck !== undefined);
    ready = true;
    recheck!();
    assert.equal(await p, true);
  });

  it('passes an exception of the check on', async () => {
    await assert.rejects(waitFor('a throwing check', () => { throw new Error('boom'); }), /boom/);
  });
});
