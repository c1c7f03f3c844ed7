/**
 * A simulated RoomOS device without any transport: sessions receive JSON-RPC frames as strings and
 * answer through a `send` callback. The WebSocket server (server.ts) and the in-memory client
 * (`createSimulatedXapi`) are both thin adapters over this class.
 *
 * ```ts
 * const device = new Device({ schema, clock: new ManualClock() });
 * const session = device.openSession(user, frame => console.log(frame));
 * session.receive('{"jsonrpc":"2.0","id":1,"method":"xGet","params":{"Path":["Status","Audio","Volume"]}}');
 * ```
 *
 * State changes made together (one command, one `transaction`) reach each matching subscription as one
 * `xFeedback/Event`. Timed behaviours (call progress, boot) use the `clock`.
 */
import { EventField, KNOWN_ROLES, Role, Schema, ValueSpace } from '../schema/model';
import { kindOfWord } from '../schema/kinds';
import { formatPath, PathItem, splitPath } from '../schema/path';
import { shownText } from '../schema/shownText';
import { variantAt } from '../schema/variants';
import { PRODUCT_NAMES, productName, resolveProduct } from '../schema/products';
import { SchemaIndex } from '../schema/schemaIndex';
import { ErrorObject, Method } from '../xapi/protocol';
import { allBehaviours, Behaviour, CommandHandler } from './behaviours';
import { Clock, systemClock } from '../xapi/clock';
import { EmulatorError } from './errors';
import type { HttpResponder } from './behaviours/httpClient';
import type { MacroRuntimeStarter } from './macros/host';
import { hasTouchControllerByDefault, placePeripherals } from './peripherals';
import { Change, eventChanges, feedbackFor, Subscription } from './feedback';
import { Location } from './query';
import { canonicalJson, Json, renderNode } from './render';
import { handleFrame } from './rpc';
import { initialStatus, statusClockLeaves } from './statusDefaults';
import { leavesOf, readRolesOf, StateRoot, StateTree, typedFor } from './state';
import { checkValue, typeValue, ValueSpaceError } from './values';

export interface EmulatorUser {
  readonly username: string;
  readonly password: string;
  readonly roles: readonly Role[];
}

export interface CallTimings {
  /** Dial → `Connecting`. */
  readonly connectingMs: number;
  /** Dial → `Connected` (and `CallSuccessful`). */
  readonly connectedMs: number;
  /** `Disconnecting` → `Idle`; the ghost follows right after. */
  readonly disconnectMs: number;
}

export interface DeviceOptions {
  readonly schema: Schema;
  /** Product code (`hopen`) or name (`Room Kit`). Default: Room Kit when the schema has it, else its first product. */
  readonly product?: string;
  readonly clock?: Clock;
  /** Subscriptions one connection may hold (default 50); more → -31998. */
  readonly subscriptionLimit?: number;
  /** Default: `admin` with an empty password and every known role. */
  readonly users?: readonly EmulatorUser[];
  /** How long SystemUnit Boot keeps the device unavailable (default 3000 ms). */
  readonly bootDelayMs?: number;
  /**
   * After a boot, how long the device accepts connections but answers every request `-31997 Not Ready`
   * while it finishes starting (default 0: ready as soon as it accepts connections).
   */
  readonly notReadyMs?: number;
  readonly callTimings?: Partial<CallTimings>;
  /**
   * Runs the active macros (`workerRuntime()` of emulator/macros/host.ts: a worker thread, each macro with its
   * own xAPI session). `startEmulator()` and `createSimulatedXapi()` pass it; a Device without one stores macros
   * and runs none, so it imports nothing of Node's.
   */
  readonly macroRuntime?: MacroRuntimeStarter;
  /**
   * Answers the HttpClient commands would get (behaviours/httpClient.ts): the simulated device has no network, so
   * without a responder every request fails as for an unreachable host.
   */
  readonly http?: HttpResponder;
  /**
   * A touch controller under `Peripherals ConnectedDevice` (peripherals.ts). Default: on for products that are not
   * touch screens themselves (codecs, Room Kits, Room Bars), off for Desk and Board.
   */
  readonly touchController?: boolean;
}

