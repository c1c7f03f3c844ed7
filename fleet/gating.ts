/**
 * Version and product gating: before anything is sent to a device, what a run will send is checked against the
 * device's own schema (xDoc on its own address; through the Webex cloud, `/xapi/schema` and its configurations).
 * A device that lacks a command, a configuration or a value is skipped with the reason, never sent a call it cannot
 * take. The schema is read once per model (product and software version) for the whole run, not per device.
 */
import { cloudProductCode, softwareVersionOf } from '../schema/load/cloud';
import type { SchemaIndex } from '../schema/schemaIndex';
import { SchemaIndex as Index } from '../schema/schemaIndex';
import { fromCloudDevice, fromDevice } from '../schema/sources';
import { validateStatement, type XcliStatement } from '../schema/xcli';
import { xdocFetcher, type CloudXapi, type Xapi } from '../xapi/index';

/** A device's model: what its schema depends on. */
export interface Model { readonly product: string; readonly software: string }

export class SchemasByModel {
  private readonly byModel = new Map<string, Promise<SchemaIndex>>();
  /** Schemas read from devices (each model once, however many devices share it). */
  reads = 0;

  /** The device's model and its schema (read from this device when no device of its model was read before). */
  async forDevice(xapi: Xapi): Promise<{ model: Model; index: SchemaIndex }> {
    const model = await modelOf(xapi);
    const key = `${model.product}\n${model.software}`;
    let index = this.byModel.get(key);
    if (!index) {
      this.reads++;
      index = readSchema(xapi, model);
      // A failed read is not kept: the next device of the model tries again.
      index.catch(() => this.byModel.delete(key));
      this.byModel.set(key, index);
    }
    return { model, index: await index };
  }
}

async function modelOf(xapi: Xapi): Promise<Model> {
  if (xapi.via === 'webex') {
    const d = (xapi as CloudXapi).device;
    return { product: d?.product ?? 'unknown product', software: softwareVersionOf(d?.software) ?? d?.software ?? 'unknown software' };
  }
  const [product, software] = await Promise.all([xapi.status.get('SystemUnit ProductId'), xapi.status.get('SystemUnit Software Version')]);
  return { product: String(product), software: String(software) };
}

async function readSchema(xapi: Xapi, model: Model): Promise<SchemaIndex> {
  if (xapi.via === 'webex') {
    const docs = await (xapi as CloudXapi).schemaDocuments();
    return new Index(fromCloudDevice({ ...docs, version: model.software, product: cloudProductCode(model.product) }));
  }
  return new Index(await fromDevice(xdocFetcher(xapi), model.software));
}

/** The first statement the device's schema refuses, as the reason to skip it; undefined when all pass. */
export function gate(statements: readonly { readonly line: number; readonly statement: XcliStatement }[], index: SchemaIndex, model: Model): string | undefined {
  for (const { line, statement } of statements) {
    const error = validateStatement(statement, index).find(d => d.severity === 'error');
    if (error) return `line ${line}: ${error.message} (on this ${model.product}, software ${model.software})`;
  }
  return undefined;
}
