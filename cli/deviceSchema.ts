/**
 * A device's own schema for `xapi types --device` and `xapi schema … --device`: over xDoc on its own address, or
 * pieced together through the Webex cloud for a `webex://` target (its statuses, commands and configurations from
 * the cloud; events and descriptions from the published schema of its software, when it can be had — a line on
 * stderr says when it cannot).
 */
import type { Schema } from '../schema/model';
import { cloudProductCode, softwareVersionOf } from '../schema/load/cloud';
import { fromCloudDevice, fromDevice, fromPublished } from '../schema/sources';
import { connect, xdocFetcher, type CloudXapi } from '../xapi';
import { CliIO, UsageError } from './command';
import { cloudOptions, loginFrom, readCaFile, readPassword } from './connection';
import { publishedOptions } from './schemaOption';

export interface DeviceTarget {
  readonly device: string;
  readonly user?: string;
  readonly ca?: string;
  readonly insecure?: boolean;
  /** `xapi <name>`, for the lines said on stderr. */
  readonly command: string;
}

export async function loadDeviceSchema(t: DeviceTarget, io: CliIO): Promise<Schema> {
  const login = loginFrom(t.device, t.user);
  if (login.cloud) {
    if (t.insecure || t.ca !== undefined) throw new UsageError('--insecure and --ca are about a device\'s own certificate: the Webex cloud is verified as any HTTPS site');
    const xapi = await connect(login.url, await cloudOptions(io, undefined)) as CloudXapi;
    try {
      return await cloudDeviceSchema(xapi, io.env, line => io.stderr.write(`${t.command}: ${line}\n`));
    } finally {
      await xapi.close();
    }
  }
  const ca = t.ca === undefined ? undefined : readCaFile(t.ca);
  const password = await readPassword(io, login);
  const xapi = await connect(login.url, { username: login.user, password, allowSelfSignedTls: t.insecure ?? false, ca, reconnect: false });
  try {
    const version: unknown = await xapi.status.get('SystemUnit Software Version').catch(() => undefined);
    const label = typeof version === 'string' && version ? version : xapi.url;
    return await fromDevice(xdocFetcher(xapi), label);
  } finally {
    await xapi.close();
  }
}

async function cloudDeviceSchema(xapi: CloudXapi, env: NodeJS.ProcessEnv, warn: (line: string) => void): Promise<Schema> {
  const docs = await xapi.schemaDocuments();
  const version = softwareVersionOf(xapi.device?.software);
  let published: Schema | undefined;
  if (version) {
    published = await fromPublished(version, publishedOptions(env)).catch((e: Error) => {
      warn(`no events or descriptions: the published schema of RoomOS ${version} could not be read (${e.message})`);
      return undefined;
    });
  } else warn('no events or descriptions: the device\'s software is unknown (the token cannot read devices)');
  return fromCloudDevice({ ...docs, version: version ?? xapi.deviceId, published, product: cloudProductCode(xapi.device?.product) });
}
