/**
 * client/views/tree/mirror.ts: the extension host's copy of what the live trees read, kept current by feedback.
 * What matters to the views: which keys each write names (a refresh names exactly those nodes), list entries by
 * id, ghost removals, and feedback for what was never read being ignored. The last test feeds it the emulator's own
 * feedback through the real client, so the shapes are the device's, not the test's.
 */
import assert from 'node:assert/strict';
import { Mirror, pathKey } from '../../client/views/tree/mirror';
import { createSimulatedXapi, ManualClock } from '../../testing';

const keys = (set: Set<string>) => [...set].sort();

describe('tree mirror', () => {
  it('a read is stored at its path and found case-insensitively, in the device\'s spelling', () => {
    const m = new Mirror();
    const changed = m.write(['Status', 'Audio'], { Volume: 50, Microphones: { Mute: 'Off' } });
    assert.deepEqual(keys(changed), ['status', 'status/audio'], 'the path and its parent (a new child)');
    assert.equal(m.get(['status', 'AUDIO', 'volume']), 50);
    assert.deepEqual(Object.keys(m.get(['Status', 'Audio']) as object), ['Volume', 'Microphones']);
    assert.equal(m.get(['Status', 'Video']), undefined, 'never read');
    assert.equal(pathKey(['Status', 'Call', 2, 'Status']), 'status/call/2/status');
  });

  it('feedback names only the leaves that changed (partial keys), and a new leaf\'s parent', () => {
    const m = new Mirror();
    m.write(['Status', 'Audio'], { Volume: 50, Microphones: { Mute: 'Off' } });
    assert.deepEqual(keys(m.applyFeedback({ Id: 1, Status: { Audio: { Volume: 60 } } })), ['status/audio/volume']);
    assert.equal(m.get(['Status', 'Audio', 'Microphones', 'Mute']), 'Off', 'the rest is kept: feedback is partial');
    assert.deepEqual(keys(m.applyFeedback({ Id: 1, Status: { Audio: { Volume: 60 } } })), [], 'the same value is no change');
    assert.deepEqual(keys(m.applyFeedback({ Id: 1, Status: { audio: { microphones: { Mute: 'On' } } } })), ['status/audio/microphones/mute'],
      'the device\'s spelling is kept whatever the feedback\'s case');
    assert.deepEqual(keys(m.applyFeedback({ Id: 1, Status: { Audio: { Microphones: { LedIndicator: 'On' } } } })),
      ['status/audio/microphones', 'status/audio/microphones/ledindicator']);
  });

  it('feedback for a root never read is ignored until a view reads it', () => {
    const m = new Mirror();
    m.write(['Status', 'Audio'], { Volume: 50 });
    assert.deepEqual(keys(m.applyFeedback({ Id: 1, Configuration: { Audio: { DefaultVolume: 30 } } })), []);
    assert.equal(m.get(['Configuration']), undefined);
  });

  it('list entries come by id and go by ghost; a change inside one entry names that entry\'s leaf only', () => {
    const m = new Mirror();
    m.write(['Status', 'Call'], []);
    assert.deepEqual(keys(m.applyFeedback({ Id: 1, Status: { Call: [{ id: 3, Status: 'Dialling' }] } })), ['status/call']);
    assert.deepEqual(keys(m.applyFeedback({ Id: 1, Status: { Call: [{ id: 1, Status: 'Connected' }] } })), ['status/call']);
    assert.deepEqual(m.ids(['Status', 'Call']), [1, 3], 'sorted by id');
    assert.deepEqual(keys(m.applyFeedback({ Id: 1, Status: { Call: [{ id: 3, Status: 'Connected' }] } })), ['status/call/3/status']);
    assert.equal(m.get(['Status', 'Call', 3, 'Status']), 'Connected');

    assert.deepEqual(keys(m.applyFeedback({ Id: 1, Status: { Call: [{ id: 3, ghost: 'True' }] } })), ['status/call'], 'a ghost removes the entry');
    assert.deepEqual(m.ids(['Status', 'Call']), [1]);
    assert.equal(m.get(['Status', 'Call', 3]), undefined);
    assert.deepEqual(keys(m.applyFeedback({ Id: 1, Status: { Call: [{ id: 7, ghost: 'True' }] } })), [], 'a ghost of an entry not held changes nothing');
    assert.deepEqual(m.ids(['Status', 'Call']), [1]);
  });

  it('a read of one list entry replaces that entry only; forget drops a subtree; clear drops everything', () => {
    const m = new Mirror();
    m.write(['Status', 'Call'], [{ id: 1, Status: 'Connected' }, { id: 2, Status: 'Dialling' }]);
    assert.deepEqual(keys(m.write(['Status', 'Call', 2], { Status: 'Connected' })), ['status/call', 'status/call/2']);
    assert.deepEqual(m.get(['Status', 'Call', 2]), { Status: 'Connected', id: 2 });
    assert.equal(m.get(['Status', 'Call', 1, 'Status']), 'Connected');
    m.forget(['Status', 'Call', 1]);
    assert.deepEqual(m.ids(['Status', 'Call']), [2]);
    m.write(['Status', 'Audio'], { Volume: 50 });
    m.forget(['Status', 'audio']);
    assert.equal(m.get(['Status', 'Audio']), undefined);
    m.clear();
    assert.equal(m.get(['Status']), undefined);
  });

  it('follows the emulator\'s own feedback: a call appears as an entry and its end removes it (ghost)', async () => {
    // The device's call timings run on a clock the test moves: no waiting for a call to end.
    const clock = new ManualClock();
    const xapi = createSimulatedXapi({ macroRuntime: false, clock });
    try {
      const m = new Mirror();
      const seen: string[][] = [];
      const sub = xapi.feedback.on(['Status', 'Call'], (_v, root) => { seen.push(keys(m.applyFeedback(root as unknown as Record<string, unknown>))); });
      await sub.registered;
      m.write(['Status', 'Call'], []);
      await xapi.command('Dial', { Number: 'mirror@example.com' });
      clock.advance(60_000);
      await xapi.settle();
      const [id] = m.ids(['Status', 'Call']);
      assert.ok(id !== undefined, 'the call is in the mirror');
      assert.ok(seen.some(k => k.includes('status/call')), 'the new entry named its list');
      assert.equal(m.get(['Status', 'Call', id, 'RemoteNumber']), 'mirror@example.com');
      seen.length = 0;
      await xapi.command('Call Disconnect', { CallId: id });
      clock.advance(60_000);
      await xapi.settle();
      assert.deepEqual(m.ids(['Status', 'Call']), [], 'the ghost removed the entry');
      assert.ok(seen.some(k => k.includes('status/call')), 'the removal named its list');
      sub();
    } finally {
      await xapi.close();
    }
  });
});
