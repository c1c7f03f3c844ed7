/**
 * Custom LSP messages between the xAPI language server and its clients (the VS Code extension and
 * tests). Declared once here; both sides import these namespaces, never the method strings.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { SchemaSourceKind } from '../schema/model';
import type { CloudSchemaDocuments } from '../schema/load/cloud';

/**
 * The client hands over the connected device's schema: either the xDoc documents (the roots
 * `Command`, `Configuration`, `StatusSchema`/`Status`, `Event`) or a roomos.cisco.com `{objects:[…]}`
 * JSON, as `schema`. It takes precedence over the `xapi.schema.source` setting until cleared
 * (`{ clear: true }`, e.g. on disconnect). `product` (code or name) overrides `xapi.schema.product`.
 */
export interface SetDeviceSchemaParams {
  /** Shown to users, e.g. the device's software version `RoomOS 11.27.2.0`. */
  label?: string;
  schema?: unknown;
  product?: string;
  clear?: boolean;
  /**
   * A Webex cloud device instead of `schema`: what the cloud gave of its schema (schema/load/cloud.ts), and the
   * published version whose events and descriptions fill in (read from the server's published-schema cache). The
   * server builds the model with the same function as the extension host, so both answer alike.
   */
  cloud?: { documents: CloudSchemaDocuments; published?: string };
}

export namespace SetDeviceSchemaNotification {
  export const method = 'xapi/setDeviceSchema';
  export const type = new NotificationType<SetDeviceSchemaParams>(method);
}

/** Which schema is in force now; sent after initialisation and after every switch (or failed switch). */
export interface SchemaChangedParams {
  source: SchemaSourceKind;
  version: string;
  /** The product code in force, and its human name. */
  product?: string;
  productName?: string;
  nodes: number;
  /** Set when the requested schema could not be loaded and the server kept or fell back to another one. */
  error?: string;
  /**
   * The file the schema in force was read from: a schema file, or the cache file of a published version. Absent
   * for the core and device schemas. The extension host reads the same file, so both processes answer alike.
   */
  file?: string;
}

export namespace SchemaChangedNotification {
  export const method = 'xapi/schemaChanged';
  export const type = new NotificationType<SchemaChangedParams>(method);
}

/** Work counters of one document: how much the last edit re-parsed (used by tests and diagnostics). */
export interface WorkCountersParams { uri: string }
export interface WorkCountersResult {
  lastParsedLines: number;
  totalParsedLines: number;
  lastValidatedStatements: number;
  macroFullParses: number;
  macroIncrementalParses: number;
}

export namespace WorkCountersRequest {
  export const method = 'xapi/workCounters';
  export const type = new RequestType<WorkCountersParams, WorkCountersResult, void>(method);
}

/** The settings the server reads (`workspace/configuration` section `xapi`, or `initializationOptions`). */
export interface XapiServerSettings {
  schema?: {
    /** `core` (default), a published version name (`11.27.2.0`), or a path to a schema file. */
    source?: string;
    /** Product code (`hopen`) or name (`Room Kit`); empty for all products. */
    product?: string;
    /** Where downloaded published schemas are cached; wins over `initializationOptions.schemaCacheDir`. */
    cacheDir?: string;
  };
}

/** `initializationOptions` of the `initialize` request; every field is optional. */
export interface XapiInitializationOptions extends XapiServerSettings {
  /**
   * The folder for downloaded published schemas (the VS Code extension passes its global storage).
   * Default `$XDG_CACHE_HOME/xapi-workbench/schemas`, else `~/.cache/xapi-workbench/schemas`.
   */
  schemaCacheDir?: string;
  /** Milliseconds of quiet before diagnostics are recomputed after an edit (macros; scripts use a third). */
  diagnosticsDelay?: number;
}
