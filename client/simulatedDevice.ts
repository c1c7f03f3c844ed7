/**
 * Starts the simulated RoomOS device in a child process (dist/simulator.js) and hands back where it listens.
 * The child's crash is an event the caller reports, never an exception in the extension host.
 */
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { forkSimulator } from './simulatorLaunch';
import type { SimulatorControl, SimulatorOptions, SimulatorReady, SimulatorToHost } from './simulatorMessages';

export class SimulatedDevice implements vscode.Disposable {
  private readonly onDidExitEmitter = new vscode.EventEmitter<string>();
  /** Fires with a reason when the child ends without being asked to. */
  readonly onDidCrash = this.onDidExitEmitter.event;
  private readonly onDidReportEmitter = new vscode.EventEmitter<string>();
  /** Non-fatal errors the device reported while running. */
  readonly onDidReport = this.onDidReportEmitter.event;
  private stopping = false;
  private nextControlId = 1;
  private readonly pending = new Map<number, { resolve: (count: number | undefined) => void; reject: (e: Error) => void }>();

  private constructor(private readonly child: ChildProcess, readonly ready: SimulatorReady) {
    child.on('exit', (code, signal) => {
      if (!this.stopping) this.onDidExitEmitter.fire(signal ? `ended by ${signal}` : `exited with code ${code}`);
    });
    child.on('message', (m: SimulatorToHost) => {
      if (m.type === 'error') this.onDidReportEmitter.fire(m.message);
      if (m.type === 'controlResult') {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.error !== undefined) p?.reject(new Error(m.error));
        else p?.resolve(m.count);
      }
    });
    child.on('exit', () => {
      for (const p of this.pending.values()) p.reject(new Error('the simulated device stopped'));
      this.pending.clear();
    });
  }

  /** Makes the device do something (a status change, an event, a storm); resolves when it is done. */
  control(c: SimulatorControl): Promise<number | undefined> {
    if (!this.child.connected) return Promise.reject(new Error('the simulated device is not running'));
    const id = this.nextControlId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ type: 'control', id, control: c });
    });
  }

  get pid(): number | undefined { return this.child.pid; }

  /** Rejects with the device's own reason when it cannot start (bad schema file, port taken). */
  static async start(extensionPath: string, password: string, options: SimulatorOptions = {}): Promise<SimulatedDevice> {
    const { child, ready } = await forkSimulator(path.join(extensionPath, 'dist'), password, options);
    return new SimulatedDevice(child, ready);
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
