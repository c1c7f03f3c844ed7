/** `xapi types` — TypeScript typings for a full schema, to plug into the typed client by module augmentation. */
import { promises as fs } from 'node:fs';
import { CliCommand, CliIO, UsageError } from '../command';
import { Schema } from '../../schema/model';
import { defaultCacheDir, fromDevice, fromFile, fromPublished } from '../../schema/sources';
import { generateTypings } from '../../schema/typings';
import { connect } from '../../xapi';

const USAGE = `Usage: xapi types (--schema FILE | --version V | --device URL [--user U] [--insecure]) [--product P] [--out FILE]

Prints TypeScript declarations for every command, configuration, status and event of a schema.
Save them as xapi.d.ts in your project: the typed proxies of 'xapi-workbench'
(xapi.Command…, xapi.Status…) then follow that schema instead of the built-in core one.

Options:
  --schema FILE   a schema file (roomos.cisco.com JSON or a device xDoc tree)
  --version V     a published RoomOS schema, e.g. 11.27.2.0 (downloaded once, cached)
  --device URL    the schema of a device, read with xDoc (host, host:port or ws(s):// URL);
                  the password comes from the XAPI_PASSWORD environment variable
  --user U        user name on the device (default admin)
  --insecure      accept the device's self-signed TLS certificate
  --product P     a product code (hopen) or name ("Room Kit"): only what that product has
                  (default: all products merged)
  --module NAME   the module to augment (default xapi-workbench)
  --out FILE      write to FILE instead of standard output

Example:  xapi types --version 11.27.2.0 --product "Room Kit" > xapi.d.ts
`;

interface TypesArgs {
  schemaFile?: string;
  version?: string;
  device?: string;
  user?: string;
  insecure: boolean;
  product?: string;
  moduleName?: string;
  out?: string;
}

export function parseTypesArgs(args: string[]): TypesArgs {
  const out: TypesArgs = { insecure: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--schema': out.schemaFile = value(); break;
      case '--version': out.version = value(); break;
      case '--device': out.device = value(); break;
      case '--user': out.user = value(); break;
      case '--insecure': out.insecure = true; break;
      case '--product': out.product = value(); break;
      case '--module': out.moduleName = value(); break;
      case '--out': out.out = value(); break;
      case '--password':
        throw new UsageError('the password is read from the XAPI_PASSWORD environment variable, never from the command line');
      default:
        throw new UsageError(a.startsWith('-') ? `unknown option '${a}'` : `unexpected argument '${a}'`);
    }
  }
  const sources = [out.schemaFile, out.version, out.device].filter(s => s !== undefined).length;
  if (sources !== 1) throw new UsageError('give exactly one of --schema FILE, --version V or --device URL');
  if (!out.device && (out.user !== undefined || out.insecure)) throw new UsageError('--user and --insecure only apply to --device');
  return out;
}

/** The device's own schema over xDoc, labelled with its software version when it tells. */
async function deviceSchema(a: TypesArgs, io: CliIO): Promise<Schema> {
  const xapi = await connect(a.device!, {
    username: a.user ?? 'admin',
    password: io.env.XAPI_PASSWORD ?? '',
    allowSelfSignedTls: a.insecure,
    reconnect: false,
  });
  try {
    const version: unknown = await xapi.status.get('SystemUnit Software Version').catch(() => undefined);
    const label = typeof version === 'string' && version ? version : xapi.url;
    return await fromDevice(path => xapi.doc(path), label);
  } finally {
    await xapi.close();
  }
}

async function loadSchema(a: TypesArgs, io: CliIO): Promise<Schema> {
  if (a.schemaFile) return fromFile(a.schemaFile);
  if (a.version) {
    return fromPublished(a.version, { seedDir: io.env.XAPI_SCHEMA_DIR, cacheDir: defaultCacheDir(io.env), offline: io.env.XAPI_SCHEMA_OFFLINE === '1' });
  }
  return deviceSchema(a, io);
}

export const typesCommand: CliCommand = {
  name: 'types',
  summary: 'generate TypeScript typings (xapi.d.ts) for a schema, version or device',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const a = parseTypesArgs(args);
    const schema = await loadSchema(a, io);
    const text = generateTypings(schema, { mode: 'module-augmentation', product: a.product, moduleName: a.moduleName });
    if (a.out) {
      await fs.writeFile(a.out, text);
      io.stderr.write(`wrote typings for ${schema.version} to ${a.out}\n`);
    } else {
      io.stdout.write(text);
    }
    return 0;
  },
};
