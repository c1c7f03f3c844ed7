/**
 * What the extension host and a macro's child process agree on, once: the environment variables that carry the
 * loopback bridge's address and one-time token, and the user name the shim logs in with. The device's own
 * credentials are never among them: the child only ever reaches the bridge. No `vscode` import here (the shim
 * bundles this file).
 */
export const BRIDGE_ENV = {
  /** `ws://127.0.0.1:PORT/ws`: the bridge of this run. */
  url: 'XAPI_MACRO_BRIDGE_URL',
  /** The run's random token (sent as the Basic password to the bridge; worthless once the run ends). */
  token: 'XAPI_MACRO_BRIDGE_TOKEN',
} as const;

/** The user name the shim presents to the bridge (the token is what is checked). */
export const BRIDGE_USER = 'macro';

/** The bundles of the child's side, in the extension's dist/ folder (scripts/build.mjs builds them). */
export const SHIM_FILES = {
  /** `module.exports` = the library's client connected to the bridge: what `'xapi'` resolves to. */
  shim: 'macro-shim.js',
  /** `--import`: registers the ESM resolve/load hooks (below) with `module.register`. */
  hooks: 'macro-hooks.mjs',
  /** The hooks themselves (run on Node's loader thread). */
  loader: 'macro-loader.mjs',
  /** `--require`: maps `require('xapi')` for CommonJS code. */
  require: 'macro-require.js',
} as const;

/** The module name macros import. */
export const MACRO_MODULE = 'xapi';
