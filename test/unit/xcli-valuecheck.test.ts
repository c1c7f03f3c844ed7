/** checkValue (shared by the validator, the language server and the emulator) and didYouMean. */
import assert from 'node:assert/strict';
import { ValueSpace } from '../../schema/model';
import { checkValue, describeValueSpace, matchLiteral } from '../../schema/valueCheck';
import { didYouMean, editDistance } from '../../schema/xcli';

const INT: ValueSpace = { type: 'Integer', min: 0, max: 100 };
const LIT: Extract<ValueSpace, { type: 'Literal' }> = { type: 'Literal', values: [{ value: 'Auto' }, { value: 'Audio' }, { value: 'Video' }] };
const STR: ValueSpace = { type: 'String', minLength: 1, maxLength: 5 };

describe('xcli checkValue', () => {
  it('integers: numbers and numeric text within min..max', () => {
    for (const ok of [0, 100, '50', ' 7 ', '-0']) assert.deepEqual(checkValue(INT, ok), { ok: true }, String(ok));
    // The device's parser takes an optional leading '-' only (schema/valueCheck.ts): '+3' is refused, 3 suggested.
    assert.deepEqual(checkValue(INT, '+3'), { ok: false, problem: 'not-integer', reason: "'+3' is not an integer", suggestion: '3' });
    assert.equal(checkValue({ type: 'Integer' }, '9007199254740993').ok, false, 'beyond 2^53 a number is not exact');
    assert.deepEqual(checkValue(INT, 101), { ok: false, problem: 'out-of-range', reason: '101 is outside 0..100', suggestion: '100' });
    assert.equal((checkValue(INT, '-5') as { suggestion?: string }).suggestion, '0');
    const frac = checkValue(INT, '2.6');
    assert.deepEqual([frac.ok, !frac.ok && frac.problem, !frac.ok && frac.suggestion], [false, 'not-integer', '3']);
    const word = checkValue(INT, 'loud');
    assert.deepEqual([word.ok, !word.ok && word.problem, !word.ok && word.suggestion], [false, 'not-integer', undefined]);
    assert.equal(checkValue(INT, 1.5).ok, false);
    assert.equal(checkValue(INT, '').ok, false);
    assert.equal(checkValue({ type: 'Integer' }, '-99999').ok, true);
  });

  it('does not enforce the published step (it does not describe increments)', () => {
    assert.deepEqual(checkValue({ type: 'Integer', min: 0, max: 100, step: 100 }, 50), { ok: true });
    const stepped = checkValue({ type: 'Integer', min: 0, max: 100, step: 5 }, 52, { checkStep: true });
    assert.deepEqual(stepped, { ok: false, problem: 'step', reason: '52 is not a multiple of 5 from 0', suggestion: '50' });
  });

  it('literals: case-insensitive, closest suggested', () => {
    assert.deepEqual(checkValue(LIT, 'video'), { ok: true });
    const bad = checkValue(LIT, 'Vidoe');
    assert.deepEqual([bad.ok, !bad.ok && bad.problem, !bad.ok && bad.suggestion], [false, 'not-literal', 'Video']);
    assert.match(!bad.ok ? bad.reason : '', /expected Auto, Audio, Video/);
    const far = checkValue(LIT, 'Telepathy');
    assert.equal(!far.ok && far.suggestion, undefined);
    assert.equal(matchLiteral(LIT, 'AUDIO'), 'Audio');
    assert.equal(checkValue({ type: 'Literal', values: [{ value: '1' }, { value: 'New' }] }, 1).ok, true);
  });

  it('strings: length in characters, not UTF-16 units', () => {
    assert.deepEqual(checkValue(STR, '😀😀😀😀😀'), { ok: true });
    assert.deepEqual(checkValue(STR, 'abcdef'), { ok: false, problem: 'too-long', reason: '6 characters, at most 5 allowed' });
    assert.deepEqual(checkValue(STR, ''), { ok: false, problem: 'too-short', reason: '0 characters, at least 1 required' });
  });

  it('unknown value spaces accept anything', () => {
    assert.deepEqual(checkValue({ type: 'unknown', raw: 'Blob' }, 'x'), { ok: true });
  });

  it('describes value spaces briefly', () => {
    assert.equal(describeValueSpace(INT), 'Integer 0..100');
    assert.equal(describeValueSpace(LIT), 'one of Auto, Audio, Video');
    assert.equal(describeValueSpace(STR), 'String 1..5 characters');
  });
});

describe('xcli didYouMean', () => {
  it('counts a transposition as one edit', () => {
    assert.equal(editDistance('vidoe', 'video'), 1);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('abc', 'xyzxyzxyz', 2), 3); // capped
  });

  it('suggests close candidates first, case-insensitively, and nothing for far words', () => {
    assert.deepEqual(didYouMean('Statu', ['Status', 'State', 'Standby']), ['Status', 'State']);
    assert.deepEqual(didYouMean('VOLUME', ['Volume', 'VolumeMute']), ['Volume', 'VolumeMute']);
    assert.deepEqual(didYouMean('Protocl', ['CallType', 'Protocol', 'Number']), ['Protocol']);
    assert.deepEqual(didYouMean('zzzz', ['Protocol', 'Number']), []);
    assert.deepEqual(didYouMean('', ['a']), []);
    assert.deepEqual(didYouMean('Vol', ['Volume', 'Video', 'Voltage', 'VolumeMute'], { max: 2 }), ['Volume', 'Voltage']);
  });
});
