/**
 * package.json offers the roles of a device profile (`xapi.devices[].roles`) as a list to pick from: it must be the
 * schema's own list of roles (schema/model.ts KNOWN_ROLES), the one definition the trees check writes against.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KNOWN_ROLES } from '../../schema/model';

describe('manifest: profile roles', () => {
  it('xapi.devices roles offers exactly the schema\'s roles', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
    const roles = manifest.contributes.configuration.properties['xapi.devices'].items.properties.roles;
    assert.deepEqual(roles.items.enum, [...KNOWN_ROLES]);
  });
});
