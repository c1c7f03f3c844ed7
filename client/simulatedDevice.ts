/**
 * Starts the simulated RoomOS device in a child process (dist/simulator.js) and hands back where it listens.
 * The child's crash is an event the caller reports, never an exception in the extension host.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SimulatorOptions, SimulatorReady, SimulatorToHost } from './simulatorMessages';

export class SimulatedDevice implements vscode.Disposable {
  private readonly onDidExitEmitter = new vscode.EventEmitter<string>();
  /** Fires with a reason when the child ends without being asked to. */
  readonly onDidCrash = this.onDidExitEmitter.event;
  private readonly onDidReportEmitter = new vscode.EventEmitter<string>();
  /** Non-fatal errors the device reported while running. */
  readonly onDidReport = this.onDidReportEmitter.event;
  private stopping = false;

  private constructor(private readonly child: ChildProcess, readonly ready: SimulatorReady) {
    child.on('exit', (code, signal) => {
      if (!this.stopping) this.onDidExitEmitter.fire(signal ? `ended by ${signal}` : `exited with code ${code}`);
    });
    child.on('message', (m: SimulatorToHost) => { if (m.type === 'error') this.onDidReportEmitter.fire(m.message); });
  }

  get pid(): number | undefined { return this.child.pid; }

  /** Rejects with the device's own reason when it cannot start (bad schema file, no port). */
  static start(extensionPath: string, options: SimulatorOptions = {}, timeoutMs = 30_000): Promise<SimulatedDevice> {
    const child = fork(path.join(extensionPath, 'dist', 'simulator.js'), [JSON.stringify(options)], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [],
    });
    let stderr = '';
    child.stderr?.on('data', d => { stderr = (stderr + String(d)).slice(-2000); });
    return new Promise<SimulatedDevice>((resolve, reject) => {
      const timer = setTimeout(() => { child.kill(); reject(new Error(`the simulated device did not start within ${timeoutMs} ms`)); }, timeoutMs);
      const done = () => { clearTimeout(timer); child.off('message', onMessage); child.off('exit', onExit); };
      const onMessage = (m: SimulatorToHost) => {
        if (m.type === 'ready') { done(); resolve(new SimulatedDevice(child, m)); }
        else if (m.fatal) { done(); reject(new Error(m.message)); }
      };
      const onExit = (code: number | null) => { done(); reject(new Error(`the simulated device exited (code ${code})${stderr ? `: ${stderr.trim()}` : ''}`)); };
      child.on('message', onMessage);
      child.on('exit', onExit);
    });
  }

  /** Stops the device; resolves when the process has ended. */
  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    this.stopping = true;
    return new Promise(resolve => {
      const kill = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      this.child.once('exit', () => { clearTimeout(kill); resolve(); });
      if (this.child.connected) this.child.send({ type: 'stop' });
      else this.child.kill();
    });
  }

  dispose(): void {
    void this.stop();
    this.onDidExitEmitter.dispose();
    this.onDidReportEmitter.dispose();
  }
}
