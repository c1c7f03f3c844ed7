/**
 * client/views/tree/coalescer.ts: changed-node keys become a few partial refreshes. Time is the emulator's
 * ManualClock (the clock is the boundary that cannot be real without timed tests).
 */
import assert from 'node:assert/strict';
import { Coalescer } from '../../client/views/tree/coalescer';
import { ManualClock } from '../../xapi/clock';

const INTERVAL = 250;

function setup() {
  const clock = new ManualClock(0);
  const flushed: string[][] = [];
  const c = new Coalescer(INTERVAL, keys => flushed.push([...keys].sort()), clock);
  return { clock, flushed, c };
}

describe('tree coalescer', () => {
  it('a lone change is handed over at once; repeated keys are handed over once', () => {
    const { clock, flushed, c } = setup();
    c.add(['status/audio/volume']);
    c.add(['status/audio/volume', 'status/audio']);
    clock.advance(0);
    assert.deepEqual(flushed, [['status/audio', 'status/audio/volume']]);
    assert.deepEqual(c.stats, { flushes: 1, changes: 3 });
  });

  it('a storm of changes is handed over at most once per interval, every key in some flush', () => {
    const { clock, flushed, c } = setup();
    // 10 s of 5,000 changes a second over 20 leaves, in 1 ms steps.
    for (let ms = 0; ms < 10_000; ms++) {
      for (let k = 0; k < 5; k++) c.add([`status/leaf${(ms * 5 + k) % 20}`]);
      clock.advance(1);
    }
    clock.advance(INTERVAL);
    assert.ok(flushed.length <= 10_000 / INTERVAL + 2, `${flushed.length} flushes`);
    assert.ok(flushed.length >= 10_000 / INTERVAL, `${flushed.length} flushes: the storm still shows as it goes`);
    assert.ok(flushed.every(f => f.length <= 20), 'each flush names each changed node once');
    assert.equal(c.stats.changes, 50_000);
  });

  it('while paused (view hidden) nothing is handed over; resume hands over everything as one set', () => {
    const { clock, flushed, c } = setup();
    c.pause();
    c.add(['a']);
    clock.advance(10_000);
    c.add(['b', 'a']);
    clock.advance(10_000);
    assert.deepEqual(flushed, []);
    c.resume();
    clock.advance(INTERVAL);
    assert.deepEqual(flushed, [['a', 'b']]);
  });

  it('a pause cancels a flush that was due; resume with nothing pending hands over nothing', () => {
    const { clock, flushed, c } = setup();
    c.add(['a']);
    clock.advance(0);
    c.add(['b']);
    c.pause();
    clock.advance(INTERVAL * 4);
    assert.deepEqual(flushed, [['a']]);
    c.resume();
    clock.advance(INTERVAL);
    assert.deepEqual(flushed, [['a'], ['b']]);
    c.resume();
    clock.advance(INTERVAL * 4);
    assert.equal(flushed.length, 2);
  });

  it('dispose drops pending changes', () => {
    const { clock, flushed, c } = setup();
    c.add(['a']);
    c.dispose();
    clock.advance(INTERVAL * 4);
    assert.deepEqual(flushed, []);
  });
});
