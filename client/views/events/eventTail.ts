/**
 * The event tail of the extension host: the device subscriptions and the ring buffer they fill. No VS Code here
 * (the view wires it to the session, the bench drives it directly). Respects a real device's limits: one
 * subscription on `['Event']` for all events, or one per chosen path (paths under another chosen path are
 * left out: the device would send their events twice). The library subscribes again after a reconnect.
 */
import type { Subscription, Xapi } from '../../../xapi';
import { splitEvents, type EventSchemaLookup } from './eventSplit';
import type { EventRow } from './messages';
import { RingBuffer } from './ringBuffer';

export const ALL_EVENTS = 'all events';

export interface EventTailOptions {
  readonly capacity: number;
  /** Event paths without the `Event` root (`UserInterface Extensions Widget Action`); empty for all events. */
  readonly paths?: readonly string[];
  /** Where a path ends and the payload begins, from the schema in force (see eventSplit.ts). */
  readonly schema?: EventSchemaLookup;
  /** A subscription the device refused, or a path that is not one. */
  readonly onError?: (message: string) => void;
  readonly now?: () => number;
}

export class EventTail {
  readonly ring: RingBuffer<EventRow>;
  private seq = 0;
  private paths: string[];
  private xapi: Xapi | undefined;
  private subs: Subscription[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;
  /** Everything received since creation (the bench compares it with what the device sent). */
  received = 0;

  constructor(private readonly options: EventTailOptions) {
    this.ring = new RingBuffer<EventRow>(options.capacity);
    this.paths = effectivePaths(options.paths ?? []);
    this.now = options.now ?? Date.now;
  }

  /** Calls `listener` after rows were appended (synchronously, once per notification). Returns the unsubscribe. */
  onDidAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get attached(): boolean { return this.xapi !== undefined; }
  /** Paths subscribed to (without the `Event` root); empty for all events. */
  get subscribedPaths(): readonly string[] { return this.paths; }
  get label(): string { return this.paths.length ? this.paths.join(', ') : ALL_EVENTS; }
  /** Number of device subscriptions held now. */
  get subscriptionCount(): number { return this.subs.length; }
  /** The seq of the newest row ever added (0 before the first). */
  get newestSeq(): number { return this.seq; }

  attach(xapi: Xapi): void {
    if (this.xapi === xapi) return;
    this.detach();
    this.xapi = xapi;
    this.subscribe();
  }

  detach(): void {
    for (const off of this.subs) off();
    this.subs = [];
    this.xapi = undefined;
  }

  setPaths(paths: readonly string[]): void {
    const next = effectivePaths(paths);
    if (next.join('\n') === this.paths.join('\n')) return;
    this.paths = next;
    if (!this.xapi) return;
    for (const off of this.subs) off();
    this.subs = [];
    this.subscribe();
  }

  setCapacity(capacity: number): void { this.ring.resize(capacity); }

  clear(): void { this.ring.clear(); }

  /** Rows newer than `seq`, oldest first; undefined when some of them were already dropped (the caller replays). */
  rowsAfter(seq: number): EventRow[] | undefined {
    const missing = this.seq - seq;
    if (missing <= 0) return [];
    if (missing > this.ring.length) return undefined;
    return this.ring.tail(missing);
  }

  find(seq: number): EventRow | undefined {
    return this.ring.findLast(r => r.seq === seq);
  }

  private subscribe(): void {
    const xapi = this.xapi;
    if (!xapi) return;
    const targets = this.paths.length ? this.paths : ['Event'];
    for (const target of targets) {
      let sub: Subscription;
      try {
        sub = xapi.event.on(target, (_value: unknown, root: { Event?: unknown }) => this.receive(root.Event));
      } catch (e) {
        this.options.onError?.(`Event path "${target}": ${(e as Error).message}`);
        continue;
      }
      sub.registered.catch((e: Error) => this.options.onError?.(`The device refused the event subscription on "${target}": ${e.message}`));
      this.subs.push(sub);
    }
  }

  private receive(tree: unknown): void {
    const time = this.now();
    const events = splitEvents(tree, this.options.schema);
    for (const e of events) {
      this.ring.push({ seq: ++this.seq, time, path: e.names.join(' '), payload: e.payload });
      this.received++;
    }
    if (events.length) for (const l of this.listeners) l();
  }
}

/** Trimmed, de-duplicated (case-insensitively, as the device matches), and without paths under another one. */
export function effectivePaths(paths: readonly string[]): string[] {
  const norm = paths
    .map(p => p.trim().replace(/^x?event\s+/i, '').replace(/\s+/g, ' '))
    .filter(p => p !== '' && !/^x?event$/i.test(p));
  if (norm.length !== paths.filter(p => /\S/.test(p)).length) return []; // `Event` itself among them: everything
  const lower = norm.map(p => p.toLowerCase());
  const out: string[] = [];
  norm.forEach((p, i) => {
    const covered = lower.some((q, j) => j !== i && (lower[i].startsWith(`${q} `) || (q === lower[i] && j < i)));
    if (!covered) out.push(p);
  });
  return out;
}
