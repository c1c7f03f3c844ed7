/**
 * A Webex cloud device's schema for the CLI (`xapi types --device webex://…`): what the cloud gives of the device,
 * with the published schema of its software for events and descriptions when it can be had — and a line on
 * stderr saying so when it cannot.
 */
import type { Schema } from '../schema/model';
import { cloudProductCode, softwareVersionOf } from '../schema/load/cloud';
import { fromCloudDevice, fromPublished } from '../schema/sources';
import type { CloudXapi } from '../xapi/index';
import { publishedOptions } from './schemaOption';

export async function cloudDeviceSchema(xapi: CloudXapi, env: NodeJS.ProcessEnv, warn: (line: string) => void): Promise<Schema> {
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
