/** `xapi emulator`: serve a simulated RoomOS device until SIGINT/SIGTERM. */
import { randomBytes } from 'node:crypto';
import { CliCommand, CliIO, UsageError } from '../command';
import { startEmulator } from '../../emulator';
import type { EmulatorUser } from '../../emulator';
import { KNOWN_ROLES, Schema } from '../../schema/model';
import { fromFile, fromPublished } from '../../schema/sources';

const USAGE = `Usage: xapi emulator [options]

Serve a simulated RoomOS device (xAPI over WebSocket at /ws) until Ctrl-C.
The first line printed is "listening <url>".

Options:
  --host HOST              Address to bind (default 127.0.0.1, loopback only)
  --port PORT              Port (default 0: any free port)
  --no-tls                 Plain ws:// instead of wss:// with a self-signed certificate
  --schema FILE            Run this schema file (roomos.cisco.com JSON or xDoc JSON)
  --version V              Run the published schema of RoomOS version V (downloaded and cached)
  --product P              Product code or name (e.g. hopen, "Room Kit")
  --user NAME:PASSWORD[:ROLE...]
                           A login (repeatable; roles default to Admin). Without --user, an
                           'admin' user gets a random password, printed once.
`;

interface Parsed {
  host: string;
  port: number;
  tls: boolean;
  schemaFile?: string;
  version?: string;
  product?: string;
  users: EmulatorUser[];
}

export function parseEmulatorArgs(args: string[]): Parsed {
  const out: Parsed = { host: '127.0.0.1', port: 0, tls: true, users: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--host': out.host = value(); break;
      case '--port': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not '${v}'`);
        out.port = Number(v);
        break;
      }
      case '--no-tls': out.tls = false; break;
      case '--schema': out.schemaFile = value(); break;
      case '--version': out.version = value(); break;
      case '--product': out.product = value(); break;
      case '--user': {
        const [username, password, ...given] = value().split(':');
        if (!username || password === undefined) throw new UsageError('--user takes NAME:PASSWORD[:ROLE...]');
        // A misspelt role would silently deny everything: accept the schemas' roles in any letter case only.
        const roles = given.map(r => {
          const known = KNOWN_ROLES.find(k => k.toLowerCase() === r.toLowerCase());
          if (!known) throw new UsageError(`unknown role '${r}' in --user (roles: ${KNOWN_ROLES.join(', ')})`);
          return known;
        });
        out.users.push({ username, password, roles: roles.length ? roles : ['Admin'] });
        break;
      }
      default: throw new UsageError(`unknown option '${a}'`);
    }
  }
  if (out.schemaFile && out.version) throw new UsageError('give --schema or --version, not both');
  return out;
}

function waitForSignal(): Promise<string> {
  return new Promise(resolve => {
    const onSignal = (sig: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(sig);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export const emulatorCommand: CliCommand = {
  name: 'emulator',
  summary: 'Serve a simulated RoomOS device over WebSocket',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const opts = parseEmulatorArgs(args);
    let schema: Schema | undefined;
    if (opts.schemaFile) schema = await fromFile(opts.schemaFile);
    else if (opts.version) schema = await fromPublished(opts.version);
    let users = opts.users;
    let generated: string | undefined;
    if (!users.length) {
      generated = randomBytes(12).toString('base64url');
      users = [{ username: 'admin', password: generated, roles: ['Admin', 'User', 'Integrator', 'RoomControl', 'Audit'] }];
    }
    const emu = await startEmulator({ host: opts.host, port: opts.port, tls: opts.tls, schema, product: opts.product, users });
    io.stdout.write(`listening ${emu.url}\n`);
    if (generated !== undefined) io.stdout.write(`user admin password ${generated}\n`);
    io.stdout.write(`schema ${emu.device.schema.version}, product ${emu.device.productName}${opts.tls ? ', self-signed certificate' : ''}\n`);
    await waitForSignal();
    await emu.stop();
    return 0;
  },
};
