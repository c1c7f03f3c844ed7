/** The typings generator on small hand-built schemas: the shapes it writes (that they compile: test/compile/typings-generate.test.ts). */
import assert from 'node:assert/strict';
import { generateTypings, TypingsError } from '../../schema/typings';
import { int, lit, node, param, SAMPLE, schemaOf, segments } from '../support/typingsSample';

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
});

describe('typings generator: a product with per-instance variants (schema/variants.ts)', () => {
  // Codec Pro has `Video Input Connector[1..2] MaxResolution` and `…Connector[3]…` as separate variants; the
  // typings for that product once took the first only and refused connector 3's value, which the device takes.
  it('types the union of every variant the product has', () => {
    const s = schemaOf(node('Configuration', 'Video Input Connector[1..3] MaxResolution',
      { products: ['barents'], path: segments('Video Input Connector[1..2] MaxResolution'), valueSpace: lit('1920_1080_60') },
      { products: ['barents'], path: segments('Video Input Connector[3] MaxResolution'), valueSpace: lit('1920_1080_60', '3840_2160_30') },
      { products: ['hopen'], path: segments('Video Input Connector[1] MaxResolution'), valueSpace: lit('1280_720_60') }));
    assert.match(generateTypings(s, { mode: 'module-augmentation', product: 'barents' }), /readonly MaxResolution: ConfigLeaf<'1920_1080_60' \| '3840_2160_30'>;/);
    assert.match(generateTypings(s, { mode: 'module-augmentation', product: 'hopen' }), /readonly MaxResolution: ConfigLeaf<'1280_720_60'>;/);
  });
});
