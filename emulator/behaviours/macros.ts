/**
 * Macros: stored by Save (persisting across boots, like panels), Get/Remove/Rename/Activate/Deactivate/Roles Set,
 * the log, and the runtime that runs the active ones (the Device's `macroRuntime`, emulator/macros/host.ts; a
 * Device without one stores macros and runs none).
 *
 * As on a device, changing what runs restarts the runtime: Save of an active macro, Activate, Deactivate,
 * Remove, RemoveAll, Rename and Roles Set. A boot stops it and, with `Macros AutoStart` On, starts it again once
 * the device is up. A macro that hung the runtime (an endless loop) or ran it out of memory is left out of later
 * starts until it is saved or activated again.
 */
import type { Role } from '../../schema/model';
import type { Device } from '../device';
import { ErrorMessage } from '../../xapi/protocol';
import { RpcError } from '../errors';
import type { MacroRuntime, RuntimeHooks } from '../macros/host';
import { Behaviour, num, str, tryEmit } from './helpers';

interface Macro { name: string; content: string; active: boolean; roles?: Role[] }

/** A running macro's state, as `Macros Runtime Status` lists it. */
export type MacroState = 'Loading' | 'Running' | 'Failed' | 'Unresponsive';

export interface MacrosBehaviour extends Behaviour {
  log(macro: string, message: string, level: string): void;
  macros(): readonly Macro[];
  /** The active macros' states while the runtime runs (empty when it does not, or the device has no runtime). */
  states(): ReadonlyMap<string, MacroState>;
}

