/** `xapi emulator`: serve a simulated RoomOS device (or a simulated Webex cloud in front of a fleet) until SIGINT/SIGTERM. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { numberOption, parseOptions } from '../args';
import { CliCommand, CliIO, UsageError } from '../command';
import { checkSchemaOptions, loadSchemaFromOptions, SchemaOptions } from '../schemaOption';
import { DEFAULT_USER, startEmulator } from '../../emulator';
import { fleetInventory, startSimulatedFleet, type SimulatedFleet } from '../../emulator/simulatedFleet';
import type { EmulatorUser } from '../../emulator';
import { KNOWN_ROLES } from '../../schema/model';

const USAGE = `Usage: xapi emulator [options]

Serve a simulated RoomOS device (xAPI over WebSocket at /ws) until Ctrl-C.
The first line printed is "listening <url>".

Options:
  --host HOST              Address to bind (default 127.0.0.1, loopback only)
  --port PORT              Port (default 0: any free port)
  --no-tls                 Plain ws:// instead of wss:// with a self-signed certificate
  --state-dir DIR          Keep the certificate and its key in DIR: reused when there, else made
                           and saved (key mode 0600), so clients pinned with --ca still trust it
                           after a restart
  --cert-out FILE          Write the certificate (PEM) to FILE, for a client's --ca or ca option
  --schema FILE            Run this schema file (roomos.cisco.com JSON or xDoc JSON)
  --version V              Run the published schema of RoomOS version V (downloaded and cached)
  --product P              Product code or name (e.g. hopen, "Room Kit")
  --user NAME:PASSWORD[:ROLE...]
                           A login (repeatable; roles default to Admin). Without --user, an
                           'admin' user gets a random password, printed once.

A fleet of simulated devices instead (for xapi fleet):
  --fleet N                N devices on their own ports (wss://, loopback, one self-signed
                           certificate whose fingerprint the inventory records): mixed products
                           and software versions; every fifth offline, every 25th with another
                           password, every 40th presenting another certificate, every 50th
                           slow (3 s a request). The first line is "listening <a device's
                           URL>", then "export FLEET_PW=…" (the password, printed once), the
                           inventory's path, a first command to try, and one line per device
  --inventory FILE         Write the fleet's inventory here (its password as env:FLEET_PW);
                           without it, a temporary file removed when the fleet stops
  --no-tls                 Plain ws:// (no certificates, so none changed)
  --latency MS             Each device takes each request MS later (a distant room)

A simulated Webex cloud (the device APIs of webexapis.com/v1, plain HTTP on loopback):
  --cloud                  Serve the cloud in front of the fleet: the same devices, also on
                           their own ports. The first line is "listening <base URL>", then
                           "export WEBEX_TOKEN=… WEBEX_BASE_URL=… FLEET_PW=…" (a token with
                           every scope and the devices' password, printed once), the
                           inventory's path, a first command, and one line per device (id,
                           status, product, software, name, local URL)
  --fleet N                Devices (default 3): as above, and two organisation rules on
                           configurations
  --latency MS             Added to each device's xAPI calls (a real cloud is about 1 s away)
  Then paste the export line: xapi devices, xapi fleet … --webex KEY=VALUE
`;

interface Parsed extends SchemaOptions {
  host: string;
  port: number;
  tls: boolean;
  stateDir?: string;
  certOut?: string;
  users: EmulatorUser[];
  /** `--fleet N` or `--cloud`: simulated devices on their own ports (and behind the simulated cloud), and where to write their inventory. */
  fleet?: FleetOptions;
}

interface FleetOptions { size: number; latencyMs: number; tls: boolean; cloud: boolean; inventory?: string }

/** `NAME:PASSWORD[:ROLE...]`; roles default to Admin. */
function parseUser(spec: string): EmulatorUser {
  const [username, password, ...given] = spec.split(':');
  if (!username || password === undefined) throw new UsageError('--user takes NAME:PASSWORD[:ROLE...]');
  // A misspelt role would silently deny everything: accept the schemas' roles in any letter case only.
  const roles = given.map(r => {
    const known = KNOWN_ROLES.find(k => k.toLowerCase() === r.toLowerCase());
    if (!known) throw new UsageError(`unknown role '${r}' in --user (roles: ${KNOWN_ROLES.join(', ')})`);
    return known;
  });
  return { username, password, roles: roles.length ? roles : ['Admin'] };
}

