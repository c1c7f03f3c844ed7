/**
 * The feedback subscriptions of one live tree: one per expanded node that no expanded ancestor covers, and one per
 * watched path (held under `w:` + its key, apart from the tree node of the same path). It knows which the device
 * has accepted and which it refused at its subscription limit (a real device accepts only so many per
 * connection); a refused one is not retried on a timer, only when asked again. No VS Code here: plain Node tests
 * it against the simulated device.
 */
import { SubscriptionLimitError, type Subscription, type Xapi } from '../../../xapi';
import type { PathSegment } from '../../../xapi/protocol';
import { pathKey } from './mirror';

/** How a key is kept current: accepted by the device, not yet answered, refused at the limit, or not at all. */
export type SubscriptionState = 'live' | 'pending' | 'limited' | 'none';

export interface TreeSubscriptionsHost {
  /** The tree's root word (`Status`, `Configuration`): subscriptions are on rooted paths. */
  readonly root: string;
  /** A feedback notification, as the device sent it (from its root down). */
  feedback(root: Record<string, unknown>): void;
  /** A key's mark changed: accepted after a refusal, or refused at the limit. */
  markChanged(key: string): void;
  /** A subscription the device refused, said once (`what` is the path as a user reads it). */
  refused(path: readonly PathSegment[], error: Error): void;
}

/** The key a watched path's subscription is held under, apart from its tree node's. */
export function watchedKey(path: readonly PathSegment[]): string {
  return `w:${pathKey(path)}`;
}

export class TreeSubscriptions {
  private readonly subs = new Map<string, Subscription>();
  /** Subscriptions the device has accepted (the rest of `subs` are in flight). */
  private readonly live = new Set<string>();
  /** Keys the device refused a subscription for: read on Refresh only. */
  private readonly limited = new Set<string>();

  constructor(private readonly host: TreeSubscriptionsHost) {}

  /** Subscribes `path` under `key` (its own key unless given); nothing when one is already held there. */
  open(xapi: Xapi, path: readonly PathSegment[], key = pathKey(path)): void {
    if (this.subs.has(key)) return;
    const sub = xapi.feedback.on([this.host.root, ...path], (_value, root) => this.host.feedback(root as unknown as Record<string, unknown>));
    this.subs.set(key, sub);
    sub.registered.then(() => {
      if (this.subs.get(key) === sub) this.live.add(key);
      if (this.limited.delete(key)) this.host.markChanged(key);
    }, (e: unknown) => {
      if (this.subs.get(key) !== sub) return; // closed (or the session changed) meanwhile
      this.subs.delete(key);
      if (e instanceof SubscriptionLimitError) {
        this.limited.add(key);
        this.host.markChanged(key);
      }
      this.host.refused(path, e as Error);
    });
  }

  /** Ends the subscription held under `key`; false when there was none. */
  close(key: string): boolean {
    this.subs.get(key)?.();
    this.live.delete(key);
    return this.subs.delete(key);
  }

  /** Ends every subscription and forgets the refusals (the view hid, or the session ended). */
  closeAll(): void {
    for (const key of [...this.subs.keys()]) this.close(key);
    this.limited.clear();
  }

  /** Forgets a refusal (the node collapsed, or stopped being watched): true when there was one. */
  forgetRefusal(key: string): boolean {
    return this.limited.delete(key);
  }

  has(key: string): boolean {
    return this.subs.has(key);
  }

  /** Settles once the device has answered the subscription under `key` (at once when there is none). */
  async answered(key: string): Promise<void> {
    await this.subs.get(key)?.registered.catch(() => undefined);
  }

  /** The subscription that keeps `path` current: its watched one, its own, or its nearest ancestor's. */
  covering(path: readonly PathSegment[]): Subscription | undefined {
    const watched = this.subs.get(watchedKey(path));
    if (watched) return watched;
    for (let i = path.length; i >= 1; i--) {
      const sub = this.subs.get(pathKey(path.slice(0, i)));
      if (sub) return sub;
    }
    return undefined;
  }

  /** Whether an ancestor's subscription (strictly above `path`) covers it. */
  coveredByAncestor(path: readonly PathSegment[]): boolean {
    for (let i = path.length - 1; i >= 1; i--) if (this.subs.has(pathKey(path.slice(0, i)))) return true;
    return false;
  }

  state(key: string): SubscriptionState {
    if (this.live.has(key)) return 'live';
    if (this.subs.has(key)) return 'pending';
    return this.limited.has(key) ? 'limited' : 'none';
  }

  /** The keys held now (the device's limit counts them, per connection). */
  keys(): string[] {
    return [...this.subs.keys()];
  }
}
