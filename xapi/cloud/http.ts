/**
 * HTTP to the Webex cloud: a bearer token on every request, the cloud's errors as the client's error classes
 * (with the tracking id kept), and retries that never repeat an action that may have happened:
 *   - 429 and 423 mean the call was not executed: wait `Retry-After` seconds and send it again, unless the wait
 *     exceeds the time left; then a RateLimitError carrying `retryAfter`, at once;
 *   - a 5xx or a dropped connection is retried with backoff for reads (GET) and configuration writes (PATCH, which
 *     is idempotent); a command (POST) gets a MaybeExecutedError instead, and is never sent twice;
 *   - a 401 with a refresh grant gets one new access token and one more try (a 401 executed nothing).
 * Node's own fetch; through a proxy (undici's agents) when one is given or `HTTPS_PROXY`/`HTTP_PROXY` is set
 * (`NO_PROXY` honoured; never for loopback), since Node's fetch ignores those variables.
 */
import type { Dispatcher } from 'undici';
import {
  AuthenticationError, ClientErrorCode, CommandError, ConnectionError, InvalidParameterError, MaybeExecutedError, NotFoundError,
  PermissionDeniedError, RateLimitError, TimeoutError, XapiError,
} from '../errors';
import { CloudHeader, CloudPath, SCOPE_OF, WEBEX_BASE_URL, type CloudErrorBody, type CloudOperation } from './webexApi';

/** A refresh grant: the client fetches (and renews) its access token itself. */
export interface RefreshGrant {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
}

export interface CloudHttpOptions {
  /** An access token, or a refresh grant to get one. */
  readonly token?: string;
  readonly refresh?: RefreshGrant;
  /** Default `https://webexapis.com/v1`; anything but loopback must be HTTPS. */
  readonly baseUrl?: string;
  /** Time a call may take, waits for `Retry-After` and retries included; default 30 s; 0 for no limit. */
  readonly timeoutMs?: number;
  /** Retries of a read or configuration write after a 5xx or a dropped connection; default 3. */
  readonly retries?: number;
  /** A proxy for every request (VS Code's `http.proxy`); default: `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY`. */
  readonly proxy?: string;
  /** Waits (tests make them instant and count them); default real timers. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface CloudRequest {
  readonly op: CloudOperation;
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly path: string;
  /** Query parameters; an array value repeats the name. */
  readonly query?: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body?: unknown;
  readonly contentType?: string;
  /** Says what failed in an error's message (`xCommand Audio Volume Set`). */
  readonly what: string;
}

