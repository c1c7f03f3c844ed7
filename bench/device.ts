/**
 * The simulated device for the view benches: dist/simulator.js in its own process, started exactly as "Start
 * Simulated Device" starts it (client/simulatorLaunch.ts; run `node scripts/build.mjs` first), with a `control`
 * that makes it change statuses or emit events, storms included (client/simulatorMessages.ts).
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { forkSimulator } from '../client/simulatorLaunch';
import type { SimulatorControl, SimulatorOptions, SimulatorReady, SimulatorToHost } from '../client/simulatorMessages';

export interface BenchDevice {
  readonly child: ChildProcess;
  readonly ready: SimulatorReady;
  /** Resolves with the control's count (a storm's changes or events) once the device has done it. */
  control(c: SimulatorControl): Promise<number | undefined>;
  stop(): void;
}

export async function startDevice(options: SimulatorOptions = {}): Promise<BenchDevice> {
  const { child, ready } = await forkSimulator(join(__dirname, '..', 'dist'), 'bench', options);
  let next = 1;
  const pending = new Map<number, (n: number | undefined) => void>();
  child.on('message', (m: SimulatorToHost) => {
    if (m.type === 'controlResult') { pending.get(m.id)?.(m.count); pending.delete(m.id); }
  });
  return {
    child, ready,
    control: c => new Promise(res => { const id = next++; pending.set(id, res); child.send({ type: 'control', id, control: c }); }),
    stop: () => { child.send({ type: 'stop' }); },
  };
}
