/**
 * Loaded by mocha before any test (.mocharc.json `require`): no test reads or writes the user's real schema cache.
 * Every default cache, in this process and in every child it starts (they inherit the environment), is the test
 * cache under the temp folder; and the run fails if the user's cache changed anyway (a child given an environment
 * of its own, say).
 */
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { defaultCacheDir } from '../../schema/sources';
import { TEST_CACHE_HOME } from './testCache';

const userCache = defaultCacheDir(process.env);
process.env.XDG_CACHE_HOME = TEST_CACHE_HOME;

/** Each file under the folder with its size and modification time; empty when the folder does not exist. */
function snapshot(dir: string): string[] {
  let names: string[];
  try { names = readdirSync(dir, { recursive: true, encoding: 'utf8' }); } catch { return []; }
  return names.sort().map(n => {
    try {
      const s = statSync(path.join(dir, n));
      return `${n} ${s.size} ${s.mtimeMs}`;
    } catch { return `${n} (gone)`; }
  });
}

const before = snapshot(userCache);

export const mochaHooks = {
  afterAll(): void {
    const after = snapshot(userCache);
    const changed = after.filter(l => !before.includes(l)).concat(before.filter(l => !after.includes(l)));
    if (changed.length) throw new Error(`tests changed the user's schema cache ${userCache}: ${changed.slice(0, 5).join('; ')}`);
  },
};
