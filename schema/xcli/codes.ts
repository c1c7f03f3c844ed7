/**
 * The diagnostics of `.xapi` scripts. Codes are stable: the language server's quick fixes, users' CI
 * filters and docs/xapi-scripts.md rely on them. Add codes; never rename one.
 */
import { XcliRange } from './ast';

export const XcliCode = {
  /** The first word of a line is no x-keyword (`xComand`, `foo`). */
  UnknownKeyword: 'unknown-keyword',
  /** A path segment the schema does not know at that place. */
  UnknownPath: 'unknown-path',
  /** The path stops at a branch where a complete path is needed (`xCommand Audio Volume`). */
  IncompletePath: 'incomplete-path',
  /** The path exists, but under another keyword (`xConfiguration Audio Volume` is a status). */
  WrongKind: 'wrong-kind',
  /** A value is given to something that is not a configuration (`xStatus Audio Volume: 5`). */
  NotConfiguration: 'not-configuration',
  /** A command parameter the command does not have. */
  UnknownParam: 'unknown-param',
  /** A parameter written without `: value` (`xCommand Dial Number`). */
  ParamSyntax: 'param-syntax',
  /** `Name:` (or a configuration `Path:`) with nothing after it. */
  MissingValue: 'missing-value',
  /** Required parameters not given; `data.missing` lists their names. */
  MissingRequired: 'missing-required',
  /** A value not among the allowed literals. */
  NotLiteral: 'not-literal',
  /** An integer outside min..max. */
  OutOfRange: 'out-of-range',
  /** An integer off the value space's step. Only with `checkValue(…, { checkStep: true })`; the validator does not check steps. */
  IntegerStep: 'integer-step',
  /** Not an integer where one is needed. */
  NotInteger: 'not-integer',
  /** A string longer than the maximum length. */
  StringTooLong: 'string-too-long',
  /** A string shorter than the minimum length. */
  StringTooShort: 'string-too-short',
  /** An index outside the segment's range (for the product, when one is chosen). */
  IndexOutOfRange: 'index-out-of-range',
  /** An index on a segment that takes none, a second index, or brackets without a number. */
  InvalidIndex: 'invalid-index',
  /** The node exists, but not on the chosen product (warning). */
  NotOnProduct: 'not-on-product',
  /** A parameter given twice that is not repeatable. */
  RepeatedParam: 'repeated-param',
  /** A repeatable parameter given more often than allowed. */
  TooManyRepeats: 'too-many-repeats',
  /** A body (or a lone `.`) after a command that takes no multiline body. */
  UnexpectedBody: 'unexpected-body',
  /** A multiline command whose body is missing or not ended by a line holding only `.`. */
  MissingTerminator: 'missing-terminator',
  /** A string whose closing quote is missing. */
  UnterminatedString: 'unterminated-string',
  /** Text the syntax has no place for (after a quoted configuration value, a stray `:`…). */
  UnexpectedToken: 'unexpected-token',
  /** `xFeedback` with an action other than register, deregister, list, deregisterall. */
  UnknownFeedbackAction: 'unknown-feedback-action',
  /** `xFeedback register` / `deregister` without a path. */
  MissingPath: 'missing-path',
} as const;

export type XcliCode = (typeof XcliCode)[keyof typeof XcliCode];

export type XcliSeverity = 'error' | 'warning' | 'info';

export interface XcliDiagnostic {
  readonly range: XcliRange;
  readonly severity: XcliSeverity;
  readonly code: XcliCode;
  readonly message: string;
  /** Replacement texts for `range`, best first (did-you-mean, nearest valid value). */
  readonly suggestions?: readonly string[];
  /** Extra facts for quick fixes, e.g. `{ missing: ['Number'] }` for missing-required. */
  readonly data?: Readonly<Record<string, unknown>>;
}
