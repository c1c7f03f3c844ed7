/**
 * Where the simulated Webex cloud knowingly differs from Cisco's OpenAPI spec of the device APIs, and why: each
 * difference keyed by operation (the spec's operationId) and JSON pointer, with its evidence (docs/webex-cloud.md
 * gathers the sources). test/protocol/cloud-openapi.test.ts fails on a difference not listed here, and on an entry
 * here that no longer matches anything.
 */

/** The spec's paths our client and the simulated cloud use. */
export const USED_OPERATIONS = ['/xapi/status', '/xapi/command/{commandName}', '/xapi/schema', '/devices', '/devices/{deviceId}', '/deviceConfigurations'];

/** Endpoints outside the device spec. */
export const OUTSIDE_SPEC: readonly { readonly method: string; readonly path: string; readonly why: string }[] = [
  { method: 'POST', path: '/access_token', why: 'the OAuth token endpoint of the refresh flow is in Webex\'s identity docs, not the device spec' },
];

export interface SpecException {
  readonly operation: string;
  readonly where: 'request' | 'response';
  /** JSON pointer(s) into the request or response body. */
  readonly pointer: RegExp;
  readonly why: string;
}

/** Changes to the spec before it is used, where it has a placeholder rather than a shape. */
export const SPEC_ADAPTATIONS: readonly { readonly why: string; apply(definition: any): void }[] = [
  {
    why: 'the configuration items schema names its one property `configuration_key`, a placeholder for every key: the test applies that schema to every item',
    apply(definition) {
      // Both responses (200, 201) name DeviceConfigurationCollectionResponse, whose items name one schema by $ref.
      const ref: string = definition.components.schemas.DeviceConfigurationCollectionResponse.properties.items.$ref;
      const items = definition.components.schemas[ref.split('/').pop()!];
      items.additionalProperties = items.properties.configuration_key;
      delete items.properties;
    },
  },
];

export const SPEC_EXCEPTIONS: readonly SpecException[] = [
  {
    operation: 'List Device Configurations for device', where: 'response', pointer: /^\/items\/[^/]+\/source$/,
    why: 'real devices name a rule\'s value `organizationRule` (voipnorm/ansible-collection-roomos tests/fixtures/cloud/config_write_noop.json, captured 2026-07-25); the spec lists default and configured only',
  },
  {
    operation: 'Update Device Configurations', where: 'response', pointer: /^\/items\/[^/]+\/source$/,
    why: 'the same answer, after a write: a PATCH returns the whole configuration (same fixture)',
  },
  {
    operation: 'Execute Command', where: 'request', pointer: /^\/requestBody\/arguments\//,
    why: 'the spec\'s arguments schema is its example (Audio.Volume.Set, a number Level); arguments are any command\'s, checked by the device (here the session sends a bad value on purpose)',
  },
  {
    operation: 'Execute Command', where: 'request', pointer: /^\/requestBody\/body$/,
    why: 'the spec\'s body schema is an object (its Booking example), but its description says "as a complex JSON object or as a string" and its own example is a macro\'s source text',
  },
];
