/**
 * Node transport over the `ws` package: credentials in an `Authorization: Basic` header, TLS verified unless
 * the caller opts in, and a ping/pong heartbeat so a silently dead link is noticed.
 */
import WebSocket from 'ws';
import type { ClientRequest, IncomingMessage } from 'node:http';
import {
  AuthenticationError, ClientErrorCode, ConnectionError, TLS_HINT, TlsError, XapiError,
} from './errors';
import { DEFAULT_HEARTBEAT, type HeartbeatOptions, type Transport, type TransportHandlers } from './transport';

export interface NodeTransportOptions {
  url: string;
  username: string;
  password: string;
  /** Turns off certificate verification for this connection (any certificate is accepted). Off by default. */
  allowSelfSignedTls?: boolean;
  /** Extra CA certificate(s) (PEM) to trust, e.g. the device's own self-signed certificate. */
  ca?: string | Buffer | Array<string | Buffer>;
  heartbeat?: HeartbeatOptions;
  /** Connect timeout; default 10 s. */
  connectTimeoutMs?: number;
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_UNTRUSTED', 'CERT_REJECTED', 'CERT_SIGNATURE_FAILURE',
]);

/** Maps a socket-level failure to the error class callers switch on. */
export function classifyNodeError(err: NodeJS.ErrnoException, url: string): XapiError {
  const code = err.code ?? '';
  if (TLS_CODES.has(code) || /certificate/i.test(err.message)) {
    return new TlsError(`TLS certificate of ${url} is not trusted (${code || err.message}); ${TLS_HINT}`, ClientErrorCode.Tls, { reason: code });
  }
  const why: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'unknown host',
    EAI_AGAIN: 'unknown host (DNS lookup failed)',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    ETIMEDOUT: 'connection timed out',
    ECONNRESET: 'connection reset',
  };
  return new ConnectionError(`Cannot connect to ${url}: ${why[code] ?? err.message}`, ClientErrorCode.Connection, { reason: code || undefined }, { cause: err });
}

function statusError(status: number, url: string): XapiError {
  if (status === 401 || status === 403) {
    return new AuthenticationError(`Authentication failed for ${url} (HTTP ${status}): wrong username or password${status === 401 && url.startsWith('ws:') ? ', or the device only accepts wss://' : ''}`, ClientErrorCode.Authentication, { status });
  }
  const hint = status === 502 ? 'the device is probably restarting'
    : status === 503 ? 'connection rate limit exceeded'
      : status === 404 ? 'no WebSocket at this path'
        : 'is NetworkServices Websocket enabled on the device?';
  return new ConnectionError(`Cannot connect to ${url}: HTTP ${status} (${hint})`, ClientErrorCode.Connection, { status });
}

export function createNodeTransport(opts: NodeTransportOptions): Transport {
  let ws: WebSocket | undefined;
  let closedByClient = false;
  let heartbeatTimer: NodeJS.Timeout | undefined;
  const hb = { ...DEFAULT_HEARTBEAT, ...opts.heartbeat };
  // Built once here so the credentials live only in this closure, never on an inspectable object.
  const authorization = 'Basic ' + Buffer.from(`${opts.username}:${opts.password}`, 'utf8').toString('base64');

  const stopHeartbeat = () => { if (heartbeatTimer) clearInterval(heartbeatTimer); heartbeatTimer = undefined; };

  return {
    heartbeat: 'transport',
    description: opts.url,
    open(handlers: TransportHandlers): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        let settled = false;
        let opened = false;
        const fail = (e: XapiError) => {
          if (settled) return;
          settled = true;
          try { socket.terminate(); } catch { /* already gone */ }
          reject(e);
        };
        const socket = new WebSocket(opts.url, {
          headers: { Authorization: authorization },
          rejectUnauthorized: !opts.allowSelfSignedTls,
          ca: opts.ca as string | Buffer | Array<string | Buffer> | undefined,
          handshakeTimeout: opts.connectTimeoutMs ?? 10_000,
          perMessageDeflate: false,
          followRedirects: false,
        });
        ws = socket;
        socket.on('unexpected-response', (_req: ClientRequest, res: IncomingMessage) => {
          res.resume();
          fail(statusError(res.statusCode ?? 0, opts.url));
        });
        socket.on('error', (err: NodeJS.ErrnoException) => {
          if (!settled) return fail(classifyNodeError(err, opts.url));
          // After a failed handshake our own terminate() makes ws report "closed before the connection was
          // established": the real reason (e.g. HTTP 502 while the device reboots) was already given to reject().
          if (!opened) return;
          handlers.error(new ConnectionError(`WebSocket error on ${opts.url}: ${err.message}`, ClientErrorCode.Connection, undefined, { cause: err }));
        });
        socket.on('open', () => {
          settled = true;
          opened = true;
          if (hb.intervalMs > 0) {
            let deadline: NodeJS.Timeout | undefined;
            socket.on('pong', () => { if (deadline) clearTimeout(deadline); deadline = undefined; });
            heartbeatTimer = setInterval(() => {
              if (deadline) return;
              socket.ping();
              deadline = setTimeout(() => {
                handlers.error(new ConnectionError(`No answer to heartbeat from ${opts.url} within ${hb.timeoutMs} ms; closing`, ClientErrorCode.Connection));
                socket.terminate();
              }, hb.timeoutMs);
              deadline.unref();
            }, hb.intervalMs);
            heartbeatTimer.unref();
            socket.once('close', () => { if (deadline) clearTimeout(deadline); });
          }
          resolve();
        });
        socket.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
          if (isBinary) handlers.error(new XapiError(`Binary frame from ${opts.url} ignored (xAPI uses text frames)`, ClientErrorCode.Protocol));
          else handlers.message((data as Buffer).toString('utf8'));
        });
        socket.on('close', (code: number, reason: Buffer) => {
          stopHeartbeat();
          if (!opened) return fail(new ConnectionError(`Cannot connect to ${opts.url}: closed during handshake (${code})`, ClientErrorCode.Connection));
          handlers.close({ code, reason: reason.toString() || (code === 1006 ? 'connection lost' : `closed (${code})`), byClient: closedByClient });
        });
      });
    },
    send(frame: string) {
      ws!.send(frame);
    },
    close() {
      closedByClient = true;
      stopHeartbeat();
      if (ws && ws.readyState !== WebSocket.CLOSED) ws.close(1000);
    },
  };
}