export interface CloudResponse<T> {
  readonly body: T;
  readonly trackingId?: string;
  readonly headers: Headers;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RETRIES = 3;
const BACKOFF_MS = 250;

const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

/** Whether a URL points at this machine (the simulated cloud): never HTTPS-only, never through a proxy from elsewhere. */
export function isLoopbackUrl(url: string): boolean {
  try { return LOOPBACK.has(new URL(url).hostname); } catch { return false; }
}

/** A bearer token is printable ASCII without spaces; anything else would be refused by fetch with the token in the message. */
const TOKEN_SHAPE = /^[\x21-\x7e]+$/;

/** The base URL, checked: HTTPS unless loopback (a bearer token never crosses a network in clear). */
export function checkedBaseUrl(baseUrl = WEBEX_BASE_URL): URL {
  let url: URL;
  try { url = new URL(baseUrl); } catch { throw new InvalidParameterError(`The Webex base URL "${baseUrl}" is not a URL`, ClientErrorCode.Usage); }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return url;
  throw new InvalidParameterError(`The Webex base URL must be https:// (or http:// on loopback), not ${url.protocol}//${url.host}`, ClientErrorCode.Usage);
}

/** Through a proxy: undici's fetch with its agent (loaded only then: most users have no proxy, and it is big). */
interface Proxied { readonly fetch: typeof import('undici').fetch; readonly dispatcher: Dispatcher }

/**
 * Which proxy a base URL goes through: the one given (always), else the environment's (`HTTPS_PROXY`, `HTTP_PROXY`,
 * with `NO_PROXY` applied by undici), except for loopback: a proxy cannot reach this machine's own loopback, and
 * the simulated cloud lives there.
 */
export function proxySetting(base: URL, proxy: string | undefined, env: NodeJS.ProcessEnv = process.env): { readonly url: string } | 'environment' | undefined {
  if (proxy) return { url: proxy };
  if (LOOPBACK.has(base.hostname)) return undefined;
  return env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy ? 'environment' : undefined;
}

async function proxied(setting: ReturnType<typeof proxySetting>): Promise<Proxied | undefined> {
  if (!setting) return undefined;
  const undici = await import('undici');
  return { fetch: undici.fetch, dispatcher: setting === 'environment' ? new undici.EnvHttpProxyAgent() : new undici.ProxyAgent(setting.url) };
}

export class CloudHttp {
  readonly base: URL;
  private token: string | undefined;
  private refreshing: Promise<string> | undefined;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private proxy: Promise<Proxied | undefined> | undefined;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: CloudHttpOptions) {
    if (!options.token && !options.refresh) throw new InvalidParameterError('A Webex access token (or a refresh grant) is needed', ClientErrorCode.Usage);
    // Said without the token: an error message must never carry it.
    if (options.token !== undefined && !TOKEN_SHAPE.test(options.token)) throw new InvalidParameterError('The Webex access token has characters a token cannot have (spaces, line breaks, non-ASCII): paste it again', ClientErrorCode.Usage);
    if (options.proxy !== undefined) {
      // Not echoed: a proxy URL may hold a user and password.
      try { new URL(options.proxy); } catch { throw new InvalidParameterError('The proxy setting is not a URL (http://host:port)', ClientErrorCode.Usage); }
    }
    this.base = checkedBaseUrl(options.baseUrl);
    this.token = options.token;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retries = options.retries ?? DEFAULT_RETRIES;
    this.sleep = options.sleep ?? (ms => new Promise(r => setTimeout(r, ms)));
  }

