/**
 * HttpClient Get/Post/Put/Patch/Delete. The simulated device has no network and never sends a request anywhere: it
 * answers as a device that cannot reach the host, unless it was given an `http` responder (DeviceOptions.http: a
 * test's stand-in for the servers a macro talks to), whose answers come back in the device's shape: `StatusCode`,
 * `Headers` (a list of `{ Key, Value }`) and `Body` when `ResultBody` asks for it. A status outside 2xx fails the
 * command with the response in `data`, as the device does.
 *
 * Texts: `Invalid URL specified` is captured (xapi-protocol.md §12.1, RDOC2). The unreachable-host text is libcurl's
 * ("Couldn't connect to server"), assumed: no capture of the device's answer is known.
 */
import type { Device } from '../device';
import { ErrorCode } from '../../xapi/protocol';
import { RpcError } from '../errors';
import { Behaviour, CommandContext, str } from './helpers';

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  /** `Header` parameters as given (`Content-Type: application/json`). */
  readonly headers: readonly string[];
  readonly body?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** Answers a request the device would send; undefined: the host cannot be reached. */
export type HttpResponder = (request: HttpRequest) => HttpResponse | undefined;

export const HTTP_TEXT = {
  invalidUrl: 'Invalid URL specified',
  unreachable: "Couldn't connect to server",
  errorStatus: 'Status code indicates error',
} as const;

const METHODS = ['Get', 'Post', 'Put', 'Patch', 'Delete'] as const;

/** UTF-8 text as Base64 (no Node Buffer: the device runs in browsers too). */
const base64 = (text: string) => btoa(Array.from(new TextEncoder().encode(text), b => String.fromCharCode(b)).join(''));

export function httpClientBehaviour(device: Device): Behaviour {
  const send = (method: (typeof METHODS)[number]) => (ctx: CommandContext) => {
    const url = str(ctx.params.Url);
    if (!/^https?:\/\/[^/\s]+/i.test(url)) throw RpcError.commandError(HTTP_TEXT.invalidUrl);
    const header = ctx.params.Header;
    const headers = (Array.isArray(header) ? header : header === undefined ? [] : [header]).map(String);
    const response = device.http?.({ method: method.toUpperCase() as HttpRequest['method'], url, headers, ...(ctx.body !== undefined ? { body: ctx.body } : {}) });
    if (!response) throw RpcError.commandError(HTTP_TEXT.unreachable);
    const resultBody = str(ctx.params.ResultBody, 'None');
    const answer = {
      StatusCode: String(response.status),
      Headers: Object.entries(response.headers ?? {}).map(([Key, Value], i) => ({ id: i + 1, Key, Value })),
      ...(resultBody === 'None' || response.body === undefined ? {} : { Body: resultBody === 'Base64' ? base64(response.body) : response.body }),
    };
    if (response.status < 200 || response.status > 299) throw new RpcError(ErrorCode.CommandError, HTTP_TEXT.errorStatus, answer);
    return answer;
  };
  return {
    name: 'httpClient',
    commands: Object.fromEntries(METHODS.map(m => [`HttpClient ${m}`, send(m)])),
  };
}
