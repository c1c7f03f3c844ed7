/**
 * The declarations that ship as xapi/generated/coreTypes.ts: the core schema's trees.
 * scripts/gen-core-types.mjs writes them; a unit test fails when the committed file is stale.
 */
import { coreSchema } from '../core/index';
import { generateTypings } from './index';

/** Relative to the repository root. */
export const CORE_TYPES_FILE = 'xapi/generated/coreTypes.ts';

export function coreTypesSource(): string {
  return generateTypings(coreSchema(), { mode: 'core' });
}