export interface SessionOptions {
  /** `/ws?legacy`: every number in results and feedback is sent as a string. */
  readonly legacy?: boolean;
  /** Called when the device ends the session (SystemUnit Boot, dropSessions). Not called for `close()`. */
  readonly onClose?: (reason: string) => void;
}

export interface DeviceSession {
  readonly user: EmulatorUser;
  /** One text frame from the client. Never throws: every problem is answered on the wire. */
  receive(frame: string): void;
  /** The client went away: its subscriptions end. */
  close(): void;
}

export interface ReceivedCommand {
  /** Command path in schema spelling, e.g. `Audio Volume Set`. */
  readonly path: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly body?: string;
  readonly user: string;
  readonly at: number;
}

/** The default product when none is given: a common room device the schema knows. */
const PREFERRED_PRODUCTS = ['hopen', 'davinci', 'brooklyn', 'barents', 'polaris', 'svea'];

/** The published release whose facts the hand-written core schema follows (schema/core/index.ts). */
export const CORE_SOFTWARE_VERSION = '11.27.2.0';

export const DEFAULT_USER: EmulatorUser = { username: 'admin', password: '', roles: [...KNOWN_ROLES] };
export const DEFAULT_SUBSCRIPTION_LIMIT = 50;
export const DEFAULT_BOOT_DELAY_MS = 3000;

/** @internal One client connection. */
export class Session implements DeviceSession {
  readonly subscriptions = new Map<number, Subscription>();
  nextSubscriptionId = 0;
  open = true;

  constructor(
    readonly device: Device,
    readonly user: EmulatorUser,
    private readonly sendFrame: (frame: string) => void,
    readonly options: SessionOptions,
  ) {}

  receive(frame: string): void {
    if (this.open) handleFrame(this.device, this, frame);
  }

  close(): void {
    this.device.detach(this);
  }

  /** A success response. Keys go out in the device's alphabetical order (§2); legacy sessions get numbers as strings. */
  sendResult(id: unknown, result: unknown): void {
    this.write(`{"id":${JSON.stringify(id)},"jsonrpc":"2.0","result":${this.payload(result)}}`);
  }

  sendError(id: unknown, error: ErrorObject): void {
    this.write(`{"error":${canonicalJson(error)},"id":${JSON.stringify(id)},"jsonrpc":"2.0"}`);
  }

  /** An `xFeedback/Event` notification. */
  sendFeedback(params: Record<string, unknown>): void {
    this.write(`{"jsonrpc":"2.0","method":"${Method.FeedbackEvent}","params":${this.payload(params)}}`);
  }

  private payload(value: unknown): string {
    const legacy = this.options.legacy === true;
    if (value === null || typeof value !== 'object') return JSON.stringify(legacy && typeof value === 'number' ? String(value) : value);
    return canonicalJson(value, legacy);
  }

  private write(frame: string): void {
    if (!this.open) return;
    try {
      this.sendFrame(frame);
    } catch {
      // A transport that cannot send any more is the transport's business; the device keeps going.
    }
  }
}

/**
 * One index per schema object, shared by every device built on it: a simulated fleet of a thousand devices on three
 * software versions holds three indexes, not a thousand. An index is read-only once built.
 */
const indexes = new WeakMap<Schema, SchemaIndex>();
function sharedIndex(schema: Schema): SchemaIndex {
  let index = indexes.get(schema);
  if (!index) indexes.set(schema, index = new SchemaIndex(schema));
  return index;
}

