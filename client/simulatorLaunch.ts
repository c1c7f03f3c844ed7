/**
 * Forks the simulated-device child process (dist/simulator.js) and waits for it to listen. Free of `vscode`, so the
 * benches start the device exactly as the extension does; client/simulatedDevice.ts wraps the result for the editor.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { HostToSimulator, SimulatorOptions, SimulatorReady, SimulatorToHost } from './simulatorMessages';

/** Resolves once the device listens; rejects with its own reason when it cannot start (bad schema file, port taken). */
export function forkSimulator(distDir: string, password: string, options: SimulatorOptions = {}, timeoutMs = 30_000): Promise<{ child: ChildProcess; ready: SimulatorReady }> {
  const child = fork(path.join(distDir, 'simulator.js'), [JSON.stringify(options)], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [],
  });
  child.send({ type: 'start', password } satisfies HostToSimulator);
  let stderr = '';
  child.stderr?.on('data', d => { stderr = (stderr + String(d)).slice(-2000); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill(); reject(new Error(`the simulated device did not start within ${timeoutMs} ms`)); }, timeoutMs);
    const done = () => { clearTimeout(timer); child.off('message', onMessage); child.off('exit', onExit); };
    const onMessage = (m: SimulatorToHost) => {
      if (m.type === 'ready') { done(); resolve({ child, ready: m }); }
      else if (m.type === 'error' && m.fatal) { done(); reject(new Error(m.message)); }
    };
    const onExit = (code: number | null) => { done(); reject(new Error(`the simulated device exited (code ${code})${stderr ? `: ${stderr.trim()}` : ''}`)); };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}
