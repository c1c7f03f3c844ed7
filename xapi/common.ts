/** Everything the Node and browser entries both export (no platform imports here). */
export * from './errors';
export type { Xapi, XapiEvents, ClientOptions, TraceOption, ReconnectingInfo, ConnectionState } from './client';
export { XapiClient } from './client';
export type { ReconnectOptions } from './reconnect';
export type { Transport, TransportFactory, TransportHandlers, CloseInfo, HeartbeatOptions } from './transport';
export { resolveUrl } from './transport';
export type { CallOptions } from './ops';
export type { FeedbackListener } from './feedback';
export type { PathInput } from './paths';
export { normalizePath, formatPath } from './paths';
export { xdocFetcher } from './xdocFetcher';
export type { XdocSource } from './xdocFetcher';
export type {
  ActiveSchema, Branch, CommandResult, ConfigLeaf, EventLeaf, FeedbackRoot, ListOf, SchemaTypes, StatusLeaf, Subscription, TypedApi,
  XapiTypeRegistry,
} from './typed';

import type { ClientOptions } from './client';

export interface ConnectOptions extends ClientOptions {
  /** Default `admin`. */
  username?: string;
  /** Default empty (a factory-new device). */
  password?: string;
}
