/**
 * `xapi watch` on a Webex cloud device: the cloud has no feedback, so the paths are read again at an interval
 * (at least 10 s: the cloud is about a second away and rate-limits), and what changed since the last read is
 * printed as feedback would be. Changes between two reads are not seen; events cannot be followed at all.
 */
import { treeOf } from '../xapi/cloud/cloudPaths';
import type { Xapi } from '../xapi/index';
import type { FeedbackParams, PathSegment } from '../xapi/protocol';

export { MIN_POLL_SECONDS } from '../xapi/cloud/webexApi';

export interface PollHandlers {
  /** A path's value, first read or changed: as a feedback notification would carry it. */
  changed(params: Omit<FeedbackParams, 'Id'>): void;
  /** A path could not be read this round (said once until it can be read again). */
  failed(path: readonly PathSegment[], error: unknown): void;
}

export interface Poller {
  /** Resolves when stopped. */
  readonly done: Promise<void>;
  stop(): void;
}

/** Reads `paths` (rooted: `['Status', 'Audio', 'Volume']`) now and then every `intervalMs` until stopped. */
export function pollPaths(xapi: Xapi, paths: readonly PathSegment[][], intervalMs: number, handlers: PollHandlers,
  sleep: (ms: number, stopped: Promise<void>) => Promise<void> = defaultSleep): Poller {
  let stop!: () => void;
  const stopped = new Promise<void>(r => { stop = r; });
  let running = true;
  void stopped.then(() => { running = false; });
  const last = new Map<number, string>();
  const failing = new Set<number>();
  const round = async () => {
    await Promise.all(paths.map(async (p, i) => {
      try {
        const value = p[0] === 'Configuration' ? await xapi.config.get(p) : await xapi.status.get(p);
        failing.delete(i);
        const text = JSON.stringify(value);
        if (last.get(i) === text || !running) return;
        last.set(i, text);
        handlers.changed({ [p[0]]: treeOf(p.slice(1), value) });
      } catch (e) {
        if (!failing.has(i)) handlers.failed(p, e);
        failing.add(i);
      }
    }));
  };
  const done = (async () => {
    while (running) {
      // Stopping does not wait for reads still on their way (a slow cloud, a Retry-After wait).
      await Promise.race([round(), stopped]);
      if (!running) break;
      await sleep(intervalMs, stopped);
    }
  })();
  return { done, stop: () => stop() };
}

function defaultSleep(ms: number, stopped: Promise<void>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([new Promise<void>(r => { timer = setTimeout(r, ms); }), stopped]).finally(() => clearTimeout(timer));
}
