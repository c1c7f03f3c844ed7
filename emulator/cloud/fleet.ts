/**
 * The devices behind the simulated Webex cloud: each a simulated device (the same model as `xapi emulator`) reached
 * through its own in-memory xAPI session, with what the cloud knows of it (id, name, product, software, connection
 * status, tags) and how far away it is (latency). A generated fleet mixes products and software versions, so
 * schemas differ per device, and keeps some devices offline.
 */
import { Buffer } from 'node:buffer';
import type { Schema } from '../../schema/model';
import { coreSchema } from '../../schema/core';
import { ONLINE, type CloudDevice, type ConnectionStatus } from '../../xapi/cloud/webexApi';
import type { Xapi } from '../../xapi/client';
import { Device } from '../device';
import { createSimulatedXapi } from '../simulatedXapi';

export interface CloudDeviceSpec {
  /** Default: a Webex-style id (base64 of `ciscospark://us/DEVICE/<uuid>`), different per device. */
  readonly id?: string;
  readonly displayName?: string;
  /** Product code or name (`hopen`, `Room Bar`). */
  readonly product?: string;
  /** Default: the built-in core schema; its version label is the device's software version. */
  readonly schema?: Schema;
  /** A version label for the core schema (`11.26.1.0`) when no schema is given. */
  readonly software?: string;
  readonly connectionStatus?: ConnectionStatus;
  readonly tags?: readonly string[];
  /** Added to each xAPI call of this device (the cloud is ~1 s away from a real one). */
  readonly latencyMs?: number;
  /** The simulated device itself, when it is also served elsewhere (a local fleet's); then `schema`, `software` and `product` are its own. */
  readonly device?: Device;
}

export interface FleetDevice {
  readonly id: string;
  readonly device: Device;
  readonly xapi: Xapi;
  displayName: string;
  connectionStatus: ConnectionStatus;
  tags: string[];
  latencyMs: number;
  /** What `GET /devices/{id}` answers. */
  info(): CloudDevice;
}

/** What a generated fleet cycles through. */
const PRODUCTS = ['hopen', 'davinci', 'barents', 'polaris', 'brooklyn'];
const SOFTWARE = ['11.27.2.0', '11.26.1.0', '26.4.1.0'];
const TAGS = [['lobby'], ['boardroom', 'floor-2'], ['huddle'], ['boardroom', 'floor-3']];
/** When the simulated devices were added to the organisation. */
const ADDED = '2026-01-05T09:00:00.000Z';
/** Every this-many-th generated device is offline, by default. */
export const OFFLINE_EVERY = 5;

/** A Webex-style device id for the n-th device (stable, so runs and reports can be compared). */
export function webexDeviceId(n: number): string {
  const uuid = `5e1f0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  return Buffer.from(`ciscospark://us/DEVICE/${uuid}`).toString('base64').replace(/=+$/, '');
}

/** The specs of a generated fleet of `n` devices. */
export function generatedFleet(n: number, latencyMs = 0): CloudDeviceSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    product: PRODUCTS[i % PRODUCTS.length],
    software: SOFTWARE[i % SOFTWARE.length],
    connectionStatus: (i + 1) % OFFLINE_EVERY === 0 ? 'disconnected' : 'connected',
    tags: TAGS[i % TAGS.length],
    latencyMs,
  }));
}

/**
 * The schema of a simulated software version: the core schema under the version's label, one object per label, so
 * devices of a version share one index (Device keeps one per schema object).
 */
const versions = new Map<string, Schema>();
export function softwareSchema(software: string | undefined): Schema {
  const base = coreSchema();
  if (!software || software === base.version) return base;
  let schema = versions.get(software);
  if (!schema) versions.set(software, schema = { ...base, version: software });
  return schema;
}

export function makeFleetDevice(spec: CloudDeviceSpec, n: number): FleetDevice {
  const device = spec.device ?? new Device({ schema: spec.schema ?? softwareSchema(spec.software), product: spec.product });
  const xapi = createSimulatedXapi({ device, macroRuntime: false, errorMessages: 'device' });
  const fd: FleetDevice = {
    id: spec.id ?? webexDeviceId(n),
    device,
    xapi,
    displayName: spec.displayName ?? `Room ${n} (${device.productName})`,
    connectionStatus: spec.connectionStatus ?? 'connected',
    tags: [...(spec.tags ?? [])],
    latencyMs: spec.latencyMs ?? 0,
    info: () => ({
      id: fd.id,
      displayName: fd.displayName,
      product: `Cisco ${device.productName}`,
      type: 'roomdesk',
      software: `RoomOS ${device.softwareVersion}`,
      connectionStatus: fd.connectionStatus,
      tags: [...fd.tags],
      capabilities: ['xapi'],
      permissions: ['xapi:all'],
      serial: `FOC${String(n).padStart(8, '0')}`,
      workspaceId: Buffer.from(`ciscospark://us/PLACE/${n}`).toString('base64').replace(/=+$/, ''),
      created: ADDED,
      firstSeen: ADDED,
      lastSeen: ONLINE.has(fd.connectionStatus) ? new Date().toISOString() : ADDED,
    }),
  };
  return fd;
}
