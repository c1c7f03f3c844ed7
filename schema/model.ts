/**
 * The normalised xAPI schema model. Every loader (roomos.cisco.com JSON, device xDoc,
 * the hand-written core schema) produces this shape, and everything downstream
 * (index, validator, emulator, typings, language server) reads only this shape.
 *
 * Treat it as immutable: the types are `readonly`, but nothing is frozen at run
 * time because freezing thousands of objects would dominate load time.
 */

export type NodeKind = 'Command' | 'Configuration' | 'Status' | 'Event';
export const NODE_KINDS: readonly NodeKind[] = ['Command', 'Configuration', 'Status', 'Event'];

/** Where a node is served: every device, on-premises registered only, or cloud registered only. */
export type Backend = 'any' | 'onprem' | 'cloud';

/** The roles the published schemas use. Other strings may appear in device schemas and are kept. */
export type KnownRole = 'Admin' | 'User' | 'Integrator' | 'RoomControl' | 'Audit' | 'TouchUser' | 'PairedUser';
export type Role = KnownRole | (string & {});
export const KNOWN_ROLES: readonly KnownRole[] = ['Admin', 'User', 'Integrator', 'RoomControl', 'Audit', 'TouchUser', 'PairedUser'];

/**
 * An index on a path segment: `Call[n]` is `{ min: 1 }` (open-ended, ids assigned by the device),
 * `Connector[1..5]` is `{ min: 1, max: 5 }`, `ARC[3]` is `{ min: 3, max: 3 }`.
 */
export interface IndexRange {
  readonly min: number;
  /** Undefined for `[n]`: any positive id. */
  readonly max?: number;
}

export interface Segment {
  /** The schema's spelling, e.g. `Connector`. */
  readonly name: string;
  readonly index?: IndexRange;
}

export interface LiteralValue {
  readonly value: string;
  readonly description?: string;
}

/**
 * A value space. `multiple` is set for the array forms (IntegerArray, LiteralArray, StringArray):
 * the value may then be given up to `multiple` times (a repeated parameter, an array on the wire).
 */
export type ValueSpace =
  | { readonly type: 'Integer'; readonly min?: number; readonly max?: number; readonly step?: number; readonly multiple?: number }
  | { readonly type: 'Literal'; readonly values: readonly LiteralValue[]; readonly multiple?: number }
  | { readonly type: 'String'; readonly minLength?: number; readonly maxLength?: number; readonly multiple?: number }
  /** A value-space type this code does not know; kept as written so nothing is lost. */
  | { readonly type: 'unknown'; readonly raw: string; readonly multiple?: number };

export interface CommandParam {
  readonly name: string;
  readonly required: boolean;
  readonly description?: string;
  readonly default?: string;
  readonly valueSpace: ValueSpace;
}

/** A field of an event payload. Nested fields (`children`) form objects; `multiple` makes a list. */
export interface EventField {
  readonly name: string;
  readonly required: boolean;
  readonly valueSpace?: ValueSpace;
  readonly multiple?: boolean;
  readonly children?: readonly EventField[];
}

/** What one variant of a node says; a node has one variant per distinct (products, shape). */
export interface NodeVariant {
  /** Product code names (see products.ts); empty means "all products". */
  readonly products: readonly string[];
  /** The path as this variant spells it, with its own index ranges. */
  readonly path: readonly Segment[];
  readonly description?: string;
  /** `public-api` or `public-api-preview` (internal nodes are dropped by the loaders). */
  readonly access: string;
  readonly backend: Backend;
  /** Roles allowed to run the command / set the configuration. Empty for statuses and events. */
  readonly writeRoles: readonly Role[];
  /** Roles allowed to read the configuration / status or receive the event. */
  readonly readRoles: readonly Role[];
  /** Configuration and Status. */
  readonly valueSpace?: ValueSpace;
  /** Configuration: the default value as the schema writes it. */
  readonly default?: string;
  /** Configuration: the value is masked (`***`) in feedback. */
  readonly hidden?: boolean;
  /** Command. */
  readonly params?: readonly CommandParam[];
  /** Command: takes a multiline body (`body` on the wire). */
  readonly multiline?: boolean;
  /** Event: the payload fields. */
  readonly fields?: readonly EventField[];
  /** Event whose body is a bare value (e.g. `Standby SecondsToStandby: 30`) instead of an object. */
  readonly bareValue?: ValueSpace;
  /**
   * Added by schema-loaders: the source's own attributes object as written (shared, not copied),
   * so attributes this model has no field for (`privacyimpact`, `include_for_extension`,
   * `maxOccurrence`…) are not lost. It also holds the modelled ones; read the model fields for those.
   */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export interface SchemaNode {
  readonly kind: NodeKind;
  /** Path segment names in the schema's spelling, without the kind, e.g. `['Call', 'Status']`. */
  readonly names: readonly string[];
  /** `names.join(' ')`, the path as users write it in xCLI: `Call Status`. */
  readonly normPath: string;
  /** At least one. */
  readonly variants: readonly NodeVariant[];
}

export type SchemaSourceKind = 'core' | 'file' | 'published' | 'device';

export interface Schema {
  /** The version label: the device's software version, the published version name, or the file name. */
  readonly version: string;
  readonly source: SchemaSourceKind;
  readonly nodes: readonly SchemaNode[];
}

/** The key identifying a node across variants and schemas: `Status call status`. */
export function nodeKey(kind: NodeKind, names: readonly string[]): string {
  return `${kind} ${names.join(' ').toLowerCase()}`;
}
