/** Package subpath `xapi-workbench/testing`: a simulated device behind the real client, for unit tests. */
// The emitted .d.ts uses Node's types (Buffer, NodeJS.*) and ES2022 built-ins: say so, so a user project with
// `"types": []` and no `lib` setting compiles as is (`preserve` keeps the directives in the declaration output).
/// <reference types="node" preserve="true" />
/// <reference lib="es2022" preserve="true" />
export { createSimulatedXapi } from './emulator/simulatedXapi';
export { ValueSpaceError } from './emulator/simulatedXapi';
export type { SimulatedXapi, SimulatedXapiOptions, SentCommand } from './emulator/simulatedXapi';
export { Device } from './emulator/device';
export { ManualClock } from './xapi/clock';
