/**
 * A simulated fleet (`xapi emulator --fleet N [--cloud]`): N simulated devices, each on its own address, with mixed
 * products and software versions (as the simulated cloud's generated fleet) and the faults a real fleet has — some
 * offline (an address where nothing listens), some with another password than the inventory's, some slow, some
 * presenting another certificate than the one the inventory recorded. With `cloud`, the simulated Webex cloud serves
 * the very same devices, so a value written one way is read the other. No macro runtime (a thread per device would
 * not scale to a thousand).
 */
import { X509Certificate } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { generatedFleet, OFFLINE_EVERY, softwareSchema, type CloudDeviceSpec } from './cloud/fleet';
import { startSimulatedCloud, type SimulatedCloud, type SimulatedCloudOptions } from './cloud/server';
import { Device } from './device';
import { startEmulator, type Emulator } from './index';
import { selfSignedCertificate, type TlsMaterial } from './tls';
import { productName } from '../schema/products';

/** How often each fault comes: every this-many-th device (0: never). Each fault has its own offset, so small fleets see the common ones first. */
export interface FleetFaults {
  readonly offlineEvery: number;
  readonly wrongPasswordEvery: number;
  readonly slowEvery: number;
  readonly changedCertificateEvery: number;
}

export const DEFAULT_FAULTS: FleetFaults = { offlineEvery: OFFLINE_EVERY, wrongPasswordEvery: 25, slowEvery: 50, changedCertificateEvery: 40 };

/** Where in its period each fault falls (device numbers are 1-based): offline on multiples, the others late in theirs. */
const OFFSET = { wrongPassword: 24, slow: 37, changedCertificate: 33 };

/** A slow device takes each request this long after it comes, by default (past a tight per-device timeout, within the default). */
export const DEFAULT_SLOW_MS = 3000;

export type FleetFault = 'offline' | 'wrong password' | 'slow' | 'changed certificate';

export interface SimulatedFleetOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default true: wss:// with a self-signed certificate whose fingerprint the inventory records. false: ws://. */
  readonly tls?: boolean;
  /** Each device takes each request this long after it comes (default 0). */
  readonly latencyMs?: number;
  /** How long a slow device takes per request (default 3 s). */
  readonly slowMs?: number;
  readonly faults?: Partial<FleetFaults>;
  /** Also serve the fleet through a simulated Webex cloud (its options but the fleet and latency). */
  readonly cloud?: boolean | Omit<SimulatedCloudOptions, 'fleet' | 'latencyMs'>;
}

export interface SimulatedFleetDevice {
  readonly name: string;
  /** Its local address (`wss://127.0.0.1:PORT/ws`); for an offline device, one where nothing listens. */
  readonly url: string;
  readonly tags: readonly string[];
  readonly product: string;
  readonly software: string;
  /** The fingerprint the inventory records for it (wss:// only). */
  readonly fingerprint?: string;
  /** Its id on the simulated cloud (with `cloud`). */
  readonly webexId?: string;
  /** What is wrong with it on purpose. */
  readonly fault?: FleetFault;
}

export interface SimulatedFleet {
  readonly devices: readonly SimulatedFleetDevice[];
  readonly emulators: readonly Emulator[];
  /** With `cloud`: the simulated Webex cloud in front of the same devices. */
  readonly cloud?: SimulatedCloud;
  stop(): Promise<void>;
}