  /** A path below the base URL, or a whole URL the cloud gave (a `Link` to the next page): only below the base. */
  url(path: string, query: CloudRequest['query'] = {}): URL {
    const url = /^https?:/.test(path) ? new URL(path) : new URL(this.base.href.replace(/\/$/, '') + path);
    if (url.origin !== this.base.origin || !url.pathname.startsWith(this.base.pathname.replace(/\/$/, ''))) {
      // The token goes with every request: never to where the base URL does not point.
      throw new XapiError(`Webex pointed to ${url.origin}${url.pathname}, outside ${this.base.href}: not followed`, ClientErrorCode.Protocol);
    }
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined) continue;
      for (const one of typeof v === 'string' ? [v] : v) url.searchParams.append(k, one);
    }
    return url;
  }

  async request<T>(req: CloudRequest): Promise<CloudResponse<T>> {
    const deadline = this.timeoutMs > 0 ? Date.now() + this.timeoutMs : Infinity;
    const idempotent = req.method !== 'POST';
    let failures = 0;
    let refreshed = false;
    for (;;) {
      const left = deadline - Date.now();
      // Nothing was sent this time round: out of time is a plain timeout, even for a command.
      if (left <= 0) throw new TimeoutError(`${req.what}: no answer from Webex within ${this.timeoutMs} ms`, ClientErrorCode.Timeout);
      let res: { status: number; ok: boolean; statusText: string; headers: Headers; text: string };
      try {
        res = await this.exchange(req, await this.accessToken(), left);
      } catch (e) {
        if (e instanceof XapiError) throw e;
        const neverSent = isRefused(e);
        if (!idempotent && !neverSent) {
          throw new MaybeExecutedError(`${req.what}: the connection to Webex failed before the answer (${describe(e)}); the command may have run, and is not sent again`, ClientErrorCode.MaybeExecuted, undefined, { cause: e });
        }
        if ((idempotent || neverSent) && failures < this.retries && await this.backoff(++failures, deadline)) continue;
        if (isTimeout(e)) throw this.timedOut(req);
        throw new ConnectionError(`${req.what}: Webex could not be reached at ${this.base.host} (${describe(e)})`, ClientErrorCode.Connection, undefined, { cause: e });
      }
      const trackingId = res.headers.get(CloudHeader.trackingId) ?? undefined;
      if (res.ok) {
        let body: unknown = undefined;
        if (res.text) {
          try { body = JSON.parse(res.text); } catch { throw new XapiError(`${req.what}: Webex answered with what is not JSON`, ClientErrorCode.Protocol, undefined, { trackingId }); }
        }
        return { body: body as T, trackingId, headers: res.headers };
      }
      let body: CloudErrorBody | undefined;
      try { body = JSON.parse(res.text) as CloudErrorBody; } catch { body = undefined; }
      const id = trackingId ?? body?.trackingId;
      if (res.status === 429 || res.status === 423) {
        const retryAfter = retryAfterSeconds(res.headers.get(CloudHeader.retryAfter));
        // At least the backoff's first step: `Retry-After: 0` must not become a tight loop.
        const wait = Math.max(retryAfter * 1000, BACKOFF_MS);
        if (Date.now() + wait < deadline) {
          await this.sleep(wait);
          continue;
        }
        throw new RateLimitError(`${req.what}: Webex is rate-limiting (HTTP ${res.status}); it asks to wait ${retryAfter} s, more than the ${Math.round(left / 1000)} s left`, retryAfter, { trackingId: id });
      }
      if (res.status === 401 && this.options.refresh && !refreshed) {
        refreshed = true;
        this.token = undefined;
        continue;
      }
      if (res.status >= 500) {
        if (!idempotent) {
          throw new MaybeExecutedError(`${req.what}: Webex answered HTTP ${res.status} (${cloudText(body) ?? res.statusText}); the command may have run, and is not sent again`, ClientErrorCode.MaybeExecuted, { status: res.status }, { trackingId: id });
        }
        if (failures < this.retries && await this.backoff(++failures, deadline)) continue;
      }
      throw cloudError(req, res.status, body, id);
    }
  }

  /** Node's fetch, or undici's through the proxy when there is one. */
  private async fetch(url: URL, init: RequestInit): Promise<Response> {
    const p = await (this.proxy ??= proxied(proxySetting(this.base, this.options.proxy)));
    return p ? await (p.fetch(url, { ...init, dispatcher: p.dispatcher } as never) as unknown as Promise<Response>) : await fetch(url, init);
  }

  /** One request and its whole answer (the body read here too: a drop while reading is a failed exchange). */
  private async exchange(req: CloudRequest, token: string, left: number): Promise<{ status: number; ok: boolean; statusText: string; headers: Headers; text: string }> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    let body: string | undefined;
    if (req.body !== undefined) {
      headers['content-type'] = req.contentType ?? 'application/json';
      body = JSON.stringify(req.body);
    }
    const init = { method: req.method, headers, body, ...(Number.isFinite(left) ? { signal: AbortSignal.timeout(left) } : {}) };
    const res = await this.fetch(this.url(req.path, req.query), init);
    return { status: res.status, ok: res.ok, statusText: res.statusText, headers: res.headers, text: await res.text() };
  }

  /** The access token: the one given, or one from the refresh grant (shared by concurrent calls). */
  private async accessToken(): Promise<string> {
    if (this.token) return this.token;
    this.refreshing ??= this.refreshToken().finally(() => { this.refreshing = undefined; });
    this.token = await this.refreshing;
    return this.token;
  }

  private async refreshToken(): Promise<string> {
    const grant = this.options.refresh;
    if (!grant) throw new AuthenticationError('Webex rejected the access token (HTTP 401), and there is no refresh grant to get another', ClientErrorCode.Authentication);
    const form = new URLSearchParams({ grant_type: 'refresh_token', client_id: grant.clientId, client_secret: grant.clientSecret, refresh_token: grant.refreshToken });
    const init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form.toString(), signal: AbortSignal.timeout(this.timeoutMs) };
    const url = this.url(CloudPath.accessToken);
    let res: Response;
    try {
      res = await this.fetch(url, init);
    } catch (e) {
      throw new ConnectionError(`Webex could not be reached at ${this.base.host} to refresh the access token (${describe(e)})`, ClientErrorCode.Connection, undefined, { cause: e });
    }
    const body = await res.json().catch(() => undefined) as { access_token?: unknown } & CloudErrorBody | undefined;
    const trackingId = res.headers.get(CloudHeader.trackingId) ?? body?.trackingId;
    if (!res.ok || typeof body?.access_token !== 'string') {
      throw new AuthenticationError(`Webex did not refresh the access token (HTTP ${res.status}${cloudText(body) ? `: ${cloudText(body)}` : ''})`, ClientErrorCode.Authentication, undefined, { trackingId });
    }
    return body.access_token;
  }

  /** Waits before retry `n`; false when the wait would pass the deadline. */
  private async backoff(n: number, deadline: number): Promise<boolean> {
    const ms = BACKOFF_MS * 2 ** (n - 1);
    if (Date.now() + ms >= deadline) return false;
    await this.sleep(ms);
    return true;
  }

  /** A request that was sent and got no answer in time: for a command, it may have run. */
  private timedOut(req: CloudRequest): XapiError {
    const message = `${req.what}: no answer from Webex within ${this.timeoutMs} ms`;
    return req.method === 'POST'
      ? new MaybeExecutedError(`${message}; the command may have run, and is not sent again`, ClientErrorCode.MaybeExecuted)
      : new TimeoutError(message, ClientErrorCode.Timeout);
  }

  /** Ends the proxy agent's connections, if one was made. */
  async close(): Promise<void> {
    const p = await this.proxy?.catch(() => undefined);
    await p?.dispatcher.close().catch(() => undefined);
  }

  /** Only where it points: the token and the refresh grant stay out of logs and the REPL. */
  [Symbol.for('nodejs.util.inspect.custom')](): string { return `[CloudHttp ${this.base.href}]`; }
  toJSON(): { base: string } { return { base: this.base.href }; }
}

