/**
 * The extension's one owner of live state: the device session, the simulated device, the language client,
 * the channels and status items, and everything that must be disposed. Commands and views take this object
 * and ask it; none of them keeps a connection of its own.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { KNOWN_ROLES } from '../schema/model';
import { SchemaIndex } from '../schema/schemaIndex';
import { core, fromFile, parseSchemaJson } from '../schema/sources';
import type { SchemaChangedParams, SetDeviceSchemaParams } from '../server/contract';
import { AuthenticationError, TlsError, type CloudXapi, type Xapi, type XapiError } from '../xapi';
import { fetchPresentedCertificate } from '../xapi/certificate';
import { Commands } from './commandIds';
import { config, type DeviceProfile } from './config';
import { DeviceSchemaCache } from './deviceSchema';
import { XapiLanguageClient } from './languageClient';
import { SchemaLanguageStatus } from './languageStatus';
import { Profiles } from './profiles';
import { CloudAccess, isCloudHost } from './cloud';
import { LocalMacroRuns } from './localMacroRun/localRuns';
import { Fleet } from './views/fleet/fleet';
import { PanelPreviews } from './views/panelPreview/panelPreview';
import { Panels } from './views/panels/panels';
import { Macros } from './macros/macros';
import { RunController } from './scriptRun/scriptRuns';
import { Session, type ConnectTarget, type DeviceInfo } from './session';
import { SimulatedDevice } from './simulatedDevice/extensionHost';
import type { SimulatedDeviceOptions } from './simulatedDevice/messages';
import { ConnectionStatusBar } from './statusBar';
import { EventsView } from './views/events/eventsView';
import { Trees } from './views/tree/trees';
import type { ShellParts } from './activation/coreApi';
import { prompts } from './prompts';

export const SIMULATED_LABEL = 'Simulated Device';
/** A crashed simulated device is restarted at most `max` times within `withinMs`; beyond, the user decides. */
const SIMULATED_DEVICE_RESTARTS = { max: 3, withinMs: 60_000 };
/** The activity-bar container of the xAPI views (package.json `viewsContainers.activitybar`). */
const VIEW_CONTAINER = 'xapi';
/** Set once `xapi.autoConnect` has shown the xAPI view in a workspace. */
const VIEW_SHOWN_KEY = 'xapi.autoConnect.viewShown';

interface SimulatedDeviceLaunch { readonly password: string; readonly options: SimulatedDeviceOptions }
/** The answers of the trust confirmation. */
export const TRUST = 'Trust';
export const TURN_OFF_VERIFICATION = 'Turn Off Verification for This Device';

