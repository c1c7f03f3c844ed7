/** `xapi devices`: the devices of the Webex cloud a token sees, with the Devices API's filters. */
import { parseOptions } from '../args';
import { CliCommand, UsageError } from '../command';
import { cloudOptions, reportError } from '../connection';
import { formatTable } from '../table';
import { listCloudDevices } from '../../xapi/index';
import { globMatcher } from '../../fleet/inventory';

const USAGE = `Usage: xapi devices [options]

Lists the devices of the Webex cloud that your token sees (WEBEX_TOKEN, or a prompt).

Options:
  --webex KEY=VALUE   a filter passed verbatim to the Devices API (repeatable), e.g. tag=lobby,
                      connectionStatus=connected, software=RoomOS 11, displayName=Boardroom
  --product GLOB      only devices whose product matches GLOB (* and ?, any case), e.g. '*Room Bar*'
                      (matched here: the API's product filter takes codes, not the names it shows)
  --json              one JSON object per device
  --base-url URL      another Webex cloud, e.g. xapi emulator --cloud (default WEBEX_BASE_URL or
                      https://webexapis.com/v1)

Connect to one with webex://ID (or webex://NAME) in xapi run, repl and watch.
Exit codes: 0 ok, 1 the cloud refused, 2 usage, 3 could not connect.`;

/** `key=value` pairs; a key may repeat (the API ANDs tags). */
export function webexQuery(pairs: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) throw new UsageError(`--webex takes KEY=VALUE, not '${p}'`);
    (out[p.slice(0, i)] ??= []).push(p.slice(i + 1));
  }
  return out;
}

export const devicesCommand: CliCommand = {
  name: 'devices',
  summary: 'list the devices of the Webex cloud your token sees',
  usage: USAGE,
  async run(args, io) {
    const { values: v } = parseOptions(args, {
      webex: { type: 'string', multiple: true }, product: { type: 'string' }, json: { type: 'boolean' }, 'base-url': { type: 'string' },
    }, { positionals: false });
    const query = webexQuery(v.webex ?? []);
    const wanted = v.product === undefined ? () => true : globMatcher(v.product);
    let devices;
    try {
      devices = (await listCloudDevices({ ...(await cloudOptions(io, v['base-url'])), query })).filter(d => wanted(d.product));
    } catch (e) { return reportError(io, 'devices', e); }
    if (v.json) {
      for (const d of devices) io.stdout.write(JSON.stringify(d) + '\n');
      return 0;
    }
    const rows = [['NAME', 'PRODUCT', 'SOFTWARE', 'STATUS', 'TAGS', 'ID'],
      ...devices.map(d => [d.displayName, d.product, d.software ?? '', d.connectionStatus, (d.tags ?? []).join(','), d.id])];
    io.stdout.write(formatTable(rows));
    io.stderr.write(`-- ${devices.length} device(s)\n`);
    return 0;
  },
};
