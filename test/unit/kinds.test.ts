/**
 * schema/kinds.ts is the one table of kind words: the client's path roots (xapi/paths.ts), `xapi schema --kind`,
 * `xapi watch`, the emulator's wire roots and the repl's keywords all answer from it, so they accept the same
 * spellings — those of the device's terminal (schema/xcli/keywords.ts) — and refuse the same ones.
 */
import assert from 'node:assert/strict';
import { watchPath } from '../../cli/commands/watch';
import { UsageError } from '../../cli/command';
import { complete } from '../../cli/replCompletion';
import { feedbackKindOfWord, KEYWORD_SPELLING, KIND_API_WORD, KIND_KEYWORD, KIND_PROXY_WORD, kindOfRoot, kindOfWord, stateKindOfWord } from '../../schema/kinds';
import type { NodeKind } from '../../schema/model';
import { SchemaIndex } from '../../schema/schemaIndex';
import { core } from '../../schema/sources';
import { keywordOf } from '../../schema/xcli/keywords';
import { rootOf } from '../../xapi/paths';
import { formatGetResult } from '../../xapi/format';
import { macroCode } from '../../client/xcliText';

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

  it('each kind has one spelling per use, and every spelling reads back as its kind', () => {
    for (const kind of Object.keys(KIND_KEYWORD) as NodeKind[]) {
      const keyword = keywordOf(KIND_KEYWORD[kind]);
      assert.ok(keyword, KIND_KEYWORD[kind]);
      assert.equal(KEYWORD_SPELLING[keyword], KIND_KEYWORD[kind], 'the xCLI keyword table spells kinds as KIND_KEYWORD does');
      assert.equal(kindOfRoot(KIND_KEYWORD[kind]), kind);
      assert.equal(kindOfWord(KIND_API_WORD[kind]), kind);
      assert.equal(kindOfWord(KIND_PROXY_WORD[kind]), kind);
    }
    assert.equal(KEYWORD_SPELLING.feedback, 'xFeedback');
    assert.equal(kindOfRoot(KEYWORD_SPELLING.feedback), undefined, 'xFeedback names no kind');
  });

  it('what we write for users takes the same words: macro code, terminal text', () => {
    assert.equal(macroCode('Configuration', ['Audio', 'DefaultVolume']), 'xapi.Config.Audio.DefaultVolume.get()');
    assert.equal(macroCode('Status', ['Call', 2, 'Status']), 'xapi.Status.Call[2].Status.get()');
    // A root in any case the schema reads is the same kind (it used to be compared to `Configuration` exactly).
    assert.deepEqual(formatGetResult(['configuration', 'SystemUnit', 'Name'], 'Room'), ['*c xConfiguration SystemUnit Name: Room']);
    assert.deepEqual(formatGetResult(['Event', 'Standby'], 'Now'), ['*e Standby: Now']);
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
