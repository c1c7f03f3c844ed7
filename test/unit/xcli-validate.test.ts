/**
 * The xCLI validator against real schemas: the core schema and the published 11.27 schema.
 * One case per diagnostic code (each must be covered), plus clean scripts that must give nothing.
 */
import assert from 'node:assert/strict';
import { Schema } from '../../schema/model';
import { SchemaIndex } from '../../schema/schemaIndex';
import { core } from '../../schema/sources';
import { multilineFromIndex, parseXcli, validateXcli, XcliCode, XcliDiagnostic } from '../../schema/xcli';
import { requirePublished } from '../support/publishedSchemas';

interface Case {
  readonly name: string;
  readonly text: string;
  readonly product?: string;
  /** Parse without the schema's multiline callback (as a tool without a schema would). */
  readonly noCallback?: boolean;
  /** `line:col code` of every diagnostic, 1-based, in order. */
  readonly expect: readonly string[];
  /** Checks on the first diagnostic. */
  readonly suggestions?: readonly string[];
  readonly message?: RegExp;
  readonly data?: Record<string, unknown>;
  readonly severity?: XcliDiagnostic['severity'];
  readonly only?: 'core' | '11.27';
}

const CLEAN = [
  '# calls',
  'xCommand Dial Number: "10990@bjn.vc" CallType: Video',
  'xcom dial number: sip:alice@example.com calltype: video',
  'xCommand Audio Volume Set Level: 50',
  'xStatus Call[3] Status',
  'xStatus Call 3 Status',
  'xstat audio volume',
  'xStatus',
  'xStatus Audio',
  '',
  'xConfiguration SystemUnit Name: "Whisper Blade"',
  'xConfiguration SystemUnit Name: Whisper Blade',
  'xConfiguration Audio DefaultVolume: 50',
  'xConfiguration Video Input Connector 1 Name: "Camera"',
  'xConfiguration SystemUnit Name',
  'xCommand Presentation Start ConnectorId: 1 ConnectorId: 2',
  'xFeedback register /Status/Audio/Volume',
  'xFeedback register Status/Call[1]/Status',
  'xFeedback deregister /Event/UserInterface/Extensions/Widget/Action',
  'xFeedback list',
  'xFeedback deregisterall',
  'xEvent UserInterface Extensions Widget Action',
  'xCommand UserInterface Extensions Panel Save PanelId: "panel_1"',
  '<Extensions>',
  '  <Panel><Color>#FFCC00</Color></Panel>',
  '</Extensions>',
  '.',
  'xCommand UserInterface Message Alert Display Text: "Hello \\"you\\"" Duration: 10',
].join('\n');

