/**
 * The Webex cloud xAPI as it is on the wire, once, for the client (xapi/cloud/) and the simulated cloud
 * (emulator/cloud/): paths, query and header names, the scope each operation needs, and the shapes of bodies.
 * Facts from Cisco's OpenAPI spec of the device APIs (webex-device.json) and captures of real devices; where the
 * simulated cloud has to guess, the guess is in assumed.ts.
 */

/** Where the cloud lives. A base URL that is not loopback must be HTTPS (the token is a bearer secret). */
export const WEBEX_BASE_URL = 'https://webexapis.com/v1';

/** `webex://DEVICE_ID`: a cloud device as a connect target (the id verbatim, never case-folded). */
export const WEBEX_SCHEME = 'webex:';

export const CloudPath = {
  status: '/xapi/status',
  /** + `/{Dotted.Command.Name}` */
  command: '/xapi/command',
  schema: '/xapi/schema',
  configurations: '/deviceConfigurations',
  devices: '/devices',
  /** The OAuth token endpoint (not in the device spec): refresh flow. */
  accessToken: '/access_token',
} as const;

export const CloudHeader = {
  trackingId: 'trackingid',
  retryAfter: 'retry-after',
  link: 'link',
} as const;

/** PATCH bodies of configurations and device tags. */
export const JSON_PATCH_TYPE = 'application/json-patch+json';

/** The shortest interval between two reads of the same cloud device's state by a poller (the cloud is ~1 s away and rate-limits). */
export const MIN_POLL_SECONDS = 10;

/** `GET /xapi/status` takes at most this many `name`s. */
export const MAX_STATUS_NAMES = 10;
/** `GET /xapi/schema` takes at most this many `deviceId`s. */
export const MAX_SCHEMA_DEVICES = 5;

/** Configurations are written at this JSON pointer below their key (the only path the cloud accepts). */
export const CONFIGURED_VALUE = '/sources/configured/value';

export const Scope = {
  xapiCommands: 'spark:xapi_commands',
  xapiStatuses: 'spark:xapi_statuses',
  devicesRead: 'spark-admin:devices_read',
  devicesWrite: 'spark-admin:devices_write',
} as const;
export type Scope = (typeof Scope)[keyof typeof Scope];

/**
 * The scope each operation needs: the cloud's 403 does not say which, so errors name it from here. Personal
 * tokens use `spark:devices_*` in place of `spark-admin:devices_*` (the admin scope is what an org tool has).
 */
export type CloudOperation = 'status' | 'command' | 'schema' | 'configurationsRead' | 'configurationsWrite' | 'devicesRead';
export const SCOPE_OF: Readonly<Record<CloudOperation, string>> = {
  status: Scope.xapiStatuses,
  command: Scope.xapiCommands,
  // Every status's and command's schema: both scopes (the 403 does not say which one is missing).
  schema: `${Scope.xapiStatuses} and ${Scope.xapiCommands}`,
  configurationsRead: Scope.devicesRead,
  configurationsWrite: Scope.devicesWrite,
  devicesRead: Scope.devicesRead,
};

/** The cloud's error body (`message`, `errors[].description`, `trackingId`). */
export interface CloudErrorBody {
  readonly message?: string;
  readonly errors?: readonly { readonly description?: string }[];
  readonly trackingId?: string;
}

export type ConnectionStatus = 'connected' | 'disconnected' | 'connected_with_issues' | 'offline_expired' | 'activating' | 'unknown' | 'offline_deep_sleep';

/** What the client reads of a device (`GET /devices/{id}`, `/devices` items); the cloud sends more. */
export interface CloudDevice {
  readonly id: string;
  readonly displayName: string;
  readonly product: string;
  readonly type?: string;
  readonly software?: string;
  readonly connectionStatus: ConnectionStatus;
  readonly tags?: readonly string[];
  readonly capabilities?: readonly string[];
  readonly permissions?: readonly string[];
  readonly serial?: string;
  readonly workspaceId?: string;
  readonly orgId?: string;
  /** ISO time the device was added (the one field the spec requires). */
  readonly created: string;
  readonly firstSeen?: string;
  readonly lastSeen?: string;
}

/** The statuses in which the cloud reaches the device for xAPI. */
export const ONLINE: ReadonlySet<ConnectionStatus> = new Set(['connected', 'connected_with_issues']);

export interface EditabilityReason { readonly isEditable: boolean; readonly reason?: string }

/** One source of a configuration's value: the spec's `default`/`configured`, and what real devices add. */
export interface ConfigurationSource {
  readonly value?: unknown;
  readonly editability?: EditabilityReason;
  /** Real devices: `device`, `organization`, `schemaDefault` (not in the spec). */
  readonly level?: string;
  /** Real devices: the value is enforced from above (not in the spec). */
  readonly enforced?: boolean;
}

/** An item of `GET /deviceConfigurations`. */
export interface ConfigurationItem {
  readonly value: unknown;
  /** Which source the value comes from: `default`, `configured`, or (real devices) `organizationRule`. */
  readonly source: string;
  readonly sources: Readonly<Record<string, ConfigurationSource>>;
  /** JSON Schema of the value. */
  readonly valueSpace?: Record<string, unknown>;
}

export interface ConfigurationsBody {
  readonly deviceId: string;
  readonly items: Readonly<Record<string, ConfigurationItem>>;
}

/** Editability reasons: a rule's own source (real devices), the device's source under it (the spec). */
export const EditReason = {
  rule: 'CONFIG_MANAGED_BY_RULE',
  otherAuthority: 'CONFIG_MANAGED_BY_DIFFERENT_AUTHORITY',
  factoryDefault: 'FACTORY_DEFAULT',
} as const;

/** The reasons that mean an organisation or location rule manages the value. */
export const RULE_REASONS: ReadonlySet<string> = new Set([EditReason.rule, EditReason.otherAuthority]);