export class Device {
  readonly schema: Schema;
  readonly index: SchemaIndex;
  readonly product: string | undefined;
  readonly clock: Clock;
  readonly subscriptionLimit: number;
  readonly bootDelayMs: number;
  readonly notReadyMs: number;
  readonly callTimings: CallTimings;
  readonly users: readonly EmulatorUser[];
  /** @internal What runs the active macros (DeviceOptions.macroRuntime). */
  readonly macroRuntime: MacroRuntimeStarter | undefined;
  /** @internal DeviceOptions.touchController, resolved. */
  private readonly touchController: boolean;
  /** @internal What HttpClient requests get (DeviceOptions.http). */
  readonly http: HttpResponder | undefined;
  /** The commands clients ran (after validation), oldest first; the most recent 10,000 are kept. */
  readonly commandsReceived: ReceivedCommand[] = [];
  /** @internal */
  readonly state: StateTree;
  /** @internal */
  readonly sessions = new Set<Session>();
  private readonly behaviours: Behaviour[];
  private readonly handlers = new Map<string, CommandHandler>();
  private pending: Change[] | undefined;
  private bootedAt: number;
  private readyFlag = true;
  private notReadyUntil = Number.NEGATIVE_INFINITY;
  private readyWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private bootListeners: (() => void)[] = [];
  private errorListeners: ((error: EmulatorError) => void)[] = [];
  private bootTimer: unknown;
  private disposed = false;

  constructor(options: DeviceOptions) {
    this.schema = options.schema;
    this.index = sharedIndex(options.schema);
    this.clock = options.clock ?? systemClock;
    this.subscriptionLimit = options.subscriptionLimit ?? DEFAULT_SUBSCRIPTION_LIMIT;
    this.bootDelayMs = options.bootDelayMs ?? DEFAULT_BOOT_DELAY_MS;
    this.notReadyMs = options.notReadyMs ?? 0;
    this.callTimings = { connectingMs: 200, connectedMs: 1000, disconnectMs: 200, ...options.callTimings };
    this.users = options.users?.length ? options.users : [DEFAULT_USER];
    this.macroRuntime = options.macroRuntime;
    this.http = options.http;
    this.product = this.pickProduct(options.product);
    this.touchController = options.touchController ?? hasTouchControllerByDefault(this.productName);
    this.bootedAt = this.clock.now();
    this.state = new StateTree(this.index, this.product);
    this.state.build('Configuration', () => undefined);
    this.buildStatus();
    this.behaviours = allBehaviours(this);
    for (const b of this.behaviours) for (const [path, h] of Object.entries(b.commands)) this.handlers.set(path.toLowerCase(), h);
  }

  private pickProduct(given: string | undefined): string | undefined {
    const known = this.knownProducts();
    if (given !== undefined) {
      const code = resolveProduct(given) ?? (known.includes(given) ? given : undefined);
      if (!code) throw new EmulatorError(`Unknown product '${given}'`);
      return code;
    }
    if (known.length === 0) return 'hopen';
    return PREFERRED_PRODUCTS.find(p => known.includes(p)) ?? known[0];
  }

  /**
   * The products this schema describes. A node whose variant names no product is on every product, so a
   * schema with such nodes (the core schema) knows every product, not only those its few specific nodes name.
   */
  private knownProducts(): string[] {
    const named = this.index.products();
    const universal = this.schema.nodes.some(n => n.variants.some(v => v.products.length === 0));
    return universal ? [...new Set([...named, ...Object.keys(PRODUCT_NAMES)])] : named;
  }

  /** The product's name as the device reports it (`Room Kit`). */
  get productName(): string {
    return productName(this.product ?? 'hopen');
  }

  /**
   * The numeric software version the statuses report, taken from the schema's version label. A label
   * without one (the core schema's `core`) reports the release the core schema follows.
   */
  get softwareVersion(): string {
    return /\d+(\.\d+)+/.exec(this.schema.version)?.[0] ?? CORE_SOFTWARE_VERSION;
  }

