/**
 * Incremental re-parsing: after any line edit the result equals a full parse of the new text, and the
 * work (lines parsed afresh) stays bounded on a large document.
 */
import assert from 'node:assert/strict';
import { arraySource, IsMultiline, parseXcli, reparseXcli, splitLines, XcliDocument } from '../../schema/xcli';
import { rng } from '../support/rng';


const LINES = [
  'xCommand Dial Number: "x"', 'xCommand UserInterface Extensions Panel Save PanelId: "p"', '<Extensions>', '.',
  'xStatus Audio Volume', '# comment', '', 'body text', 'xConfiguration SystemUnit Name: "n"', 'xFeedback register /Status/Audio',
  'xStatus Call[2] Status', ' . ', 'xCommand Macros Macro Save Name: "m"', 'const a = 1;', 'xcom', 'garbage "unterminated',
];

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

function check(seed: number, isMultiline?: IsMultiline): void {
  const r = rng(seed);
  const pick = (): string => LINES[Math.floor(r() * LINES.length)]!;
  let lines = Array.from({ length: 1 + Math.floor(r() * 30) }, pick);
  const eol = r() < 0.5 ? '\n' : '\r\n';
  let doc: XcliDocument = parseXcli(lines.join(eol), { isMultiline });
  for (let step = 0; step < 20; step++) {
    const startLine = Math.floor(r() * (lines.length + 1));
    const oldEndLine = Math.min(lines.length, startLine + Math.floor(r() * 3));
    const inserted = Array.from({ length: Math.floor(r() * 3) }, pick);
    let next = [...lines.slice(0, startLine), ...inserted, ...lines.slice(oldEndLine)];
    let edit = { startLine, oldEndLine, newLineCount: inserted.length };
    if (next.length === 0) {
      next = [''];
      edit = { startLine: 0, oldEndLine: lines.length, newLineCount: 1 };
    }
    if (startLine >= lines.length && next.length > lines.length) {
      // Appending after the last line: the old last line is part of the edit (its line end is new).
      edit = { startLine: lines.length - 1, oldEndLine: lines.length, newLineCount: next.length - lines.length + 1 };
    }
    const text = next.join(eol);
    const { lines: ls, offsets } = splitLines(text);
    const result = reparseXcli(doc, arraySource(ls, offsets), edit, { isMultiline });
    const full = parseXcli(text, { isMultiline });
    assert.deepEqual(clone(result.doc), clone(full), `seed ${seed} step ${step}: ${JSON.stringify(edit)}`);
    doc = result.doc;
    lines = next;
  }
}

describe('xcli incremental re-parse', () => {
  it('equals a full parse after random edits (lone-. rule)', () => {
    for (let seed = 1; seed <= 150; seed++) check(seed);
  });

  it('equals a full parse after random edits (schema callback)', () => {
    const isMultiline: IsMultiline = names => names.some(n => n === 'Save');
    for (let seed = 1000; seed <= 1150; seed++) check(seed, isMultiline);
  });

  it('re-parses a bounded number of lines on a 100,000-line document', () => {
    const block = ['xCommand Dial Number: "x"', 'xStatus Audio Volume', '# note', 'xCommand UserInterface Extensions Panel Save PanelId: "p"', '<a/>', '.'];
    const lines: string[] = [];
    while (lines.length < 100_000) lines.push(...block);
    const text = lines.join('\n');
    let doc = parseXcli(text);
    const edits = [
      { line: 50_000, text: 'xStatus Audio Vol' },          // replace a line
      { line: 50_004, text: '<b/>' },                       // inside a body
      { line: 99_000, text: '.' },                          // a new terminator
      { line: 10, text: 'xConfiguration SystemUnit Name: "a"' },
    ];
    for (const e of edits) {
      lines[e.line] = e.text;
      const { lines: ls, offsets } = splitLines(lines.join('\n'));
      const r = reparseXcli(doc, arraySource(ls, offsets), { startLine: e.line, oldEndLine: e.line + 1, newLineCount: 1 });
      assert.ok(r.lines <= 12, `edit at ${e.line} re-parsed ${r.lines} lines`);
      doc = r.doc;
    }
    // Inserting a line shifts everything after it; the work is still bounded.
    lines.splice(20_000, 0, 'xStatus Standby State');
    const { lines: ls, offsets } = splitLines(lines.join('\n'));
    const r = reparseXcli(doc, arraySource(ls, offsets), { startLine: 20_000, oldEndLine: 20_000, newLineCount: 1 });
    assert.ok(r.lines <= 12, `insertion re-parsed ${r.lines} lines`);
    const last = r.doc.lines[r.doc.lines.length - 1]!;
    assert.equal(last.lastLine, ls.length - 1);
    assert.equal(last.end, offsets[ls.length - 1]! + ls[ls.length - 1]!.length);
    assert.deepEqual(clone(r.doc.lines.slice(-50)), clone(parseXcli(lines.join('\n')).lines.slice(-50)));
  });
});

describe('xcli incremental re-parse, edits that do not describe the change', () => {
  it('falls back to a full parse when line ends changed outside the edit', () => {
    const before = 'xStatus A\nxStatus B\nxStatus C';
    const after = 'xStatus A\r\nxStatus B\r\nxStatus C';
    const { lines, offsets } = splitLines(after);
    const r = reparseXcli(parseXcli(before), arraySource(lines, offsets), { startLine: 3, oldEndLine: 3, newLineCount: 0 });
    assert.deepEqual(clone(r.doc), clone(parseXcli(after)));
    assert.equal(r.lines, 3);
  });
});
