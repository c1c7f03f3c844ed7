/**
 * The built bundles for process tests. They run what `npm test`'s build step (or `npm run build`) made and
 * never build themselves: a test that rebuilt dist/ would race the other suites reading it. A missing bundle
 * fails the suite with one line saying what to run.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export class DistMissingError extends Error {
  override readonly name = 'DistMissingError';
}

/** The absolute path of `dist/<name>`, or a DistMissingError (`dist/cli.js is missing: run npm run build`). */
export function distFile(name: string): string {
  return builtFile(`dist/${name}`);
}

/** The absolute path of a file `npm run build` makes (`lib/index.js`, `dist/cli.js`), or a DistMissingError. */
export function builtFile(relative: string): string {
  const file = path.join(REPO_ROOT, relative);
  if (!existsSync(file)) throw new DistMissingError(`${relative} is missing: run npm run build`);
  return file;
}
