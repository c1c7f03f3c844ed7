/**
 * Worker side: one macro evaluated in a vm context of its own, so its globals are its own (as each macro's are
 * on a device), with `console`, timers and `xapi` (through `import` or `require`) and nothing of Node's.
 */
import { format } from 'node:util';
import * as vm from 'node:vm';
import type { LogLevel } from './messages';
import { exportedNames, hasModuleSyntax, rewriteModuleSyntax } from './moduleSyntax';

export interface SandboxHooks {
  log(level: LogLevel, message: string): void;
  /** Code of this macro threw outside its top level (a timer callback). */
  threw(error: unknown): void;
  /** Marks this macro as the one whose code runs now (for naming the culprit of an endless loop). */
  entered(): void;
  /**
   * What `import … from spec` (`how: 'import'`, a namespace whose `default` is the module) or `require(spec)`
   * gives; throws for an unknown module.
   */
  module(spec: string, how: 'import' | 'require'): unknown;
}

const LEVELS: Readonly<Record<string, LogLevel>> = { debug: 'DEBUG', log: 'INFO', info: 'INFO', warn: 'WARNING', error: 'ERROR' };

/** The file name stack traces show for a macro: `name.js:12:5`, what the editor links to the macro's line. */
export const macroFileName = (name: string) => `${name}.js`;

function macroConsole(hooks: SandboxHooks): Record<string, (...args: unknown[]) => void> {
  const out: Record<string, (...args: unknown[]) => void> = {};
  for (const [method, level] of Object.entries(LEVELS)) out[method] = (...args: unknown[]) => hooks.log(level, format(...args));
  out.trace = out.debug;
  return out;
}

/**
 * Timers whose callbacks report a throw as the macro's, instead of ending the worker; all of them are
 * cancelled by `cancel()` (a macro that failed at load, or was stopped, runs nothing any more).
 */
function macroTimers(hooks: SandboxHooks): { globals: Record<string, unknown>; cancel(): void } {
  const live = new Set<ReturnType<typeof setTimeout>>();
  let cancelled = false;
  const guard = (fn: unknown, done?: () => void) => (...args: unknown[]) => {
    done?.();
    if (cancelled) return;
    hooks.entered();
    try {
      if (typeof fn === 'function') fn(...args);
    } catch (e) { hooks.threw(e); }
  };
  const once = (make: (done: () => void) => ReturnType<typeof setTimeout>) => {
    // `done` runs when the timer fires, long after `t` is set.
    const t: ReturnType<typeof setTimeout> = make(() => live.delete(t));
    live.add(t);
    return t;
  };
  const clear = (t: unknown) => {
    live.delete(t as ReturnType<typeof setTimeout>);
    clearTimeout(t as ReturnType<typeof setTimeout>);
  };
  const globals = {
    setTimeout: (fn: unknown, ms?: number, ...args: unknown[]) => once(done => setTimeout(guard(fn, done), ms, ...args)),
    setInterval: (fn: unknown, ms?: number, ...args: unknown[]) => {
      const t = setInterval(guard(fn), ms, ...args);
      live.add(t);
      return t;
    },
    // Immediates and microtasks are not tracked: they run at once, and `cancelled` makes them do nothing.
    setImmediate: (fn: unknown, ...args: unknown[]) => setImmediate(guard(fn), ...args),
    clearTimeout: clear, clearInterval: clear, clearImmediate: (t: unknown) => clearImmediate(t as ReturnType<typeof setImmediate>),
    queueMicrotask: (fn: unknown) => queueMicrotask(guard(fn)),
  };
  return {
    globals,
    cancel() {
      cancelled = true;
      for (const t of live) clearTimeout(t);
      live.clear();
    },
  };
}

/** How the device evaluates macros (`Macros EvaluateTranspiled`): transpiled CommonJS-style, or plain modules. */
export type MacroMode = 'transpiled' | 'module';

export interface LoadOptions {
  /** The main macro this code runs for: the macro itself, or the one that imported this library. */
  readonly main: string;
  readonly mode: MacroMode;
  /** Called with the macro before its body runs: a library registers itself here, so an import cycle finds it. */
  readonly beforeRun?: (loaded: LoadedMacro) => void;
}

/**
 * What a device's runtime says when `require` is called with transpiling off (`Macros EvaluateTranspiled False`:
 * "macros containing old style require … will fail"). Assumed text: no capture of it is known.
 */
export const REQUIRE_NOT_SUPPORTED = "require is not supported when transpiling is off (Macros EvaluateTranspiled: False): use import";

/**
 * What the device's runtime says for an import it cannot resolve: QuickJS's own text (the engine real devices
 * run). Assumed: no capture of the device's answer is known.
 */
export const moduleNotFound = (spec: string) => new ReferenceError(`could not load module filename '${spec}'`);