export function macrosBehaviour(device: Device): MacrosBehaviour {
  const macros = new Map<string, Macro>();
  const lines: { Level: string; Macro: string; Message: string; Offset: number; Timestamp: string }[] = [];
  /** Macros that hung the runtime: not started again until saved or activated. */
  const unresponsive = new Set<string>();
  const states = new Map<string, MacroState>();
  let nextOffset = 0;
  let running = true;
  let runtime: MacroRuntime | undefined;
  let disposed = false;

  const need = (name: string): Macro => {
    const m = macros.get(name);
    if (!m) throw RpcError.commandError(ErrorMessage.NoSuchMacro);
    return m;
  };

  function log(macro: string, message: string, level: string): void {
    const line = { Level: level, Macro: macro, Message: message, Offset: nextOffset++, Timestamp: new Date(device.clock.now()).toISOString() };
    lines.push(line);
    if (lines.length > 1000) lines.splice(0, lines.length - 1000);
    tryEmit(device, 'Macros Log', line);
  }

  function stopRuntime(): void {
    const r = runtime;
    runtime = undefined;
    states.clear();
    r?.stop();
  }

  /** (Re)start the runtime with the active macros; `reloaded`: say so when it is ready (Runtime Restart). */
  function startRuntime(reloaded = false): void {
    stopRuntime();
    if (disposed || !running) return;
    const active = [...macros.values()].filter(m => m.active && !unresponsive.has(m.name));
    const starter = device.macroRuntime;
    const ready = () => {
      tryEmit(device, 'Macros Runtime Ready');
      if (reloaded) tryEmit(device, 'Macros Runtime Reloaded');
    };
    if (!starter || !active.length) {
      ready();
      return;
    }
    for (const m of active) states.set(m.name, 'Loading');
    let mine: MacroRuntime | undefined;
    // Hooks of a runtime that was replaced say nothing (the host stops calling them at stop(), this is a second guard).
    const current = () => mine !== undefined && runtime === mine;
    const hooks: RuntimeHooks = {
      log: (macro, message, level) => { if (current()) log(macro, message, level); },
      started: macro => {
        if (!current()) return;
        states.set(macro, 'Running');
        tryEmit(device, 'Macros Macro Started', { Name: macro });
      },
      failed: macro => { if (current()) states.set(macro, 'Failed'); },
      ready: () => { if (current()) ready(); },
      ended: (macro, reason) => {
        if (!current()) return;
        runtime = undefined;
        if (macro === undefined) {
          // Nobody to leave out: starting again could fail the same way, so the runtime stays stopped.
          log('', `The macro runtime stopped: ${reason}`, 'ERROR');
          running = false;
          states.clear();
          return;
        }
        log(macro, `Macro ${macro} ${reason}: the runtime was restarted without it (save or activate it to run it again)`, 'ERROR');
        unresponsive.add(macro);
        startRuntime();
      },
    };
    try {
      const library = [...macros.values()].map(m => ({ name: m.name, content: m.content }));
      runtime = mine = starter(device, active.map(m => ({ name: m.name, content: m.content, ...(m.roles ? { roles: m.roles } : {}) })), hooks, library);
    } catch (e) {
      runtime = undefined;
      states.clear();
      log('', `The macro runtime could not start: ${e instanceof Error ? e.message : String(e)}`, 'ERROR');
    }
  }

  /** What the commands do after their answer: restart when the runtime runs (a stopped one stays stopped). */
  const restart = () => { if (running) startRuntime(); };

  return {
    name: 'macros',
    log,
    macros: () => [...macros.values()],
    states: () => states,
    onBoot() {
      stopRuntime();
      running = false;
      device.whenReady().then(() => {
        if (disposed) return;
        let autoStart = 'On';
        try { autoStart = String(device.getConfiguration('Macros AutoStart') ?? 'On'); } catch { /* no such configuration */ }
        if (autoStart === 'Off') return;
        running = true;
        startRuntime();
      }, () => undefined);
    },
    dispose() {
      disposed = true;
      stopRuntime();
    },
    commands: {
      'Macros Macro Save'(ctx) {
        const name = str(ctx.params.Name);
        const existing = macros.get(name);
        if (existing && str(ctx.params.Overwrite, 'True') === 'False') throw RpcError.commandError(`Macro '${name}' already exists`);
        macros.set(name, { name, content: ctx.body ?? '', active: existing?.active ?? false, ...(existing?.roles ? { roles: existing.roles } : {}) });
        const wasUnresponsive = unresponsive.delete(name);
        ctx.after(() => {
          tryEmit(device, 'Macros Macro Saved', { Name: name });
          if (existing?.active || (wasUnresponsive && macros.get(name)?.active)) restart();
        });
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
        unresponsive.delete(name);
        ctx.after(() => { tryEmit(device, 'Macros Macro Removed', { Name: name }); restart(); });
      },
      'Macros Macro RemoveAll'(ctx) {
        macros.clear();
        unresponsive.clear();
        ctx.after(restart);
      },
      'Macros Macro Rename'(ctx) {
        const [name, newName] = [str(ctx.params.Name), str(ctx.params.NewName)];
        const m = need(name);
        if (macros.has(newName) && str(ctx.params.Overwrite, 'False') !== 'True') throw RpcError.commandError(`Macro '${newName}' already exists`);
        macros.delete(name);
        m.name = newName;
        macros.set(newName, m);
        if (unresponsive.delete(name)) unresponsive.add(newName);
        ctx.after(() => { tryEmit(device, 'Macros Macro Renamed', { Name: name, NewName: newName }); restart(); });
      },
      'Macros Macro Activate'(ctx) {
        const m = need(str(ctx.params.Name));
        m.active = true;
        unresponsive.delete(m.name);
        ctx.after(() => { tryEmit(device, 'Macros Macro Activated', { Name: m.name }); restart(); });
      },
      'Macros Macro Deactivate'(ctx) {
        const m = need(str(ctx.params.Name));
        m.active = false;
        ctx.after(() => { tryEmit(device, 'Macros Macro Deactivated', { Name: m.name }); restart(); });
      },
      'Macros Macro Roles Set'(ctx) {
        const m = need(str(ctx.params.Name));
        const given = ctx.params.Role;
        const roles = (Array.isArray(given) ? given : given === undefined ? [] : [given]).map(r => String(r) as Role);
        if (roles.length) m.roles = roles;
        else delete m.roles;
        if (m.active) ctx.after(restart);
      },
      'Macros Runtime Restart'(ctx) {
        ctx.after(() => {
          tryEmit(device, 'Macros Runtime Reloading');
          running = true;
          startRuntime(true);
        });
      },
      'Macros Runtime Start'(ctx) {
        ctx.after(() => {
          if (running) return;
          running = true;
          startRuntime();
        });
      },
      'Macros Runtime Stop'(ctx) {
        ctx.after(() => {
          running = false;
          stopRuntime();
        });
      },
      'Macros Runtime Status'() {
        const active = [...macros.values()].filter(m => m.active);
        const listed = running && device.macroRuntime ? active.map((m, i) => ({ Name: m.name, State: unresponsive.has(m.name) ? 'Unresponsive' : states.get(m.name) ?? 'Loading', id: i + 1 })) : [];
        return { Running: running ? 'True' : 'False', ActiveMacros: active.length, ...(listed.length ? { Macro: listed } : {}) };
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