export function parseEmulatorArgs(args: string[]): Parsed {
  const { values: v } = parseOptions(args, {
    host: { type: 'string' }, port: { type: 'string' }, 'no-tls': { type: 'boolean' }, schema: { type: 'string' },
    version: { type: 'string' }, product: { type: 'string' }, user: { type: 'string', multiple: true },
    'state-dir': { type: 'string' }, 'cert-out': { type: 'string' },
    cloud: { type: 'boolean' }, fleet: { type: 'string' }, latency: { type: 'string' }, inventory: { type: 'string' },
  }, { positionals: false });
  const out: Parsed = {
    host: v.host ?? '127.0.0.1',
    port: v.port === undefined ? 0 : numberOption('--port', v.port, { min: 0, max: 65535, integer: true }),
    tls: !v['no-tls'],
    stateDir: v['state-dir'], certOut: v['cert-out'],
    schema: v.schema, version: v.version, product: v.product,
    users: (v.user ?? []).map(parseUser),
  };
  if (v.cloud || v.fleet !== undefined) {
    // The options of one device (the cloud's port aside) mean nothing for a fleet.
    const device = ['state-dir', 'cert-out', 'schema', 'version', 'product', 'user', ...(v.cloud ? [] : ['port'])].find(k => v[k as keyof typeof v] !== undefined);
    if (device) throw new UsageError(`--${device} is about one simulated device: it cannot go with --${v.cloud ? 'cloud' : 'fleet'}`);
    return { ...out, fleet: {
      size: v.fleet === undefined ? 3 : numberOption('--fleet', v.fleet, { min: 1, max: 10_000, integer: true }),
      latencyMs: v.latency === undefined ? 0 : numberOption('--latency', v.latency, { min: 0, max: 60_000, integer: true }),
      tls: out.tls, cloud: v.cloud ?? false, ...(v.inventory !== undefined ? { inventory: v.inventory } : {}),
    } };
  }
  if (v.latency !== undefined) throw new UsageError('--latency goes with --fleet N or --cloud');
  if (v.inventory !== undefined) throw new UsageError('--inventory goes with --fleet N or --cloud');
  if (!out.tls && (out.stateDir !== undefined || out.certOut !== undefined)) {
    throw new UsageError(`${out.stateDir !== undefined ? '--state-dir' : '--cert-out'} is about the TLS certificate: it cannot go with --no-tls`);
  }
  checkSchemaOptions(out);
  return out;
}

/** The first SIGINT or SIGTERM; `dispose` removes the listeners (also when nothing came). */
function watchSignals(): { signal: Promise<string>; dispose(): void } {
  let onSignal!: (sig: NodeJS.Signals) => void;
  const dispose = () => { process.off('SIGINT', onSignal); process.off('SIGTERM', onSignal); };
  const signal = new Promise<string>(resolve => {
    onSignal = sig => { dispose(); resolve(sig); };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  return { signal, dispose };
}

/** `work`, unless a stop signal comes first (then undefined). */
function unlessStopped<T>(work: Promise<T>, stop: Promise<string>): Promise<T | undefined> {
  return Promise.race([work, stop.then(() => undefined)]);
}

/** How long a stop may take (closing sessions, ending the macro runtime) before the command ends regardless. */
const STOP_GRACE_MS = 2000;

async function stopWithin(emu: { stop(): Promise<void> }): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([emu.stop().catch(() => undefined), new Promise(r => { timer = setTimeout(r, STOP_GRACE_MS); timer.unref?.(); })]);
  clearTimeout(timer);
}

export const emulatorCommand: CliCommand = {
  name: 'emulator',
  summary: 'serve a simulated RoomOS device over WebSocket',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const opts = parseEmulatorArgs(args);
    // Watched from the start: a stop asked for while the schema loads or the server starts ends the command at
    // once, never leaving a device serving with nobody to stop it.
    const { signal, dispose } = watchSignals();
    try {
      return await (opts.fleet ? serveFleet(opts, opts.fleet, io, signal) : serve(opts, io, signal));
    } finally {
      dispose();
    }
  },
};

/**
 * A fleet of simulated devices (and the simulated Webex cloud in front of it), until a stop signal. As every
 * simulated service here, it first prints `listening <url>`, then what a client needs, ready to paste: the variables
 * (password, token), the inventory's path (a temporary one, removed at the end, unless --inventory names one) and a
 * first command; then a line per device.
 */
