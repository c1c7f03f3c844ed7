/** A live tree's filter and watch list (client/views/tree/treeFilter.ts, watchList.ts): pure, no VS Code. */
import assert from 'node:assert/strict';
import { SchemaIndex } from '../../schema/schemaIndex';
import { core } from '../../schema/sources';
import { TreeFilter } from '../../client/views/tree/treeFilter';
import { WatchList } from '../../client/views/tree/watchList';

describe('live tree: filter', () => {
  const index = new SchemaIndex(core());

  it('shows the way to a match, the match and what is below it; nothing else', () => {
    const f = new TreeFilter();
    f.set('  volume ', index, 'Status');
    assert.equal(f.value, 'volume');
    assert.equal(f.passes(['Audio']), true, 'on the way');
    assert.equal(f.passes(['Audio', 'Volume']), true, 'the match');
    assert.equal(f.passes(['Call']), false);
    assert.equal(f.matchesNothing, false);
    f.set('Audio', index, 'Status');
    assert.equal(f.passes(['Audio', 'Volume']), true, 'below a match');
  });

  it('an empty filter shows everything; one that matches nothing says so', () => {
    const f = new TreeFilter();
    assert.equal(f.passes(['Call']), true);
    f.set('no such words here', index, 'Status');
    assert.equal(f.matchesNothing, true);
    f.set('', index, 'Status');
    assert.equal(f.passes(['Call']), true);
    assert.equal(f.matchesNothing, false);
  });
});

describe('live tree: watch list', () => {
  const memento = () => {
    const data = new Map<string, unknown>();
    return { data, get: <T>(k: string) => data.get(k) as T | undefined, update: async (k: string, v: unknown) => { data.set(k, v); } };
  };
  const key = (p: readonly (string | number)[]) => p.join('/').toLowerCase();

  it('adds a path once, per root, keeps the order, removes it', async () => {
    const store = memento();
    const status = new WatchList(store, 'Status', key);
    const config = new WatchList(store, 'Configuration', key);
    assert.equal(await status.add(['Audio', 'Volume']), true);
    assert.equal(await status.add(['audio', 'volume']), false, 'the same path in another case');
    await status.add(['Call', 3, 'Status']);
    assert.deepEqual(status.paths(), [['Audio', 'Volume'], ['Call', 3, 'Status']]);
    assert.deepEqual(config.paths(), []);
    await status.remove(['Audio', 'Volume']);
    assert.deepEqual(status.paths(), [['Call', 3, 'Status']]);
  });

  it('leaves out what is malformed in the store', () => {
    const store = memento();
    store.data.set('xapi.watched.Status', [['Audio', 'Volume'], 'nope', [{}], [1, 'x']]);
    assert.deepEqual(new WatchList(store, 'Status', key).paths(), [['Audio', 'Volume'], [1, 'x']]);
  });
});
