/** Errors of the emulator: RpcError travels to the client as a JSON-RPC error; EmulatorError is for callers of the control API. */
import { CAUSE_ILLEGAL_VALUE, ErrorCode, ErrorMessage, ErrorObject } from '../xapi/protocol';

export class RpcError extends Error {
  override readonly name = 'RpcError';
  constructor(readonly code: number, message: string, readonly data?: unknown) {
    super(message);
  }

  toObject(): ErrorObject {
    return this.data === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, data: this.data };
  }

  static badUsage(): RpcError {
    return new RpcError(ErrorCode.InvalidParams, ErrorMessage.BadUsage);
  }
  static badArgument(param: string): RpcError {
    return new RpcError(ErrorCode.InvalidParams, ErrorMessage.badArgument(param));
  }
  static noMatch(): RpcError {
    return new RpcError(ErrorCode.InvalidParams, ErrorMessage.NoMatch);
  }
  static illegalValue(): RpcError {
    return new RpcError(ErrorCode.InvalidParams, ErrorMessage.IllegalValue, { Cause: CAUSE_ILLEGAL_VALUE });
  }
  static permissionDenied(): RpcError {
    return new RpcError(ErrorCode.PermissionDenied, ErrorMessage.PermissionDenied);
  }
  static notReady(): RpcError {
    return new RpcError(ErrorCode.NotReady, ErrorMessage.NotReady);
  }
  static methodNotFound(): RpcError {
    return new RpcError(ErrorCode.MethodNotFound, ErrorMessage.MethodNotFound);
  }
  /** A command that ran and failed (code 1), with the device's reason. */
  static commandError(reason: string, cause?: number): RpcError {
    return new RpcError(ErrorCode.CommandError, reason, cause === undefined ? undefined : { Cause: cause });
  }
}

/** Misuse of the control API (unknown path, no such prompt…): thrown to the test or tool, never sent on the wire. */
export class EmulatorError extends Error {
  override readonly name = 'EmulatorError';
}
