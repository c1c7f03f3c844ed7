/**
 * Forks the simulated-device child process (dist/simulator.js), waits for it to listen, and sends it controls.
 * Free of `vscode`, so the benches start and drive the device exactly as the extension does;
 * client/simulatedDevice/extensionHost.ts wraps it for the editor.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { HostToDevice, SimulatedDeviceControl, SimulatedDeviceOptions, SimulatedDeviceReady, DeviceToHost } from './messages';

/** A running simulated device: where it listens, and its control channel. */
export interface SimulatedDeviceProcess {
  readonly child: ChildProcess;
  readonly ready: SimulatedDeviceReady;
  /** Makes the device do something (a status change, an event, a storm); resolves when it is done, rejects if it ends first. */
  control(c: SimulatedDeviceControl): Promise<number | undefined>;
}

/** Resolves once the device listens; rejects with its own reason when it cannot start (bad schema file, port taken). */
export async function forkSimulatedDevice(distDir: string, password: string, options: SimulatedDeviceOptions = {}, timeoutMs = 30_000): Promise<SimulatedDeviceProcess> {
  const { child, ready } = await listening(distDir, password, options, timeoutMs);
  return { child, ready, control: controller(child) };
}

function controller(child: ChildProcess): SimulatedDeviceProcess['control'] {
  let next = 1;
  const pending = new Map<number, { resolve: (count: number | undefined) => void; reject: (e: Error) => void }>();
  child.on('message', (m: DeviceToHost) => {
    if (m.type !== 'controlResult') return;
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error !== undefined) p?.reject(new Error(m.error));
    else p?.resolve(m.count);
  });
  child.on('exit', () => {
    for (const p of pending.values()) p.reject(new Error('the simulated device stopped'));
    pending.clear();
  });
  return c => {
    if (!child.connected) return Promise.reject(new Error('the simulated device is not running'));
    const id = next++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      child.send({ type: 'control', id, control: c } satisfies HostToDevice);
    });
  };
}

function listening(distDir: string, password: string, options: SimulatedDeviceOptions, timeoutMs: number): Promise<{ child: ChildProcess; ready: SimulatedDeviceReady }> {
  const child = fork(path.join(distDir, 'simulator.js'), [JSON.stringify(options)], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [],
  });
  child.send({ type: 'start', password } satisfies HostToDevice);
  let stderr = '';
  child.stderr?.on('data', d => { stderr = (stderr + String(d)).slice(-2000); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill(); reject(new Error(`the simulated device did not start within ${timeoutMs} ms`)); }, timeoutMs);
    const done = () => { clearTimeout(timer); child.off('message', onMessage); child.off('exit', onExit); child.off('error', onError); };
    const onMessage = (m: DeviceToHost) => {
      if (m.type === 'ready') { done(); resolve({ child, ready: m }); }
      else if (m.type === 'error' && m.fatal) { done(); reject(new Error(m.message)); }
    };
    const onExit = (code: number | null) => { done(); reject(new Error(`the simulated device exited (code ${code})${stderr ? `: ${stderr.trim()}` : ''}`)); };
    // A fork that cannot start (no Node binary, no memory) is an 'error' event: without a listener it would throw.
    const onError = (e: Error) => { done(); reject(new Error(`the simulated device could not be started: ${e.message}`)); };
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.on('error', onError);
  });
}
