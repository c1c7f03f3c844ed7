/**
 * One live connection to a device, over the library's `connect()`: its state as events (for the status bar),
 * what the device is (product, software version), and the library's reconnects shown as they happen.
 * The schema handover to the language server is the caller's (ctx.ts): this file knows nothing of LSP.
 */
import * as vscode from 'vscode';
import { connect, type Xapi, type XapiError } from '../xapi';

/** Everything needed to open a connection. The password is the caller's, held only as long as the session. */
export interface ConnectTarget {
  /** Shown to users: the profile's name, or "Simulated Device". */
  readonly label: string;
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly ca?: string;
  readonly allowSelfSignedTls?: boolean;
  /** The profile this target came from (trust and password fixes are stored there); none for the simulator. */
  readonly profile?: string;
  /** A device on the Webex cloud (`webex://` url): the token and where the cloud is, instead of a login. */
  readonly cloud?: { readonly token: string; readonly baseUrl?: string; readonly proxy?: string };
}

export interface DeviceInfo {
  /** `Cisco Room Kit`. */
  readonly product: string;
  /** `ce11.27.2.0.…` as the device reports it. */
  readonly softwareVersion: string;
  /** The device's own name (SystemUnit Name), if it has one. */
  readonly systemName?: string;
}

export type SessionState =
  | { readonly kind: 'disconnected' }
  | { readonly kind: 'connecting'; readonly label: string }
  | { readonly kind: 'connected'; readonly label: string; readonly device: DeviceInfo }
  | { readonly kind: 'reconnecting'; readonly label: string; readonly attempt: number; readonly delayMs: number; readonly reason?: string }
  | { readonly kind: 'failed'; readonly label: string; readonly error: XapiError };

export class Session implements vscode.Disposable {
  private readonly onDidChangeStateEmitter = new vscode.EventEmitter<SessionState>();
  readonly onDidChangeState = this.onDidChangeStateEmitter.event;
  private _state: SessionState = { kind: 'disconnected' };
  private _xapi: Xapi | undefined;
  private _target: ConnectTarget | undefined;
  private unlisten: Array<() => void> = [];

  constructor(private readonly log: vscode.LogOutputChannel, private readonly traceFrames: () => boolean) {}

  get state(): SessionState { return this._state; }
  /** The live client while connected or reconnecting. */
  get xapi(): Xapi | undefined { return this._xapi; }
  get target(): ConnectTarget | undefined { return this._target; }

  /** Connects (closing any earlier session first). Rejects with the library's typed error. */
  async connect(target: ConnectTarget): Promise<Xapi> {
    await this.disconnect();
    this._target = target;
    this.setState({ kind: 'connecting', label: target.label });
    this.log.info(`Connecting to ${target.label} (${target.url}) ${target.cloud ? 'through the Webex cloud' : `as ${target.username}`}`);
    let xapi: Xapi;
    try {
      xapi = await connect(target.url, {
        ...target.cloud,
        username: target.username, password: target.password, ca: target.ca, allowSelfSignedTls: target.allowSelfSignedTls,
        // Frames go to the log only when asked for (the setting is the opt-in, so they show at the default log
        // level, not only at Trace); the library redacts credentials from them.
        trace: this.traceFrames() ? (d, f) => this.log.info(`${d === 'out' ? '>>' : '<<'} ${f}`) : undefined,
      });
    } catch (e) {
      const error = e as XapiError;
      this.log.error(`Could not connect to ${target.label}: ${error.message}`);
      this.setState({ kind: 'failed', label: target.label, error });
      throw e;
    }
    if (this._target !== target) { await xapi.close(); throw new Error('superseded by another connection'); }
    this._xapi = xapi;
    this.unlisten = [
      xapi.on('reconnecting', info => {
        const reason = info.lastError?.message;
        this.log.warn(`Connection to ${target.label} lost; reconnecting (attempt ${info.attempt}, in ${info.delayMs} ms)${reason ? `: ${reason}` : ''}`);
        this.setState({ kind: 'reconnecting', label: target.label, attempt: info.attempt, delayMs: info.delayMs, reason });
      }),
      xapi.on('connected', () => {
        this.log.info(`Reconnected to ${target.label}`);
        void this.describe(xapi, target);
      }),
      xapi.on('error', err => {
        this.log.error(`${target.label}: ${err.message}`);
        // The library gave up (refused credentials, untrusted certificate, attempts exhausted).
        if (xapi.state === 'closed' && this._xapi === xapi) this.setState({ kind: 'failed', label: target.label, error: err });
      }),
    ];
    await this.describe(xapi, target);
    return xapi;
  }

  private async describe(xapi: Xapi, target: ConnectTarget): Promise<void> {
    const read = (path: string) => xapi.status.get(path).then(v => String(v), () => undefined);
    const [product, softwareVersion, systemName] = await Promise.all([
      read('SystemUnit ProductId'), read('SystemUnit Software Version'),
      xapi.config.get('SystemUnit Name').then(v => String(v), () => undefined),
    ]);
    if (this._xapi !== xapi) return;
    const device: DeviceInfo = { product: product ?? 'unknown product', softwareVersion: softwareVersion ?? 'unknown version', systemName: systemName || undefined };
    this.log.info(`Connected to ${target.label}: ${device.product}, software ${device.softwareVersion}`);
    this.setState({ kind: 'connected', label: target.label, device });
  }

  async disconnect(): Promise<void> {
    const xapi = this._xapi;
    this._xapi = undefined;
    this._target = undefined;
    for (const off of this.unlisten) off();
    this.unlisten = [];
    if (xapi) {
      await xapi.close();
      this.log.info('Disconnected');
    }
    if (this._state.kind !== 'disconnected') this.setState({ kind: 'disconnected' });
  }

  private setState(s: SessionState): void {
    this._state = s;
    this.onDidChangeStateEmitter.fire(s);
  }

  dispose(): void {
    void this.disconnect();
    this.onDidChangeStateEmitter.dispose();
  }
}
