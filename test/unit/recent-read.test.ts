/**
 * client/shared/recentRead.ts: the device listing behind the macro and panel file systems, read once for a burst of
 * stats. Time is ManualClock (the clock is the boundary that cannot be real without timed tests).
 */
import assert from 'node:assert/strict';
import { ManualClock } from '../../xapi/clock';
import { RECENT_READ_MAX_AGE_MS, RecentRead } from '../../client/shared/recentRead';

describe('a recent device read, shared', () => {
  let clock: ManualClock;
  let reads: number;
  let recent: RecentRead<string[]>;
  /** A read the test settles: each call is one round trip to the device. */
  let pending: Array<{ resolve: (v: string[]) => void; reject: (e: Error) => void }>;
  const read = () => { reads++; return new Promise<string[]>((resolve, reject) => pending.push({ resolve, reject })); };

  beforeEach(() => {
    clock = new ManualClock(0);
    reads = 0;
    pending = [];
    recent = new RecentRead<string[]>(clock);
  });

  it('callers while a read is in flight share it, and so do callers soon after', async () => {
    const a = recent.get('room-1', read);
    const b = recent.get('room-1', read);
    pending[0].resolve(['hello']);
    assert.deepEqual(await a, ['hello']);
    assert.equal(await b, await a);
    clock.advance(RECENT_READ_MAX_AGE_MS - 1);
    assert.deepEqual(await recent.get('room-1', read), ['hello']);
    assert.equal(reads, 1);
  });

  it('an old read, another device, or a change reads again', async () => {
    const first = recent.get('room-1', read);
    pending[0].resolve(['hello']);
    await first;
    clock.advance(RECENT_READ_MAX_AGE_MS);
    void recent.get('room-1', read);
    assert.equal(reads, 2, 'older than the age');
    pending[1].resolve(['hello', 'lights']);
    void recent.get('room-2', read);
    assert.equal(reads, 3, 'another device is never answered from this one\'s read');
    pending[2].resolve([]);
    recent.invalidate();
    const after = recent.get('room-2', read);
    assert.equal(reads, 4, 'after a change');
    pending[3].resolve(['new']);
    assert.deepEqual(await after, ['new']);
  });

  it('a failed read is not kept: its callers see the error, the next caller asks again', async () => {
    const a = recent.get('room-1', read);
    const b = recent.get('room-1', read);
    pending[0].reject(new Error('Connection lost'));
    await assert.rejects(a, /Connection lost/);
    await assert.rejects(b, /Connection lost/);
    const c = recent.get('room-1', read);
    assert.equal(reads, 2);
    pending[1].resolve(['hello']);
    assert.deepEqual(await c, ['hello']);
  });
});
