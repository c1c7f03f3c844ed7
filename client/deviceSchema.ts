/**
 * The connected device's own schema for the language server: its xDoc documents, read once per software
 * version and product and cached in the extension's global storage (a device's schema only changes with its
 * software), so a reconnect or the next day's session costs no xDoc round trips.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fetchDeviceDocuments, type XdocDocuments } from '../schema/sources';
import { xdocFetcher, type Xapi } from '../xapi';
import type { DeviceInfo } from './session';

export class DeviceSchemaCache {
  constructor(private readonly dir: string) {}

  /** The file for one software version of one product; names made safe for any file system. */
  fileFor(device: DeviceInfo): string {
    const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
    return path.join(this.dir, `${safe(device.product)}-${safe(device.softwareVersion)}.json`);
  }

  /** The cached documents, or reads them from the device and caches them. `fromCache` says which. */
  async load(xapi: Xapi, device: DeviceInfo): Promise<{ docs: XdocDocuments; fromCache: boolean }> {
    const file = this.fileFor(device);
    const cached = await readJson(file);
    if (cached) return { docs: cached, fromCache: true };
    const docs = await fetchDeviceDocuments(xdocFetcher(xapi), device.softwareVersion);
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
