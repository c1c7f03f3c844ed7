/** The operations both API styles (proxy and string) are thin layers over; the client implements them. */
import type { FeedbackListener } from './feedback';
import type { PathSegment } from './protocol';
import type { CallOptions, CommandResult, Subscription } from './typed';

export type { CallOptions };

export interface XapiOps {
  /** `names` without the `Command` root. */
  command(names: PathSegment[], params: Record<string, unknown> | undefined, body: string | undefined, opts?: CallOptions): Promise<CommandResult>;
  /** Rooted path (`['Status', 'Audio', 'Volume']`). */
  get(path: PathSegment[], opts?: CallOptions): Promise<any>;
  set(path: PathSegment[], value: unknown, opts?: CallOptions): Promise<void>;
  on(path: PathSegment[], listener: FeedbackListener, once: boolean): Subscription;
}
