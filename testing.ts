/** Package subpath `xapi-workbench/testing`: a simulated device behind the real client, for unit tests. */
export { createSimulatedXapi } from './emulator/simulatedXapi';
export type { SimulatedXapi, SimulatedXapiOptions, SentCommand } from './emulator/simulatedXapi';
export { Device } from './emulator/device';
export { ManualClock } from './emulator/clock';
