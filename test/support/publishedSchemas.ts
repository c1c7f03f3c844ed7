/**
 * The four published schemas for tests, through the real published-schema source. Its cache is
 * seeded from `XAPI_SCHEMA_DIR` (default: the shared folder next to the repository); without the
 * folder it downloads; with neither, `publishedSchema` resolves to undefined and the test skips
 * with one line saying why. Loaded once per process.
 */
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { Schema } from '../../schema/model';
import { defaultCacheDir, fromPublished, publishedFileName } from '../../schema/sources';
import { TEST_CACHE_HOME } from './testCache';

export const PUBLISHED_VERSIONS = ['9.15.17.4', '10.19.4.2', '11.27.2.0', '26.4.1-March-2026'] as const;
export type PublishedVersion = (typeof PUBLISHED_VERSIONS)[number];

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The folder the published files are seeded from. */
export function schemaDir(): string {
  return process.env.XAPI_SCHEMA_DIR ? path.resolve(process.env.XAPI_SCHEMA_DIR) : path.resolve(REPO_ROOT, '..', 'shared', 'schema');
}

/** The schema cache of the tests: the default cache under the tests' cache home (test/support/isolation.ts). */
export function testCacheDir(): string {
  return defaultCacheDir({ XDG_CACHE_HOME: TEST_CACHE_HOME });
}

const loaded = new Map<string, Promise<Schema | undefined>>();
const reasons = new Map<string, string>();

/** Why a version is unavailable, once `publishedSchema` resolved to undefined. */
export function unavailableReason(version: string): string {
  return reasons.get(version) ?? `published schema ${version} is not available`;
}

export function publishedSchema(version: string): Promise<Schema | undefined> {
  let p = loaded.get(version);
  if (!p) {
    const seedDir = schemaDir();
    // Without the seed folder a download is the only way; XAPI_SCHEMA_OFFLINE=1 forbids it.
    const offline = process.env.XAPI_SCHEMA_OFFLINE === '1';
    p = fromPublished(version, { seedDir, cacheDir: testCacheDir(), offline, timeoutMs: 20_000 }).catch((e: unknown) => {
      const why = e instanceof Error ? e.message : String(e);
      const where = existsSync(seedDir) ? `${seedDir} has no file for it` : `${seedDir} does not exist`;
      reasons.set(version, `published schema ${version} unavailable (${where}; ${why}) — set XAPI_SCHEMA_DIR`);
      return undefined;
    });
    loaded.set(version, p);
  }
  return p;
}

const announced = new Set<string>();

export interface RequireOptions {
  /**
   * Under CI=true, fail instead of skipping: for a check that must run in CI, where a skip would pass it
   * unnoticed (scripts/test.mjs counts an e2e suite that cannot run as a failure there, for the same reason).
   */
  requiredInCi?: boolean;
}

/** The schema, or skip the calling test (printing the reason once per version); see RequireOptions for CI. */
export async function requirePublished(ctx: Mocha.Context, version: string, opts: RequireOptions = {}): Promise<Schema> {
  const schema = await publishedSchema(version);
  if (!schema) {
    if (opts.requiredInCi && process.env.CI === 'true') throw new Error(`${unavailableReason(version)} (CI=true: this test must run, not skip)`);
    if (!announced.has(version)) {
      announced.add(version);
      console.log(`    skipped: ${unavailableReason(version)}`);
    }
    ctx.skip();
  }
  return schema as Schema;
}

/**
 * The path of a published schema file in `schemaDir()`, or skip the calling test with one line. For tests that
 * hand the folder to the CLI (`XAPI_SCHEMA_DIR`, offline): the test cache `requirePublished` reads from may
 * hold the schema while the folder does not, and the CLI sees only the folder.
 */
export function requirePublishedFile(ctx: Mocha.Context, version: string): string {
  const file = path.join(schemaDir(), publishedFileName(version));
  if (!existsSync(file)) {
    const key = `file:${version}`;
    if (!announced.has(key)) {
      announced.add(key);
      console.log(`    skipped: ${file} not found — set XAPI_SCHEMA_DIR to the folder of the published schemas`);
    }
    ctx.skip();
  }
  return file;
}
