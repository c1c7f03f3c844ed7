/**
 * A cloud device's schema, from what the Webex cloud gives: `GET /xapi/schema` (JSON Schemas of its statuses and
 * commands: no configurations, no events, no descriptions, no roles), the value spaces of its configurations
 * (`GET /deviceConfigurations`), and — for events, descriptions and roles — the published schema of its software
 * when one can be had. What the device says wins over the published schema; the published schema only fills in
 * what the cloud does not carry. Each variant's `extra.schemaSource` says where its shape came from (hover shows it).
 */
import {
  KNOWN_ROLES, nodeKey, type CommandParam, type IndexRange, type NodeKind, type NodeVariant, type Schema, type SchemaNode, type Segment, type ValueSpace,
} from '../model';
import { parseKey } from '../cloudKeys';
import { resolveProduct } from '../products';

/** A JSON Schema as the cloud writes value spaces (only what this reads). */
export interface CloudJsonSchema {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly items?: CloudJsonSchema;
  readonly maxItems?: number;
}

/** One device's answer from `GET /xapi/schema`. */
export interface CloudSchemaDocument {
  readonly status?: Readonly<Record<string, { readonly schema?: CloudJsonSchema }>>;
  readonly commands?: Readonly<Record<string, {
    readonly arguments?: Readonly<Record<string, { readonly required?: boolean; readonly schema?: CloudJsonSchema }>>;
    readonly bodySchema?: { readonly schema?: CloudJsonSchema };
  }>>;
}

/** What the configurations API says of one key (its value space, and the default). */
export interface CloudConfigurationDocument {
  readonly valueSpace?: CloudJsonSchema;
  readonly sources?: { readonly default?: { readonly value?: unknown } };
}

/** What the cloud gives of one device's schema (xapi/cloud: `CloudXapi.schemaDocuments()`). */
export interface CloudSchemaDocuments {
  readonly schema: CloudSchemaDocument;
  /** `/deviceConfigurations` items by dotted key (`Network[1].IPStack`). */
  readonly configurations: Readonly<Record<string, CloudConfigurationDocument>>;
}

export interface CloudSchemaInput extends CloudSchemaDocuments {
  /** The device's software version (the label). */
  readonly version: string;
  /** The published schema of that software, for events, descriptions and roles; its label is named in `extra.schemaSource`. */
  readonly published?: Schema;
  /** The device's product code in the published schema, to pick its variants there. */
  readonly product?: string;
}

/** Where a variant's shape came from (`variant.extra.schemaSource`). */
export const CLOUD_SOURCE = {
  schema: 'the device, through the Webex cloud (GET /xapi/schema)',
  configurations: 'the device, through the Webex cloud (GET /deviceConfigurations)',
  published: (version: string) => `the published schema of RoomOS ${version} (the cloud has no events)`,
} as const;

/** `RoomOS 11.27.2.0 4a1b…` (a cloud device's `software`) → `11.27.2.0`, the published version to read. */
export function softwareVersionOf(software: string | undefined): string | undefined {
  return /\d+(\.\d+)+/.exec(software ?? '')?.[0];
}

/** A cloud device's `product` (`Cisco Room Kit`, `Cisco Webex DX80`) as a product code of the schemas (`hopen`). */
export function cloudProductCode(product: string | undefined): string | undefined {
  return product ? resolveProduct(product.replace(/^Cisco (Webex )?/, '')) : undefined;
}

/** A JSON Schema value space as the model's. */
export function valueSpaceOf(js: CloudJsonSchema | undefined): ValueSpace {
  if (!js) return { type: 'String' };
  const types = typeof js.type === 'string' ? [js.type] : js.type ?? [];
  if (types.includes('array') && js.items) return { ...valueSpaceOf(js.items), multiple: js.maxItems ?? 1000 } as ValueSpace;
  if (js.enum) return { type: 'Literal', values: js.enum.map(v => ({ value: String(v) })) };
  if (types.includes('integer') || types.includes('number')) {
    return { type: 'Integer', ...(js.minimum !== undefined ? { min: js.minimum } : {}), ...(js.maximum !== undefined ? { max: js.maximum } : {}) };
  }
  return { type: 'String', ...(js.minLength !== undefined ? { minLength: js.minLength } : {}), ...(js.maxLength !== undefined ? { maxLength: js.maxLength } : {}) };
}

/** `Network[1..n].Wifi.Noise` → segments; `Service[2]` → `{ min: 2, max: 2 }`. Undefined when malformed. */
export function segmentsOf(key: string): Segment[] | undefined {
  const parsed = parseKey(key);
  if (!parsed || parsed.below) return undefined;
  return parsed.parts.map(p => {
    if (!p.index) return { name: p.name };
    const index: IndexRange = { min: Math.max(1, p.index.from), ...(p.index.to === Infinity ? {} : { max: p.index.to }) };
    return { name: p.name, index };
  });
}