  private buildStatus(): void {
    this.bootedAt = this.clock.now();
    this.state.build('Status', (meta, loc) => initialStatus(this, meta, loc));
    statusClockLeaves(this);
    placePeripherals(this, this.touchController);
  }

  /** Seconds since the (simulated) device booted. */
  uptime(): number {
    return Math.floor((this.clock.now() - this.bootedAt) / 1000);
  }

  // ---- sessions ----------------------------------------------------------------------------

  /** True unless a boot is in progress. */
  get ready(): boolean {
    return this.readyFlag;
  }

  /** Connections are accepted, but requests are answered -31997 Not Ready (the `notReadyMs` after a boot). */
  get initializing(): boolean {
    return this.readyFlag && this.clock.now() < this.notReadyUntil;
  }

  /** The user with these credentials, or undefined. */
  authenticate(username: string, password: string): EmulatorUser | undefined {
    return this.users.find(u => u.username === username && u.password === password);
  }

  /** Open a session for an authenticated user. Throws EmulatorError while the device boots. */
  openSession(user: EmulatorUser, send: (frame: string) => void, options: SessionOptions = {}): DeviceSession {
    if (this.disposed) throw new EmulatorError('The device was stopped');
    if (!this.readyFlag) throw new EmulatorError('The device is booting');
    const s = new Session(this, user, send, options);
    this.sessions.add(s);
    return s;
  }

  /** @internal */
  detach(s: Session): void {
    s.open = false;
    s.subscriptions.clear();
    this.sessions.delete(s);
  }

