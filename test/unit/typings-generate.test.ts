/** The typings generator on small hand-built schemas: the shapes it writes, and that they compile. */
import assert from 'node:assert/strict';
import { CommandParam, EventField, NodeKind, NodeVariant, Schema, SchemaNode, Segment, ValueSpace } from '../../schema/model';
import { generateTypings, TypingsError } from '../../schema/typings';
import { compile, formatDiagnostics, packageFiles, VIRTUAL } from './typings-compile';

const int = (min?: number, max?: number): ValueSpace => ({ type: 'Integer', min, max });
const str = (maxLength?: number): ValueSpace => ({ type: 'String', minLength: 0, maxLength });
const lit = (...values: string[]): ValueSpace => ({ type: 'Literal', values: values.map(value => ({ value })) });

function segments(path: string): Segment[] {
  return path.split(' ').map(raw => {
    const m = /^(.*)\[(n|\d+)(?:\.\.(\d+))?\]$/.exec(raw);
    if (!m) return { name: raw };
    return { name: m[1]!, index: m[2] === 'n' ? { min: 1 } : { min: Number(m[2]), max: Number(m[3] ?? m[2]) } };
  });
}

function variant(path: string, extra: Partial<NodeVariant> = {}): NodeVariant {
  return { products: [], path: segments(path), access: 'public-api', backend: 'any', writeRoles: [], readRoles: [], ...extra };
}

function node(kind: NodeKind, path: string, ...variants: Partial<NodeVariant>[]): SchemaNode {
  const names = segments(path).map(s => s.name);
  return { kind, names, normPath: names.join(' '), variants: (variants.length ? variants : [{}]).map(v => variant(path, v)) };
}

const param = (name: string, required: boolean, valueSpace: ValueSpace, description?: string): CommandParam => ({ name, required, valueSpace, description });
const field = (name: string, required: boolean, valueSpace?: ValueSpace, extra: Partial<EventField> = {}): EventField => ({ name, required, valueSpace, ...extra });

const schemaOf = (...nodes: SchemaNode[]): Schema => ({ version: 'test-1', source: 'file', nodes });

const SAMPLE = schemaOf(
  node('Command', 'Dial', { description: 'Dial out. Do not write */ in a comment.', params: [
    param('Protocol', false, lit('H323', 'Sip')),
    param('Number', true, str(255), 'The number.'),
    param('CallRate', false, int(64, 6000)),
    param('ConnectorId', false, { ...int(1, 5), multiple: 4 }),
  ] }),
  node('Command', 'Standby Activate'),
  node('Command', 'Macros Macro Save', { multiline: true, params: [param('Name', true, str(255))] }),
  node('Configuration', 'Network[1] IEEE8021X Eap', { valueSpace: lit('802.1X', 'Md5', "it's") }),
  node('Configuration', 'Video Output Connector[1..3] MonitorRole',
    { products: ['hopen'], path: segments('Video Output Connector[1..2] MonitorRole'), valueSpace: lit('Auto', 'First') },
    { products: ['brooklyn'], valueSpace: lit('Auto', 'Third'), default: 'Auto' }),
  node('Configuration', 'Audio DefaultVolume', { products: ['hopen'], valueSpace: int(0, 100) }, { products: ['brooklyn'], valueSpace: int(10, 70) }),
  node('Configuration', 'Video Input 3D Mode', { products: ['brooklyn'], valueSpace: lit('On', 'Off') }),
  node('Status', 'Call[n] Status', { valueSpace: lit('Idle', 'Connected') }),
  node('Status', 'Audio Volume', { valueSpace: int() }),
  node('Status', 'Audio InputLine Level', { valueSpace: int() }),
  node('Status', 'AudioInput Line Level', { valueSpace: str() }),
  node('Status', 'HttpFeedback[n] Expression[n]', { valueSpace: str() }),
  node('Event', 'Standby SecondsToStandby', { bareValue: int() }),
  node('Event', 'RoomReset SecondsToReset', { fields: [field('NameNotUsed', true, int())] }),
  node('Event', 'UserInterface Message TextInput Response', { fields: [field('Text', true, str()), field('FeedbackId', false, str())] }),
  node('Event', 'Audio Input Connectors', { fields: [
    field('Microphone', true, undefined, { multiple: true, children: [field('id', true, int()), field('VuMeter', true, int())] }),
    field('Summary', false, undefined, { children: [field('Peak', true, int())] }),
  ] }),
);

