/**
 * A Webex cloud device's schema for the CLI (`xapi types --device webex://…`): what the cloud gives of the device,
 * with the published schema of its software for events and descriptions when it can be had — and a line on
 * stderr saying so when it cannot.
 */
import type { Schema } from '../schema/model';
import { resolveProduct } from '../schema/products';
import { fromCloudDevice, fromPublished } from '../schema/sources';
import type { CloudXapi } from '../xapi/index';
import { publishedOptions } from './schemaOption';

/** `RoomOS 11.27.2.0 4a1b…` → `11.27.2.0`. */
export function softwareVersion(software: string | undefined): string | undefined {
  return /\d+(\.\d+)+/.exec(software ?? '')?.[0];
}

export async function cloudDeviceSchema(xapi: CloudXapi, env: NodeJS.ProcessEnv, warn: (line: string) => void): Promise<Schema> {
  const docs = await xapi.schemaDocuments();
  const version = softwareVersion(xapi.device?.software);
  let published: Schema | undefined;
  if (version) {
    published = await fromPublished(version, publishedOptions(env)).catch((e: Error) => {
      warn(`no events or descriptions: the published schema of RoomOS ${version} could not be read (${e.message})`);
      return undefined;
    });
  } else warn('no events or descriptions: the device\'s software is unknown (the token cannot read devices)');
  const product = xapi.device?.product ? resolveProduct(xapi.device.product.replace(/^Cisco (Webex )?/, '')) : undefined;
  return fromCloudDevice({ ...docs, version: version ?? xapi.deviceId, published, product });
}
