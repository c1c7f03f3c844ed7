/**
 * A fleet of simulated devices on their own addresses (`xapi emulator --fleet N`): mixed products and software
 * versions (as the simulated cloud's fleet), every fifth one offline (an address where nothing listens), every
 * twenty-fifth with another password than the inventory's — so a fleet run meets what a real one does. No macro
 * runtime (a thread per device would not scale to hundreds); plain `ws://` on loopback.
 */
import { createServer, type AddressInfo } from 'node:net';
import { coreSchema } from '../schema/core';
import { generatedFleet } from './cloud/fleet';
import { startEmulator, type Emulator } from './index';
import { productName } from '../schema/products';

/** Every this-many-th device refuses the inventory's password. */
const WRONG_PASSWORD_EVERY = 25;

export interface LocalFleetDevice {
  readonly name: string;
  readonly url: string;
  readonly tags: readonly string[];
  readonly product: string;
  readonly software: string;
  /** What is wrong with it on purpose. */
  readonly fault?: 'offline' | 'wrong password';
}

export interface LocalFleet {
  readonly devices: readonly LocalFleetDevice[];
  readonly emulators: readonly Emulator[];
  stop(): Promise<void>;
}

async function closedPort(host: string): Promise<number> {
  const s = createServer();
  await new Promise<void>(r => s.listen(0, host, r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>(r => s.close(() => r()));
  return port;
}

export async function startLocalFleet(size: number, password: string, host = '127.0.0.1'): Promise<LocalFleet> {
  const emulators: Emulator[] = [];
  const devices: LocalFleetDevice[] = [];
  const base = coreSchema();
  try {
    for (const [i, spec] of generatedFleet(size).entries()) {
      const n = i + 1;
      const product = productName(spec.product ?? 'hopen');
      const software = spec.software ?? base.version;
      const named = { name: `Room ${n} (${product})`, tags: spec.tags ?? [], product, software };
      if (spec.connectionStatus !== 'connected') {
        devices.push({ ...named, url: `ws://${host}:${await closedPort(host)}/ws`, fault: 'offline' });
        continue;
      }
      const wrong = n % WRONG_PASSWORD_EVERY === 0;
      const emu = await startEmulator({
        host, tls: false, schema: { ...base, version: software }, product: spec.product, macros: false,
        users: [{ username: 'admin', password: wrong ? `${password}-not` : password, roles: ['Admin'] }],
      });
      emulators.push(emu);
      devices.push({ ...named, url: emu.url, ...(wrong ? { fault: 'wrong password' as const } : {}) });
    }
  } catch (e) {
    await Promise.all(emulators.map(x => x.stop()));
    throw e;
  }
  return { devices, emulators, stop: async () => { await Promise.all(emulators.map(x => x.stop())); } };
}

/** The fleet as an inventory (fleet/inventory.ts YAML), its password by reference to `passwordEnv`. */
export function fleetInventory(devices: readonly LocalFleetDevice[], passwordEnv: string): string {
  const q = (s: string) => JSON.stringify(s);
  return [
    `# A simulated fleet (xapi emulator --fleet ${devices.length}); the password is in $${passwordEnv}.`,
    `defaults: { password: env:${passwordEnv} }`,
    'devices:',
    ...devices.map(d => `  - { name: ${q(d.name)}, url: ${q(d.url)}, tags: [${d.tags.map(q).join(', ')}], product: ${q(d.product)} }`),
    '',
  ].join('\n');
}