describe('typings generator (hand-built schemas)', () => {
  const all = generateTypings(SAMPLE, { mode: 'module-augmentation' });

  it('writes parameter objects with required keys first, literal unions and repeatable arrays', () => {
    const args = /export interface CommandDialArgs \{([\s\S]*?)\n\}/.exec(all)?.[1] ?? '';
    const keys = [...args.matchAll(/^ {2}(\w+\??):/gm)].map(m => m[1]);
    assert.deepEqual(keys, ['Number', 'CallRate?', 'ConnectorId?', 'Protocol?']);
    assert.match(args, /Protocol\?: 'H323' \| 'Sip';/);
    assert.match(args, /ConnectorId\?: number \| readonly number\[\];/);
    assert.match(args, /@minimum 64\n\s+\* @maximum 6000/);
    assert.match(all, /Dial\(args: CommandDialArgs, opts\?: CallOptions\): Promise<CommandResult>;/);
    assert.match(all, /Activate\(args\?: Record<string, never>, opts\?: CallOptions\): Promise<CommandResult>;/);
    assert.match(all, /Save\(args: CommandMacrosMacroSaveArgs, body: string, opts\?: CallOptions\): Promise<CommandResult>;/);
  });

  it('quotes names and values that are not identifiers, and escapes comment ends', () => {
    assert.match(all, /ConfigLeaf<'802\.1X' \| 'Md5' \| 'it\\'s'>/);
    assert.match(all, /readonly '3D': ConfigurationVideoInput3D;/);
    assert.match(all, /Do not write \*\\\/ in a comment\./);
    assert.doesNotMatch(all, /Do not write \*\/ in/);
  });

  it('merges variants: union of literals, widest ranges and index ranges', () => {
    assert.match(all, /readonly MonitorRole: ConfigLeaf<'Auto' \| 'First' \| 'Third'>;/);
    assert.match(all, /ListOf<ConfigurationVideoOutputConnector, ConfigurationVideoOutputConnectorValue, 1 \| 2 \| 3>/);
    assert.match(all, /@minimum 0\n\s+\* @maximum 100\n\s+\*\/\n\s+readonly DefaultVolume/);
    assert.match(all, /readonly Call: ListOf<StatusCall, StatusCallValue>;/);
    assert.match(all, /export interface StatusCallValue \{\n {2}id: number;\n {2}Status\?: 'Idle' \| 'Connected';/);
  });

  it('takes one product\'s variant and leaves out what the product lacks', () => {
    const hopen = generateTypings(SAMPLE, { mode: 'module-augmentation', product: 'Room Kit' });
    assert.match(hopen, /readonly MonitorRole: ConfigLeaf<'Auto' \| 'First'>;/);
    assert.match(hopen, /ConfigurationVideoOutputConnectorValue, 1 \| 2>/);
    assert.doesNotMatch(hopen, /'3D'/);
    assert.match(all, /\/\*\* Only on: Room Bar Pro\. \*\/\n\s+readonly Mode: ConfigLeaf<'On' \| 'Off'>;/);
    assert.doesNotMatch(hopen, /Only on:/);
    assert.match(hopen, /, product hopen/);
    assert.throws(() => generateTypings(SAMPLE, { mode: 'core', product: 'Toaster' }), (e: unknown) =>
      e instanceof TypingsError && /unknown product 'Toaster'.*brooklyn \(Room Bar Pro\), hopen \(Room Kit\)/.test(e.message));
  });

  it('makes a parameter required only when every variant requires it', () => {
    const s = schemaOf(node('Command', 'Call Accept',
      { products: ['hopen'], params: [param('CallId', true, int()), param('Layout', true, lit('A'))] },
      { products: ['brooklyn'], params: [param('CallId', true, int())] }));
    const out = generateTypings(s, { mode: 'module-augmentation' });
    assert.match(out, /CallId: number;\n\s+Layout\?: 'A';/);
    assert.match(generateTypings(s, { mode: 'module-augmentation', product: 'hopen' }), /CallId: number;\n\s+Layout: 'A';/);
  });

  it('gives path-derived names that never collide', () => {
    assert.match(all, /readonly InputLine: StatusAudioInputLine;/);
    assert.match(all, /readonly Line: StatusAudioInputLine_2;/);
    const names = [...all.matchAll(/^export interface (\w+)/gm)].map(m => m[1]);
    assert.equal(new Set(names).size, names.length);
  });

  it('types events: payload interfaces, nested objects, lists as arrays, bare numbers', () => {
    assert.match(all, /readonly SecondsToStandby: EventStandbySecondsToStandby;/);
    assert.match(all, /export interface EventStandbySecondsToStandby extends EventLeaf<number> \{\}/);
    assert.match(all, /export interface EventRoomResetSecondsToReset extends EventLeaf<number> \{\}/);
    assert.match(all, /export interface EventUserInterfaceMessageTextInputResponsePayload \{\n {2}FeedbackId\?: string;\n {2}Text: string;\n\}/);
    assert.match(all, /readonly Text: EventLeaf<string>;/);
    assert.match(all, /Microphone: EventAudioInputConnectorsMicrophonePayload\[\];/);
    assert.match(all, /Summary\?: EventAudioInputConnectorsSummaryPayload;/);
    assert.match(all, /readonly Summary: EventAudioInputConnectorsSummary;/);
  });

  it('types an indexed leaf as a list of leaves', () => {
    assert.match(all, /readonly Expression: ListOf<StatusLeaf<string>, string>;/);
  });

  it('is deterministic whatever the order of the nodes', () => {
    const reversed = { ...SAMPLE, nodes: [...SAMPLE.nodes].reverse() };
    assert.equal(generateTypings(reversed, { mode: 'module-augmentation' }), all);
  });

  it('rejects a root type name that is not an identifier', () => {
    assert.throws(() => generateTypings(SAMPLE, { mode: 'core', typeName: 'My Types' }), TypingsError);
  });

  it('writes both modes so that they compile under strict with no diagnostics', () => {
    const empty = schemaOf();
    const files = {
      ...packageFiles(),
      // core mode replaces the shipped file the package's typed.ts imports
      [`${VIRTUAL}/pkg/generated/coreTypes.ts`]: generateTypings(SAMPLE, { mode: 'core' }),
      [`${VIRTUAL}/app/xapi.d.ts`]: all,
      [`${VIRTUAL}/app/hopen.d.ts`]: generateTypings(SAMPLE, { mode: 'module-augmentation', product: 'hopen', typeName: 'Hopen' }),
      [`${VIRTUAL}/other/empty.d.ts`]: generateTypings(empty, { mode: 'module-augmentation', moduleName: 'xapi-workbench', typeName: 'Empty' }),
      [`${VIRTUAL}/app/use.ts`]: [
        "import type { TypedApi } from 'xapi-workbench';",
        "import type { Schema } from './xapi';",
        'declare const xapi: TypedApi<Schema>;',
        "export const a = xapi.Command.Dial({ Number: '1', ConnectorId: [1, 2] });",
        "export const b = xapi.Config.Network[1].IEEE8021X.Eap.set('802.1X');",
        'export const c = xapi.Event.Audio.Input.Connectors.on(e => e.Microphone.map(m => m.VuMeter));',
        "export const d = xapi.Command.Macros.Macro.Save({ Name: 'm' }, 'body');",
      ].join('\n'),
    };
    // Three augmentations of one registry conflict by design (`schema` declared thrice): compile them apart.
    const { [`${VIRTUAL}/app/hopen.d.ts`]: hopen, [`${VIRTUAL}/other/empty.d.ts`]: emptyFile, ...main } = files;
    for (const set of [main, { ...packageFiles(), [`${VIRTUAL}/app/hopen.d.ts`]: hopen! }, { ...packageFiles(), [`${VIRTUAL}/other/empty.d.ts`]: emptyFile! }]) {
      const { diagnostics } = compile(set);
      assert.deepEqual(formatDiagnostics(diagnostics), []);
    }
  });
});