  /** End every session (their `onClose` runs). */
  dropSessions(reason = 'dropped'): void {
    for (const s of [...this.sessions]) {
      this.detach(s);
      try { s.options.onClose?.(reason); } catch { /* the transport's problem */ }
    }
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  /** Called at the start of every boot, after sessions were dropped. */
  onBoot(listener: () => void): () => void {
    this.bootListeners.push(listener);
    return () => { this.bootListeners = this.bootListeners.filter(l => l !== listener); };
  }

  /**
   * Problems the device cannot answer on the wire: work that failed after a response went out, a listener
   * or behaviour hook that threw, a server error. Without a listener they are printed with console.error;
   * either way the device keeps running.
   */
  onError(listener: (error: EmulatorError) => void): () => void {
    this.errorListeners.push(listener);
    return () => { this.errorListeners = this.errorListeners.filter(l => l !== listener); };
  }

  /** @internal Report an error that has no request to answer (see onError). Never throws. */
  reportError(error: unknown, during: string): void {
    const reason = error instanceof Error ? error.message : String(error);
    const e = new EmulatorError(`${during}: ${reason}`, { cause: error });
    if (!this.errorListeners.length) {
      console.error(`emulator: ${e.message}`);
      return;
    }
    for (const l of [...this.errorListeners]) {
      try { l(e); } catch { /* a failing error listener has nowhere left to report to */ }
    }
  }

  /** Run `fn`; if it throws, report the error instead of passing it on. */
  private guarded(during: string, fn: () => void): void {
    try { fn(); } catch (e) { this.reportError(e, during); }
  }

  /**
   * Reboot: drop every session, refuse new ones for `bootDelayMs` (on the clock), then come back with fresh
   * statuses. Configurations, saved panels and macros persist. Resolves when the device is ready again;
   * rejects with EmulatorError when the device is disposed first (or already was).
   */
  boot(delayMs = this.bootDelayMs): Promise<void> {
    if (this.disposed) return Promise.reject(stoppedError());
    this.readyFlag = false;
    this.dropSessions('boot');
    for (const l of [...this.bootListeners]) this.guarded('boot listener', l);
    for (const b of this.behaviours) if (b.onBoot) this.guarded(`behaviour ${b.name} onBoot`, () => b.onBoot!());
    this.pending = undefined;
    this.buildStatus();
    if (this.bootTimer !== undefined) this.clock.clearTimeout(this.bootTimer);
    const done = this.whenReady();
    this.bootTimer = this.clock.setTimeout(() => {
      this.bootTimer = undefined;
      this.readyFlag = true;
      this.bootedAt = this.clock.now();
      this.notReadyUntil = this.bootedAt + this.notReadyMs;
      this.settleWaiters();
    }, delayMs);
    return done;
  }

  /** Resolves when no boot is in progress; rejects with EmulatorError once the device is disposed. */
  whenReady(): Promise<void> {
    if (this.disposed) return Promise.reject(stoppedError());
    return this.readyFlag ? Promise.resolve() : new Promise((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
  }

  private settleWaiters(error?: Error): void {
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const w of waiters) {
      if (error) w.reject(error);
      else w.resolve();
    }
  }

  /**
   * Stop for good (Emulator.stop()): end sessions, cancel the boot and the behaviours' timers. A boot in
   * progress never completes, so its waiters (`boot()`, `restart()`, `whenReady()`) are rejected with an
   * EmulatorError rather than left hanging — resolving would tell them the device is ready when it is not.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.dropSessions('stopped');
    for (const b of this.behaviours) if (b.dispose) this.guarded(`behaviour ${b.name} dispose`, () => b.dispose!());
    if (this.bootTimer !== undefined) this.clock.clearTimeout(this.bootTimer);
    this.bootTimer = undefined;
    this.settleWaiters(stoppedError(true));
  }

  // ---- state changes and feedback ------------------------------------------------------------

  /** Group changes: feedback for everything done inside `fn` goes out together when it returns. */
  transaction<T>(fn: () => T): T {
    if (this.pending) return fn();
    this.pending = [];
    try {
      return fn();
    } finally {
      const changes = this.pending;
      this.pending = undefined;
      if (changes?.length) this.publish(changes);
    }
  }

  private record(change: Change): void {
    if (this.pending) this.pending.push(change);
    else this.publish([change]);
  }

  private publish(changes: readonly Change[]): void {
    for (const s of [...this.sessions]) {
      for (const sub of [...s.subscriptions.values()]) {
        for (const params of feedbackFor(sub, changes, s.user.roles)) {
          s.sendFeedback(params);
        }
      }
    }
  }

  private resolvePath(root: StateRoot, path: string | readonly PathItem[]): PathItem[] {
    const items = splitPath(path);
    if (typeof items[0] === 'string' && items[0].toLowerCase() === root.toLowerCase()) items.shift();
    return items;
  }

  /**
   * Set a Status (or Configuration) leaf — or several, when `value` is an object of leaves — creating list
   * items on the way: `setStatus('Call[3] Status', 'Connected')`, `setStatus('Call[3]', {Status: 'Idle'})`.
   * Feedback goes to matching subscriptions (only when a value changed). Throws EmulatorError for a path the
   * schema lacks; with `checked` (what `createSimulatedXapi().setStatus` uses) also ValueSpaceError for a
   * value outside the leaf's value space, by the same rule as xSet and the diagnostics (schema/valueCheck.ts).
   */
  setStatus(path: string | readonly PathItem[], value: unknown, options: SetOptions = {}): void {
    this.setLeaves('Status', this.resolvePath('Status', path), value, options);
  }

  /** Like setStatus, for configurations (unchecked by default: tests may set anything the type allows). */
  setConfiguration(path: string | readonly PathItem[], value: unknown, options: SetOptions = {}): void {
    this.setLeaves('Configuration', this.resolvePath('Configuration', path), value, options);
  }

  private setLeaves(root: StateRoot, items: PathItem[], value: unknown, options: SetOptions): void {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      this.transaction(() => {
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) this.setLeaves(root, [...items, ...splitPath(k)], v, options);
      });
      return;
    }
    const node = this.index.lookup(root, items.filter((p): p is string => typeof p === 'string'));
    // The variant the indexes select (Codec Pro has one per connector), else the product's first.
    const variant = node && (variantAt(node, items, this.product) ?? this.index.variantFor(node, this.product));
    if (!node || !variant) throw new EmulatorError(`No ${root} node '${shownText(items.join(' '))}' in schema ${this.schema.version}`);
    // Spell the location as the schema does, with the indexes the caller gave (default 1 where missing).
    const loc: (string | number)[] = [root];
    let k = 0;
    for (let i = 0; i < node.names.length; i++) {
      while (k < items.length && typeof items[k] === 'number') k++;
      loc.push(node.names[i]);
      k++;
      const seg = variant.path[i];
      if (seg?.index) {
        const given = items[k];
        loc.push(typeof given === 'number' ? given : seg.index.min);
        if (typeof given === 'number') k++;
      }
    }
    if (options.checked && variant.valueSpace) checkedValue(`${root} ${formatPath(loc.slice(1))}`, variant.valueSpace, value);
    const meta = { node, variant, readRoles: variant.readRoles.length ? variant.readRoles : variant.writeRoles };
    const typed = typedFor(meta, value);
    const found = this.state.find(loc);
    if (found && found.node.t === 'leaf') {
      if (found.node.value === typed && !found.node.dynamic) return;
      found.node.value = typed;
      found.node.dynamic = undefined;
    } else {
      this.state.put(loc, { t: 'leaf', value: typed, meta });
    }
    this.record({ kind: 'leaf', loc, value: typed, hidden: variant.hidden === true, readRoles: meta.readRoles });
  }

