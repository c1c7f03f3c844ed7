/**
 * Command-line options for every `xapi` sub-command: Node's own `util.parseArgs` (strict), with its errors
 * turned into one-line UsageErrors that name the option, and a number check with a clear message.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './command';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** Repeatable: the value is every occurrence, in order. */
  readonly multiple?: boolean;
  /** One-letter alias, e.g. `u` for `-u`. */
  readonly short?: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

type ValueOf<S extends OptionSpec> = S['type'] extends 'boolean'
  ? (S['multiple'] extends true ? boolean[] : boolean)
  : (S['multiple'] extends true ? string[] : string);

export interface ParsedArgs<O extends OptionSpecs> {
  readonly values: { [K in keyof O]?: ValueOf<O[K]> };
  readonly positionals: string[];
}

/** A negative number (`Level: -3`) is a value or a positional, never an option: hidden from parseArgs by this prefix. */
const NEGATIVE = /^-\d/;
const HIDE = '\u0000';
const unhide = (s: string): string => (s.startsWith(HIDE) ? s.slice(1) : s);

/** Option name as the user wrote it, taken from a parseArgs error message ("Unknown option '--bogus'. …"). */
function quoted(message: string): string | undefined {
  return /'(-[^' ]*)/.exec(message)?.[1];
}

function toUsageError(e: unknown): UsageError {
  const err = e as NodeJS.ErrnoException;
  const name = quoted(err.message ?? '');
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': return new UsageError(`unknown option '${name}'`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': return new UsageError(`unexpected argument '${/'([^']*)'/.exec(err.message)?.[1]}'`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new UsageError(/does not take an argument/.test(err.message) ? `${name} takes no value` : `${name} needs a value`);
    default: return new UsageError(err.message ?? String(e));
  }
}

/**
 * `--name value`, `--name=value`, `-u value`, switches and positionals (unless `positionals: false`).
 * An unknown option, a missing or empty value, or a value that looks like another option is a UsageError.
 */
export function parseOptions<O extends OptionSpecs>(args: readonly string[], options: O, opts: { positionals?: boolean } = {}): ParsedArgs<O> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: args.map(a => (NEGATIVE.test(a) ? HIDE + a : a)),
      options: options as Record<string, OptionSpec>,
      strict: true,
      allowPositionals: opts.positionals ?? true,
    });
  } catch (e) {
    throw toUsageError(e);
  }
  const values: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(parsed.values)) {
    const flag = `--${key}`;
    const fix = (s: string | boolean | undefined) => {
      if (typeof s !== 'string') return s;
      if (s === '') throw new UsageError(`${flag} needs a value`);
      return unhide(s);
    };
    values[key] = Array.isArray(v) ? v.map(fix) : fix(v);
  }
  return { values: values as ParsedArgs<O>['values'], positionals: parsed.positionals.map(unhide) };
}

/** A numeric option value, checked: whole numbers only with `integer`, within `min`/`max` when given. */
export function numberOption(name: string, value: string, limits: { min?: number; max?: number; integer?: boolean } = {}): number {
  const { min, max, integer } = limits;
  const n = /^-?(\d+\.?\d*|\.\d+)$/.test(value) ? Number(value) : NaN;
  const ok = Number.isFinite(n) && (!integer || Number.isInteger(n)) && (min === undefined || n >= min) && (max === undefined || n <= max);
  if (ok) return n;
  const range = min !== undefined && max !== undefined ? ` from ${min} to ${max}` : min !== undefined ? ` ≥ ${min}` : max !== undefined ? ` ≤ ${max}` : '';
  throw new UsageError(`${name} must be a ${integer ? 'whole ' : ''}number${range}, not '${value}'`);
}
