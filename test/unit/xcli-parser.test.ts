/** The xCLI parser: every statement form, short forms, ranges, partial lines, multiline bodies, comments. */
import assert from 'node:assert/strict';
import {
  documentSymbols, foldingRanges, keywordOf, parseXcli, splitLines, XcliDocument, XcliFeedbackStatement, XcliPathStatement, XcliStatement, XcliToken,
} from '../../schema/xcli';

function one(text: string): XcliStatement {
  const doc = parseXcli(text);
  assert.equal(doc.lines.length, 1, `expected one statement for ${JSON.stringify(text)}`);
  return doc.lines[0]!;
}

function path(text: string): XcliPathStatement {
  const st = one(text);
  assert.ok(st.type === 'command' || st.type === 'configuration' || st.type === 'status' || st.type === 'event', `got ${st.type}`);
  return st;
}

/** A token's text must be exactly what its offsets and range point at. */
function assertTokenAt(text: string, t: XcliToken): void {
  assert.equal(text.slice(t.start, t.end), t.text);
  const { lines, offsets } = splitLines(text);
  assert.equal(offsets[t.range.start.line]! + t.range.start.character, t.start);
  assert.equal(lines[t.range.start.line]!.slice(t.range.start.character, t.range.end.character), t.text);
}

describe('xcli parser', () => {
  describe('keywords', () => {
    it('accepts the full keywords and unambiguous prefixes, case-insensitively', () => {
      const cases: [string, string | undefined][] = [
        ['xCommand', 'command'], ['xcommand', 'command'], ['xcom', 'command'], ['XCOM', 'command'],
        ['xConfiguration', 'configuration'], ['xconf', 'configuration'], ['xconfig', 'configuration'], ['xcon', 'configuration'],
        ['xStatus', 'status'], ['xstat', 'status'], ['xst', 'status'],
        ['xEvent', 'event'], ['xev', 'event'],
        ['xFeedback', 'feedback'], ['xfeed', 'feedback'], ['xfe', 'feedback'],
        ['xco', undefined], ['xc', undefined], ['x', undefined], ['xCommands', undefined], ['xGetxml', undefined],
        ['xstatusx', undefined], ['command', undefined],
      ];
      for (const [word, kind] of cases) assert.equal(keywordOf(word), kind, word);
    });

    it('reads each keyword form into its statement type', () => {
      assert.equal(one('xcom Dial').type, 'command');
      assert.equal(one('XCONFIG SystemUnit Name').type, 'configuration');
      assert.equal(one('xstat Audio Volume').type, 'status');
      assert.equal(one('xev CallSuccessful').type, 'event');
      assert.equal(one('xfeed list').type, 'feedback');
    });
  });

  describe('commands', () => {
    it('splits path and parameters, with quoted and bare values', () => {
      const text = 'xCommand Dial Number: "10990@bjn.vc" CallType: Video';
      const st = path(text);
      assert.equal(st.type, 'command');
      assert.deepEqual(st.segments.map(s => s.name.text), ['Dial']);
      assert.deepEqual(st.params.map(p => [p.name.text, p.value?.value, p.value?.quoted]), [
        ['Number', '10990@bjn.vc', true], ['CallType', 'Video', false],
      ]);
      assertTokenAt(text, st.keyword);
      for (const p of st.params) { assertTokenAt(text, p.name); assertTokenAt(text, p.colon!); assertTokenAt(text, p.value!.token); }
      assert.equal(st.params[0]!.value!.token.text, '"10990@bjn.vc"');
    });

    it('unescapes \\" and \\\\ in strings and keeps other backslashes', () => {
      const st = path('xCommand UserInterface Message Alert Display Text: "say \\"hi\\" \\\\ \\n"');
      assert.equal(st.params[0]!.value!.value, 'say "hi" \\ \\n');
      assert.equal(st.params[0]!.value!.terminated, true);
    });

    it('keeps URIs with colons in bare values and values glued to the colon', () => {
      const st = path('xCommand Dial Number:sip:alice@example.com Protocol:Sip');
      assert.deepEqual(st.params.map(p => [p.name.text, p.value?.value]), [['Number', 'sip:alice@example.com'], ['Protocol', 'Sip']]);
    });

    it('keeps repeated parameters in order', () => {
      const st = path('xCommand Video Input SetMainVideoSource ConnectorId: 1 ConnectorId: 2');
      assert.deepEqual(st.params.map(p => p.value?.value), ['1', '2']);
    });

    it('parses partial lines into partial trees', () => {
      assert.deepEqual(path('xCommand Dial Num').segments.map(s => s.name.text), ['Dial', 'Num']);
      const colon = path('xCommand Dial Number:');
      assert.equal(colon.params[0]!.name.text, 'Number');
      assert.ok(colon.params[0]!.colon);
      assert.equal(colon.params[0]!.value, undefined);
      const open = path('xCommand Dial Number: "unterminated');
      assert.equal(open.params[0]!.value!.terminated, false);
      assert.equal(open.params[0]!.value!.value, 'unterminated');
      assert.equal(open.params[0]!.value!.token.text, '"unterminated');
      const next = path('xCommand Dial Number: CallType: Video');
      assert.deepEqual(next.params.map(p => [p.name.text, p.value?.value]), [['Number', undefined], ['CallType', 'Video']]);
      const bare = path('xStat');
      assert.equal(bare.segments.length, 0);
      assert.equal(bare.type, 'status');
    });
  });

  describe('paths and indexes', () => {
    it('reads bracket indexes', () => {
      const text = 'xStatus Call[3] Status';
      const st = path(text);
      assert.deepEqual(st.segments.map(s => s.name.text), ['Call', 'Status']);
      const idx = st.segments[0]!.indexes[0]!;
      assert.deepEqual([idx.value, idx.form, idx.closed, idx.token.text], [3, 'bracket', true, '[3]']);
      assertTokenAt(text, idx.token);
    });

    it('attaches a separate number to the segment before it', () => {
      const st = path('xConfiguration Video Input Connector 2 Name: "x"');
      assert.deepEqual(st.segments.map(s => s.name.text), ['Video', 'Input', 'Connector', 'Name']);
      assert.deepEqual(st.segments[2]!.indexes.map(i => [i.value, i.form]), [[2, 'separate']]);
      assert.equal(st.assign!.value!.value, 'x');
    });

    it('keeps open and non-numeric brackets as indexes without a value', () => {
      const open = path('xStatus Call[');
      assert.deepEqual(open.segments[0]!.indexes.map(i => [i.value, i.closed, i.token.text]), [[undefined, false, '[']]);
      const word = path('xStatus Call[x] Status');
      assert.deepEqual(word.segments[0]!.indexes.map(i => [i.value, i.closed]), [[undefined, true]]);
    });

    it('keeps several indexes on one segment for the validator to judge', () => {
      const st = path('xStatus Call[1] 2 Status');
      assert.deepEqual(st.segments[0]!.indexes.map(i => i.value), [1, 2]);
    });
  });

  describe('configuration, status, event', () => {
    it('reads a configuration get and set', () => {
      const get = path('xConfiguration SystemUnit Name');
      assert.equal(get.assign, undefined);
      const set = path('xConfiguration SystemUnit Name: "Whisper Blade"');
      assert.deepEqual(set.segments.map(s => s.name.text), ['SystemUnit', 'Name']);
      assert.equal(set.assign!.value!.value, 'Whisper Blade');
    });

    it('reads an unquoted configuration value as the rest of the line', () => {
      const set = path('xConfiguration SystemUnit Name: Whisper Blade   ');
      assert.equal(set.assign!.value!.value, 'Whisper Blade');
      assert.equal(set.assign!.value!.quoted, false);
    });

    it('keeps text after a quoted configuration value as extra', () => {
      const set = path('xConfiguration SystemUnit Name: "a" b');
      assert.equal(set.assign!.value!.value, 'a');
      assert.deepEqual(set.extra.map(t => t.text), ['b']);
    });

    it('reads an empty configuration value as missing', () => {
      const set = path('xConfiguration SystemUnit Name:');
      assert.ok(set.assign);
      assert.equal(set.assign.value, undefined);
    });

    it('reads a value given to a status (for the validator to reject)', () => {
      const st = path('xStatus Foo: 1');
      assert.equal(st.assign!.value!.value, '1');
    });

    it('reads events', () => {
      const st = path('xEvent UserInterface Extensions Widget Action');
      assert.equal(st.type, 'event');
      assert.equal(st.segments.length, 4);
    });
  });

  describe('feedback', () => {
    it('reads register with a slash path, and the other actions', () => {
      const text = 'xFeedback register /Status/Audio/Volume';
      const st = one(text) as XcliFeedbackStatement;
      assert.equal(st.action, 'register');
      assert.deepEqual(st.segments.map(s => s.name.text), ['Status', 'Audio', 'Volume']);
      assert.equal(st.pathToken!.text, '/Status/Audio/Volume');
      for (const s of st.segments) assertTokenAt(text, s.name);
      assert.equal((one('xFeedback deregister Status/Call[2]/Status') as XcliFeedbackStatement).segments[1]!.indexes[0]!.value, 2);
      assert.equal((one('xFeedback List') as XcliFeedbackStatement).action, 'list');
      assert.equal((one('xfeedback deregisterall') as XcliFeedbackStatement).action, 'deregisterall');
      const bad = one('xFeedback regist /Status') as XcliFeedbackStatement;
      assert.equal(bad.action, undefined);
      assert.equal(bad.actionToken!.text, 'regist');
      const none = one('xFeedback') as XcliFeedbackStatement;
      assert.equal(none.actionToken, undefined);
    });
  });

  describe('comments, blanks, unknown lines', () => {
    it('reads whole-line comments, blank lines and unknown lines with their words', () => {
      const doc = parseXcli('# a comment\n   \n  # indented\nhello world "x y"\n');
      assert.deepEqual(doc.lines.map(l => l.type), ['comment', 'blank', 'comment', 'unknown', 'blank']);
      assert.equal(doc.lineCount, 5);
      const unknown = doc.lines[3];
      assert.equal(unknown?.type, 'unknown');
      if (unknown?.type === 'unknown') assert.deepEqual(unknown.tokens.map(t => t.text), ['hello', 'world', '"x', 'y"']);
    });

    it('does not treat # inside a line as a comment', () => {
      const st = path('xCommand UserInterface Message Alert Display Text: #1');
      assert.equal(st.params[0]!.value!.value, '#1');
    });
  });

  describe('multiline bodies', () => {
    const script = [
      'xCommand UserInterface Extensions Panel Save PanelId: "x"',
      '<Extensions>',
      '# not a comment here',
      '</Extensions>',
      '.',
      'xStatus Audio Volume',
    ].join('\n');

    it('without a callback: a command followed by a lone . owns the lines up to it', () => {
      const doc = parseXcli(script);
      assert.deepEqual(doc.lines.map(l => [l.type, l.firstLine, l.lastLine]), [['command', 0, 4], ['status', 5, 5]]);
      const st = doc.lines[0] as XcliPathStatement;
      assert.deepEqual(st.body!.lines.map(t => t.text), ['<Extensions>', '# not a comment here', '</Extensions>']);
      assert.equal(st.body!.terminator!.text, '.');
      assert.deepEqual(st.body!.range, { start: { line: 1, character: 0 }, end: { line: 4, character: 1 } });
      for (const t of st.body!.lines) assertTokenAt(script, t);
    });

    it('without a callback: a command with no lone . before the next keyword line has no body', () => {
      const doc = parseXcli('xCommand Dial Number: "x"\nsome text\nxStatus Audio Volume\n.');
      assert.deepEqual(doc.lines.map(l => l.type), ['command', 'unknown', 'status', 'unknown']);
      assert.equal((doc.lines[0] as XcliPathStatement).body, undefined);
    });

    it('with a callback: the schema decides', () => {
      const calls: string[][] = [];
      const doc = parseXcli(script, { isMultiline: names => { calls.push([...names]); return false; } });
      assert.deepEqual(calls, [['UserInterface', 'Extensions', 'Panel', 'Save']]);
      assert.equal((doc.lines[0] as XcliPathStatement).body, undefined);
      assert.equal(doc.lines.length, 6);
    });

    it('with a callback: an unterminated body ends before the next keyword line', () => {
      const doc = parseXcli('xCommand Macros Macro Save Name: "m"\nconst a = 1;\n\nxStatus Audio Volume', { isMultiline: () => true });
      const st = doc.lines[0] as XcliPathStatement;
      assert.deepEqual([st.firstLine, st.lastLine], [0, 2]);
      assert.deepEqual(st.body!.lines.map(t => t.text), ['const a = 1;', '']);
      assert.equal(st.body!.terminator, undefined);
      assert.equal(doc.lines[1]!.type, 'status');
    });

    it('an empty body is just the terminator; a body may end the file', () => {
      const doc = parseXcli('xCommand A B\n.', { isMultiline: () => true });
      const st = doc.lines[0] as XcliPathStatement;
      assert.deepEqual(st.body!.lines, []);
      assert.equal(st.body!.terminator!.range.start.line, 1);
      const open = parseXcli('xCommand A B\nx', { isMultiline: () => true }).lines[0] as XcliPathStatement;
      assert.deepEqual(open.body!.lines.map(t => t.text), ['x']);
    });

    it('a callback that throws or answers undefined falls back to the lone-. rule', () => {
      const thrower = parseXcli(script, { isMultiline: () => { throw new Error('boom'); } });
      assert.ok((thrower.lines[0] as XcliPathStatement).body);
      const unsure = parseXcli(script, { isMultiline: () => undefined });
      assert.ok((unsure.lines[0] as XcliPathStatement).body);
    });
  });

  describe('lines and ranges', () => {
    it('counts \\r\\n, \\r and \\n as line ends and keeps offsets right', () => {
      const text = 'xStatus A\r\nxStatus B\rxStatus C\nxStatus D';
      const doc: XcliDocument = parseXcli(text);
      assert.equal(doc.lines.length, 4);
      for (const st of doc.lines) {
        if (st.type !== 'status') assert.fail('expected statuses');
        assertTokenAt(text, st.keyword);
        assertTokenAt(text, st.segments[0]!.name);
        assert.equal(text.slice(st.start, st.end), `xStatus ${st.segments[0]!.name.text}`);
      }
    });

    it('covers every line exactly once', () => {
      const text = 'xCommand A\nbody\n.\n\n# c\nxStatus X\nfoo';
      const doc = parseXcli(text);
      let next = 0;
      for (const st of doc.lines) {
        assert.equal(st.firstLine, next);
        next = st.lastLine + 1;
      }
      assert.equal(next, doc.lineCount);
    });
  });
});

describe('xcli outline', () => {
  it('folds multiline bodies and comment runs, and lists one symbol per x-statement', () => {
    const doc = parseXcli('# a\n# b\n# c\nxCommand UserInterface Extensions Panel Save PanelId: "p"\n<x/>\n.\nxStatus Call 2 Status\n# d\nxFeedback register /Status/Audio');
    assert.deepEqual(foldingRanges(doc), [{ startLine: 0, endLine: 2, kind: 'comment' }, { startLine: 3, endLine: 5, kind: 'body' }]);
    assert.deepEqual(documentSymbols(doc).map(s => [s.name, s.kind, s.range.start.line, s.range.end.line, s.selectionRange.start.character]), [
      ['xCommand UserInterface Extensions Panel Save', 'command', 3, 5, 9],
      ['xStatus Call[2] Status', 'status', 6, 6, 8],
      ['xFeedback register /Status/Audio', 'feedback', 8, 8, 19],
    ]);
  });
});
