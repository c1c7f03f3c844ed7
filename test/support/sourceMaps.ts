/**
 * Which shipped scripts name a source map that is not shipped with them. Node (`--enable-source-maps`), debuggers
 * and browsers follow a `//# sourceMappingURL=` comment and warn or fail when the file is missing, so a package
 * (npm, VSIX) may hold such a comment only next to its map. scripts/build.mjs writes maps without the comment.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The comment as bundlers write it: a whole line (a bundle that carries TypeScript also holds the text mid-line). */
const MAP_COMMENT = /^\/\/[#@] sourceMappingURL=(\S+)\s*$/gm;

/**
 * `file → map` for every script among `files` (paths relative to `root`, `/`-separated) whose comment names a map
 * that is not among `files`. Inline maps (`data:` URLs) travel with their script and are fine.
 */
export function danglingSourceMaps(root: string, files: readonly string[]): string[] {
  const shipped = new Set(files);
  const out: string[] = [];
  for (const f of files.filter(x => /\.[cm]?js$/.test(x))) {
    for (const [, url] of readFileSync(path.join(root, f), 'utf8').matchAll(MAP_COMMENT)) {
      if (url.startsWith('data:')) continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(f), decodeURIComponent(url)));
      if (!shipped.has(target)) out.push(`${f} → ${target}`);
    }
  }
  return out;
}
