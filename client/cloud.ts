/**
 * Devices on the Webex cloud in the extension: the Webex access token (SecretStorage only, asked for once, asked for
 * again when Webex refuses it), the devices it sees, the connect target of a `webex://` profile, and the device's schema
 * (what the cloud gives, with the published schema of its software for events and descriptions: the language
 * server builds the same from the same documents).
 */
import * as vscode from 'vscode';
import { cloudProductCode, softwareVersionOf, type CloudSchemaDocuments } from '../schema/load/cloud';
import { SchemaIndex } from '../schema/schemaIndex';
import { fromCloudDevice, fromPublished } from '../schema/sources';
import type { SetDeviceSchemaParams } from '../server/contract';
import { listCloudDevices, type CloudDevice, type CloudXapi } from '../xapi';
import { cloudDeviceId } from '../xapi/cloud/cloudClient';
import { isLoopbackUrl } from '../xapi/cloud/http';
import { WEBEX_BASE_URL } from '../xapi/cloud/webexApi';
import { config, type DeviceProfile } from './config';
import { prompts } from './prompts';
import type { ConnectTarget } from './session';

/**
 * The token is kept per cloud (the base URL's origin): a token for webexapis.com is never sent to another cloud
 * (`xapi.webex.baseUrl` is a user setting, so no workspace can point it elsewhere either).
 */
const tokenKey = () => `xapi.webex.token:${new URL(config.webexBaseUrl() ?? WEBEX_BASE_URL).origin}`;

/** A `webex://` profile's host. */
export function isCloudHost(host: string): boolean {
  return cloudDeviceId(host) !== undefined;
}

export class CloudAccess implements vscode.Disposable {
  private readonly tokenChanged = new vscode.EventEmitter<void>();
  /** A token was stored or forgotten (the Fleet view lists the cloud's devices only with one). */
  readonly onDidChangeToken = this.tokenChanged.event;

  constructor(private readonly secrets: vscode.SecretStorage, private readonly log: vscode.LogOutputChannel) {}

  dispose(): void {
    this.tokenChanged.dispose();
  }

  async hasToken(): Promise<boolean> {
    return (await this.secrets.get(tokenKey())) !== undefined;
  }

  /** The stored token, or asks for it (undefined when the user cancels). `again` ignores the stored one. */
  async token(ask: 'if-missing' | 'again' = 'if-missing'): Promise<string | undefined> {
    if (ask === 'if-missing') {
      const stored = await this.secrets.get(tokenKey());
      if (stored) return stored;
    }
    const entered = (await prompts.showInputBox({
      title: 'Webex access token',
      prompt: 'A token with the scopes spark:xapi_statuses, spark:xapi_commands and spark-admin:devices_read/write (an integration\'s, a bot\'s or a service app\'s). Kept in VS Code\'s secret storage, never in settings.',
      password: true,
      ignoreFocusOut: true,
      validateInput: v => (v.trim() ? undefined : 'A token is needed'),
    }))?.trim();
    if (!entered) return undefined;
    await this.secrets.store(tokenKey(), entered);
    this.tokenChanged.fire();
    return entered;
  }

  async forgetToken(): Promise<void> {
    await this.secrets.delete(tokenKey());
    this.tokenChanged.fire();
  }

  /**
   * Where the cloud is and how to reach it: the `xapi.webex.baseUrl` setting and VS Code's `http.proxy` — but not
   * for a cloud on loopback (a simulated one): VS Code's proxy is for the network, and cannot reach this machine.
   */
  reach(token: string): { token: string; baseUrl?: string; proxy?: string } {
    const baseUrl = config.webexBaseUrl();
    const proxy = isLoopbackUrl(baseUrl ?? WEBEX_BASE_URL) ? undefined : config.httpProxy();
    return { token, ...(baseUrl ? { baseUrl } : {}), ...(proxy ? { proxy } : {}) };
  }

  /** The devices the token sees. */
  listDevices(token: string): Promise<CloudDevice[]> {
    return listCloudDevices(this.reach(token));
  }

  /** A cloud profile as the session connects to it. */
  target(profile: DeviceProfile, token: string): ConnectTarget {
    return { label: profile.name, url: profile.host, username: '', password: '', profile: profile.name, cloud: this.reach(token) };
  }

  /**
   * The device's schema: the host's index and what the language server is sent to build the same. The published
   * schema of its software comes from the language server's cache folder (both read the same file); what the cloud
   * says of the schema comes from `documentsOf` (the host caches it per model).
   */
  async schema(xapi: CloudXapi, label: string, cacheDir: string, documentsOf: (read: () => Promise<CloudSchemaDocuments>) => Promise<CloudSchemaDocuments> = read => read()): Promise<{ index: SchemaIndex; params: SetDeviceSchemaParams }> {
    const documents = await documentsOf(() => xapi.schemaDocuments());
    const version = softwareVersionOf(xapi.device?.software);
    const published = version === undefined ? undefined : await fromPublished(version, { cacheDir }).catch((e: Error) => {
      this.log.warn(`No events or descriptions for ${label}: the published schema of RoomOS ${version} could not be read (${e.message})`);
      return undefined;
    });
    const product = cloudProductCode(xapi.device?.product);
    const index = new SchemaIndex(fromCloudDevice({ ...documents, version: label, published, product }));
    return { index, params: { label, cloud: { documents, ...(published ? { published: version } : {}) }, ...(product ? { product } : {}) } };
  }
}