/** `Retry-After` in seconds (the cloud sends seconds; an HTTP date is accepted too); 1 s when absent or unreadable. */
export function retryAfterSeconds(header: string | null): number {
  if (header === null) return 1;
  const n = Number(header);
  if (Number.isFinite(n) && n >= 0) return n;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - Date.now()) / 1000)) : 1;
}

/** The cloud's own text of an error body. */
export function cloudText(body: CloudErrorBody | undefined): string | undefined {
  return body?.message ?? body?.errors?.find(e => e.description)?.description;
}

/** An HTTP error as the client's class: what failed, the cloud's text, the tracking id. */
export function cloudError(req: CloudRequest, status: number, body: CloudErrorBody | undefined, trackingId: string | undefined): XapiError {
  const text = cloudText(body) ?? `HTTP ${status}`;
  const message = `${req.what}: ${text}`;
  const opts = { trackingId };
  const data = { status };
  switch (status) {
    case 401: return new AuthenticationError(`${req.what}: Webex rejected the access token (HTTP 401): it is wrong or has expired`, ClientErrorCode.Authentication, data, opts);
    case 403: return new PermissionDeniedError(`${message} (HTTP 403: this needs a token with the scope ${SCOPE_OF[req.op]}, and access to the device)`, status, { ...data, scope: SCOPE_OF[req.op] }, opts);
    case 404: return new NotFoundError(message, status, data, opts);
    case 400:
      // An unknown command is a 400 with "… not supported": not found, as on a local connection.
      if (/not supported/i.test(text)) return new NotFoundError(message, status, data, opts);
      return req.op === 'command' ? new CommandError(message, text, data, opts) : new InvalidParameterError(message, status, data, opts);
    default: return new XapiError(`${message} (HTTP ${status})`, ClientErrorCode.Cloud, data, opts);
  }
}

function isRefused(e: unknown): boolean {
  const code = (e as { cause?: { code?: string } })?.cause?.code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
}

function isTimeout(e: unknown): boolean {
  return (e as { name?: string })?.name === 'TimeoutError';
}

function describe(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (e as Error)?.message ?? String(e);
}
