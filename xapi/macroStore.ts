/**
 * The macros stored on a device, through its own commands (`Macros Macro Get/Save/Remove/Rename/Activate/
 * Deactivate`, `Macros Runtime …`): for the extension's Macros view and `xapi fleet deploy`, over either transport.
 * Saving turns transpiling off: RoomOS 11 and later run modern JavaScript as written, and a transpiled copy would
 * differ from what the editor shows.
 */
import { ErrorMessage } from './protocol';
import type { StringApi } from './stringApi';

type Macro = { Name?: unknown; Active?: unknown; Content?: unknown; State?: unknown };

function list(result: unknown): Macro[] {
  const m = (result as { Macro?: unknown } | undefined)?.Macro;
  return Array.isArray(m) ? m as Macro[] : m && typeof m === 'object' ? [m as Macro] : [];
}

export interface MacroInfo {
  readonly name: string;
  readonly active: boolean;
  /**
   * What the runtime says of it (`Macros Runtime Status`: Running, Loading, Failed, Unresponsive); undefined when
   * it does not list the macro (inactive, the runtime stopped, or a device that reports no per-macro state).
   */
  readonly state?: string;
}

/** `Macros Runtime Status`, read: the runtime's own state and each listed macro's. */
export interface RuntimeInfo {
  /** `Running` / `Stopped` as the device reports it, or undefined when it does not say. */
  readonly status?: string;
  readonly states: ReadonlyMap<string, string>;
}

/** Reads a `Macros Runtime Status` result (one listed macro comes as an object, several as an array). */
export function parseRuntimeStatus(result: unknown): RuntimeInfo {
  const r = result as Record<string, unknown> | undefined;
  const s = r?.Running ?? r?.Status ?? r?.State;
  const status = s === undefined ? undefined : String(s) === 'True' ? 'Running' : String(s) === 'False' ? 'Stopped' : String(s);
  const states = new Map<string, string>();
  for (const m of list(r)) {
    if (typeof m.Name === 'string' && m.State !== undefined) states.set(m.Name, String(m.State));
  }
  return { status, states };
}

/** The macros with the runtime's state of each it lists. */
export function withStates(macros: readonly MacroInfo[], runtime: RuntimeInfo): MacroInfo[] {
  return macros.map(m => {
    const state = runtime.states.get(m.name);
    return state === undefined ? m : { ...m, state };
  });
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

  /** A macro's source and whether it is active; undefined when the device has no such macro. */
  async find(name: string): Promise<{ content: string; active: boolean } | undefined> {
    const r = await this.xapi.command('Macros Macro Get', { Name: name, Content: 'True' }).catch((e: Error) => {
      if (e.message.includes(ErrorMessage.NoSuchMacro)) return undefined;
      throw e;
    });
    const m = list(r).find(x => String(x.Name) === name);
    return m ? { content: typeof m.Content === 'string' ? m.Content : '', active: String(m.Active) === 'True' } : undefined;
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

  /** The runtime's status and each running macro's state; nothing known when the device does not answer. */
  async runtime(): Promise<RuntimeInfo> {
    return parseRuntimeStatus(await this.xapi.command('Macros Runtime Status', {}).catch(() => undefined));
  }
}

const MACRO_NAME_RULE = 'a macro name has letters, digits, - and _ only';

/** Why a name is no macro name the device takes (what `Macros Macro Save` accepts, and safe as a file name), if it is not. */
export function checkMacroName(name: string): string | undefined {
  if (name.trim() === '') return 'Enter a name';
  if (name.length > 250) return `At most 250 characters (this one has ${name.length})`;
  const bad = /[^\p{L}\p{N}_-]/u.exec(name)?.[0];
  if (bad === undefined) return undefined;
  const what = bad === '.' ? 'A dot' : /\s/.test(bad) ? 'A space' : `"${bad}"`;
  return `${what} cannot be in a macro name: ${MACRO_NAME_RULE}`;
}
