/**
 * Fuzzing the parser, contextAt and the validator: random strings, random unicode and random mutations
 * of valid scripts never throw, every token points at its own text, and statements cover every line once.
 * Seeded (mulberry32): a failure message names the seed and the input.
 */
import assert from 'node:assert/strict';
import { SchemaIndex } from '../../schema/schemaIndex';
import { core } from '../../schema/sources';
import {
  contextAt, multilineFromIndex, parseXcli, splitLines, validateXcli, XcliDocument, XcliToken,
} from '../../schema/xcli';
import { rng } from '../support/rng';


const VALID = [
  'xCommand Dial Number: "10990@bjn.vc" CallType: Video',
  'xConfiguration SystemUnit Name: "Whisper Blade"',
  'xStatus Audio Volume',
  'xStatus Call[3] Status',
  'xConfiguration Video Input Connector 2 Name: "x"',
  'xFeedback register /Status/Audio/Volume',
  'xFeedback deregister /Event/UserInterface',
  'xCommand UserInterface Extensions Panel Save PanelId: "p"\n<Extensions>\n  <Panel/>\n</Extensions>\n.',
  '# a comment',
  'xcom Audio Volume Set Level: 50',
  'xEvent UserInterface Extensions Widget Action',
  'xCommand Dial Number: "a \\"b\\" \\\\"',
].join('\n');

const PIECES = ['x', 'xCommand', 'xconf', 'xStat', 'xfeed', ' ', '  ', '\t', ':', '"', '\\', '[', ']', '.', '\n', '\r\n', '\r', '#', '/',
  'Dial', 'Number', 'Call', '3', '-1', '999999999999999999999', 'é', '😀', '\u0000', '\u00a0', '\u2028', '\ufeff', 'register', 'Status'];

function randomUnicode(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const kind = r();
    if (kind < 0.6) s += String.fromCharCode(32 + Math.floor(r() * 95));
    else if (kind < 0.8) s += String.fromCharCode(Math.floor(r() * 0xffff)); // includes lone surrogates
    else s += String.fromCodePoint(0x10000 + Math.floor(r() * 0xfffff));
  }
  return s;
}

function randomPieces(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(r() * PIECES.length)];
  return s;
}

function mutate(r: () => number, text: string): string {
  let s = text;
  const edits = 1 + Math.floor(r() * 6);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(r() * (s.length + 1));
    const op = r();
    if (op < 0.35) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 5));
    else if (op < 0.7) s = s.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)] + s.slice(at);
    else if (op < 0.85) s = s.slice(0, at);
    else s = s.slice(0, at) + s.slice(Math.floor(r() * s.length));
  }
  return s;
}

/** Every token in the tree points at exactly its text; collected generically so new fields are covered. */
function checkTokens(text: string, doc: XcliDocument, where: string): number {
  let count = 0;
  const { lines, offsets } = splitLines(text);
  assert.equal(doc.lineCount, lines.length, where);
  let next = 0;
  for (const st of doc.lines) {
    assert.equal(st.firstLine, next, `${where}: statements must cover every line once`);
    assert.ok(st.lastLine >= st.firstLine, where);
    assert.ok(st.start >= 0 && st.end <= text.length && st.start <= st.end, where);
    next = st.lastLine + 1;
  }
  assert.equal(next, lines.length, where);
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const o = node as Record<string, unknown>;
    if (typeof o.text === 'string' && typeof o.start === 'number' && typeof o.end === 'number' && 'range' in o) {
      const t = node as XcliToken;
      count++;
      assert.ok(t.start >= 0 && t.end <= text.length && t.start <= t.end, `${where}: token offsets ${t.start}..${t.end}`);
      assert.equal(text.slice(t.start, t.end), t.text, `${where}: token text`);
      const line = lines[t.range.start.line];
      assert.ok(line !== undefined, `${where}: token line`);
      assert.equal(t.range.start.line, t.range.end.line, `${where}: tokens stay on one line`);
      assert.ok(t.range.end.character <= line.length, `${where}: token end inside its line`);
      assert.equal(offsets[t.range.start.line]! + t.range.start.character, t.start, `${where}: range agrees with offset`);
    }
    for (const v of Array.isArray(node) ? node : Object.values(o)) visit(v);
  };
  visit(doc.lines);
  return count;
}

describe('xcli fuzz', function () {
  this.timeout(120_000);
  const index = new SchemaIndex(core());
  const isMultiline = multilineFromIndex(index);

  it('never throws and keeps ranges inside the text (6,000 seeded inputs)', () => {
    const r = rng(20261126);
    let tokensSeen = 0;
    let diagnosticsSeen = 0;
    for (let n = 0; n < 6000; n++) {
      const kind = n % 3;
      const text = kind === 0 ? randomPieces(r, Math.floor(r() * 40)) : kind === 1 ? randomUnicode(r, Math.floor(r() * 80)) : mutate(r, VALID);
      const where = `input ${n}: ${JSON.stringify(text.slice(0, 200))}`;
      let doc: XcliDocument;
      try {
        doc = parseXcli(text, n % 2 ? { isMultiline } : {});
      } catch (e) {
        assert.fail(`${where}: parse threw ${String(e)}`);
      }
      tokensSeen += checkTokens(text, doc, where);
      const diagnostics = validateXcli(doc, index, { product: n % 5 === 0 ? 'hopen' : undefined });
      diagnosticsSeen += diagnostics.length;
      for (const d of diagnostics) {
        assert.ok(d.range.start.line < doc.lineCount && d.range.end.line < doc.lineCount, `${where}: diagnostic range`);
        assert.ok(typeof d.code === 'string' && d.message.length > 0, where);
        assert.notEqual(d.severity === 'info' && d.message.startsWith('internal'), true, `${where}: ${d.message}`);
      }
      const { lines } = splitLines(text);
      for (let k = 0; k < 3; k++) {
        const line = Math.floor(r() * lines.length);
        const character = Math.floor(r() * (lines[line]!.length + 1));
        const c = contextAt(doc, { line, character }, k === 0 ? index : undefined);
        assert.ok(c.replace.start.line === line && c.replace.start.character <= character && c.replace.end.character >= character,
          `${where}: replace range must hold the cursor ${line}:${character}`);
      }
    }
    // The inputs must exercise the code, not slip past it.
    assert.ok(tokensSeen > 50_000, `only ${tokensSeen} tokens checked`);
    assert.ok(diagnosticsSeen > 5_000, `only ${diagnosticsSeen} diagnostics`);
  });

  it('the parser survives a non-string argument', () => {
    assert.doesNotThrow(() => parseXcli(undefined as unknown as string));
    assert.doesNotThrow(() => parseXcli(42 as unknown as string));
  });
});
