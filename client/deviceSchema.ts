/**
 * The connected device's own schema for the language server: its xDoc documents (or, for a device on the Webex
 * cloud, what the cloud says of its schema), read once per software version and product and cached in the
 * extension's global storage (a device's schema only changes with its software), so a reconnect, another room of
 * the same model or the next day's session costs no round trips.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fetchDeviceDocuments, type XdocDocuments } from '../schema/sources';
import { xdocFetcher, type Xapi } from '../xapi';
import type { DeviceInfo } from './session';

/** What a cache file holds: a device's xDoc documents, or what the Webex cloud says of its schema. */
export type SchemaDocumentsKind = 'xdoc' | 'cloud';

export class DeviceSchemaCache {
  constructor(private readonly dir: string) {}

  /** The file for one software version of one product (`kind`: what the documents are); names made safe for any file system. */
  fileFor(device: DeviceInfo, kind: SchemaDocumentsKind = 'xdoc'): string {
    const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
    return path.join(this.dir, `${kind === 'cloud' ? 'cloud-' : ''}${safe(device.product)}-${safe(device.softwareVersion)}.json`);
  }

  /** The cached xDoc documents, or reads them from the device and caches them. `fromCache` says which. */
  load(xapi: Xapi, device: DeviceInfo): Promise<{ docs: XdocDocuments; fromCache: boolean }> {
    return this.cached(device, 'xdoc', () => fetchDeviceDocuments(xdocFetcher(xapi), device.softwareVersion));
  }

  /** The cached documents of `kind` for the device's model, or `read` them and cache them. */
  async cached<T extends object>(device: DeviceInfo, kind: SchemaDocumentsKind, read: () => Promise<T>): Promise<{ docs: T; fromCache: boolean }> {
    const file = this.fileFor(device, kind);
    const cached = await readJson(file);
    if (cached) return { docs: cached as T, fromCache: true };
    const docs = await read();
    await fs.mkdir(this.dir, { recursive: true });
    // Write then rename, so a crash never leaves half a file that later reads as the schema.
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(docs));
    await fs.rename(tmp, file);
    return { docs, fromCache: false };
  }
}

async function readJson(file: string): Promise<XdocDocuments | undefined> {
  try {
    const parsed: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed as XdocDocuments : undefined;
  } catch {
    return undefined; // missing or corrupt: read from the device again
  }
}