  /**
   * @internal A status leaf whose value is computed when read (a call's Duration counts on the clock).
   * The leaf must exist; a later setStatus replaces the computation with a fixed value.
   */
  setDynamicStatus(path: string, compute: () => string | number): void {
    const found = this.state.find(['Status', ...this.resolvePath('Status', path)]);
    if (found?.node.t === 'leaf') found.node.dynamic = compute;
  }

  /** @internal Set a configuration leaf already located and validated (xSet). Returns false when unchanged. */
  writeConfiguration(loc: Location, value: string | number): boolean {
    const found = this.state.find(loc);
    if (!found || found.node.t !== 'leaf') return false;
    if (found.node.value === value) return false;
    found.node.value = value;
    const v = found.node.meta.variant;
    this.record({ kind: 'leaf', loc: found.loc, value, hidden: v.hidden === true, readRoles: found.node.meta.readRoles });
    return true;
  }

  /** Remove a Status list item (`removeListItem('Call', 3)`): subscribers get a ghost. False when it did not exist. */
  removeListItem(path: string | readonly PathItem[], id: number): boolean {
    const items = this.resolvePath('Status', path);
    const found = this.state.find(['Status', ...items]);
    if (!found || found.node.t !== 'list' || !found.node.items.has(id)) return false;
    const readRoles = new Set<Role>();
    for (const { leaf } of leavesOf(found.node.items.get(id)!, [])) for (const r of leaf.meta.readRoles) readRoles.add(r);
    found.node.items.delete(id);
    this.record({ kind: 'ghost', loc: [...found.loc, id], readRoles: [...readRoles] });
    return true;
  }

  /** Read a Status or Configuration value or subtree as the wire shows it (`getStatus('Audio Volume')` → 50). */
  getStatus(path: string | readonly PathItem[]): Json | undefined {
    const found = this.state.find(['Status', ...this.resolvePath('Status', path)]);
    return found && renderNode(found.node, () => true);
  }

  getConfiguration(path: string | readonly PathItem[]): Json | undefined {
    const found = this.state.find(['Configuration', ...this.resolvePath('Configuration', path)]);
    return found && renderNode(found.node, () => true);
  }

