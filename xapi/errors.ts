/**
 * The error hierarchy of the client. Every failure a caller can see is one of these classes, so code can
 * `catch (e) { if (e instanceof NotFoundError) … }` instead of comparing numbers. Wire errors keep the
 * device's numeric `code`; failures the client detects itself carry a short string code.
 */
import { ErrorCode, ErrorMessage, type ErrorObject } from './protocol';

export class XapiError extends Error {
  override name = 'XapiError';
  /** The device's JSON-RPC error code, or a client-side code such as `ETIMEDOUT`. */
  readonly code: number | string;
  /** The `data` of the device's error object, or details the client adds. */
  readonly data?: unknown;
  /** Over the Webex cloud: the request's tracking id (`Trackingid`), what Webex support asks for. */
  readonly trackingId?: string;
  constructor(message: string, code: number | string, data?: unknown, options?: { cause?: unknown; trackingId?: string }) {
    super(message, options);
    this.code = code;
    if (data !== undefined) this.data = data;
    if (options?.trackingId !== undefined) this.trackingId = options.trackingId;
  }
}

/** The command ran on the device and reported an error (code 1). */
export class CommandError extends XapiError {
  override name = 'CommandError';
  /**
   * The device's numeric cause (`data.Cause`, e.g. 27 for an illegal value), when it gave one. Not `cause`:
   * that is the standard `Error.cause`, which links an error to the one that caused it.
   */
  readonly causeCode?: number;
  /** The device's reason text. */
  readonly reason: string;
  constructor(message: string, reason: string, data?: unknown, options?: { trackingId?: string }) {
    super(message, ErrorCode.CommandError, data, options);
    this.reason = reason;
    const c = (data as { Cause?: unknown } | undefined)?.Cause;
    if (typeof c === 'number' || (typeof c === 'string' && /^\d+$/.test(c))) this.causeCode = Number(c);
  }
}

/** No such command, method or path (-32601, or -32602 "No match on Path argument"). */
export class NotFoundError extends XapiError { override name = 'NotFoundError'; }
/** A parameter was missing, unknown or out of range (-32602). */
export class InvalidParameterError extends XapiError { override name = 'InvalidParameterError'; }
/** The user's roles do not allow this (-31999). */
export class PermissionDeniedError extends XapiError { override name = 'PermissionDeniedError'; }
/** The device refused another feedback subscription (-31998). */
export class SubscriptionLimitError extends XapiError { override name = 'SubscriptionLimitError'; }
/** The device is still starting (-31997). */
export class NotReadyError extends XapiError { override name = 'NotReadyError'; }
/** The device rejected the credentials (HTTP 401/403 on the WebSocket upgrade). */
export class AuthenticationError extends XapiError { override name = 'AuthenticationError'; }
/** The device's TLS certificate is not trusted. */
export class TlsError extends XapiError { override name = 'TlsError'; }
/** The connection could not be made: refused, unknown host, unreachable, or (in browsers) any failed connect. */
export class ConnectionError extends XapiError { override name = 'ConnectionError'; }
/** The request was pending (or waiting to be sent) when the connection closed. */
export class ConnectionClosedError extends XapiError { override name = 'ConnectionClosedError'; }
/** No answer within the request's timeout. */
export class TimeoutError extends XapiError { override name = 'TimeoutError'; }

/** The Webex cloud refused the call for now (HTTP 429 or 423) and the wait it asked for exceeds the time left. */
export class RateLimitError extends XapiError {
  override name = 'RateLimitError';
  /** Seconds the cloud asked to wait (`Retry-After`). */
  readonly retryAfter: number;
  constructor(message: string, retryAfter: number, options?: { trackingId?: string }) {
    super(message, ClientErrorCode.RateLimited, { retryAfter }, options);
    this.retryAfter = retryAfter;
  }
}
/**
 * A command sent over the Webex cloud got no clear answer (a server error, a dropped connection, a timeout): it
 * may have run on the device. It is never sent again by the client; read the state to know.
 */
export class MaybeExecutedError extends XapiError { override name = 'MaybeExecutedError'; }
/** What was asked is not available over this transport (feedback and events over the Webex cloud). */
export class UnsupportedError extends XapiError { override name = 'UnsupportedError'; }
/** A configuration is enforced by an organisation or location rule and cannot be written for one device. */
export class ConfigurationEnforcedError extends PermissionDeniedError {
  override name = 'ConfigurationEnforcedError';
  /** The cloud's editability reason (`CONFIG_MANAGED_BY_RULE`, …). */
  readonly reason: string;
  constructor(message: string, reason: string, options?: { trackingId?: string }) {
    super(message, ClientErrorCode.Enforced, { reason }, options);
    this.reason = reason;
  }
}

/** Client-side codes of the errors the client detects itself. */
export const ClientErrorCode = {
  Authentication: 'EAUTH',
  Tls: 'ETLS',
  Connection: 'ECONNECT',
  ConnectionClosed: 'ECLOSED',
  Timeout: 'ETIMEDOUT',
  Protocol: 'EPROTO',
  Usage: 'EUSAGE',
  RateLimited: 'ERATELIMIT',
  MaybeExecuted: 'EMAYBEEXECUTED',
  Unsupported: 'EUNSUPPORTED',
  Enforced: 'EENFORCED',
  /** The Webex cloud answered with an HTTP status that says nothing more specific. */
  Cloud: 'ECLOUD',
} as const;

/**
 * Turns a wire `error` object into the matching class. `what` names the request (`xCommand Dial`,
 * `xGet Status Audio Volume`) so the message says what failed; without it the message is the device's text alone.
 */
export function fromErrorObject(error: ErrorObject, what: string | undefined): XapiError {
  const code = typeof error?.code === 'number' ? error.code : Number(error?.code);
  const text = typeof error?.message === 'string' && error.message ? error.message : 'unknown error';
  const data = error?.data;
  const message = what === undefined ? text : `${what}: ${text}`;
  switch (code) {
    case ErrorCode.CommandError: return new CommandError(message, text, data);
    case ErrorCode.MethodNotFound: return new NotFoundError(message, code, data);
    case ErrorCode.InvalidParams:
      return text.includes(ErrorMessage.NoMatch)
        ? new NotFoundError(message, code, data)
        : new InvalidParameterError(message, code, data);
    case ErrorCode.PermissionDenied: return new PermissionDeniedError(message, code, data);
    case ErrorCode.SubscriberCountExceeded: return new SubscriptionLimitError(message, code, data);
    case ErrorCode.NotReady: return new NotReadyError(message, code, data);
    default: return new XapiError(message, Number.isFinite(code) ? code : ClientErrorCode.Protocol, data);
  }
}

/** The hint every TLS failure carries: trusting the device's own certificate first; turning verification off last. */
export const TLS_HINT = 'pass the device\'s certificate as { ca: <PEM> } to trust it, ' +
  'or { allowSelfSignedTls: true } to turn off certificate verification for this connection';
