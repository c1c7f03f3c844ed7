/**
 * How a fleet run in the extension reaches devices: an inventory names passwords by reference only. `secret:GROUP`
 * is read from VS Code's secret storage (asked for once, then kept there); `env:NAME` from the extension host's
 * environment — and, since VS Code is often started without the terminal's variables, asked for when it is not set,
 * then kept in memory for this session only. The Webex token is the one the cloud devices use (client/cloud.ts).
 * Everything is resolved before the run starts, so no prompt interrupts a run half done.
 */
import type * as vscode from 'vscode';
import type { CredentialRef, InventoryDevice } from '../../../fleet/inventory';
import { CredentialError, type FleetAccess } from '../../../fleet/operations';
import { cloudDeviceId } from '../../../xapi/cloud/cloudClient';
import type { CloudAccess } from '../../cloud';
import { prompts } from '../../prompts';

/** The secret storage key of a `secret:GROUP` password. */
export const fleetSecretKey = (group: string) => `xapi.fleet.secret:${group}`;

/** A reference as the inventory writes it: `env:NAME`, `secret:GROUP`. */
export const credentialText = (ref: CredentialRef) => (ref.kind === 'env' ? `env:${ref.name}` : `secret:${ref.group}`);

export class FleetCredentials {
  /** `env:` passwords entered this session (never stored). */
  private readonly entered = new Map<string, string>();

  constructor(private readonly secrets: vscode.SecretStorage, private readonly cloud: CloudAccess, private readonly env: NodeJS.ProcessEnv = process.env) {}

  /**
   * The access for a run on `devices`, every password it needs resolved (asked for when missing); undefined when
   * the user cancels a prompt.
   */
  async accessFor(devices: readonly InventoryDevice[]): Promise<FleetAccess | undefined> {
    const values = new Map<string, string>();
    const refs = new Map(devices.flatMap(d => (d.password ? [[credentialText(d.password), d.password] as const] : [])));
    for (const [text, ref] of refs) {
      const value = await this.resolve(ref, devices.filter(d => d.password && credentialText(d.password) === text).length);
      if (value === undefined) return undefined;
      values.set(text, value);
    }
    let webex: FleetAccess['webex'];
    if (devices.some(d => cloudDeviceId(d.url) !== undefined)) {
      const token = await this.cloud.token();
      if (!token) return undefined;
      webex = this.cloud.reach(token);
    }
    return {
      password(ref, device) {
        const value = values.get(credentialText(ref));
        if (value === undefined) throw new CredentialError(`${device.name}: no password for ${credentialText(ref)}`);
        return value;
      },
      ...(webex ? { webex } : {}),
    };
  }

  /** Forgets a `secret:` password (a device refused it) or an `env:` one entered this session. */
  async forget(ref: CredentialRef): Promise<void> {
    if (ref.kind === 'secret') await this.secrets.delete(fleetSecretKey(ref.group));
    else this.entered.delete(ref.name);
  }

  private async resolve(ref: CredentialRef, devices: number): Promise<string | undefined> {
    if (ref.kind === 'env') {
      const value = this.env[ref.name] ?? this.entered.get(ref.name);
      if (value !== undefined) return value;
    } else {
      const stored = await this.secrets.get(fleetSecretKey(ref.group));
      if (stored !== undefined) return stored;
    }
    const entered = await prompts.showInputBox({
      title: `Password for ${credentialText(ref)}`,
      prompt: ref.kind === 'secret'
        ? `The password of the ${devices} device(s) whose inventory entry says secret:${ref.group}. Kept in VS Code's secret storage.`
        : `${ref.name} is not set in VS Code's environment: the password of the ${devices} device(s) that name it, kept for this session only.`,
      password: true,
      ignoreFocusOut: true,
      validateInput: v => (v ? undefined : 'A password is needed (Escape cancels the run)'),
    });
    if (entered === undefined) return undefined;
    if (ref.kind === 'secret') await this.secrets.store(fleetSecretKey(ref.group), entered);
    else this.entered.set(ref.name, entered);
    return entered;
  }
}
