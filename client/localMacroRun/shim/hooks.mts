/**
 * `--import` of a local macro run (bundled as dist/macro-hooks.mjs): registers the module hooks of loader.ts,
 * which run on Node's loader thread.
 */
import { register } from 'node:module';
import { SHIM_FILES } from '../bridgeEnv.js';

register(`./${SHIM_FILES.loader}`, import.meta.url, { data: { shim: new URL(`./${SHIM_FILES.shim}`, import.meta.url).href } });