  /**
   * Emit an event (`emitEvent('UserInterface Extensions Widget Action', {WidgetId: 'w', Type: 'pressed', Value: '1'})`).
   * Field values are typed by the event schema (int → number). Throws EmulatorError for an unknown event;
   * with `checked`, ValueSpaceError for a field the event lacks or a value outside a field's value space.
   */
  emitEvent(path: string | readonly PathItem[], payload: unknown = {}, options: SetOptions = {}): void {
    const items = splitPath(path).filter((p): p is string => typeof p === 'string');
    if (kindOfWord(items[0], { exact: true }) === 'Event') items.shift();
    const node = this.index.lookup('Event', items);
    const variant = node && this.index.variantFor(node, this.product);
    if (!node || !variant) throw new EmulatorError(`No event '${shownText(items.join(' '))}' in schema ${this.schema.version}`);
    if (options.checked) checkPayload(`Event ${node.normPath}`, variant.bareValue, variant.fields ?? [], payload);
    const typed = variant.bareValue && (payload === null || typeof payload !== 'object')
      ? typeValue(variant.bareValue, payload)
      : typeFields(variant.fields ?? [], payload);
    // An event is always a notification of its own: changes pending in a transaction go out first.
    if (this.pending?.length) {
      const earlier = this.pending;
      this.pending = [];
      this.publish(earlier);
    }
    this.publish(eventChanges(['Event', ...node.names], typed as Json, readRolesOf(variant)));
  }

  // ---- commands ------------------------------------------------------------------------------

  /** @internal The behaviour for a command path (lower-case normPath), if one is registered. */
  handlerFor(normPath: string): CommandHandler | undefined {
    return this.handlers.get(normPath.toLowerCase());
  }

  /** A behaviour by name, for the control methods below and for tests. */
  behaviour<T extends Behaviour>(name: string): T {
    const b = this.behaviours.find(x => x.name === name);
    if (!b) throw new EmulatorError(`No behaviour '${name}'`);
    return b as T;
  }

  /** Answer a displayed prompt as a user would: emits `UserInterface Message Prompt Response`. */
  respondToPrompt(feedbackId: string, optionId: number): void {
    this.behaviour<import('./behaviours/messages').MessagesBehaviour>('messages').respondToPrompt(feedbackId, optionId);
  }

  /** Answer a displayed text input: emits `UserInterface Message TextInput Response`. */
  respondToTextInput(feedbackId: string, text: string): void {
    this.behaviour<import('./behaviours/messages').MessagesBehaviour>('messages').respondToTextInput(feedbackId, text);
  }

  /** Generic form of the two above. */
  answerMessage(answer: { type: 'Prompt'; feedbackId: string; optionId: number } | { type: 'TextInput'; feedbackId: string; text: string }): void {
    if (answer.type === 'Prompt') this.respondToPrompt(answer.feedbackId, answer.optionId);
    else this.respondToTextInput(answer.feedbackId, answer.text);
  }

  /** A user touches a widget: emits the legacy `Extensions Event <Type>` (when the schema has it) then `Widget Action`. */
  pressWidget(widgetId: string, type: string, value = ''): void {
    this.behaviour<import('./behaviours/extensions').ExtensionsBehaviour>('extensions').pressWidget(widgetId, type, value);
  }

  /** A user taps a saved panel's button: emits `UserInterface Extensions Panel Clicked`. */
  clickPanel(panelId: string): void {
    this.behaviour<import('./behaviours/extensions').ExtensionsBehaviour>('extensions').clickPanel(panelId);
  }

  /**
   * A user's gesture on a widget of a saved panel: the events its kind makes (schema/panels/touch.ts), both forms, in
   * order; a toggle, slider or group button keeps its new value. Returns the Widget Action events sent. `type` is
   * the widget's type when its panel is not saved here (a panel previewed before it is saved).
   */
  touchWidget(widgetId: string, touch: import('../schema/panels/touch').WidgetTouch, type?: string): import('../schema/panels/touch').WidgetAction[] {
    return this.extensions().touchWidget(widgetId, touch, type);
  }

  /** A saved panel opens on the touch controller (at a page, or its first): Panel Open and the page's opened events. */
  openPanel(panelId: string, pageId?: string): void {
    this.extensions().openPanel(panelId, pageId);
  }

