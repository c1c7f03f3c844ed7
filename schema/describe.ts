/**
 * Short one-line texts for value spaces, parameters and event fields, shared by the schema diff
 * and `xapi schema show`. Stable: two equal model values always give the same text.
 */
import { formatSegment } from './load/segments';
import { CommandParam, EventField, Segment, ValueSpace } from './model';

export function formatValueSpace(vs: ValueSpace | undefined): string {
  if (!vs) return '(none)';
  let s: string;
  switch (vs.type) {
    case 'Integer': {
      const range = vs.min !== undefined || vs.max !== undefined ? ` ${vs.min ?? ''}..${vs.max ?? ''}` : '';
      s = `Integer${range}${vs.step !== undefined && vs.step !== 1 ? ` step ${vs.step}` : ''}`;
      break;
    }
    case 'String':
      s = vs.minLength !== undefined || vs.maxLength !== undefined ? `String(${vs.minLength ?? 0}..${vs.maxLength ?? ''})` : 'String';
      break;
    case 'Literal':
      s = `Literal(${vs.values.map(v => v.value).join('|')})`;
      break;
    default:
      s = `unknown type '${vs.raw}'`;
  }
  return vs.multiple !== undefined ? `${s} ×${vs.multiple}` : s;
}

export function formatParam(p: CommandParam): string {
  return `${p.name}${p.required ? '' : '?'}: ${formatValueSpace(p.valueSpace)}${p.default !== undefined ? ` = ${JSON.stringify(p.default)}` : ''}`;
}

/** `{CallId: Integer, Device[]: {Id: String}}` */
export function formatFields(fields: readonly EventField[] | undefined): string {
  if (!fields) return '{}';
  return `{${fields.map(formatField).join(', ')}}`;
}

function formatField(f: EventField): string {
  const name = `${f.name}${f.multiple ? '[]' : ''}${f.required ? '' : '?'}`;
  if (f.children) return `${name}: ${formatFields(f.children)}`;
  return `${name}: ${formatValueSpace(f.valueSpace)}`;
}

/** Segments with their ranges: `Video Output Connector[1..3] MonitorRole`. */
export function formatSegments(path: readonly Segment[]): string {
  return path.map(formatSegment).join(' ');
}
