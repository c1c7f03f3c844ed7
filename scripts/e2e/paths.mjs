// Where the e2e harness finds its parts. One place for the code-server version and cache folder, shared by
// run.mjs, scripts/test.mjs and .ci/run (which passes the same folder to setup-code-server.sh).
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
export const CODE_SERVER_VERSION = '4.100.3';
export const CODE_SERVER_DIR = process.env.XAPI_CODE_SERVER_DIR || join(REPO, '.cache', `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_ENTRY = join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const SETUP_SCRIPT = join(REPO, 'scripts', 'e2e', 'setup-code-server.sh');
export const CHROMIUM = process.env.XAPI_CHROMIUM || '/usr/bin/chromium';
export const SUITES_DIR = join(REPO, 'test', 'e2e', 'vscode');
export const DEFAULT_WORKSPACE = join(REPO, 'test', 'e2e', 'workspace');
/** Per-run scratch (HOME, profiles, bundled tests) lives inside the repository so the bundled tests sit under the
 * extension's own folder: the host then hands them the extension's `vscode` API and resolves node_modules. */
export const E2E_CACHE = join(REPO, '.cache', 'e2e');
export const ARTIFACTS_DIR = process.env.XAPI_E2E_ARTIFACTS || join(E2E_CACHE, 'artifacts');
