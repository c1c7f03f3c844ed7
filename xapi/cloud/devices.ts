/**
 * Cloud devices by query (`GET /devices`, every page through the `Link` header) and a target's device: an id
 * (verbatim) or, when no device has that id, a display name — one device, or an error that lists the ones it
 * could mean.
 */
import { ClientErrorCode, InvalidParameterError, NotFoundError, XapiError } from '../errors';
import { CloudHeader, CloudPath, type CloudDevice } from './webexApi';
import { CloudHttp, type CloudHttpOptions } from './http';

/** At most this many pages are followed (a runaway `Link` chain ends here). */
const MAX_PAGES = 1000;

/** Every device matching `query` (passed verbatim to the Devices API: `tag`, `connectionStatus`, `product`, …). */
export async function listDevices(http: CloudHttp, query: Readonly<Record<string, string | readonly string[]>> = {}): Promise<CloudDevice[]> {
  const out: CloudDevice[] = [];
  let next: string | undefined = CloudPath.devices;
  let q: Readonly<Record<string, string | readonly string[]>> | undefined = query;
  for (let page = 0; next; page++) {
    if (page === MAX_PAGES) throw new XapiError(`Webex devices: more than ${MAX_PAGES} pages; narrow the query (tag, connectionStatus, …)`, ClientErrorCode.Protocol);
    const res: Awaited<ReturnType<CloudHttp['request']>> = await http.request<{ items?: CloudDevice[] }>({ op: 'devicesRead', method: 'GET', path: next, query: q, what: 'Webex devices' });
    out.push(...((res.body as { items?: CloudDevice[] })?.items ?? []));
    next = nextLink(res.headers.get(CloudHeader.link));
    q = undefined; // the next page's URL carries the query
  }
  return out;
}

/** The devices a token sees that match `query` (passed verbatim to the Devices API), every page. */
export async function listCloudDevices(options: CloudHttpOptions & { readonly query?: Readonly<Record<string, string | readonly string[]>> }): Promise<CloudDevice[]> {
  const http = new CloudHttp(options);
  try { return await listDevices(http, options.query); } finally { await http.close(); }
}

/** The `rel="next"` URL of an RFC 8288 `Link` header. */
export function nextLink(header: string | null): string | undefined {
  for (const part of header?.split(',') ?? []) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1];
  }
  return undefined;
}

/** The device a target names: its id, or else its display name (case-insensitive, one device only). */
export async function findDevice(http: CloudHttp, idOrName: string): Promise<CloudDevice> {
  try {
    return (await http.request<CloudDevice>({ op: 'devicesRead', method: 'GET', path: `${CloudPath.devices}/${encodeURIComponent(idOrName)}`, what: `Webex device ${idOrName}` })).body;
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
    const named = (await listDevices(http, { displayName: idOrName })).filter(d => d.displayName.toLowerCase() === idOrName.toLowerCase());
    if (named.length === 1) return named[0];
    if (named.length > 1) {
      throw new InvalidParameterError(`${named.length} Webex devices are named "${idOrName}": use one's id (webex://ID): ${named.map(d => `${d.id} (${d.product}, ${d.connectionStatus})`).join('; ')}`, ClientErrorCode.Usage);
    }
    throw new NotFoundError(`No Webex device with the id or name "${idOrName}" is visible with this token`, e.code, e.data, { trackingId: e.trackingId });
  }
}