  /** The open panel closes: its page's closed events and Panel Close. */
  closePanel(): void {
    this.extensions().closePanel();
  }

  /** The saved panels as data, by PanelId. */
  savedPanels(): ReadonlyMap<string, import('../schema/panels/model').PanelModel> {
    return this.extensions().panelModels();
  }

  /** A widget's value (`Widget SetValue`, or a touch), if it has one. */
  widgetValue(widgetId: string): string | undefined {
    return this.extensions().widgetValue(widgetId);
  }

  private extensions(): import('./behaviours/extensions').ExtensionsBehaviour {
    return this.behaviour<import('./behaviours/extensions').ExtensionsBehaviour>('extensions');
  }

  /** A call comes in: `Call[n]` in `Ringing`, `IncomingCallIndication`. Returns the CallId. */
  incomingCall(remoteNumber: string, displayName = remoteNumber): number {
    return this.behaviour<import('./behaviours/calls').CallsBehaviour>('calls').incoming(remoteNumber, displayName);
  }

  /** A macro writes to its console: emits `Macros Log`. */
  macroLog(macro: string, message: string, level = 'INFO'): void {
    this.behaviour<import('./behaviours/macros').MacrosBehaviour>('macros').log(macro, message, level);
  }
}

function stoppedError(duringBoot = false): EmulatorError {
  return new EmulatorError(duringBoot ? 'The device was stopped before it finished booting' : 'The device was stopped');
}

/** Options of the control API's setters. */
export interface SetOptions {
  /** Refuse values outside the schema (ValueSpaceError) instead of storing them as given. */
  readonly checked?: boolean;
}

/** A value a test gives, against a value space: the same rule as xSet (schema/valueCheck.ts). */
function checkedValue(path: string, vs: ValueSpace, value: unknown): void {
  if (checkValue(vs, value) === undefined) throw new ValueSpaceError(path, value, vs);
}

/** An event payload a test gives, against the event's fields (names case-insensitive, nested fields by their children). */
function checkPayload(path: string, bare: ValueSpace | undefined, fields: readonly EventField[], payload: unknown): void {
  if (bare && (payload === null || typeof payload !== 'object')) {
    checkedValue(path, bare, payload);
    return;
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new EmulatorError(`${path}: the payload must be an object of fields, not ${shownText(JSON.stringify(payload) ?? String(payload))}`);
  }
  for (const [k, v] of Object.entries(payload as Record<string, unknown>)) {
    const f = fields.find(x => x.name.toLowerCase() === k.toLowerCase());
    if (!f) {
      const known = fields.map(x => x.name).join(', ') || 'none';
      throw new EmulatorError(`${path} has no field '${shownText(k)}' (fields: ${known})`);
    }
    const where = `${path} ${f.name}`;
    if (f.children) {
      for (const item of Array.isArray(v) ? v : [v]) checkPayload(where, undefined, f.children, item);
    } else if (f.valueSpace) {
      for (const item of Array.isArray(v) && f.multiple ? v : [v]) checkedValue(where, f.valueSpace, item);
    }
  }
}

/** Event payload fields typed by the schema (int → number, everything else string); unknown fields kept as given. */
function typeFields(fields: readonly EventField[], payload: unknown): Json {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return {};
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(payload as Record<string, unknown>)) {
    const f = fields.find(x => x.name.toLowerCase() === k.toLowerCase());
    // With a field list in the schema, the event carries only those fields (as the device does).
    if (!f && fields.length) continue;
    const name = f?.name ?? k;
    if (f?.children && v !== null && typeof v === 'object') {
      out[name] = Array.isArray(v) ? v.map(x => typeFields(f.children!, x)) : typeFields(f.children, v);
    } else out[name] = typeValue(f?.valueSpace as ValueSpace | undefined, v);
  }
  return out;
}
