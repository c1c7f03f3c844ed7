/** What every transport checks before sending a command or a configuration (one rule, for the WebSocket and the cloud). */
import { ClientErrorCode, InvalidParameterError } from './errors';
import { BODY_PARAM, type PathSegment } from './protocol';

/**
 * The named parameters of a command, checked: an object (or nothing: jsxapi and macros pass `null`), no newline in
 * a single-line parameter (multiline text goes in the body). Throws InvalidParameterError naming the command.
 */
export function commandParams(names: readonly PathSegment[], params: Record<string, unknown> | null | undefined): Record<string, unknown> | undefined {
  const what = `xCommand ${names.join(' ')}`;
  if (params === null || params === undefined) return undefined;
  if (typeof params !== 'object' || Array.isArray(params)) {
    throw new InvalidParameterError(`${what}: parameters must be an object of named values`, ClientErrorCode.Usage);
  }
  for (const k in params) {
    const v = params[k];
    if (k !== BODY_PARAM && typeof v === 'string' && v.includes('\n')) {
      throw new InvalidParameterError(`${what}: parameter "${k}" may not contain newlines (pass multiline text as the body)`, ClientErrorCode.Usage);
    }
  }
  return params;
}

/** A configuration's new value, checked: a string or a number. Throws InvalidParameterError naming the configuration. */
export function configValue(names: readonly PathSegment[], value: unknown): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  throw new InvalidParameterError(`xConfiguration ${names.join(' ')}: value must be a string or a number, not ${value === null ? 'null' : typeof value}`, ClientErrorCode.Usage);
}
