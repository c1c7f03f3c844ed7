/**
 * Values against schema value spaces: typing for the wire (Integer → JSON number, everything else a
 * string, §4) and validation of xSet values and command parameters. What is a valid value is decided
 * once, in schema/valueCheck.ts; this file only adapts it to the wire's JSON values.
 */
import { ValueSpace } from '../schema/model';
import { acceptedValue, describeValueSpace, integerOf } from '../schema/valueCheck';
import { shownText } from '../schema/shownText';
import { EmulatorError } from './errors';

export type Leaf = string | number;

/** The wire form of a value the emulator itself produces or a test sets: typed as the schema types it. */
export function typeValue(vs: ValueSpace | undefined, raw: unknown): Leaf {
  if (vs?.type === 'Integer') {
    if (typeof raw === 'number' && Number.isFinite(raw)) return Math.trunc(raw);
    if (typeof raw === 'string' && integerOf(raw) !== undefined) return integerOf(raw)!;
  }
  if (typeof raw === 'number' || typeof raw === 'string') {
    const text = String(raw);
    // Literals keep the schema's spelling (`sip` → `SIP`), like everything else the device reports.
    if (vs?.type === 'Literal') return vs.values.find(v => v.value.toLowerCase() === text.toLowerCase())?.value ?? text;
    return text;
  }
  if (typeof raw === 'boolean') return raw ? 'True' : 'False';
  return raw === undefined || raw === null ? '' : JSON.stringify(raw);
}

/**
 * One value from a client, checked by the schema's rule (schema/valueCheck.ts): the canonical value, or
 * undefined when it is not in the value space. JSON values other than strings and numbers never are.
 */
export function checkValue(vs: ValueSpace, value: unknown): Leaf | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  return acceptedValue(vs, value);
}

/**
 * A value a test gave the control API (`setStatus`, `emitEvent` of the simulated xapi) that the schema
 * does not allow: names the path and the value space, so a mistake in a test does not pass silently.
 */
export class ValueSpaceError extends EmulatorError {
  constructor(readonly path: string, readonly value: unknown, readonly valueSpace: ValueSpace) {
    super(`${path}: ${shownText(JSON.stringify(value) ?? String(value))} is not allowed; expected ${allowed(valueSpace)}`);
  }
}

/** Every literal (a test author wants the exact spellings), else the short description. */
function allowed(vs: ValueSpace): string {
  return vs.type === 'Literal' ? `one of ${vs.values.map(v => v.value).join(', ')}` : describeValueSpace(vs);
}

/**
 * The value a configuration starts at: its schema default typed, else the first legal value. Published
 * schemas give per-item defaults of indexed configurations as `[1]: Off; [2]: On; ` — `index` picks one.
 */
export function defaultValue(vs: ValueSpace | undefined, def: string | undefined, index?: number): Leaf {
  const perIndex = def === undefined ? undefined : perIndexDefaults(def);
  if (perIndex) def = index === undefined ? undefined : perIndex.get(index);
  if (def !== undefined) return typeValue(vs, def);
  switch (vs?.type) {
    case 'Integer': return vs.min !== undefined && vs.min > 0 ? vs.min : Math.max(0, vs.max !== undefined && vs.max < 0 ? vs.max : 0);
    case 'Literal': return vs.values[0]?.value ?? '';
    default: return '';
  }
}

function perIndexDefaults(def: string): Map<number, string> | undefined {
  if (!/^\s*\[\d+\]:/.test(def)) return undefined;
  const out = new Map<number, string>();
  for (const m of def.matchAll(/\[(\d+)\]:\s*([^;]*);?/g)) out.set(Number(m[1]), m[2].trim());
  return out;
}

const RESTING_LITERALS = ['Off', 'Idle', 'Inactive', 'None', 'False', 'NotSet', 'Unknown', 'Disconnected', 'NotConnected'];

/** A plausible resting value for a status nobody set yet: `Off`/`Idle`/`False`… when the value space has one. */
export function restingValue(vs: ValueSpace | undefined): Leaf {
  if (vs?.type === 'Integer') return 0;
  if (vs?.type === 'Literal') {
    for (const r of RESTING_LITERALS) if (vs.values.some(v => v.value === r)) return r;
    return vs.values[0]?.value ?? '';
  }
  return '';
}
