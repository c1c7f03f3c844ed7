/**
 * The macros stored on the connected device, through its own commands (`Macros Macro Get/Save/Remove/Rename/
 * Activate/Deactivate`, `Macros Runtime …`). Saving turns transpiling off: RoomOS 11 and later run modern
 * JavaScript as written, and a transpiled copy would differ from what the editor shows.
 */
import type { StringApi } from '../../xapi/stringApi';

export interface MacroInfo {
  readonly name: string;
  readonly active: boolean;
}

type Macro = { Name?: unknown; Active?: unknown; Content?: unknown };

function list(result: unknown): Macro[] {
  const m = (result as { Macro?: unknown } | undefined)?.Macro;
  return Array.isArray(m) ? m as Macro[] : m && typeof m === 'object' ? [m as Macro] : [];
}

export class MacroStore {
  constructor(private readonly xapi: StringApi) {}

  async list(): Promise<MacroInfo[]> {
    const r = await this.xapi.command('Macros Macro Get', {});
    return list(r).map(m => ({ name: String(m.Name ?? ''), active: String(m.Active) === 'True' })).filter(m => m.name)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The macro's source; rejects with the device's error when there is no such macro. */
  async read(name: string): Promise<string> {
    const r = await this.xapi.command('Macros Macro Get', { Name: name, Content: 'True' });
    const m = list(r).find(x => String(x.Name) === name) ?? list(r)[0];
    return typeof m?.Content === 'string' ? m.Content : '';
  }

  async save(name: string, content: string): Promise<void> {
    await this.xapi.command('Macros Macro Save', { Name: name, Overwrite: 'True', Transpile: 'False' }, content);
  }

  async remove(name: string): Promise<void> { await this.xapi.command('Macros Macro Remove', { Name: name }); }

  async rename(name: string, newName: string): Promise<void> {
    await this.xapi.command('Macros Macro Rename', { Name: name, NewName: newName });
  }

  async setActive(name: string, active: boolean): Promise<void> {
    await this.xapi.command(active ? 'Macros Macro Activate' : 'Macros Macro Deactivate', { Name: name });
  }

  async restartRuntime(): Promise<void> { await this.xapi.command('Macros Runtime Restart', {}); }

  /** `Running` / `Stopped` as the device reports it, or undefined when it does not say. */
  async runtimeStatus(): Promise<string | undefined> {
    const r = await this.xapi.command('Macros Runtime Status', {}).catch(() => undefined) as Record<string, unknown> | undefined;
    const s = r?.Running ?? r?.Status ?? r?.State;
    return s === undefined ? undefined : String(s) === 'True' ? 'Running' : String(s) === 'False' ? 'Stopped' : String(s);
  }
}

/** A macro name the device takes: what `Macros Macro Save` accepts, and safe as a file name. */
export function checkMacroName(name: string): string | undefined {
  if (name.trim() === '') return 'Enter a name';
  if (name.length > 250) return 'At most 250 characters';
  if (/[\\/:*?"<>|\s]/.test(name)) return 'Letters, digits, - and _ only (no spaces, slashes or dots)';
  if (name.includes('.')) return 'Leave out the extension: the device stores the name only';
  return undefined;
}
