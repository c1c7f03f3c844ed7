/**
 * "xAPI: Set Up Macro Project": typings for `import xapi from 'xapi'` that follow the connected device's own
 * schema (the `xapi types` generator), the client library's declarations they build on, and a jsconfig.json
 * that maps `'xapi'` to them — so TypeScript's IntelliSense in macros matches the device.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Schema } from '../../schema/model';
import { generateTypings } from '../../schema/typings';

/** Where the files go, relative to the workspace folder. */
export const PROJECT_FILES = {
  jsconfig: 'jsconfig.json',
  typingsDir: 'typings',
  /** `'xapi'`: the macro's client. */
  module: 'typings/xapi/index.d.ts',
  /** The device's schema, augmenting the library's typed proxies. */
  schema: 'typings/xapi/schema.d.ts',
  /** The library's declarations (a copy of what its `.d.ts` entry needs). */
  library: 'typings/xapi-workbench',
} as const;

const MODULE_TEXT = `// What \`import xapi from 'xapi'\` (or require('xapi')) gives a macro. Written by "xAPI: Set Up Macro Project".
import type { Xapi } from 'xapi-workbench';
declare const xapi: Xapi;
export = xapi;
`;

export const JSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    allowSyntheticDefaultImports: true,
    types: [],
    paths: {
      xapi: [`./${PROJECT_FILES.module}`],
      'xapi-workbench': [`./${PROJECT_FILES.library}/index.d.ts`],
    },
  },
  include: ['**/*.js', `${PROJECT_FILES.typingsDir}/**/*.d.ts`],
  exclude: ['node_modules'],
};

/** The `.d.ts` files `entry` needs: itself and every relative import, transitively. */
export async function declarationClosure(entry: string): Promise<string[]> {
  const seen = new Set<string>();
  const todo = [path.resolve(entry)];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = await fs.readFile(file, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = path.resolve(path.dirname(file), m[1]);
      const candidates = [`${target}.d.ts`, path.join(target, 'index.d.ts'), target.replace(/\.js$/, '.d.ts')];
      for (const c of candidates) {
        if (await fs.stat(c).then(s => s.isFile(), () => false)) { todo.push(c); break; }
      }
    }
  }
  return [...seen].sort();
}

export interface SetupResult { readonly written: string[] }

/**
 * Writes the project files into `folder`. `libraryDir` holds the library's emitted declarations (`lib/` of the
 * extension). An existing jsconfig.json is replaced only when `overwriteJsconfig` says so.
 */
export async function setUpMacroProject(folder: string, schema: Schema, libraryDir: string, overwriteJsconfig: boolean): Promise<SetupResult> {
  const written: string[] = [];
  const write = async (rel: string, text: string) => {
    const file = path.join(folder, rel);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, text);
    written.push(rel);
  };
  const entry = path.join(libraryDir, 'index.d.ts');
  for (const file of await declarationClosure(entry)) {
    await write(path.join(PROJECT_FILES.library, path.relative(libraryDir, file)), await fs.readFile(file, 'utf8'));
  }
  await write(PROJECT_FILES.schema, generateTypings(schema, { mode: 'module-augmentation' }));
  await write(PROJECT_FILES.module, MODULE_TEXT);
  const jsconfig = path.join(folder, PROJECT_FILES.jsconfig);
  const exists = await fs.stat(jsconfig).then(() => true, () => false);
  if (!exists || overwriteJsconfig) await write(PROJECT_FILES.jsconfig, `${JSON.stringify(JSCONFIG, null, 2)}\n`);
  return { written };
}
