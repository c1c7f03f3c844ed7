/**
 * The syntax tree of xCLI, the terminal language of RoomOS (`xCommand Dial Number: "x"`,
 * `xConfiguration SystemUnit Name: "Room"`, `xStatus Call[3] Status`, `xFeedback register /Status/Audio`)
 * as users write it in `.xapi` scripts.
 *
 * The tree is schema-free and tolerant: every line parses into something, partial lines into partial
 * statements, and every token keeps where it came from, so the language server can complete, hover and
 * fix from the tree alone. Positions are 0-based, as in LSP: `line`, `character` (UTF-16 code units,
 * which is what JavaScript string indexes are), plus document offsets.
 */

export interface XcliPosition {
  readonly line: number;
  readonly character: number;
}

export interface XcliRange {
  readonly start: XcliPosition;
  readonly end: XcliPosition;
}

/** A piece of source text. `start`/`end` are document offsets (end exclusive). */
export interface XcliToken {
  readonly text: string;
  readonly range: XcliRange;
  readonly start: number;
  readonly end: number;
}

/** The five x-keywords; `keyword` statements map one-to-one to these. */
export type XcliKeyword = 'command' | 'configuration' | 'status' | 'event' | 'feedback';

/**
 * An index given to a path segment, as `Call[3]` (`bracket`) or as a separate number after the
 * segment, `Connector 2` (`separate`). `value` is undefined when the brackets hold no number
 * (`Call[`, `Call[x]`); `closed` is false for a bracket left open.
 */
export interface XcliIndex {
  readonly token: XcliToken;
  readonly value: number | undefined;
  readonly form: 'bracket' | 'separate';
  readonly closed: boolean;
}

export interface XcliSegment {
  /** The name as typed (without any `[n]`). */
  readonly name: XcliToken;
  /** Every index the user attached (normally at most one; the validator reports extras). */
  readonly indexes: readonly XcliIndex[];
}

/**
 * A value: a bare word (`Video`, `101`, `sip:a@b`) or a double-quoted string. `value` is the text with
 * quotes removed and `\"`, `\\` unescaped. `terminated` is false for a string whose closing quote is missing.
 */
export interface XcliValue {
  readonly token: XcliToken;
  readonly value: string;
  readonly quoted: boolean;
  readonly terminated: boolean;
}

/** `Name: value` in a command; `colon` and `value` are absent while the user is still typing. */
export interface XcliParam {
  readonly name: XcliToken;
  readonly colon?: XcliToken;
  readonly value?: XcliValue;
}

/** `: value` after a configuration path (a set), or after a status/event path (an error the validator reports). */
export interface XcliAssign {
  readonly colon: XcliToken;
  readonly value?: XcliValue;
}

/** The body of a multiline command: its raw lines and the lone `.` that ends it (absent when missing). */
export interface XcliBody {
  readonly lines: readonly XcliToken[];
  readonly terminator?: XcliToken;
  /** The range from the first body line to the terminator (or the last body line) — the folding range. */
  readonly range: XcliRange;
}

interface StatementBase {
  /** First and last line (inclusive) this statement owns; a multiline command owns its body and `.`. */
  readonly firstLine: number;
  readonly lastLine: number;
  /** From the first character of the first line to the end of the last line. */
  readonly range: XcliRange;
  /** Document offsets of `range` (end exclusive, line break not included). */
  readonly start: number;
  readonly end: number;
  /** Tokens the parser could not place (e.g. text after a quoted configuration value). */
  readonly extra: readonly XcliToken[];
}

/** `xCommand`, `xConfiguration`, `xStatus`, `xEvent`. */
export interface XcliPathStatement extends StatementBase {
  readonly type: 'command' | 'configuration' | 'status' | 'event';
  /** The keyword as typed (`xcom`, `xConfiguration`…). */
  readonly keyword: XcliToken;
  readonly segments: readonly XcliSegment[];
  /** Command parameters in the order written (repeats kept). Empty for the other kinds. */
  readonly params: readonly XcliParam[];
  /** Set for `xConfiguration Path: value` (and erroneous `xStatus Path: value`). */
  readonly assign?: XcliAssign;
  /** Command only: the multiline body, when this command was read as multiline. */
  readonly body?: XcliBody;
}

export type XcliFeedbackAction = 'register' | 'deregister' | 'list' | 'deregisterall';

/** `xFeedback register /Status/Audio/Volume`, `xFeedback deregister …`, `xFeedback list`, `xFeedback deregisterall`. */
export interface XcliFeedbackStatement extends StatementBase {
  readonly type: 'feedback';
  readonly keyword: XcliToken;
  /** The action word as typed; `action` is its meaning when recognised (case-insensitive). */
  readonly actionToken?: XcliToken;
  readonly action?: XcliFeedbackAction;
  /**
   * The path after the action, split at `/` and spaces. The first segment is normally the kind
   * (`Status`, `Configuration`, `Event`); `pathToken` is the whole path as typed.
   */
  readonly pathToken?: XcliToken;
  readonly segments: readonly XcliSegment[];
}

/** A whole-line `#` comment. */
export interface XcliCommentStatement extends StatementBase {
  readonly type: 'comment';
  readonly token: XcliToken;
}

export interface XcliBlankStatement extends StatementBase {
  readonly type: 'blank';
}

/** Anything else: a line whose first word is no x-keyword (or a stray `.`). All its words are kept. */
export interface XcliUnknownStatement extends StatementBase {
  readonly type: 'unknown';
  readonly tokens: readonly XcliToken[];
}

export type XcliStatement =
  | XcliPathStatement
  | XcliFeedbackStatement
  | XcliCommentStatement
  | XcliBlankStatement
  | XcliUnknownStatement;

export type XcliStatementType = XcliStatement['type'];

export interface XcliDocument {
  /** The statements in order; together they cover every line of the text exactly once. */
  readonly lines: XcliStatement[];
  /** Number of lines in the text (a trailing newline makes a last, empty line). */
  readonly lineCount: number;
}

/**
 * Tells the parser whether a command (given by its path names as typed, indexes left out) takes a
 * multiline body. Backed by the schema index in the validator and language server (`multilineFromIndex`).
 * Return undefined when unknown (e.g. path not in the schema): the parser then falls back to looking for
 * a lone `.` (see parser.ts).
 */
export type IsMultiline = (names: readonly string[]) => boolean | undefined;

export interface XcliParseOptions {
  readonly isMultiline?: IsMultiline;
}