const CASES: Case[] = [
  { name: 'unknown keyword, with did-you-mean', text: 'xComand Dial', expect: ['1:1 unknown-keyword'], suggestions: ['xCommand'] },
  { name: 'unknown path, with did-you-mean', text: 'xStatus Call[3] Statu', expect: ['1:17 unknown-path'], suggestions: ['Status'] },
  { name: 'unknown path at the first segment', text: 'xCommand Dail Number: "x"', expect: ['1:10 unknown-path'], suggestions: ['Dial'] },
  { name: 'unknown path in a feedback path', text: 'xFeedback register /Status/Audio/Volme', expect: ['1:34 unknown-path'], suggestions: ['Volume'] },
  {
    name: 'incomplete command path lists what may follow', text: 'xCommand Audio Volume', expect: ['1:10 incomplete-path'],
    message: /Set/,
  },
  {
    name: 'a status path under xConfiguration', text: 'xConfiguration Audio Volume', expect: ['1:16 wrong-kind'],
    data: { kind: 'Status', keyword: 'xStatus' },
  },
  { name: 'setting a status', text: 'xStatus Audio Volume: 5', expect: ['1:9 not-configuration'] },
  { name: 'setting a status path with xConfiguration', text: 'xConfiguration Audio Volume: 5', expect: ['1:16 not-configuration'] },
  { name: 'unknown parameter, with did-you-mean', text: 'xCommand Dial Number: "x" Protocl: Sip', expect: ['1:27 unknown-param'], suggestions: ['Protocol'] },
  { name: 'parameter without a value', text: 'xCommand Dial Number', expect: ['1:15 param-syntax'], suggestions: ['Number:'] },
  { name: 'parameter with a colon and nothing after it', text: 'xCommand Dial Number:', expect: ['1:15 missing-value'] },
  { name: 'configuration set with nothing after the colon', text: 'xConfiguration SystemUnit Name:', expect: ['1:31 missing-value'] },
  {
    name: 'missing required parameter, named in data', text: 'xCommand Dial CallType: Video', expect: ['1:10 missing-required'],
    data: { missing: ['Number'] }, message: /Number/,
  },
  {
    name: 'literal not allowed, closest suggested', text: 'xCommand Dial Number: "x" CallType: Vidoe', expect: ['1:37 not-literal'],
    suggestions: ['Video'],
  },
  { name: 'integer out of range', text: 'xCommand Audio Volume Set Level: 101', expect: ['1:34 out-of-range'], suggestions: ['100'] },
  { name: 'configuration integer out of range', text: 'xConfiguration Audio DefaultVolume: -1', expect: ['1:37 out-of-range'], suggestions: ['0'] },
  { name: 'not an integer', text: 'xCommand Audio Volume Set Level: loud', expect: ['1:34 not-integer'] },
  { name: 'string too long', text: `xConfiguration SystemUnit Name: "${'n'.repeat(51)}"`, expect: ['1:33 string-too-long'] },
  { name: 'string too short', text: 'xCommand Peripherals Connect ID: "" Type: Other', expect: ['1:34 string-too-short'] },
  { name: 'index below its range', text: 'xStatus Call[0] Status', expect: ['1:13 index-out-of-range'], suggestions: ['[1]'] },
  {
    name: 'index outside the range for the product', only: '11.27', product: 'hopen',
    text: 'xConfiguration Video Output Connector[3] MonitorRole: Second', expect: ['1:38 index-out-of-range'],
    message: /1\.\.2 on Room Kit/,
  },
  {
    name: 'a separate index outside the product range', only: '11.27', product: 'Room Kit',
    text: 'xConfiguration Video Input Connector 3 Name: "x"', expect: ['1:38 index-out-of-range'], message: /1\.\.2 on Room Kit/,
  },
  {
    name: 'the variant for the index decides the literals', only: '11.27', product: 'brooklyn',
    text: 'xConfiguration Video Output Connector 3 MonitorRole: Recorder', expect: [],
  },
  {
    // Codec Pro lists one variant per input connector: connector 1 takes only 1080p60, connector 3 also 2160p30.
    name: 'per-index variants of one product: the connector\'s own literals', only: '11.27', product: 'barents',
    text: 'xConfiguration Video Input Connector 1 MaxResolution: 3840_2160_30', expect: ['1:55 not-literal'], message: /1920_1080_60/,
  },
  {
    name: 'per-index variants of one product: another connector accepts the value', only: '11.27', product: 'Codec Pro',
    text: 'xConfiguration Video Input Connector[3] MaxResolution: 3840_2160_30', expect: [],
  },
  {
    name: 'per-index variants of one product: an index no variant covers', only: '11.27', product: 'barents',
    text: 'xConfiguration Video Output Connector 4 MonitorRole: Auto', expect: ['1:39 index-out-of-range'], message: /1\.\.3 on Codec Pro/,
  },
  { name: 'index on a segment that takes none', text: 'xStatus Audio[2] Volume', expect: ['1:14 invalid-index'] },
  { name: 'index that is not a number', text: 'xStatus Call[x] Status', expect: ['1:13 invalid-index'] },
  {
    name: 'not available on the product (warning, human names)', product: 'hopen',
    text: 'xCommand Camera TriggerAutofocus CameraId: 1', expect: ['1:10 not-on-product'],
    severity: 'warning', message: /not available on Room Kit \(only on .*Codec Plus/,
  },
  { name: 'repeated parameter that is not repeatable', text: 'xCommand Dial Number: "a" Number: "b"', expect: ['1:27 repeated-param'] },
  {
    name: 'too many repeats',
    text: 'xCommand Presentation Start ConnectorId: 1 ConnectorId: 1 ConnectorId: 1 ConnectorId: 1 ConnectorId: 1',
    expect: ['1:89 too-many-repeats'], message: /at most 4/,
  },
  { name: 'a body after a command that takes none', noCallback: true, text: 'xCommand Dial Number: "x"\nbody\n.', expect: ['2:1 unexpected-body'] },
  { name: 'a lone . with no multiline command open', text: 'xStatus Audio Volume\n.', expect: ['2:1 unexpected-body'] },
  {
    name: 'multiline body without its terminator',
    text: 'xCommand UserInterface Extensions Panel Save PanelId: "p"\n<Extensions/>', expect: ['2:1 missing-terminator'],
  },
  { name: 'multiline command without a body', text: 'xCommand UserInterface Extensions Panel Save PanelId: "p"', expect: ['1:10 missing-terminator'] },
  { name: 'unterminated string', text: 'xCommand Dial Number: "abc', expect: ['1:23 unterminated-string'] },
  { name: 'text after a quoted configuration value', text: 'xConfiguration SystemUnit Name: "a" b', expect: ['1:37 unexpected-token'] },
  { name: 'unknown feedback action', text: 'xFeedback regster /Status/Audio', expect: ['1:11 unknown-feedback-action'], suggestions: ['register'] },
  { name: 'feedback register without a path', text: 'xFeedback register', expect: ['1:11 missing-path'] },
];

function format(d: XcliDiagnostic): string {
  return `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`;
}

function runCases(label: 'core' | '11.27', getSchema: (ctx: Mocha.Context) => Promise<Schema>): void {
  let index: SchemaIndex;
  before(async function () {
    index = new SchemaIndex(await getSchema(this));
  });

  const validate = (text: string, product?: string, noCallback?: boolean): XcliDiagnostic[] => {
    const doc = parseXcli(text, noCallback ? {} : { isMultiline: multilineFromIndex(index) });
    return validateXcli(doc, index, { product });
  };

  it('a clean script gives no diagnostics', () => {
    assert.deepEqual(validate(CLEAN).map(d => `${format(d)} ${d.message}`), []);
  });

  for (const c of CASES) {
    if (c.only && c.only !== label) continue;
    it(c.name, () => {
      const ds = validate(c.text, c.product, c.noCallback);
      assert.deepEqual(ds.map(format), c.expect, ds.map(d => d.message).join('\n'));
      const d = ds[0];
      if (!d) return;
      if (c.suggestions) assert.deepEqual(d.suggestions?.slice(0, c.suggestions.length), c.suggestions);
      if (c.message) assert.match(d.message, c.message);
      if (c.severity) assert.equal(d.severity, c.severity);
      else assert.equal(d.severity, 'error');
      if (c.data) for (const [k, v] of Object.entries(c.data)) assert.deepEqual(d.data?.[k], v, `data.${k}`);
    });
  }
}

describe('xcli validator', () => {
  it('every code has a case', () => {
    const covered = new Set(CASES.flatMap(c => c.expect.map(e => e.split(' ')[1])));
    // integer-step is reserved for checkValue's opt-in step check (see valueCheck.ts).
    assert.deepEqual(Object.values(XcliCode).filter(code => !covered.has(code) && code !== XcliCode.IntegerStep), []);
  });

  describe('on the core schema', () => runCases('core', async () => core()));

  describe('on the published 11.27 schema', () => runCases('11.27', ctx => requirePublished(ctx, '11.27.2.0')));

  describe('on the published 11.27 schema, product-specific', () => {
    let index: SchemaIndex;
    before(async function () {
      index = new SchemaIndex(await requirePublished(this, '11.27.2.0'));
    });

    it('a command missing on the product is a warning, not an error', () => {
      const text = 'xCommand Camera TriggerAutofocus CameraId: 1';
      const ds = validateXcli(parseXcli(text), index, { product: 'Room Kit' });
      assert.deepEqual(ds.map(d => [d.code, d.severity]), [['not-on-product', 'warning']]);
      assert.deepEqual(validateXcli(parseXcli(text), index, { product: 'Codec Plus' }), []);
      assert.deepEqual(validateXcli(parseXcli(text), index), []);
    });

    it('validates a whole multiline macro save', () => {
      const text = 'xCommand Macros Macro Save Name: "hello" Overwrite: True\nimport xapi from \'xapi\';\nxapi.Command.Dial({ Number: "x" });\n.';
      assert.deepEqual(validateXcli(parseXcli(text, { isMultiline: multilineFromIndex(index) }), index), []);
    });
  });
});
