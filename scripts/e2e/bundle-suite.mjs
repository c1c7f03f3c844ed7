// Bundles one suite for the extension host: test/e2e/vscode/index.ts → OUT/index.js, each *.e2e.ts → OUT/tests/*.js.
// Packages stay external (vscode is the host's; mocha and the rest resolve from the repository's node_modules,
// since OUT is inside the repository), our own imports are bundled, so the host needs no tsx.
import { build } from 'esbuild';
import { readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SUITES_DIR } from './paths.mjs';

export function suiteFiles(suiteDir) {
  return readdirSync(suiteDir).filter(f => f.endsWith('.e2e.ts')).sort().map(f => join(suiteDir, f));
}

export async function bundleSuite(suiteDir, outDir, { grep } = {}) {
  const files = suiteFiles(suiteDir);
  if (!files.length) throw new Error(`no *.e2e.ts files in ${suiteDir}`);
  const entryPoints = [{ in: join(SUITES_DIR, 'index.ts'), out: 'index' },
    ...files.map(f => ({ in: f, out: `tests/${basename(f, '.ts')}` }))];
  await build({
    entryPoints, outdir: outDir, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    // No source maps: the extension host's own stack-trace hook ignores them. Unminified bundles keep a
    // `// test/e2e/vscode/SUITE/x.e2e.ts` comment above each file's code, so a bundle line is easy to map back.
    packages: 'external', logLevel: 'error',
  });
  writeFileSync(join(outDir, 'run.json'), JSON.stringify(grep ? { grep } : {}));
  return join(outDir, 'index.js');
}
