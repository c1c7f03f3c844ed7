/**
 * client/views/events/flushScheduler.ts: batching to the webview. Time is the emulator's ManualClock (the clock is the
 * boundary that cannot be real without timed tests): a storm of signals makes at most one flush per interval.
 */
import assert from 'node:assert/strict';
import { ManualClock } from '../../xapi/clock';
import { FLUSH_INTERVAL_MS, FlushScheduler } from '../../client/shared/flushScheduler';

describe('events flush scheduler', () => {
  it('a lone signal flushes at once; a storm flushes once per interval, never per signal', () => {
    const clock = new ManualClock(0);
    let flushes = 0;
    const s = new FlushScheduler(() => { flushes++; }, clock);
    s.signal();
    clock.advance(0);
    assert.equal(flushes, 1);
    // 10 s of 5,000 signals a second, in 1 ms steps.
    for (let ms = 0; ms < 10_000; ms++) {
      for (let k = 0; k < 5; k++) s.signal();
      clock.advance(1);
    }
    clock.advance(FLUSH_INTERVAL_MS);
    assert.ok(flushes <= 1 + 10_000 / FLUSH_INTERVAL_MS + 1, `${flushes} flushes`);
    assert.ok(flushes >= 10_000 / FLUSH_INTERVAL_MS, `${flushes} flushes: the storm is still shown as it goes`);
    assert.equal(FLUSH_INTERVAL_MS >= 250, true, 'at most 4 posts a second');
  });

  it('nothing is armed without a signal, and cancel disarms', () => {
    const clock = new ManualClock(0);
    let flushes = 0;
    const s = new FlushScheduler(() => { flushes++; }, clock);
    clock.advance(10_000);
    assert.equal(flushes, 0);
    s.signal();
    s.cancel();
    assert.equal(s.armed, false);
    clock.advance(10_000);
    assert.equal(flushes, 0);
  });
});