/** A port just freed on `host`: nothing listens there (a device that is off, a cloud that is unreachable). */
export async function closedPort(host = '127.0.0.1'): Promise<number> {
  const s = createServer();
  await new Promise<void>(r => s.listen(0, host, r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>(r => s.close(() => r()));
  return port;
}

const hits = (n: number, every: number, offset: number) => every > 0 && n % every === offset % every;

/** The fault device `n` (1-based) has, if any: offline first, then a wrong password, a changed certificate (wss:// only), slowness. */
export function faultOf(n: number, faults: FleetFaults, tls: boolean): FleetFault | undefined {
  if (hits(n, faults.offlineEvery, 0)) return 'offline';
  if (hits(n, faults.wrongPasswordEvery, OFFSET.wrongPassword)) return 'wrong password';
  if (tls && hits(n, faults.changedCertificateEvery, OFFSET.changedCertificate)) return 'changed certificate';
  if (hits(n, faults.slowEvery, OFFSET.slow)) return 'slow';
  return undefined;
}

export async function startSimulatedFleet(size: number, password: string, o: SimulatedFleetOptions = {}): Promise<SimulatedFleet> {
  const host = o.host ?? '127.0.0.1';
  const tls = o.tls ?? true;
  const faults = { ...DEFAULT_FAULTS, ...o.faults };
  const latencyMs = o.latencyMs ?? 0;
  const slowMs = o.slowMs ?? DEFAULT_SLOW_MS;
  // Two certificates for the whole fleet: the one the inventory records, and the one a "changed" device presents.
  const [trusted, changed]: (TlsMaterial | undefined)[] = tls ? await Promise.all([selfSignedCertificate(host), selfSignedCertificate(host)]) : [];
  const fingerprint = trusted && new X509Certificate(trusted.cert).fingerprint256;
  const emulators: Emulator[] = [];
  const specs: CloudDeviceSpec[] = [];
  const owned: Device[] = [];
  let cloud: SimulatedCloud | undefined;
  const stop = async () => {
    await Promise.all(emulators.map(x => x.stop()));
    for (const d of owned) d.dispose();
  };
  try {
    const local: (Emulator | undefined)[] = [];
    const named: Omit<SimulatedFleetDevice, 'url'>[] = [];
    for (const [i, spec] of generatedFleet(size, latencyMs).entries()) {
      const n = i + 1;
      const fault = faultOf(n, faults, tls);
      const product = productName(spec.product ?? 'hopen');
      const schema = softwareSchema(spec.software);
      named.push({ name: `Room ${n} (${product})`, tags: spec.tags ?? [], product, software: schema.version, ...(fault ? { fault } : {}), ...(fingerprint ? { fingerprint } : {}) });
      const device = new Device({
        schema, product: spec.product,
        users: [{ username: 'admin', password: fault === 'wrong password' ? `${password}-not` : password, roles: ['Admin'] }],
      });
      owned.push(device);
      const latency = fault === 'slow' ? slowMs : latencyMs;
      specs.push({ ...spec, displayName: named[i].name, device, latencyMs: latency, connectionStatus: fault === 'offline' ? 'disconnected' : 'connected' });
      const emu = fault === 'offline' ? undefined : await startEmulator({ host, device, latencyMs: latency, tls: fault === 'changed certificate' ? changed! : trusted ?? false });
      if (emu) emulators.push(emu);
      local.push(emu);
    }
    cloud = o.cloud ? await startSimulatedCloud({ ...(o.cloud === true ? {} : o.cloud), host, fleet: specs }) : undefined;
    const started = cloud;
    // An offline device's address is a port nothing listens on, taken once every server of the fleet listens: a port
    // closed earlier could be handed to one of them, and the "offline" device would answer.
    const devices: SimulatedFleetDevice[] = [];
    for (const [i, d] of named.entries()) {
      const url = local[i]?.url ?? `${tls ? 'wss' : 'ws'}://${host}:${await closedPort(host)}/ws`;
      devices.push({ ...d, url, ...(started ? { webexId: started.devices[i].id } : {}) });
    }
    return {
      devices, emulators, ...(started ? { cloud: started } : {}),
      stop: async () => { await started?.stop(); await stop(); },
    };
  } catch (e) {
    await cloud?.stop();
    await stop();
    throw e;
  }
}

/** The fleet as an inventory (fleet/inventory.ts YAML), its password by reference to `passwordEnv`, its certificates by fingerprint. */
export function fleetInventory(devices: readonly SimulatedFleetDevice[], passwordEnv: string): string {
  const q = (s: string) => JSON.stringify(s);
  return [
    `# A simulated fleet (xapi emulator --fleet ${devices.length}); the password is in $${passwordEnv}.`,
    `defaults: { password: env:${passwordEnv} }`,
    'devices:',
    ...devices.map(d => `  - { name: ${q(d.name)}, url: ${q(d.url)}, tags: [${d.tags.map(q).join(', ')}], product: ${q(d.product)}${d.fingerprint ? `, fingerprint: ${q(d.fingerprint)}` : ''} }`),
    '',
  ].join('\n');
}
