/**
 * The simulated device for the view benches: dist/simulator.js in its own process, started exactly as "Start
 * Simulated Device" starts it (client/simulatorLaunch.ts; run `node scripts/build.mjs` first), with a `control`
 * that makes it change statuses or emit events, storms included (client/simulatorMessages.ts).
 */
import { join } from 'node:path';
import { forkSimulator, type SimulatorProcess } from '../client/simulatorLaunch';
import type { SimulatorOptions } from '../client/simulatorMessages';

export interface BenchDevice extends SimulatorProcess {
  stop(): void;
}

export async function startDevice(options: SimulatorOptions = {}): Promise<BenchDevice> {
  const device = await forkSimulator(join(__dirname, '..', 'dist'), 'bench', options);
  return { ...device, stop: () => { device.child.send({ type: 'stop' }); } };
}
