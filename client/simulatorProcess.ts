/**
 * Entry of the simulated-device child process (bundled to dist/simulator.js). It runs the emulator outside
 * the extension host's event loop: a storm of feedback or a stuck behaviour here never stalls the editor,
 * and a crash ends only this process, which the host reports.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_USER, startEmulator, type Emulator } from '../emulator';
import { fromFile } from '../schema/sources';
import type { HostToSimulator, SimulatorOptions, SimulatorToHost } from './simulatorMessages';

function send(msg: SimulatorToHost): void {
  process.send?.(msg);
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as SimulatorOptions;
  const password = randomBytes(12).toString('base64url');
  let emulator: Emulator | undefined;
  try {
    const schema = options.schemaFile ? await fromFile(options.schemaFile) : undefined;
    emulator = await startEmulator({ tls: true, schema, product: options.product, users: [{ ...DEFAULT_USER, password }] });
  } catch (e) {
    send({ type: 'error', message: e instanceof Error ? e.message : String(e), fatal: true });
    process.exit(1);
  }
  const emu = emulator;
  emu.onError(e => send({ type: 'error', message: e.message, fatal: false }));
  process.on('message', (m: HostToSimulator) => {
    if (m?.type === 'stop') void emu.stop().finally(() => process.exit(0));
  });
  // The host went away (closed window, crashed extension host): do not outlive it.
  process.on('disconnect', () => void emu.stop().finally(() => process.exit(0)));
  send({
    type: 'ready', url: emu.url, certificate: emu.certificate, username: DEFAULT_USER.username, password,
    product: emu.device.productName, version: emu.device.schema.version,
  });
}

void main();
