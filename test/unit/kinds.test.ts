/**
 * schema/kinds.ts is the one table of kind words: the client's path roots (xapi/paths.ts), `xapi schema --kind`,
 * `xapi watch`, the emulator's wire roots and the repl's keywords all answer from it, so they accept the same
 * spellings — those of the device's terminal (schema/xcli/keywords.ts) — and refuse the same ones.
 */
import assert from 'node:assert/strict';
import { watchPath } from '../../cli/commands/watch';
import { UsageError } from '../../cli/command';
import { complete } from '../../cli/replCompletion';
import { feedbackKindOfWord, kindOfRoot, stateKindOfWord } from '../../schema/kinds';
import { SchemaIndex } from '../../schema/schemaIndex';
import { core } from '../../schema/sources';
import { keywordOf } from '../../schema/xcli/keywords';
import { rootOf } from '../../xapi/paths';

describe('kind words (schema/kinds.ts)', () => {
  it('kindOfRoot: kind words and every x-keyword spelling the terminal accepts, case-insensitively', () => {
    const cases: [string, string | undefined][] = [
      ['Status', 'Status'], ['status', 'Status'], ['xStatus', 'Status'], ['xstat', 'Status'], ['XST', 'Status'],
      ['Configuration', 'Configuration'], ['config', 'Configuration'], ['xConfiguration', 'Configuration'], ['xconf', 'Configuration'], ['xconfig', 'Configuration'],
      ['command', 'Command'], ['xCommand', 'Command'], ['xcom', 'Command'], ['event', 'Event'], ['xev', 'Event'],
      ['xco', undefined], ['xFeedback', undefined], ['Audio', undefined], ['xs', undefined], ['__proto__', undefined], ['', undefined],
    ];
    for (const [word, kind] of cases) assert.equal(kindOfRoot(word), kind, word);
  });

  it('agrees with the xCLI keyword rule on every x-word', () => {
    for (const word of ['xcom', 'xcommand', 'xco', 'xconfi', 'xstatus', 'xsta', 'xe', 'xevent', 'xfeed', 'xyz']) {
      const k = keywordOf(word);
      assert.equal(kindOfRoot(word), k === undefined || k === 'feedback' ? undefined : kindOfRoot(k), word);
    }
  });

  it('wire roots take exact names only; state and feedback kinds are the right subsets', () => {
    assert.equal(stateKindOfWord('status'), 'Status');
    assert.equal(stateKindOfWord('Configuration'), 'Configuration');
    for (const w of ['config', 'event', 'command', 'xStatus', undefined]) assert.equal(stateKindOfWord(w), undefined, String(w));
    assert.equal(feedbackKindOfWord('event'), 'Event');
    for (const w of ['command', 'config', 'xEvent']) assert.equal(feedbackKindOfWord(w), undefined, w);
  });

  it('the front ends use it: client roots, xapi watch, the repl', () => {
    assert.equal(rootOf('Xconfig'), 'Configuration');
    assert.equal(rootOf(3), undefined);
    assert.deepEqual(watchPath('xstat Audio Volume'), ['Status', 'Audio', 'Volume']);
    assert.throws(() => watchPath('xCommand Dial'), (e: unknown) => e instanceof UsageError && /Status, Configuration or Event/.test(e.message));
    const index = new SchemaIndex(core());
    assert.ok(complete('xstat Aud', index)[0].includes('Audio '), 'the repl reads the short keyword');
    assert.deepEqual(complete('x', index)[0].filter(w => w.startsWith('x')), ['xCommand ', 'xConfiguration ', 'xStatus ', 'xFeedback ']);
    assert.deepEqual(complete('xFeedback register ', index)[0], ['/Status', '/Configuration', '/Event']);
  });
});