/** Configuration keys name entries (`Service[1]`, `Service[2]`): one node per path, its index the ids' range. */
function mergeIndexes(a: Segment[], b: Segment[]): Segment[] {
  return a.map((s, i) => {
    const t = b[i];
    if (!s.index || !t?.index) return s;
    return { name: s.name, index: { min: Math.min(s.index.min, t.index.min), max: s.index.max === undefined || t.index.max === undefined ? undefined : Math.max(s.index.max, t.index.max) } };
  });
}

export function parseCloudSchema(input: CloudSchemaInput): Schema {
  const published = new Map<string, SchemaNode>();
  for (const n of input.published?.nodes ?? []) published.set(nodeKey(n.kind, n.names), n);
  const pubVariant = (kind: NodeKind, names: readonly string[]): NodeVariant | undefined => {
    const n = published.get(nodeKey(kind, names));
    if (!n) return undefined;
    return n.variants.find(v => !input.product || !v.products.length || v.products.includes(input.product)) ?? n.variants[0];
  };
  const nodes = new Map<string, { kind: NodeKind; path: Segment[]; variant: NodeVariant }>();
  const add = (kind: NodeKind, path: Segment[], build: (pub: NodeVariant | undefined) => Omit<NodeVariant, 'path' | 'products'>) => {
    const names = path.map(s => s.name);
    const key = nodeKey(kind, names);
    const have = nodes.get(key);
    const merged = have ? mergeIndexes(have.path, path) : path;
    nodes.set(key, { kind, path: merged, variant: { products: [], path: merged, ...build(pubVariant(kind, names)) } });
  };
  const rolesOf = (pub: NodeVariant | undefined, kind: NodeKind) => ({
    writeRoles: pub?.writeRoles ?? (kind === 'Command' || kind === 'Configuration' ? ['Admin'] : []),
    readRoles: pub?.readRoles ?? [...KNOWN_ROLES],
  });

  for (const [key, entry] of Object.entries(input.schema.status ?? {})) {
    const path = segmentsOf(key);
    if (!path) continue;
    add('Status', path, pub => ({
      description: pub?.description, access: 'public-api', backend: 'any', ...rolesOf(pub, 'Status'),
      valueSpace: valueSpaceOf(entry.schema), extra: { schemaSource: CLOUD_SOURCE.schema },
    }));
  }
  for (const [key, entry] of Object.entries(input.schema.commands ?? {})) {
    const path = segmentsOf(key);
    if (!path) continue;
    add('Command', path, pub => {
      const params: CommandParam[] = Object.entries(entry.arguments ?? {}).map(([name, a]) => {
        const p = pub?.params?.find(x => x.name === name);
        return { name, required: a.required ?? false, valueSpace: valueSpaceOf(a.schema), ...(p?.description ? { description: p.description } : {}), ...(p?.default ? { default: p.default } : {}) };
      });
      return {
        description: pub?.description, access: 'public-api', backend: 'any', ...rolesOf(pub, 'Command'), params,
        ...(entry.bodySchema ? { multiline: true } : {}), extra: { schemaSource: CLOUD_SOURCE.schema },
      };
    });
  }
  for (const [key, entry] of Object.entries(input.configurations)) {
    const path = segmentsOf(key);
    if (!path) continue;
    add('Configuration', path, pub => {
      const def = entry.sources?.default?.value;
      return {
        description: pub?.description, access: 'public-api', backend: 'any', ...rolesOf(pub, 'Configuration'),
        valueSpace: valueSpaceOf(entry.valueSpace), ...(def !== undefined ? { default: String(def) } : {}), extra: { schemaSource: CLOUD_SOURCE.configurations },
      };
    });
  }
  const out: SchemaNode[] = [...nodes.values()].map(({ kind, path, variant }) => {
    const names = path.map(s => s.name);
    return { kind, names, normPath: names.join(' '), variants: [variant] };
  });
  // Events: the cloud has none of its own; the published schema's, for its product, say what the device sends.
  for (const n of input.published?.nodes ?? []) {
    if (n.kind !== 'Event') continue;
    const v = pubVariant('Event', n.names);
    if (v) out.push({ ...n, variants: [{ ...v, products: [], extra: { ...v.extra, schemaSource: CLOUD_SOURCE.published(input.published!.version) } }] });
  }
  return { version: input.version, source: 'device', nodes: out };
}
