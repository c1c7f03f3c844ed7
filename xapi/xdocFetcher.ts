/**
 * Reading a device's schema: `fromDevice(xdocFetcher(xapi), label)` (schema/sources.ts). The schema
 * layer knows nothing of the wire, so the client decides here what an xDoc failure means: a root the
 * device does not have or the user may not read is `undefined` (left out); anything else — a lost
 * connection, a timeout — rejects and fails the read.
 */
import { NotFoundError, InvalidParameterError, PermissionDeniedError } from './errors';

export interface XdocSource {
  doc(path: string[]): Promise<unknown>;
}

export function xdocFetcher(xapi: XdocSource): (path: string[]) => Promise<unknown> {
  return path => xapi.doc(path).catch((e: unknown) => {
    if (e instanceof NotFoundError || e instanceof InvalidParameterError || e instanceof PermissionDeniedError) return undefined;
    throw e;
  });
}
