/**
 * Macros: stored by Save (persisting across boots, like panels), Get/Remove/Rename/Activate/Deactivate,
 * and a simulated runtime whose Restart emits `Macros Log` lines for each active macro.
 */
import type { Device } from '../device';
import { RpcError } from '../errors';
import { Behaviour, num, str, tryEmit } from './helpers';

interface Macro { name: string; content: string; active: boolean }

export interface MacrosBehaviour extends Behaviour {
  log(macro: string, message: string, level: string): void;
  macros(): readonly Macro[];
}

export function macrosBehaviour(device: Device): MacrosBehaviour {
  const macros = new Map<string, Macro>();
  const lines: { Level: string; Macro: string; Message: string; Offset: number; Timestamp: string }[] = [];
  let running = true;

  const need = (name: string): Macro => {
    const m = macros.get(name);
    if (!m) throw RpcError.commandError(`Macro '${name}' not found`);
    return m;
  };

  function log(macro: string, message: string, level: string): void {
    const line = { Level: level, Macro: macro, Message: message, Offset: lines.length, Timestamp: new Date(device.clock.now()).toISOString() };
    lines.push(line);
    if (lines.length > 1000) lines.splice(0, lines.length - 1000);
    tryEmit(device, 'Macros Log', line);
  }

  function start(): void {
    running = true;
    for (const m of macros.values()) {
      if (!m.active) continue;
      log(m.name, `Loading macro ${m.name}`, 'INFO');
      tryEmit(device, 'Macros Macro Started', { Name: m.name });
    }
    tryEmit(device, 'Macros Runtime Ready');
  }

  function stop(): void {
    running = false;
  }

  return {
    name: 'macros',
    log,
    macros: () => [...macros.values()],
    onBoot() { running = true; },
    commands: {
      'Macros Macro Save'(ctx) {
        const name = str(ctx.params.Name);
        const existing = macros.get(name);
        if (existing && str(ctx.params.Overwrite, 'True') === 'False') throw RpcError.commandError(`Macro '${name}' already exists`);
        macros.set(name, { name, content: ctx.body ?? '', active: existing?.active ?? false });
        ctx.after(() => tryEmit(device, 'Macros Macro Saved', { Name: name }));
      },
      'Macros Macro Get'(ctx) {
        const withContent = str(ctx.params.Content, 'False') === 'True';
        const name = ctx.params.Name !== undefined ? str(ctx.params.Name) : undefined;
        if (name !== undefined) need(name);
        const list = [...macros.values()].filter(m => name === undefined || m.name === name).map((m, i) => ({
          Active: m.active ? 'True' : 'False', Name: m.name, ...(withContent ? { Content: m.content } : {}), id: i + 1,
        }));
        return list.length ? { Macro: list } : {};
      },
      'Macros Macro Remove'(ctx) {
        const name = str(ctx.params.Name);
        need(name);
        macros.delete(name);
        ctx.after(() => tryEmit(device, 'Macros Macro Removed', { Name: name }));
      },
      'Macros Macro RemoveAll'() {
        macros.clear();
      },
      'Macros Macro Rename'(ctx) {
        const [name, newName] = [str(ctx.params.Name), str(ctx.params.NewName)];
        const m = need(name);
        if (macros.has(newName) && str(ctx.params.Overwrite, 'False') !== 'True') throw RpcError.commandError(`Macro '${newName}' already exists`);
        macros.delete(name);
        m.name = newName;
        macros.set(newName, m);
        ctx.after(() => tryEmit(device, 'Macros Macro Renamed', { Name: name, NewName: newName }));
      },
      'Macros Macro Activate'(ctx) {
        const m = need(str(ctx.params.Name));
        m.active = true;
        ctx.after(() => tryEmit(device, 'Macros Macro Activated', { Name: m.name }));
      },
      'Macros Macro Deactivate'(ctx) {
        const m = need(str(ctx.params.Name));
        m.active = false;
        ctx.after(() => tryEmit(device, 'Macros Macro Deactivated', { Name: m.name }));
      },
      'Macros Runtime Restart'(ctx) {
        ctx.after(() => { tryEmit(device, 'Macros Runtime Reloading'); stop(); start(); });
      },
      'Macros Runtime Start'(ctx) {
        ctx.after(start);
      },
      'Macros Runtime Stop'(ctx) {
        ctx.after(stop);
      },
      'Macros Runtime Status'() {
        return { Running: running ? 'True' : 'False', ActiveMacros: [...macros.values()].filter(m => m.active).length };
      },
      'Macros Log Clear'() {
        lines.length = 0;
      },
      'Macros Log Get'(ctx) {
        const from = num(ctx.params.Offset, 0);
        const out = lines.filter(l => l.Offset >= from).map((l, i) => ({ ...l, id: i + 1 }));
        return out.length ? { Line: out } : {};
      },
    },
  };
}
