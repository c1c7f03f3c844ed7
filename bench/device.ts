/**
 * The simulated device for the view benches: dist/simulator.js in its own process, started exactly as "Start
 * Simulated Device" starts it (client/simulatedDevice/launch.ts; run `node scripts/build.mjs` first), with a `control`
 * that makes it change statuses or emit events, storms included (client/simulatedDevice/messages.ts).
 */
import { join } from 'node:path';
import { forkSimulatedDevice, type SimulatedDeviceProcess } from '../client/simulatedDevice/launch';
import type { SimulatedDeviceOptions } from '../client/simulatedDevice/messages';

export interface BenchDevice extends SimulatedDeviceProcess {
  stop(): void;
}

export async function startDevice(options: SimulatedDeviceOptions = {}): Promise<BenchDevice> {
  const device = await forkSimulatedDevice(join(__dirname, '..', 'dist'), 'bench', options);
  return { ...device, stop: () => { device.child.send({ type: 'stop' }); } };
}
