/**
 * The one definition of the xAPI wire vocabulary (JSON-RPC 2.0 over WebSocket), shared by the
 * client library and the emulator: method names, error codes, the messages the emulator sends
 * for them, and the shapes of requests, responses and feedback. See docs/xapi-protocol.md.
 */

export const JSONRPC_VERSION = '2.0';

/** The WebSocket path on the device. `/ws/` and `/ws?legacy` are accepted as well. */
export const WS_PATH = '/ws';
/** Prefix of the sub-protocol that carries credentials for browsers: `auth-<base64url(user:pass)>`. */
export const AUTH_SUBPROTOCOL_PREFIX = 'auth-';

export const Method = {
  /** `xCommand/<Path/Segments>`: build with `commandMethod`. */
  CommandPrefix: 'xCommand/',
  Get: 'xGet',
  Query: 'xQuery',
  Set: 'xSet',
  Subscribe: 'xFeedback/Subscribe',
  Unsubscribe: 'xFeedback/Unsubscribe',
  Doc: 'xDoc',
  /** The only notification the device sends. */
  FeedbackEvent: 'xFeedback/Event',
} as const;

export function commandMethod(names: readonly PathSegment[]): CommandMethod {
  return `${Method.CommandPrefix}${names.join('/')}`;
}

/** JSON-RPC error codes the device uses (docs §5, §12.1). */
export const ErrorCode = {
  /** The command ran and failed; `data.Cause` may give a number. */
  CommandError: 1,
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  PermissionDenied: -31999,
  SubscriberCountExceeded: -31998,
  NotReady: -31997,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The `message` texts the emulator sends with each code (device texts where known, §12.1). */
export const ErrorMessage = {
  ParseError: 'Parse Error',
  InvalidRequest: 'Invalid Request',
  MethodNotFound: 'Method Not Found',
  BadUsage: 'Bad usage: Missing or invalid parameter(s).',
  badArgument: (param: string) => `Bad usage: Bad argument to parameter "${param}".`,
  NoMatch: 'No match on Path argument',
  /** xSet with a value outside the configuration's value space (sent with `data.Cause` 27). */
  IllegalValue: 'Illegal value',
  UnknownSubscription: 'Unknown subscription Id',
  PermissionDenied: 'Permission Denied',
  SubscriberCountExceeded: 'Subscriber Count Exceeded',
  NotReady: 'Not Ready',
  InternalError: 'Internal Error',
  /**
   * A `Macros Macro …` command naming a macro the device does not have (code 1). No capture; Cisco's own sample
   * macros compare `err.message === 'No such macro'` to create their storage macro on first run.
   */
  NoSuchMacro: 'No such macro',
} as const;

/** `data.Cause` of an illegal value in xSet or xCommand (CSxAPI relies on 27). */
export const CAUSE_ILLEGAL_VALUE = 27;

export { BODY_PARAM } from '../schema/kinds';

export type Id = string | number;
export type PathSegment = string | number;
/** Root of a Path/Query array. */
export type Root = 'Status' | 'Configuration' | 'Event' | 'Command';

export interface Request<P = unknown> {
  jsonrpc: typeof JSONRPC_VERSION;
  id?: Id;
  method: string;
  params?: P;
}

export interface ErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

export interface SuccessResponse<R = unknown> {
  jsonrpc: typeof JSONRPC_VERSION;
  id: Id;
  result: R;
}

export interface ErrorResponse {
  jsonrpc: typeof JSONRPC_VERSION;
  id: Id | null;
  error: ErrorObject;
}

export type Response<R = unknown> = SuccessResponse<R> | ErrorResponse;

export interface GetParams { Path: PathSegment[] }
export interface QueryParams { Query: PathSegment[] }
export interface SetParams { Path: PathSegment[]; Value: string | number }
export interface SubscribeParams { Query: PathSegment[]; NotifyCurrentValue?: boolean }
export interface SubscribeResult { Id: number }
export interface UnsubscribeParams { Id: number }
export interface DocParams { Path: PathSegment[]; Type?: 'Schema' | string }
/** `xCommand/<Path/Segments>` (build with `commandMethod`). */
export type CommandMethod = `${typeof Method.CommandPrefix}${string}`;
/** Named command arguments; a multiline body goes under BODY_PARAM. Absent when the command takes none. */
export type CommandParams = Record<string, unknown> | undefined;
/** A command's answer: `{ status: 'OK' }` plus whatever data the command returns. */
export type CommandResponse = Record<string, unknown>;
/** xQuery answers a tree rooted at the top node: `{ Status: { … } }`. */
export interface QueryResult { Status?: Record<string, unknown>; Configuration?: Record<string, unknown> }

/**
 * `params` of every request method. Senders are typed by this map (`rpc.request(Method.Get, { Path })`), so a
 * request's shape is defined here once and cannot drift between its users.
 */
export interface MethodParams {
  [method: CommandMethod]: CommandParams;
  [Method.Get]: GetParams;
  [Method.Query]: QueryParams;
  [Method.Set]: SetParams;
  [Method.Subscribe]: SubscribeParams;
  [Method.Unsubscribe]: UnsubscribeParams;
  [Method.Doc]: DocParams;
}

/** `result` of every request method (§3): xGet and xDoc answer the value or subtree at Path. */
export interface MethodResult {
  [method: CommandMethod]: CommandResponse;
  [Method.Get]: unknown;
  [Method.Query]: QueryResult;
  [Method.Set]: boolean;
  [Method.Subscribe]: SubscribeResult;
  [Method.Unsubscribe]: boolean;
  [Method.Doc]: unknown;
}

/** A method a client may send (every one but the device's own `xFeedback/Event`). */
export type RequestMethod = keyof MethodParams;

/** `params` of an `xFeedback/Event` notification: the subscription id plus exactly one root. */
export interface FeedbackParams {
  Id: number;
  Status?: Record<string, unknown>;
  Configuration?: Record<string, unknown>;
  Event?: Record<string, unknown>;
}

/** A removed list item in feedback: `{ "ghost": "True", "id": 3 }`. */
export const GHOST_KEY = 'ghost';
export const GHOST_VALUE = 'True';
/** Hidden configuration values appear as this in feedback. */
export const HIDDEN_VALUE = '***';

export function isErrorResponse(r: Response): r is ErrorResponse {
  return (r as ErrorResponse).error !== undefined;
}

/** `user:pass` → `auth-<base64url without padding>`. */
export function authSubprotocol(username: string, password: string, encode: (s: string) => string): string {
  return AUTH_SUBPROTOCOL_PREFIX + encode(`${username}:${password}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
