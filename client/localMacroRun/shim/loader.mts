/**
 * Node module hooks of a local macro run (bundled as dist/macro-loader.mjs, registered by hooks.ts):
 * - `import … from 'xapi'` resolves to the shim (the client connected through the bridge);
 * - a macro file written with `import`/`export` runs as an ES module even where no package.json says
 *   `"type": "module"` (macros are single `.js` files, as on the device). The source is not changed, so
 *   breakpoints and stack traces point at the file as written.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { hasModuleSyntax } from '../../../emulator/macros/moduleSyntax.js';
import { MACRO_MODULE } from '../bridgeEnv.js';

let shim = '';

export function initialize(data: { shim: string }): void {
  shim = data.shim;
}

interface ResolveResult { url: string; format?: string | null; shortCircuit?: boolean }
interface LoadResult { format: string; source?: string | ArrayBuffer | Uint8Array | null; shortCircuit?: boolean }

export async function resolve(specifier: string, context: unknown, next: (s: string, c: unknown) => Promise<ResolveResult>): Promise<ResolveResult> {
  if (specifier === MACRO_MODULE) return { url: shim, format: 'commonjs', shortCircuit: true };
  return next(specifier, context);
}

export async function load(url: string, context: unknown, next: (u: string, c: unknown) => Promise<LoadResult>): Promise<LoadResult> {
  const result = await next(url, context);
  if (result.format !== 'commonjs' || !url.startsWith('file:') || !url.endsWith('.js') || url.includes('/node_modules/') || url === shim) return result;
  const source = await readFile(fileURLToPath(url), 'utf8');
  return hasModuleSyntax(source) ? { format: 'module', source, shortCircuit: true } : result;
}
