/** contextAt / nodeAt / statementAt: what the language server asks at a cursor (`|` marks it). */
import assert from 'node:assert/strict';
import { SchemaIndex } from '../../schema/schemaIndex';
import { core } from '../../schema/sources';
import { contextAt, nodeAt, parseXcli, statementAt, XcliContext, XcliPosition } from '../../schema/xcli';

function at(marked: string, index?: SchemaIndex): XcliContext & { text: string; pos: XcliPosition } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'cursor marker missing');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  const pos = { line: before.length - 1, character: before[before.length - 1]!.length };
  return { ...contextAt(parseXcli(text), pos, index), text, pos };
}

/** The text a completion at this context would replace. */
function replaced(c: ReturnType<typeof at>): string {
  const line = c.text.split('\n')[c.replace.start.line]!;
  return line.slice(c.replace.start.character, c.replace.end.character);
}

function brief(c: ReturnType<typeof at>): unknown[] {
  return [c.kind, c.nodeKind, c.segmentIndex, c.pathNames.join(' '), c.paramName, c.prefix, replaced(c)];
}

describe('xcli contextAt', () => {
  const index = new SchemaIndex(core());

  it('keywords: empty lines, half-typed keywords, unknown first words', () => {
    assert.deepEqual(brief(at('|')), ['keyword', undefined, undefined, '', undefined, '', '']);
    assert.deepEqual(brief(at('xSt|')), ['keyword', undefined, undefined, '', undefined, 'xSt', 'xSt']);
    assert.deepEqual(brief(at('xS|')), ['keyword', undefined, undefined, '', undefined, 'xS', 'xS']);
    assert.deepEqual(brief(at('xCom|mand Dial')), ['keyword', undefined, undefined, '', undefined, 'xCom', 'xCommand']);
    assert.deepEqual(brief(at('xStatus Audio\n|')), ['keyword', undefined, undefined, '', undefined, '', '']);
  });

  it('path segments: inside, at the end, and in the gap after', () => {
    assert.deepEqual(brief(at('xStatus |')), ['path', 'Status', 0, '', undefined, '', '']);
    assert.deepEqual(brief(at('xStatus Aud|')), ['path', 'Status', 0, '', undefined, 'Aud', 'Aud']);
    assert.deepEqual(brief(at('xStatus Au|dio Volume')), ['path', 'Status', 0, '', undefined, 'Au', 'Audio']);
    assert.deepEqual(brief(at('xStatus Audio Vol|')), ['path', 'Status', 1, 'Audio', undefined, 'Vol', 'Vol']);
    assert.deepEqual(brief(at('xStatus Audio |')), ['path', 'Status', 1, 'Audio', undefined, '', '']);
    assert.deepEqual(brief(at('xConfiguration Video Input Connector 2 |')), ['path', 'Configuration', 3, 'Video Input Connector', undefined, '', '']);
    assert.deepEqual(brief(at('xStatus Call[3] St|')), ['path', 'Status', 1, 'Call', undefined, 'St', 'St']);
    assert.deepEqual(brief(at('xcom Audio Volume |')), ['path', 'Command', 2, 'Audio Volume', undefined, '', '']);
  });

  it('indexes', () => {
    assert.deepEqual(brief(at('xStatus Call[|')), ['index', 'Status', 0, 'Call', undefined, '[', '[']);
    assert.deepEqual(brief(at('xStatus Call[1|] Status')), ['index', 'Status', 0, 'Call', undefined, '[1', '[1]']);
  });

  it('parameter names and values', () => {
    assert.deepEqual(brief(at('xCommand Dial Number: "x" |')), ['paramName', 'Command', undefined, 'Dial', undefined, '', '']);
    assert.deepEqual(brief(at('xCommand Dial Number: "x" Call|')), ['paramName', 'Command', undefined, 'Dial', undefined, 'Call', 'Call']);
    assert.deepEqual(brief(at('xCommand Dial Number:|')), ['paramValue', 'Command', undefined, 'Dial', 'Number', '', '']);
    assert.deepEqual(brief(at('xCommand Dial Number: |')), ['paramValue', 'Command', undefined, 'Dial', 'Number', '', '']);
    assert.deepEqual(brief(at('xCommand Dial Number: "ab|')), ['paramValue', 'Command', undefined, 'Dial', 'Number', 'ab', '"ab']);
    assert.deepEqual(brief(at('xCommand Dial Number: "x" CallType: Vi|')), ['paramValue', 'Command', undefined, 'Dial', 'CallType', 'Vi', 'Vi']);
    assert.deepEqual(brief(at('xCommand Dial Number: | CallType: Video')), ['paramValue', 'Command', undefined, 'Dial', 'Number', '', '']);
    assert.deepEqual(brief(at('xCommand Dial Number: "x"|')), ['paramName', 'Command', undefined, 'Dial', undefined, '', '']);
  });

  it('a word after a complete command is a parameter name when the schema is given', () => {
    assert.deepEqual(brief(at('xCommand Dial Num|')), ['path', 'Command', 1, 'Dial', undefined, 'Num', 'Num']);
    assert.deepEqual(brief(at('xCommand Dial Num|', index)), ['paramName', 'Command', undefined, 'Dial', undefined, 'Num', 'Num']);
    assert.deepEqual(brief(at('xCommand Dial |', index)), ['paramName', 'Command', undefined, 'Dial', undefined, '', '']);
    assert.deepEqual(brief(at('xCommand Audio |', index)), ['path', 'Command', 1, 'Audio', undefined, '', '']);
  });

  it('configuration values', () => {
    assert.deepEqual(brief(at('xConfiguration SystemUnit Name:|')), ['configValue', 'Configuration', undefined, 'SystemUnit Name', undefined, '', '']);
    assert.deepEqual(brief(at('xConfiguration Audio DefaultVolume: 5|')), ['configValue', 'Configuration', undefined, 'Audio DefaultVolume', undefined, '5', '5']);
    assert.deepEqual(brief(at('xConfiguration SystemUnit Name: "Wh|')), ['configValue', 'Configuration', undefined, 'SystemUnit Name', undefined, 'Wh', '"Wh']);
    assert.deepEqual(brief(at('xConfiguration SystemUnit Na|me: "x"')), ['path', 'Configuration', 1, 'SystemUnit', undefined, 'Na', 'Name']);
  });

  it('feedback actions and paths', () => {
    assert.deepEqual(brief(at('xFeedback |')), ['feedbackAction', undefined, undefined, '', undefined, '', '']);
    assert.deepEqual(brief(at('xFeedback reg|')), ['feedbackAction', undefined, undefined, '', undefined, 'reg', 'reg']);
    assert.deepEqual(brief(at('xFeedback register /St|')), ['path', undefined, 0, '', undefined, 'St', 'St']);
    assert.deepEqual(brief(at('xFeedback register /Status/Au|')), ['path', 'Status', 0, '', undefined, 'Au', 'Au']);
    assert.deepEqual(brief(at('xFeedback register /Status/Audio/|')), ['path', 'Status', 1, 'Audio', undefined, '', '']);
  });

  it('bodies, terminators, comments', () => {
    const body = 'xCommand UserInterface Extensions Panel Save PanelId: "x"\n<Ext|ensions>\n.';
    assert.equal(at(body).kind, 'body');
    assert.equal(at('xCommand A\nx\n|.').kind, 'none');
    assert.equal(at('# comm|ent').kind, 'none');
    assert.equal(at('xStatus Audio Volume: 1 "x" |').kind, 'none');
  });

  it('nodeAt and statementAt find the token and the statement', () => {
    const doc = parseXcli('# c\nxCommand Dial Number: "x"\nxCommand A\nbody\n.\nxStatus Call[2] Status');
    assert.equal(statementAt(doc, 3)?.firstLine, 2);
    assert.equal(statementAt(doc, 5)?.type, 'status');
    assert.equal(statementAt(doc, 99), undefined);
    assert.deepEqual([nodeAt(doc, 1, 15)?.role, nodeAt(doc, 1, 15)?.token.text], ['paramName', 'Number']);
    assert.deepEqual([nodeAt(doc, 1, 10)?.role, nodeAt(doc, 1, 10)?.token.text], ['segment', 'Dial']);
    assert.deepEqual([nodeAt(doc, 1, 22)?.role, nodeAt(doc, 1, 22)?.token.text], ['paramValue', '"x"']);
    assert.deepEqual([nodeAt(doc, 5, 13)?.role, nodeAt(doc, 5, 13)?.index], ['index', 0]);
    assert.equal(nodeAt(doc, 3, 1)?.role, 'body');
    assert.equal(nodeAt(doc, 4, 0)?.role, 'terminator');
    assert.equal(nodeAt(doc, 0, 1)?.role, 'comment');
  });
});
