/** A small hand-built schema for the typings generator's tests (unit: its shapes; compile: that they compile). */
import { CommandParam, EventField, NodeKind, NodeVariant, Schema, SchemaNode, Segment, ValueSpace } from '../../schema/model';

export const int = (min?: number, max?: number): ValueSpace => ({ type: 'Integer', min, max });
export const str = (maxLength?: number): ValueSpace => ({ type: 'String', minLength: 0, maxLength });
export const lit = (...values: string[]): ValueSpace => ({ type: 'Literal', values: values.map(value => ({ value })) });

export function segments(path: string): Segment[] {
  return path.split(' ').map(raw => {
    const m = /^(.*)\[(n|\d+)(?:\.\.(\d+))?\]$/.exec(raw);
    if (!m) return { name: raw };
    return { name: m[1]!, index: m[2] === 'n' ? { min: 1 } : { min: Number(m[2]), max: Number(m[3] ?? m[2]) } };
  });
}

export function variant(path: string, extra: Partial<NodeVariant> = {}): NodeVariant {
  return { products: [], path: segments(path), access: 'public-api', backend: 'any', writeRoles: [], readRoles: [], ...extra };
}

export function node(kind: NodeKind, path: string, ...variants: Partial<NodeVariant>[]): SchemaNode {
  const names = segments(path).map(s => s.name);
  return { kind, names, normPath: names.join(' '), variants: (variants.length ? variants : [{}]).map(v => variant(path, v)) };
}

export const param = (name: string, required: boolean, valueSpace: ValueSpace, description?: string): CommandParam => ({ name, required, valueSpace, description });
export const field = (name: string, required: boolean, valueSpace?: ValueSpace, extra: Partial<EventField> = {}): EventField => ({ name, required, valueSpace, ...extra });

export const schemaOf = (...nodes: SchemaNode[]): Schema => ({ version: 'test-1', source: 'file', nodes });

export const SAMPLE = schemaOf(
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
