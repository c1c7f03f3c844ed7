/**
 * The shapes of the typed proxy API (`xapi.Command.Dial(...)`, `xapi.Status.Audio.Volume.get()`),
 * shared by the client (which implements them) and the typings generator (which emits trees of
 * them from a schema). The shipped trees come from the core schema; full ones plug in by
 * module augmentation of `XapiTypeRegistry`:
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
}

/** A command result: the device's data plus `status: 'OK'`. */
export interface CommandResult {
  status?: string;
  [key: string]: unknown;
}

export interface Gettable<T> { get(): Promise<T> }
export interface Settable<T> { set(value: T): Promise<void> }
export interface Listenable<T> {
  on(listener: (value: T) => void): Subscription;
  once(listener: (value: T) => void): Subscription;
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
 */
export type ListOf<Item, Value> = { readonly [index: number]: Item } & Gettable<Value[]> & Listenable<Partial<Value> & { id: number; ghost?: 'True' }>;

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