export interface LoadedMacro {
  /** The macro's top level: settles when it has run (after its top-level awaits); rejects with what it threw. */
  readonly done: Promise<void>;
  /** What it exports (live bindings: getters), for the macros that import it. */
  readonly exports: Record<string, unknown>;
  /** True when `error` came from this macro's code (its stack names the macro's file). */
  owns(error: unknown): boolean;
  /** Cancel its timers; callbacks still queued do nothing. */
  stop(): void;
}

/**
 * Compile and start a macro (a main macro, or a library one imported for `opts.main`). A syntax error throws here;
 * anything else its top level throws rejects `done`. Besides `console`, timers and `xapi` (through `import`, or
 * `require` when transpiling is on) a macro sees what real macros use: `module.name` (`./<this macro>`),
 * `require.main.name` (`./<main macro>`: inside a library the two differ), `_main_macro_name()` (the main macro's
 * name) and `btoa`/`atob`.
 */
export function loadMacro(name: string, source: string, hooks: SandboxHooks, opts: LoadOptions = { main: name, mode: 'transpiled' }): LoadedMacro {
  const file = macroFileName(name);
  const strict = hasModuleSyntax(source);
  const body = strict ? rewriteModuleSyntax(source) : source;
  const timers = macroTimers(hooks);
  const requireFn = Object.assign((spec: unknown) => {
    if (opts.mode === 'module') throw new ReferenceError(REQUIRE_NOT_SUPPORTED);
    return hooks.module(String(spec), 'require');
  }, { main: Object.freeze({ name: `./${opts.main}` }) });
  const importFn = (spec: unknown) => hooks.module(String(spec), 'import');
  // `module.require` too: real libraries read `module.require.main.name` (GMM_Lib).
  const module = { exports: {} as Record<string, unknown>, name: `./${name}`, require: requireFn };
  const globals = {
    console: macroConsole(hooks), ...timers.globals,
    btoa: (s: unknown) => btoa(String(s)), atob: (s: unknown) => atob(String(s)),
    _main_macro_name: () => opts.main,
  };
  const context = vm.createContext(globals, { name: `macro ${name}` });
  // Exports are live bindings, as a module's are: getters defined before the body runs, so a macro importing this
  // one (even in a cycle) sees each value once it is set.
  const getters = strict ? exportedNames(source).map(([exported, local]) =>
    `Object.defineProperty(exports, ${JSON.stringify(exported)}, { get: () => ${local}, enumerable: true });`).join('') : '';
  // Async, so top-level `await` works; the wrapper sits on line 1, so every line number is the macro's own.
  const prefix = `(async function (require, module, exports, __import) {${strict ? "'use strict';" : ''}${getters}`;
  const script = new vm.Script(`${prefix}${body}\n})`, { filename: file });
  const fn = script.runInContext(context) as (...a: unknown[]) => Promise<void>;
  const mine = fileRef(file);
  let settle!: { resolve: () => void; reject: (e: unknown) => void };
  const done = new Promise<void>((resolve, reject) => { settle = { resolve, reject }; });
  const loaded: LoadedMacro = { done, get exports() { return module.exports; }, owns: e => mine.test(stackOf(e)), stop: () => timers.cancel() };
  opts.beforeRun?.(loaded);
  hooks.entered();
  try {
    Promise.resolve(fn(requireFn, module, module.exports, importFn)).then(settle.resolve, settle.reject);
  } catch (e) { settle.reject(e); }
  return loaded;
}

/** `file:line` as a stack names it (at a line start, after `(` or a space), so `a.js` does not match `ba.js`. */
function fileRef(file: string): RegExp {
  return new RegExp(`(?:^|[\\s(])${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+)`);
}

function stackOf(e: unknown): string {
  const s = (e as { stack?: unknown } | null)?.stack;
  return typeof s === 'string' ? s : '';
}

/**
 * What the log says about an error a macro threw: its first line, then the stack frames inside macros only
 * (the runtime's own frames say nothing to the macro's author); and the macro's line when the stack names it.
 */
export function describeError(name: string, e: unknown): { message: string; line?: number } {
  const file = macroFileName(name);
  const stack = stackOf(e);
  const head = e !== null && typeof e === 'object' && 'message' in e
    ? `${String((e as { name?: unknown }).name ?? 'Error')}: ${String((e as { message: unknown }).message)}`
    : `Uncaught ${format(e)}`;
  // A SyntaxError's stack starts with `file:line` and the offending source; a runtime error names `file:line:col`.
  const at = fileRef(file).exec(stack);
  const line = at ? Number(at[1]) : undefined;
  const anyMacro = /(?:^|[\s(])[^\s()]+\.js:\d+/;
  const frames = stack.split('\n').filter(l => /^\s+at /.test(l) && anyMacro.test(l) && !l.includes('/')).map(l => l.trim());
  const where = !frames.length && line !== undefined ? ` (${file}:${line})` : '';
  return { message: [head + where, ...frames.map(f => `    ${f}`)].join('\n'), line };
}
