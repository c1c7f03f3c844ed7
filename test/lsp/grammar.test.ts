/**
 * The `.xapi` TextMate grammar and language configuration: well-formed, every rule's regular expression
 * compiles (written in the subset both Oniguruma and JavaScript accept), and the main rules pick out
 * what they should. Scope assertions through a real TextMate engine are in test/process/grammar-scopes.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const dir = path.resolve(__dirname, '..', '..', 'syntaxes');
const grammar = JSON.parse(readFileSync(path.join(dir, 'xapi.tmLanguage.json'), 'utf8'));
const config = JSON.parse(readFileSync(path.join(dir, 'xapi.language-configuration.json'), 'utf8'));

function regexes(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach(n => regexes(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'match' || k === 'begin' || k === 'end') && typeof v === 'string') out.push(v);
      else regexes(v, out);
    }
  }
  return out;
}

const rule = (name: string) => new RegExp(grammar.repository[name].match ?? grammar.repository[name].begin);

describe('xapi TextMate grammar', () => {
  it('is the source.xapi grammar and every pattern compiles', () => {
    assert.equal(grammar.scopeName, 'source.xapi');
    const all = regexes(grammar);
    assert.ok(all.length > 10);
    for (const r of all) assert.doesNotThrow(() => new RegExp(r), r);
    for (const p of grammar.patterns) assert.ok(grammar.repository[p.include.slice(1)], p.include);
  });

  it('recognises keywords, comments, terminators, parameters, indexes and values', () => {
    for (const k of ['xCommand', 'xcom', 'xConfiguration', 'xconf', 'xStatus', 'xstat', 'xEvent']) assert.ok(rule('statement').test(`${k} Audio`), k);
    assert.ok(rule('feedback').test('xFeedback register /Status/Audio'));
    assert.ok(!rule('statement').test('xa Audio'));
    assert.ok(rule('comment').test('  # note'));
    assert.ok(rule('terminator').test(' . '));
    assert.ok(!rule('terminator').test('a.b'));
    assert.deepEqual('Number: "1" CallType: Video'.match(new RegExp(grammar.repository.param.match, 'g')), ['Number:', 'CallType:']);
    assert.equal(new RegExp(grammar.repository.index.match).exec('Call[3]')?.[2], '3');
    const value = new RegExp(grammar.repository.value.match).exec('Mode: Auto');
    assert.equal(value?.[2], 'Auto');
  });

  it('has a language configuration with # comments and bracket pairs', () => {
    assert.equal(config.comments.lineComment, '#');
    assert.deepEqual(config.brackets, [['[', ']']]);
    assert.doesNotThrow(() => new RegExp(config.wordPattern));
  });
});
