/**
 * The one contract between the extension host and the events webview (both sides import it, as the LSP
 * contract is shared by client and server). The webview is a separate JavaScript world: what crosses is
 * structured-cloned, so only plain data lives here, and the host checks what the webview sends (`parseWebviewMessage`).
 */

/** One event as the tail received it. */
export interface EventRow {
  /** Increasing per tail, never reused (also across Clear): the webview and the host name rows by it. */
  readonly seq: number;
  /** Milliseconds since the epoch, when the host received it (device events carry no time of their own). */
  readonly time: number;
  /** `UserInterface Extensions Widget Action` (no `Event` root). */
  readonly path: string;
  readonly payload: unknown;
}

/** What the panel says above the table: what it tails and whether it is connected. */
export interface TailStatus {
  readonly connected: boolean;
  /** `all events` or the chosen paths, as shown. */
  readonly subscribed: string;
  /** The device's label while connected. */
  readonly device?: string;
  /** Said instead of the subscription when there can be none (a device on the Webex cloud has no event feed). */
  readonly notice?: string;
}

/** What the panel says for a device on the Webex cloud. */
export const CLOUD_NO_EVENTS = 'a device on the Webex cloud has no event feed (the cloud xAPI sends none): connect to the device\'s own address to see its events';

export type HostToWebview =
  /** Everything the table should hold, replacing what it had: on load, on becoming visible, after Clear or a gap. */
  | {
    readonly type: 'replay'; readonly rows: readonly EventRow[]; readonly dropped: number; readonly capacity: number;
    readonly paused: boolean; readonly filter: string; readonly status: TailStatus;
  }
  /** New rows in arrival order, at most a few posts a second however fast events come. */
  | { readonly type: 'append'; readonly rows: readonly EventRow[]; readonly dropped: number }
  | { readonly type: 'state'; readonly paused: boolean; readonly filter: string; readonly status: TailStatus };

/** What the webview reports after each render: the DOM cannot be read from the host, so tests read this. */
export interface WebviewReport {
  readonly rowsHeld: number;
  /** Rows that pass the filter. */
  readonly rowsVisible: number;
  /** Table rows in the DOM now (the virtualised window, not the whole buffer). */
  readonly rowsInDom: number;
  readonly paused: boolean;
  readonly filter: string;
  readonly dropped: number;
  readonly renders: number;
  readonly batches: number;
  readonly replays: number;
  /** The newest row held (-1 for none). */
  readonly newestSeq: number;
  /** The status line as the panel shows it (`Room: all events`, `Not connected`). */
  readonly status: string;
}

export type WebviewToHost =
  /** The script has loaded (first time, or again after the view was hidden and its content discarded). */
  | { readonly type: 'ready' }
  | { readonly type: 'report'; readonly report: WebviewReport }
  | { readonly type: 'setFilter'; readonly text: string }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'clear' }
  | { readonly type: 'export' }
  | { readonly type: 'copySnippet'; readonly seq: number };

const REPORT_NUMBERS = ['rowsHeld', 'rowsVisible', 'rowsInDom', 'dropped', 'renders', 'batches', 'replays', 'newestSeq'] as const;

/** The message if it is one of ours, else undefined: a webview is a page, and a bad message must not crash the host. */
export function parseWebviewMessage(m: unknown): WebviewToHost | undefined {
  if (typeof m !== 'object' || m === null) return undefined;
  const msg = m as Record<string, unknown>;
  switch (msg.type) {
    case 'ready': case 'pause': case 'resume': case 'clear': case 'export':
      return { type: msg.type };
    case 'setFilter':
      return typeof msg.text === 'string' ? { type: 'setFilter', text: msg.text.slice(0, 1000) } : undefined;
    case 'copySnippet':
      return Number.isInteger(msg.seq) ? { type: 'copySnippet', seq: msg.seq as number } : undefined;
    case 'report': {
      const r = msg.report as Record<string, unknown> | undefined;
      if (typeof r !== 'object' || r === null) return undefined;
      if (!REPORT_NUMBERS.every(k => typeof r[k] === 'number') || typeof r.paused !== 'boolean' || typeof r.filter !== 'string' || typeof r.status !== 'string') return undefined;
      return { type: 'report', report: r as unknown as WebviewReport };
    }
    default:
      return undefined;
  }
}
