/** client/views/events/ringBuffer.ts: bounded memory for the events panel. */
import assert from 'node:assert/strict';
import { RingBuffer } from '../../client/views/events/ringBuffer';

describe('events ring buffer', () => {
  it('keeps items in order until full, then drops the oldest and counts them', () => {
    const r = new RingBuffer<number>(3);
    r.pushAll([1, 2]);
    assert.deepEqual(r.toArray(), [1, 2]);
    assert.equal(r.dropped, 0);
    r.pushAll([3, 4, 5]);
    assert.deepEqual(r.toArray(), [3, 4, 5]);
    assert.equal(r.length, 3);
    assert.equal(r.dropped, 2);
    assert.equal(r.at(0), 3);
    assert.equal(r.newest(), 5);
    assert.equal(r.at(3), undefined);
  });

  it('a day of tailing holds at most the capacity', () => {
    const r = new RingBuffer<number>(100);
    for (let i = 0; i < 100_000; i++) r.push(i);
    assert.equal(r.length, 100);
    assert.equal(r.dropped, 99_900);
    assert.deepEqual(r.tail(3), [99_997, 99_998, 99_999]);
  });

  it('tail(n) gives the newest n oldest-first, clamped to what it holds', () => {
    const r = new RingBuffer<number>(4);
    r.pushAll([1, 2, 3, 4, 5, 6]);
    assert.deepEqual(r.tail(2), [5, 6]);
    assert.deepEqual(r.tail(10), [3, 4, 5, 6]);
    assert.deepEqual(r.tail(0), []);
    assert.equal(r.findLast(x => x % 2 === 1), 5);
  });

  it('clear empties it and resets the dropped count', () => {
    const r = new RingBuffer<number>(2);
    r.pushAll([1, 2, 3]);
    r.clear();
    assert.equal(r.length, 0);
    assert.equal(r.dropped, 0);
    r.push(9);
    assert.deepEqual(r.toArray(), [9]);
  });

  it('resize keeps the newest that fit, counting the rest as dropped', () => {
    const r = new RingBuffer<number>(5);
    r.pushAll([1, 2, 3, 4, 5, 6]);
    r.resize(2);
    assert.deepEqual(r.toArray(), [5, 6]);
    assert.equal(r.dropped, 1 + 3);
    r.resize(4);
    r.pushAll([7, 8]);
    assert.deepEqual(r.toArray(), [5, 6, 7, 8]);
  });

  it('refuses a capacity that is not a positive integer', () => {
    assert.throws(() => new RingBuffer(0), RangeError);
    assert.throws(() => new RingBuffer(1.5), RangeError);
    assert.throws(() => new RingBuffer(3).resize(-1), RangeError);
  });
});
