#!/usr/bin/env node
// Regenerates xapi/generated/coreTypes.ts from the core schema (schema/core) with the typings
// generator (schema/typings). `--check` writes nothing and exits 1 when the file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mod = await tsImport('../schema/typings/coreTypes.ts', import.meta.url);
const { coreTypesSource, CORE_TYPES_FILE } = mod.default ?? mod;
const file = join(root, CORE_TYPES_FILE);
const text = coreTypesSource();
let current = '';
try {
  current = readFileSync(file, 'utf8');
} catch {
  // missing: written below (or reported stale with --check)
}
if (process.argv.includes('--check')) {
  if (current !== text) {
    console.error(`${CORE_TYPES_FILE} is out of date: run node scripts/gen-core-types.mjs`);
    process.exit(1);
  }
  console.log(`${CORE_TYPES_FILE} is up to date`);
} else if (current === text) {
  console.log(`${CORE_TYPES_FILE} unchanged`);
} else {
  writeFileSync(file, text);
  console.log(`wrote ${CORE_TYPES_FILE} (${text.length} bytes)`);
}
