/**
 * Checking one value against a value space, independent of any syntax: the xCLI validator, the language
 * server (macro arguments) and the emulator (command parameters, configuration sets) all use this.
 * Values come as users write them: a number, or text (`"50"`, `Video`, `video`).
 */
import { ValueSpace } from './model';
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
      return `Integer ${vs.min ?? ''}..${vs.max ?? ''}`;
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
      if (typeof raw === 'number' ? !Number.isInteger(raw) : !/^[-+]?\d+$/.test(text)) {
        const n = Number(text);
        const suggestion = text !== '' && Number.isFinite(n) ? String(clamp(Math.round(n), vs.min, vs.max)) : undefined;
        return { ok: false, problem: 'not-integer', reason: `'${text}' is not an integer`, suggestion };
      }
      const n = Number(text);
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
      return { ok: false, problem: 'not-literal', reason: `'${text}' is not an allowed value${list}`, suggestion: best };
    }
    case 'String': {
      const text = String(raw);
      const length = [...text].length; // characters, not UTF-16 units
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

function clamp(n: number, min: number | undefined, max: number | undefined): number {
  if (min !== undefined && n < min) return min;
  if (max !== undefined && n > max) return max;
  return n;
}
