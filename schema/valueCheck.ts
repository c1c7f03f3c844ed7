/**
 * Checking one value against a value space, independent of any syntax: the xCLI validator, the language
 * server (macro arguments), the emulator (command parameters, configuration sets, `setStatus`) and the
 * CLI all use this, so what the diagnostics accept is exactly what the simulated device accepts.
 * Values come as users write them: a number, or text (`"50"`, `Video`, `video`).
 *
 * The rules, each decided once here:
 * - Integer: optional leading `-`, then digits (blanks around are ignored). No `+`, no decimals, no
 *   exponent: a device's parser takes `-5` and `5`, and a `+5` has never been seen to work, so it is refused
 *   rather than guessed at. The value must also be a safe integer (beyond 2^53 a number is not exact).
 * - String: lengths count characters as users see them for emoji, i.e. Unicode code points, not UTF-16
 *   units (RoomOS documents lengths in characters; 😀 is one code point and two UTF-16 units).
 * - Literal: case-insensitive, blanks around ignored; the schema's spelling is the canonical value.
 */
import { ValueSpace } from './model';
import { shownText } from './shownText';
import { didYouMean } from './xcli/didYouMean';

export type ValueProblem = 'not-integer' | 'out-of-range' | 'step' | 'not-literal' | 'too-long' | 'too-short';

export type ValueCheck =
  | { readonly ok: true }
  | {
    readonly ok: false;
    readonly problem: ValueProblem;
    /** One sentence for users, without the parameter's name (callers prefix it). */
    readonly reason: string;
    /** A valid value close to the given one (the nearest bound, the closest literal), when there is one. */
    readonly suggestion?: string;
  };

const OK: ValueCheck = { ok: true };

/** The literal of a Literal value space matching `raw` case-insensitively, in the schema's spelling. */
export function matchLiteral(vs: Extract<ValueSpace, { type: 'Literal' }>, raw: string): string | undefined {
  const lc = raw.toLowerCase();
  return vs.values.find(v => v.value.toLowerCase() === lc)?.value;
}

/** Describes a value space briefly: `Integer 0..100`, `one of Audio, Video`, `String 0..255 characters`. */
export function describeValueSpace(vs: ValueSpace): string {
  switch (vs.type) {
    case 'Integer':
      return vs.min === undefined && vs.max === undefined ? 'Integer' : `Integer ${vs.min ?? ''}..${vs.max ?? ''}`;
    case 'Literal':
      return vs.values.length <= 8 ? `one of ${vs.values.map(v => v.value).join(', ')}` : `one of ${vs.values.length} values`;
    case 'String':
      return `String ${vs.minLength ?? 0}..${vs.maxLength ?? ''} characters`;
    default:
      return vs.raw || 'unknown';
  }
}

export interface CheckValueOptions {
  /** Also require integers on the value space's step (off by default, see below). */
  readonly checkStep?: boolean;
}

export function checkValue(vs: ValueSpace, raw: string | number, options: CheckValueOptions = {}): ValueCheck {
  switch (vs.type) {
    case 'Integer': {
      const text = typeof raw === 'number' ? String(raw) : raw.trim();
      const n = integerOf(raw);
      if (n === undefined) {
        const near = Number(text);
        const suggestion = text !== '' && Number.isFinite(near) ? String(clamp(Math.round(near), vs.min, vs.max)) : undefined;
        return { ok: false, problem: 'not-integer', reason: `'${shownText(text)}' is not an integer`, suggestion };
      }
      if ((vs.min !== undefined && n < vs.min) || (vs.max !== undefined && n > vs.max)) {
        return {
          ok: false, problem: 'out-of-range',
          reason: `${n} is outside ${vs.min ?? '…'}..${vs.max ?? '…'}`,
          suggestion: String(clamp(n, vs.min, vs.max)),
        };
      }
      // The published schemas' step does not describe allowed increments (Audio DefaultVolume is 0..100
      // with step 100, yet every level is accepted), so it is only checked on request.
      if (options.checkStep && vs.step !== undefined && vs.step > 1 && (n - (vs.min ?? 0)) % vs.step !== 0) {
        const base = vs.min ?? 0;
        const near = base + Math.round((n - base) / vs.step) * vs.step;
        return { ok: false, problem: 'step', reason: `${n} is not a multiple of ${vs.step} from ${base}`, suggestion: String(clamp(near, vs.min, vs.max)) };
      }
      return OK;
    }
    case 'Literal': {
      const text = String(raw);
      if (matchLiteral(vs, text.trim()) !== undefined) return OK;
      const best = didYouMean(text.trim(), vs.values.map(v => v.value), { max: 1 })[0];
      const list = vs.values.length <= 8 ? `: expected ${vs.values.map(v => v.value).join(', ')}` : '';
      return { ok: false, problem: 'not-literal', reason: `'${shownText(text)}' is not an allowed value${list}`, suggestion: best };
    }
    case 'String': {
      const text = String(raw);
      const length = stringLength(text);
      if (vs.maxLength !== undefined && length > vs.maxLength) {
        return { ok: false, problem: 'too-long', reason: `${length} characters, at most ${vs.maxLength} allowed` };
      }
      if (vs.minLength !== undefined && length < vs.minLength) {
        return { ok: false, problem: 'too-short', reason: `${length} characters, at least ${vs.minLength} required` };
      }
      return OK;
    }
    default:
      return OK;
  }
}

/** An Integer value as the rule above reads it, or undefined when it is not one. */
export function integerOf(raw: string | number): number | undefined {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) ? raw : undefined;
  const text = raw.trim();
  if (!/^-?\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A String value's length as the rule above counts it: code points. */
export function stringLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * The value as the device keeps it once accepted: an Integer as a number, a Literal in the schema's
 * spelling, a String as given. Undefined when `checkValue` refuses it. The emulator stores this.
 */
export function acceptedValue(vs: ValueSpace, raw: string | number): string | number | undefined {
  if (!checkValue(vs, raw).ok) return undefined;
  switch (vs.type) {
    case 'Integer': return integerOf(raw);
    case 'Literal': return matchLiteral(vs, String(raw).trim());
    default: return typeof raw === 'number' && vs.type === 'unknown' ? raw : String(raw);
  }
}

function clamp(n: number, min: number | undefined, max: number | undefined): number {
  if (min !== undefined && n < min) return min;
  if (max !== undefined && n > max) return max;
  return n;
}

/**
 * A JSON argument as the value rules read it: a string or number as it is, a boolean as the literal `True` or
 * `False`. Devices take `true` where a parameter's values are False/True: Cisco's own sample macros send
 * `AllowInsecureHTTPS: true` and `Content: true` and work. Undefined for what no value space takes (null, {}, []).
 */
export function argumentValue(v: unknown): string | number | undefined {
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return undefined;
}
