/** `xapi types` — TypeScript typings for a full schema, to plug into the typed client by module augmentation. */
import { promises as fs } from 'node:fs';
import { parseOptions } from '../args';
import { CliCommand, CliIO, UsageError } from '../command';
import { loadSchemaFromOptions, SchemaOptions } from '../schemaOption';
import { Schema } from '../../schema/model';
import { generateTypings } from '../../schema/typings';
import { loadDeviceSchema } from '../deviceSchema';

const USAGE = `Usage: xapi types (--schema FILE | --version V | --device URL [--user U] [--ca FILE | --insecure]) [--product P] [--out FILE]

Prints TypeScript declarations for every command, configuration, status and event of a schema.
Save them as xapi.d.ts in your project: the typed proxies of 'xapi-workbench'
(xapi.Command…, xapi.Status…) then follow that schema instead of the built-in core one.

Options:
  --schema FILE   a schema file (roomos.cisco.com JSON or a device xDoc tree)
  --version V     a published RoomOS schema, e.g. 11.27.2.0 (downloaded once, cached)
  --device URL    the schema of a device, read with xDoc (host, host:port or ws(s):// URL);
                  the password comes from the URL, XAPI_PASSWORD or a prompt. A Webex cloud
                  device (webex://ID, token from WEBEX_TOKEN; WEBEX_BASE_URL for another cloud):
                  its statuses, commands and configurations from the cloud, events and
                  descriptions from the published schema of its software
  --user U        user name on the device (default admin)
  --ca FILE       trust this certificate (PEM), e.g. the device's own
  --insecure      accept the device's self-signed TLS certificate
  --product P     a product code (hopen) or name ("Room Kit"): only what that product has
                  (default: all products merged)
  --module NAME   the module to augment (default xapi-workbench)
  --out FILE      write to FILE instead of standard output

Example:  xapi types --version 11.27.2.0 --product "Room Kit" > xapi.d.ts
`;

interface TypesArgs extends SchemaOptions {
  device?: string;
  user?: string;
  /** The `--ca` file name. */
  ca?: string;
  insecure: boolean;
  moduleName?: string;
  out?: string;
}

export function parseTypesArgs(args: string[]): TypesArgs {
  // Said before parsing, so the password is never echoed back in an "unknown option" line.
  if (args.some(a => a === '--password' || a.startsWith('--password='))) {
    throw new UsageError('the password is read from the XAPI_PASSWORD environment variable, never from the command line');
  }
  const { values } = parseOptions(args, {
    schema: { type: 'string' }, version: { type: 'string' }, device: { type: 'string' }, user: { type: 'string' },
    insecure: { type: 'boolean' }, ca: { type: 'string' }, product: { type: 'string' }, module: { type: 'string' }, out: { type: 'string' },
  }, { positionals: false });
  const { module: moduleName, insecure, ...rest } = values;
  const out: TypesArgs = { insecure: insecure ?? false, ...rest, ...(moduleName !== undefined ? { moduleName } : {}) };
  const sources = [out.schema, out.version, out.device].filter(s => s !== undefined).length;
  if (sources !== 1) throw new UsageError('give exactly one of --schema FILE, --version V or --device URL');
  if (!out.device && (out.user !== undefined || out.insecure || out.ca !== undefined)) throw new UsageError('--user, --ca and --insecure only apply to --device');
  return out;
}

/** The product is left to the typings generator: it checks it against the schema (TypingsError, exit 1). */
async function loadSchema(a: TypesArgs, io: CliIO): Promise<Schema> {
  if (a.device !== undefined) return loadDeviceSchema({ device: a.device, user: a.user, ca: a.ca, insecure: a.insecure, command: 'xapi types' }, io);
  return (await loadSchemaFromOptions({ schema: a.schema, version: a.version }, io.env)).schema;
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