export class Ctx implements vscode.Disposable {
  readonly log = vscode.window.createOutputChannel('xAPI', { log: true });
  readonly results = vscode.window.createOutputChannel('xAPI Results', 'xapi-output');
  readonly profiles: Profiles;
  /** Devices on the Webex cloud: the token, their list, their schema. */
  readonly cloud: CloudAccess;
  readonly session: Session;
  readonly languageClient: XapiLanguageClient;
  readonly statusBar = new ConnectionStatusBar();
  readonly languageStatus = new SchemaLanguageStatus();
  private readonly schemaCache: DeviceSchemaCache;
  readonly runs: RunController;
  readonly trees: Trees;
  readonly macros: Macros;
  readonly events: EventsView;
  readonly localRuns: LocalMacroRuns;
  /** The Fleet view, its runs and their passwords. */
  readonly fleet: Fleet;
  /** Previews of UI extension panels, pressable. */
  readonly panelPreviews: PanelPreviews;
  /** The device's UI extension panels: their view and documents. */
  readonly panels: Panels;
  private simulated: SimulatedDevice | undefined;
  private simulatedDeviceStarts: Promise<unknown> = Promise.resolve();
  private coreIndex: SchemaIndex | undefined;
  private deviceIndex: SchemaIndex | undefined;
  /** The schema the language server reads from `xapi.schema.source` (a file or a published version), read here too. */
  private sourceIndex: { readonly file: string; readonly index: SchemaIndex } | undefined;
  private sourceLoads = 0;
  /** Which client and device software the device schema in force came from. */
  private schemaInForce: { readonly xapi: Xapi; readonly key: string } | undefined;
  /** Where the last device schema came from (the log says the same; tests read it here). */
  lastSchemaLoad: { readonly file: string; readonly fromCache: boolean } | undefined;
  private readonly onDidChangeSchemaEmitter = new vscode.EventEmitter<void>();
  /** The extension host's schema changed (a device's schema arrived, or the session ended). */
  readonly onDidChangeSchema = this.onDidChangeSchemaEmitter.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly extension: vscode.ExtensionContext) {
    this.profiles = new Profiles(extension.secrets);
    this.cloud = new CloudAccess(extension.secrets, this.log);
    this.session = new Session(this.log, () => config.traceFrames());
    const storage = extension.globalStorageUri.fsPath;
    this.schemaCache = new DeviceSchemaCache(path.join(storage, 'device-schemas'));
    this.languageClient = new XapiLanguageClient({
      extensionPath: extension.extensionPath,
      schemaCacheDir: path.join(storage, 'published-schemas'),
      outputChannel: vscode.window.createOutputChannel('xAPI Language Server', { log: true }),
      onSchemaChanged: p => {
        this.languageStatus.show(p);
        void this.followServerSchema(p);
      },
    });
    this.runs = new RunController(this.results);
    const session = this.session;
    this.trees = new Trees({
      get xapi() { return session.xapi; },
      schemaIndex: () => this.schemaIndex(),
      schemaProduct: () => this.schemaProduct(),
      log: this.log,
      userRoles: () => this.userRoles(),
    }, extension.workspaceState);
    this.macros = new Macros(session, extension.workspaceState, this.log, extension.extension.id);
    this.events = new EventsView({ session, schemaIndex: () => this.schemaIndex(), log: this.log, extensionUri: extension.extensionUri });
    this.localRuns = new LocalMacroRuns(this);
    this.panels = new Panels(session);
    this.panelPreviews = new PanelPreviews({
      session,
      simulatedSession: () => (this.simulated && session.state.kind === 'connected' && session.state.label === SIMULATED_LABEL ? this.simulated : undefined),
      panelContext: () => ({ index: this.schemaIndex(), ...(this.schemaProduct() ? { product: this.schemaProduct() } : {}) }),
      extensionUri: extension.extensionUri,
      log: this.log,
    });
    this.fleet = new Fleet({ secrets: extension.secrets, cloud: this.cloud, log: this.log, extensionUri: extension.extensionUri, coreIndex: () => this.coreSchemaIndex() });
    this.disposables.push(
      this.session.onDidChangeState(s => {
        this.statusBar.show(s);
        if (s.kind === 'connected') this.trees.all.forEach(t => t.sessionChanged(session.xapi));
        if (s.kind === 'disconnected' || s.kind === 'failed') {
          this.forgetDevice();
          this.trees.all.forEach(t => t.sessionChanged(undefined));
        }
        void vscode.commands.executeCommand('setContext', 'xapi.connected', s.kind === 'connected' || s.kind === 'reconnecting');
        if (s.kind === 'connected' && this.session.xapi) void this.handOverSchema(this.session.xapi, s.device);
      }),
      this.onDidChangeSchema(() => this.trees.all.forEach(t => t.schemaChanged())),
      this.session, this.statusBar, this.languageStatus, this.languageClient, this.runs, this.trees, this.macros, this.events, this.localRuns, this.fleet, this.panelPreviews, this.panels, this.cloud, this.log, this.results, this.onDidChangeSchemaEmitter,
    );
  }

  /**
   * Every view takes its place in VS Code here, one line a view: the shell made the tree views at activation
   * (client/activation), and each view wires its own to itself; the views live here, made in the constructor.
   */
  attachViews({ views }: ShellParts): vscode.Disposable[] {
    return [...this.trees.attach(views.status, views.configuration), this.macros.registerLogLinks(), ...this.fleet.attach(views.fleet)];
  }

  /**
   * The schema this host runs and offers with: the connected device's own, else the one `xapi.schema.source` names
   * once the language server has read it (followServerSchema), else the built-in core schema (loaded on first use,
   * never at activation). The language server keeps its own copy for editing.
   */
  schemaIndex(): SchemaIndex {
    return this.deviceIndex ?? this.sourceIndex?.index ?? this.coreSchemaIndex();
  }

  /** The built-in core schema (a fleet plans its scripts with it: each device's own is checked per device). */
  coreSchemaIndex(): SchemaIndex {
    return this.coreIndex ??= new SchemaIndex(core());
  }

  /**
   * One schema for both processes: when the language server announces the schema of `xapi.schema.source` (a file,
   * or a published version's cache file), the host reads that same file, so Run lenses, pickers and trees answer as
   * diagnostics do. The server decides (server/schemaPolicy.ts); the host only follows. A device's own schema still
   * comes first here, as it does there.
   */
  private async followServerSchema(p: SchemaChangedParams): Promise<void> {
    if (p.source === 'device') return;
    const load = ++this.sourceLoads;
    let next: { file: string; index: SchemaIndex } | undefined;
    if (p.file) {
      next = this.sourceIndex?.file === p.file ? this.sourceIndex
        : await fromFile(p.file).then(s => ({ file: p.file!, index: new SchemaIndex(s) }), (e: Error) => {
          this.log.warn(`The schema of xapi.schema.source (${p.file}) could not be read here, so runs use the built-in schema: ${e.message}`);
          return undefined;
        });
    }
    if (load !== this.sourceLoads || next === this.sourceIndex) return;
    this.sourceIndex = next;
    if (!this.deviceIndex) this.onDidChangeSchemaEmitter.fire();
  }

  /** The product to filter by: none for a device's own schema (it is one product), else the setting. */
  schemaProduct(): string | undefined {
    return this.deviceIndex ? undefined : config.schemaProduct() || undefined;
  }

  /** The connected user's roles: every role on the simulated device, a profile's `roles` if it names them, else unknown. */
  userRoles(): readonly string[] | undefined {
    const target = this.session.target;
    if (!target) return undefined;
    if (!target.profile) return KNOWN_ROLES;
    return this.profiles.find(target.profile)?.roles;
  }

  private forgetDevice(): void {
    this.runs.sessionEnded();
    this.schemaInForce = undefined;
    if (!this.deviceIndex) return;
    this.deviceIndex = undefined;
    this.onDidChangeSchemaEmitter.fire();
  }

  /** The live client, or tells the user how to get one (undefined then). */
  requireXapi(): Xapi | undefined {
    const xapi = this.session.xapi;
    if (xapi) return xapi;
    void prompts.showWarningMessage('xAPI: not connected to a device.', 'Connect…', 'Start Simulated Device').then(choice => {
      if (choice === 'Connect…') void vscode.commands.executeCommand(Commands.connect);
      if (choice === 'Start Simulated Device') void vscode.commands.executeCommand(Commands.startSimulatedDevice);
    });
    return undefined;
  }

  /** Nothing runs against a device from an untrusted workspace; completion and diagnostics still work. */
  requireTrust(): boolean {
    if (vscode.workspace.isTrusted) return true;
    void prompts.showWarningMessage('xAPI: this workspace is in Restricted Mode, so nothing runs against a device. Trust the workspace to run xAPI.', 'Manage Workspace Trust')
      .then(c => { if (c) void vscode.commands.executeCommand('workbench.trust.manage'); });
    return false;
  }

  /**
   * `xapi.autoConnect`: the simulated device or a profile, once at activation; never in Restricted Mode. The first
   * time a workspace connects this way the xAPI view is shown with the live device (VS Code keeps the layout after
   * that, whatever the user makes of it).
   */
  async autoConnect(): Promise<void> {
    const name = config.autoConnect();
    if (!name || !vscode.workspace.isTrusted || this.session.state.kind !== 'disconnected') return;
    this.log.info(`xapi.autoConnect: connecting to ${name}`);
    let xapi: Xapi | undefined;
    if (name.toLowerCase() === SIMULATED_LABEL.toLowerCase()) xapi = await this.startSimulatedDevice();
    else {
      const profile = this.profiles.find(name);
      if (profile) xapi = await this.connectProfile(profile);
      else void this.showError(`xAPI: xapi.autoConnect names "${name}", which is neither "${SIMULATED_LABEL}" nor a profile in xapi.devices.`);
    }
    if (xapi && !this.extension.workspaceState.get<boolean>(VIEW_SHOWN_KEY)) {
      await this.extension.workspaceState.update(VIEW_SHOWN_KEY, true);
      await vscode.commands.executeCommand(`workbench.view.extension.${VIEW_CONTAINER}`);
      // Showing the view focuses it: give the keyboard back to the file the user was given.
      if (vscode.window.activeTextEditor) await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    }
  }

  async connectProfile(profile: DeviceProfile, askPassword: 'if-missing' | 'again' = 'if-missing'): Promise<Xapi | undefined> {
    if (isCloudHost(profile.host)) {
      const token = await this.cloud.token(askPassword);
      if (token === undefined) return undefined;
      await this.stopSimulatedDevice();
      return this.connectTarget(this.cloud.target(profile, token));
    }
    const password = await this.profiles.password(profile, askPassword);
    if (password === undefined) return undefined;
    await this.stopSimulatedDevice();
    const target: ConnectTarget = {
      label: profile.name, url: profile.host, username: profile.username ?? 'admin', password,
      ca: profile.certificate, allowSelfSignedTls: profile.allowSelfSignedTls, profile: profile.name,
    };
    return this.connectTarget(target);
  }

  /**
   * Starts the simulated device and connects to it. `limits` is for tests only (the commands pass nothing): a
   * device with a real device's limits, such as a small subscription limit, reached through the extension's API.
   */
  startSimulatedDevice(limits: Pick<SimulatedDeviceOptions, 'subscriptionLimit'> = {}): Promise<Xapi | undefined> {
    // One start at a time (xapi.autoConnect and the user's command can overlap): each stops the one before, so
    // no device is left running unowned.
    const started = this.simulatedDeviceStarts.then(() => this.startSimulatedDeviceNow(limits));
    this.simulatedDeviceStarts = started.catch(() => undefined);
    return started;
  }

  private async startSimulatedDeviceNow(limits: Pick<SimulatedDeviceOptions, 'subscriptionLimit'>): Promise<Xapi | undefined> {
    await this.session.disconnect();
    await this.stopSimulatedDevice();
    // Kept for a restart after a crash: the same password, certificate (stateDir), limits and, then, port.
    const launch: SimulatedDeviceLaunch = {
      password: randomBytes(12).toString('base64url'),
      options: { stateDir: path.join(this.extension.globalStorageUri.fsPath, 'simulator'), subscriptionLimit: limits.subscriptionLimit },
    };
    const device = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'xAPI: starting the simulated device…' },
      () => SimulatedDevice.start(this.extension.extensionPath, launch.password, launch.options),
    ).then(d => d, (e: Error) => {
      this.log.error(`The simulated device did not start: ${e.message}`);
      void this.showError(`xAPI: the simulated device did not start: ${e.message}`);
      return undefined;
    });
    if (!device) return undefined;
    this.adoptSimulatedDevice(device, launch, []);
    const r = device.ready;
    return this.connectTarget({ label: SIMULATED_LABEL, url: r.url, username: r.username, password: r.password, ca: r.certificate });
  }

  private adoptSimulatedDevice(device: SimulatedDevice, launch: SimulatedDeviceLaunch, crashes: readonly number[]): void {
    this.simulated = device;
    this.log.info(`Simulated device (${device.ready.product}, schema ${device.ready.version}) listening at ${device.ready.url}, pid ${device.pid}`);
    device.onDidReport(m => this.log.warn(`Simulated device: ${m}`));
    device.onDidCrash(reason => void this.simulatedDeviceCrashed(device, launch, [...crashes, Date.now()], reason));
  }

  /**
   * A crash of the simulated device is not the end of the session: it starts again on its port with the same
   * certificate and password, and the library's reconnect finds it (the status bar shows reconnecting, then
   * connected). Only when it keeps crashing, or cannot start, is the session ended and the user asked.
   */
  private async simulatedDeviceCrashed(device: SimulatedDevice, launch: SimulatedDeviceLaunch, crashes: readonly number[], reason: string): Promise<void> {
    if (this.simulated !== device) return;
    this.simulated = undefined;
    device.dispose();
    this.log.error(`The simulated device stopped: ${reason}`);
    // The user may disconnect or switch devices meanwhile: then neither a restart nor a prompt is wanted.
    const stillWanted = () => this.session.target?.url === device.ready.url;
    const recent = crashes.filter(t => Date.now() - t < SIMULATED_DEVICE_RESTARTS.withinMs);
    if (recent.length <= SIMULATED_DEVICE_RESTARTS.max) {
      const port = Number(new URL(device.ready.url).port);
      const again = await SimulatedDevice.start(this.extension.extensionPath, launch.password, { ...launch.options, port })
        .catch((e: Error) => { this.log.error(`The simulated device could not be restarted: ${e.message}`); return undefined; });
      if (again && !stillWanted()) { await again.stop(); again.dispose(); return; }
      if (again) {
        this.adoptSimulatedDevice(again, launch, recent);
        void prompts.showWarningMessage(`xAPI: the simulated device stopped (${reason}) and was restarted; the session reconnects to it.`, 'Open Log')
          .then(c => { if (c) this.log.show(); });
        return;
      }
    }
    if (!stillWanted()) return;
    void prompts.showErrorMessage(`xAPI: the simulated device stopped (${reason}).`, 'Restart', 'Open Log').then(c => {
      if (c === 'Restart') void this.startSimulatedDevice();
      if (c === 'Open Log') this.log.show();
    });
    void this.session.disconnect();
  }

  get simulatedDevice(): SimulatedDevice | undefined { return this.simulated; }

  private async connectTarget(target: ConnectTarget): Promise<Xapi | undefined> {
    try {
      return await this.session.connect(target);
    } catch (e) {
      await this.explainConnectError(e as XapiError, target);
      return undefined;
    }
  }

  /** A clear notification with the action that fixes it; the password never appears in it. */
  private async explainConnectError(error: XapiError, target: ConnectTarget): Promise<void> {
    const profile = target.profile ? this.profiles.find(target.profile) : undefined;
    if (error instanceof TlsError && profile) {
      const c = await prompts.showErrorMessage(`xAPI: the certificate of ${profile.name} is not trusted.`, 'Trust this device\'s certificate', 'Open Log');
      if (c === 'Open Log') this.log.show();
      else if (c) await vscode.commands.executeCommand(Commands.trustCertificate, profile.name);
      return;
    }
    if (error instanceof AuthenticationError && profile && target.cloud) {
      const c = await prompts.showErrorMessage('xAPI: Webex refused the access token (wrong, expired or revoked).', 'Re-enter Webex Token', 'Open Log');
      if (c === 'Re-enter Webex Token') await this.connectProfile(profile, 'again');
      if (c === 'Open Log') this.log.show();
      return;
    }
    if (error instanceof AuthenticationError && profile) {
      const c = await prompts.showErrorMessage(`xAPI: ${profile.name} refused the user name or password.`, 'Re-enter password', 'Open Log');
      if (c === 'Re-enter password') await vscode.commands.executeCommand(Commands.reenterPassword, profile.name);
      if (c === 'Open Log') this.log.show();
      return;
    }
    await this.showError(`xAPI: could not connect to ${target.label}: ${error.message}`);
  }

  /** Pins the certificate the device presents now, after the user compared its fingerprint; then reconnects. */
  async trustCertificate(name: string): Promise<void> {
    const profile = this.profiles.find(name);
    if (!profile) return;
    let cert;
    try {
      cert = await fetchPresentedCertificate(profile.host);
    } catch (e) {
      await this.showError(`xAPI: could not read the certificate of ${profile.name}: ${(e as Error).message}`);
      return;
    }
    const choice = await prompts.confirm(
      `Trust the certificate of ${profile.name}?`,
      `Subject: ${cert.subject}\nSHA-256: ${cert.fingerprint256}\n\nCompare this fingerprint with the one the device shows. Only this profile will trust it, and verification stays on: a different certificate will be refused.`,
      TRUST, TURN_OFF_VERIFICATION,
    );
    if (!choice) return;
    const updated = await this.profiles.update(name, choice === TRUST ? { certificate: cert.pem, allowSelfSignedTls: undefined } : { allowSelfSignedTls: true });
    if (updated) await this.connectProfile(updated);
  }

  async reenterPassword(name: string): Promise<void> {
    const profile = this.profiles.find(name);
    if (profile) await this.connectProfile(profile, 'again');
  }

  async disconnect(): Promise<void> {
    await this.session.disconnect();
    await this.stopSimulatedDevice();
    if (this.languageClient.isRunning) await this.languageClient.setDeviceSchema({ clear: true });
  }

  private async stopSimulatedDevice(): Promise<void> {
    const s = this.simulated;
    this.simulated = undefined;
    await s?.stop();
    s?.dispose();
  }

  private async handOverSchema(xapi: Xapi, device: DeviceInfo): Promise<void> {
    // A reconnect of the same client to the same software (a reboot, the simulated device restarted) keeps the
    // schema already in force: nothing to read, parse or send again.
    const key = `${device.product}\n${device.softwareVersion}`;
    if (this.deviceIndex && this.schemaInForce?.xapi === xapi && this.schemaInForce.key === key) return;
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `xAPI: loading the schema of ${device.product} ${device.softwareVersion}…` },
      async () => {
        this.languageStatus.loading(`reading the device schema of ${device.product}`);
        try {
          const { index, params } = xapi.via === 'webex'
            ? await this.cloudSchema(xapi as CloudXapi, device)
            : await this.xdocSchema(xapi, device);
          if (this.session.xapi !== xapi) return;
          this.deviceIndex = index;
          this.onDidChangeSchemaEmitter.fire();
          this.schemaInForce = { xapi, key };
          await this.languageClient.setDeviceSchema(params);
        } catch (e) {
          this.log.warn(`The device schema could not be read (${(e as Error).message}); the configured schema stays in force`);
        }
      },
    );
  }

  /** A device's own schema over xDoc (cached per product and software version), and what the server is sent. */
  private async xdocSchema(xapi: Xapi, device: DeviceInfo): Promise<{ index: SchemaIndex; params: SetDeviceSchemaParams }> {
    const { docs, fromCache } = await this.schemaCache.load(xapi, device);
    this.lastSchemaLoad = { file: this.schemaCache.fileFor(device), fromCache };
    this.log.info(`Device schema ${device.softwareVersion} ${fromCache ? 'from the cache' : 'read over xDoc'}`);
    return { index: new SchemaIndex(parseSchemaJson(docs, device.softwareVersion)), params: { label: device.softwareVersion, schema: docs } };
  }

  /** A cloud device's schema through the Webex cloud (client/cloud.ts). */
  private async cloudSchema(xapi: CloudXapi, device: DeviceInfo): Promise<{ index: SchemaIndex; params: SetDeviceSchemaParams }> {
    let fromCache = false;
    const schema = await this.cloud.schema(xapi, device.softwareVersion, this.languageClient.schemaCacheDir, async read => {
      const got = await this.schemaCache.cached(device, 'cloud', read);
      fromCache = got.fromCache;
      return got.docs;
    });
    this.lastSchemaLoad = { file: this.schemaCache.fileFor(device, 'cloud'), fromCache };
    this.log.info(`Device schema ${device.softwareVersion} ${fromCache ? 'from the cache' : 'read through the Webex cloud'} (cached per product and software)`);
    return schema;
  }

  private async showError(message: string): Promise<void> {
    const c = await prompts.showErrorMessage(message, 'Open Log');
    if (c) this.log.show();
  }

  push(...d: vscode.Disposable[]): void { this.disposables.push(...d); }

  dispose(): void {
    void this.stopSimulatedDevice();
    for (const d of this.disposables.reverse()) d.dispose();
  }
}
