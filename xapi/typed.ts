/**
 * The shapes of the typed proxy API (`xapi.Command.Dial(...)`, `xapi.Status.Audio.Volume.get()`),
 * shared by the client (which implements them) and the typings generator (which emits trees of
 * them from a schema). The shipped trees come from the core schema; full ones plug in by
 * module augmentation of `XapiTypeRegistry` — `xapi types --version 11.27.2.0 > xapi.d.ts` writes
 * such a file (docs/typings.md):
 *
 *   declare module 'xapi-workbench' {
 *     interface XapiTypeRegistry { schema: import('./xapi-11.27').Schema }
 *   }
 */
import type { CoreSchemaTypes } from './generated/coreTypes';

/** What `on()` returns: call it to unsubscribe; `registered` settles when the device has accepted the subscription. */
export interface Subscription {
  (): void;
  readonly registered: Promise<void>;
  /** jsxapi's name for the registration: resolves to the device's subscription `{ Id }` (rejects like `registered`). */
  readonly registration: Promise<{ Id: number }>;
}

/**
 * The whole feedback notification a listener gets second, as in jsxapi and RoomOS macros:
 * `{ Id, Status: { Call: [{ id: 3, Status: 'Connected' }] } }`.
 */
export type FeedbackRoot = { Id: number; Status?: any; Configuration?: any; Event?: any };

/** A command result: the device's data plus `status: 'OK'`. */
export interface CommandResult {
  status?: string;
  [key: string]: unknown;
}

/** Per-call options, accepted last by every proxy call: `xapi.Command.Dial({ Number }, { timeoutMs: 5000 })`. */
export interface CallOptions {
  /** Overrides the connection's default timeout for this call (0 = none). */
  timeoutMs?: number;
}

export interface Gettable<T> { get(opts?: CallOptions): Promise<T> }
export interface Settable<T> { set(value: T, opts?: CallOptions): Promise<void> }
/** `root`: the whole notification (jsxapi's second argument); `id`: the list item's id when listening through a list. */
export interface Listenable<T> {
  on(listener: (value: T, root: FeedbackRoot, id?: number) => void): Subscription;
  once(listener: (value: T, root: FeedbackRoot, id?: number) => void): Subscription;
}

/** A configuration leaf. */
export type ConfigLeaf<T> = Gettable<T> & Settable<T> & Listenable<T>;
/** A status leaf. */
export type StatusLeaf<T> = Gettable<T> & Listenable<T>;
/** An event (or an event field). */
export type EventLeaf<T> = Listenable<T>;
/** An inner node of the Configuration or Status tree: the subtree as a value. */
export type Branch<T> = Gettable<T> & Listenable<Partial<T>>;
/**
 * An indexed list (`Call[n]`, `Input Connector[1..5]`): `list[3]` is one item; the list itself can be
 * read and listened to. Status list feedback carries the item's `id`, and `ghost: 'True'` when it is removed.
 * `Index` narrows the ids for a bounded range (`1 | 2 | 3` for `[1..3]`, so `list[4]` does not compile);
 * open ranges (`[n]`) keep `number`.
 */
export type ListOf<Item, Value, Index extends number = number> = { readonly [K in Index]: Item } & Gettable<Value[]> & Listenable<Partial<Value> & { id: number; ghost?: 'True' }>;

/** The four trees of one schema. */
export interface SchemaTypes {
  Command: object;
  Configuration: object;
  Status: object;
  Event: object;
}

/** Augment with `{ schema: YourSchemaTypes }` to type the proxies after a full schema. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface XapiTypeRegistry {}

/** The schema types in force: the augmented one if any, else the core schema's. */
export type ActiveSchema = XapiTypeRegistry extends { schema: infer S extends SchemaTypes } ? S : CoreSchemaTypes;

/**
 * The typed roots of a client (`xapi.Command`, `xapi.Configuration` / `xapi.Config`, `xapi.Status`,
 * `xapi.Event`). The client's `Xapi` extends `TypedApi` (that is, `TypedApi<ActiveSchema>`).
 *
 * Calling convention the generated trees use, and the client implements:
 * - a command is `Name(args, body?, opts?)`: `args` is the parameter object (required keys required; optional
 *   when every parameter is), `body` the multiline payload, required for multiline commands and sent
 *   as `body` on the wire — the same as `xapi.command(path, args, body?)`; `opts` are `CallOptions`, as for
 *   `get(opts?)` and `set(value, opts?)`;
 * - every command resolves to `CommandResult`;
 * - configurations are `ConfigLeaf<T>`, statuses `StatusLeaf<T>`, inner nodes `Branch<Value>` with
 *   their children as members, indexed segments `ListOf<Item, Value, Index>`, events
 *   `EventLeaf<Payload>` with a member per payload field (bare-number events: `EventLeaf<number>`).
 */
export interface TypedApi<S extends SchemaTypes = ActiveSchema> {
  readonly Command: S['Command'];
  readonly Configuration: S['Configuration'];
  /** Alias of `Configuration`, as in the macro runtime. */
  readonly Config: S['Configuration'];
  readonly Status: S['Status'];
  readonly Event: S['Event'];
}
