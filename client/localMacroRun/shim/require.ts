/**
 * `--require` of a local macro run (bundled as dist/macro-require.js): `require('xapi')` in CommonJS macros
 * resolves to the shim next to this file. Node's ESM hooks (loader.ts) do not see `require` calls in Node 20.
 */
import Module from 'node:module';
import * as path from 'node:path';
import { MACRO_MODULE, SHIM_FILES } from '../bridgeEnv';

const shim = path.join(__dirname, SHIM_FILES.shim);
type Resolve = (request: string, ...rest: unknown[]) => string;
const internal = Module as unknown as { _resolveFilename: Resolve };
const original = internal._resolveFilename;
internal._resolveFilename = function resolveXapi(this: unknown, request: string, ...rest: unknown[]): string {
  return request === MACRO_MODULE ? shim : original.call(this, request, ...rest);
};
