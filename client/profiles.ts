/**
 * Device profiles (`xapi.devices`) and their secrets. A password lives only in SecretStorage, keyed by the
 * profile's name; it is asked for once and forgotten when the device refuses it. Trust decisions (accept a
 * self-signed certificate, or pin the one the device showed) are written to that profile only.
 */
import * as vscode from 'vscode';
import { config, type DeviceProfile } from './config';
import { prompts } from './prompts';

const SECRET_PREFIX = 'xapi.password:';

export class Profiles {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  list(): DeviceProfile[] {
    return config.devices();
  }

  find(name: string): DeviceProfile | undefined {
    return this.list().find(p => p.name === name);
  }

  /** The stored password, or asks for it (undefined when the user cancels). `ask: 'again'` ignores the stored one. */
  async password(profile: DeviceProfile, ask: 'if-missing' | 'again' = 'if-missing'): Promise<string | undefined> {
    const key = SECRET_PREFIX + profile.name;
    if (ask === 'if-missing') {
      const stored = await this.secrets.get(key);
      if (stored !== undefined) return stored;
    }
    const entered = await prompts.showInputBox({
      title: `Password for ${profile.username ?? 'admin'} on ${profile.name}`,
      prompt: 'Kept in VS Code\'s secret storage, never in settings. Leave empty for a device with no password.',
      password: true,
      ignoreFocusOut: true,
    });
    if (entered === undefined) return undefined;
    await this.secrets.store(key, entered);
    return entered;
  }

  async forgetPassword(name: string): Promise<void> {
    await this.secrets.delete(SECRET_PREFIX + name);
  }

  /** Adds or replaces a profile by name. */
  async save(profile: DeviceProfile): Promise<void> {
    const others = this.list().filter(p => p.name !== profile.name);
    await config.setDevices([...others, profile]);
  }

  async update(name: string, change: Partial<DeviceProfile>): Promise<DeviceProfile | undefined> {
    const p = this.find(name);
    if (!p) return undefined;
    const next = { ...p, ...change };
    await this.save(next);
    return next;
  }

  async remove(name: string): Promise<void> {
    await config.setDevices(this.list().filter(p => p.name !== name));
    await this.forgetPassword(name);
  }
}

/** Asks for a new profile step by step; undefined when cancelled. */
export async function promptNewProfile(existing: readonly DeviceProfile[]): Promise<DeviceProfile | undefined> {
  const host = await prompts.showInputBox({
    title: 'Add Device (1/3): address',
    prompt: 'Host name or IP address of the device, or a wss:// URL',
    placeHolder: 'room-kit.example.com',
    ignoreFocusOut: true,
    validateInput: v => (v.trim() === '' ? 'Enter the device address' : /\s/.test(v.trim()) ? 'An address has no spaces' : undefined),
  });
  if (host === undefined) return undefined;
  const username = await prompts.showInputBox({
    title: 'Add Device (2/3): user name', value: 'admin', ignoreFocusOut: true,
    validateInput: v => (v.trim() === '' ? 'Enter a user name' : undefined),
  });
  if (username === undefined) return undefined;
  const suggested = host.trim().replace(/^wss?:\/\//, '').replace(/[:/].*$/, '');
  const name = await prompts.showInputBox({
    title: 'Add Device (3/3): name', value: suggested, ignoreFocusOut: true,
    validateInput: v => (v.trim() === '' ? 'Enter a name' : existing.some(p => p.name === v.trim()) ? 'A device with this name exists' : undefined),
  });
  if (name === undefined) return undefined;
  return { name: name.trim(), host: host.trim(), username: username.trim() };
}