async function serveFleet(opts: Parsed, f: FleetOptions, io: CliIO, signal: Promise<string>): Promise<number> {
  const password = randomBytes(12).toString('base64url');
  const starting = startSimulatedFleet(f.size, password, {
    host: opts.host, tls: f.tls, latencyMs: f.latencyMs, ...(f.cloud ? { cloud: { port: opts.port, record: false } } : {}),
  });
  const fleet = await unlessStopped(starting, signal);
  if (!fleet) { await starting.then(stopWithin, () => undefined); return 0; }
  const temporary = f.inventory === undefined ? await mkdtemp(path.join(tmpdir(), 'xapi-fleet-')) : undefined;
  const inventory = f.inventory ?? path.join(temporary!, 'fleet.yaml');
  try {
    try {
      await writeFile(inventory, fleetInventory(fleet.devices, FLEET_PASSWORD_ENV));
    } catch (e) {
      throw new Error(`cannot write the inventory ${inventory}: ${(e as Error).message}`);
    }
    const q = (v: string) => `'${v}'`;
    const first = fleet.devices.find(d => d.fault !== 'offline')?.url ?? fleet.devices[0].url;
    const cloud = fleet.cloud;
    io.stdout.write(cloud
      ? `listening ${cloud.baseUrl}\nexport WEBEX_TOKEN=${q(cloud.tokens[0].token)} WEBEX_BASE_URL=${q(cloud.baseUrl)} ${FLEET_PASSWORD_ENV}=${q(password)}\n`
      : `listening ${first} (one of ${fleet.devices.length} simulated devices, each below)\nexport ${FLEET_PASSWORD_ENV}=${q(password)}\n`);
    io.stdout.write(`inventory ${inventory}\n`);
    io.stdout.write(`try: xapi fleet query 'xStatus SystemUnit Software Version' -i ${inventory}${cloud ? `   (or --webex connectionStatus=connected; xapi devices)` : ''}\n`);
    for (const line of deviceLines(fleet)) io.stdout.write(line + '\n');
    await signal;
  } finally {
    await stopWithin(fleet);
    if (temporary) await rm(temporary, { recursive: true, force: true });
  }
  return 0;
}

/** A line per device: with the cloud, its id, status, product and software as the cloud says them first. */
function deviceLines(fleet: SimulatedFleet): string[] {
  return fleet.devices.map((d, i) => {
    const fault = d.fault ? ` (${d.fault})` : '';
    if (!fleet.cloud) return `device ${JSON.stringify(d.name)} ${d.url} ${d.software}${fault}`;
    const info = fleet.cloud.devices[i].info();
    return `device ${info.id} ${info.connectionStatus} ${info.product} ${info.software} ${JSON.stringify(info.displayName)} ${d.url}${fault}`;
  });
}

/** The variable a simulated fleet's inventory names for its password. */
const FLEET_PASSWORD_ENV = 'FLEET_PW';

/** Load, start, serve until a stop signal: returns as soon as one comes, at whatever step. */
async function serve(opts: Parsed, io: CliIO, signal: Promise<string>): Promise<number> {
  // The product is the device's to check: it also knows codes only its schema has (EmulatorError, exit 1).
  const loaded = await unlessStopped(loadSchemaFromOptions({ schema: opts.schema, version: opts.version }, io.env), signal);
  if (!loaded) return 0;
  const { schema } = loaded;
  let users = opts.users;
  let generated: string | undefined;
  if (!users.length) {
    generated = randomBytes(12).toString('base64url');
    users = [{ ...DEFAULT_USER, password: generated }];
  }
  const starting = startEmulator({ host: opts.host, port: opts.port, tls: opts.tls, stateDir: opts.stateDir, schema, product: opts.product, users });
  const emu = await unlessStopped(starting, signal);
  if (!emu) { await starting.then(stopWithin, () => undefined); return 0; }
  emu.onError(e => io.stderr.write(`xapi emulator: ${e.message}\n`));
  // Written before "listening" is printed, so whoever waits for that line can read the file.
  if (opts.certOut !== undefined) {
    try {
      await writeFile(opts.certOut, emu.certificate!);
    } catch (e) {
      await emu.stop();
      throw new Error(`cannot write --cert-out ${opts.certOut}: ${(e as Error).message}`);
    }
  }
  io.stdout.write(`listening ${emu.url}\n`);
  if (generated !== undefined) io.stdout.write(`user ${DEFAULT_USER.username} password ${generated}\n`);
  const certificate = !opts.tls ? '' : `, self-signed certificate${opts.stateDir !== undefined ? ` kept in ${opts.stateDir}` : ''}`;
  io.stdout.write(`schema ${emu.device.schema.version}, product ${emu.device.productName}${certificate}\n`);
  await signal;
  await stopWithin(emu);
  return 0;
}

