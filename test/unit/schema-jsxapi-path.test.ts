/**
 * String paths as jsxapi reads them (schema/path.ts `jsxapiPathWords`, after its `normalizePath`: `\w+` words,
 * all-digit words are indexes, names are upper-cased at the first letter). The macro checker and its completion
 * split string paths this way; the device's own runtime is assumed to read them the same way.
 */
import assert from 'node:assert/strict';
import { jsxapiPathWords } from '../../schema/path';

const words = (text: string) => jsxapiPathWords(text).map(w => (w.index ? Number(w.word) : w.word));

describe('schema: string paths as jsxapi reads them', () => {
  it('spaces, /, ., :, -, [ and ] all separate words; runs of them count once', () => {
    assert.deepEqual(words('Audio Volume'), ['Audio', 'Volume']);
    assert.deepEqual(words('/Audio/Volume'), ['Audio', 'Volume']);
    assert.deepEqual(words('Audio.Volume'), ['Audio', 'Volume']);
    assert.deepEqual(words('Audio Ultrasound MaxVolume:'), ['Audio', 'Ultrasound', 'MaxVolume']);
    assert.deepEqual(words('Audio-Volume'), ['Audio', 'Volume']);
    assert.deepEqual(words('  Audio //  Volume  '), ['Audio', 'Volume']);
  });

  it('an all-digit word is an index, bracketed or not; digits inside a name stay in it', () => {
    assert.deepEqual(words('Call[3] Status'), ['Call', 3, 'Status']);
    assert.deepEqual(words('Call 3 Status'), ['Call', 3, 'Status']);
    assert.deepEqual(words('Network 1 IPv4 Address'), ['Network', 1, 'IPv4', 'Address']);
  });

  it('_ is part of a word; anything else that is no letter or digit separates, and an empty path has no words', () => {
    assert.deepEqual(words('My_Panel*Clicked'), ['My_Panel', 'Clicked']);
    assert.deepEqual(words(''), []);
    assert.deepEqual(words(': / .'), []);
  });

  it('keeps each word\'s offsets in the text', () => {
    assert.deepEqual(jsxapiPathWords('/Audio  Volume:').map(w => [w.start, w.end]), [[1, 6], [8, 14]]);
  });
});
