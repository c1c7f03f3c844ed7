/**
 * Starts the simulated RoomOS device in a child process (dist/simulator.js) and hands back where it listens.
 * The child's crash is an event the caller reports, never an exception in the extension host.
 */
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { forkSimulatedDevice, type SimulatedDeviceProcess } from './launch';
import type { SimulatedDeviceControl, SimulatedDeviceOptions, SimulatedDeviceReady, DeviceToHost } from './messages';

export class SimulatedDevice implements vscode.Disposable {
  private readonly onDidExitEmitter = new vscode.EventEmitter<string>();
  /** Fires with a reason when the child ends without being asked to. */
  readonly onDidCrash = this.onDidExitEmitter.event;
  private readonly onDidReportEmitter = new vscode.EventEmitter<string>();
  /** Non-fatal errors the device reported while running. */
  readonly onDidReport = this.onDidReportEmitter.event;
  private stopping = false;

  private constructor(private readonly proc: SimulatedDeviceProcess) {
    const child = proc.child;
    child.on('exit', (code, signal) => {
      if (!this.stopping) this.onDidExitEmitter.fire(signal ? `ended by ${signal}` : `exited with code ${code}`);
    });
    child.on('message', (m: DeviceToHost) => {
      if (m.type === 'error') this.onDidReportEmitter.fire(m.message);
    });
    // Once started, a failure of the process shows as its exit; the event must not throw in the extension host.
    child.on('error', () => undefined);
  }

  get ready(): SimulatedDeviceReady { return this.proc.ready; }

  /** Makes the device do something (a status change, an event, a storm); resolves when it is done. */
  control(c: SimulatedDeviceControl): Promise<number | undefined> {
    return this.proc.control(c);
  }

  private get child(): ChildProcess { return this.proc.child; }

  get pid(): number | undefined { return this.child.pid; }

  /** Rejects with the device's own reason when it cannot start (bad schema file, port taken). */
  static async start(extensionPath: string, password: string, options: SimulatedDeviceOptions = {}): Promise<SimulatedDevice> {
    return new SimulatedDevice(await forkSimulatedDevice(path.join(extensionPath, 'dist'), password, options));
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
