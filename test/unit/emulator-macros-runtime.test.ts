/**
 * The emulator's macro runtime (emulator/macros/): active macros run in a worker thread, each in its own vm
 * context with its own xAPI session on the in-process device; console lines become `Macros Log`; a throw is
 * an ERROR line; an endless loop is caught by the liveness ping and the macro left out. In-process device
 * (createSimulatedXapi), no sockets; waits are polls with deadlines, never timed assertions.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimulatedXapi, type SimulatedXapi } from '../../emulator/simulatedXapi';
import type { Device } from '../../emulator/device';
import type { MacrosBehaviour } from '../../emulator/behaviours/macros';
import { workerEntry, workerRuntime, type MacroRuntime, type MacroRuntimeOptions } from '../../emulator/macros/host';
import { waitFor } from '../support/waitFor';
import type { HttpResponder } from '../../emulator/behaviours/httpClient';
import type { Schema } from '../../schema/model';
import { requirePublished } from '../support/publishedSchemas';

interface LogLine { Level: string; Macro: string; Message: string; Offset: number }

interface Rig {
  xapi: SimulatedXapi;
  device: Device;
  /** Every runtime the device started, oldest first. */
  runtimes: MacroRuntime[];
  logs: LogLine[];
  /** `Macros …` events other than Log, as `Macro Started vol`, `Runtime Ready`. */
  events: string[];
  deploy(name: string, content: string): Promise<void>;
  linesOf(macro: string, level?: string): string[];
}

const rigs: Rig[] = [];

async function rig(options: MacroRuntimeOptions & { schema?: Schema; http?: HttpResponder } = {}): Promise<Rig> {
  const runtimes: MacroRuntime[] = [];
  const xapi = createSimulatedXapi({
    ...(options.schema ? { schema: options.schema } : {}), ...(options.http ? { http: options.http } : {}),
    macroRuntime: (device, macros, hooks, library) => {
      const r = workerRuntime(options)(device, macros, hooks, library);
      runtimes.push(r);
      return r;
    },
  });
  const logs: LogLine[] = [];
  const events: string[] = [];
  await xapi.Event.Macros.on((e: any) => {
    if (e.Log) { logs.push(e.Log); return; }
    for (const [group, inner] of Object.entries<any>(e)) {
      for (const [what, payload] of Object.entries<any>(inner ?? {})) {
        if (what !== 'id') events.push([group, what, payload?.Name].filter(Boolean).join(' '));
      }
    }
  }).registered;
  const r: Rig = {
    xapi, device: xapi.device, runtimes, logs, events,
    async deploy(name, content) {
      await xapi.command('Macros Macro Save', { Name: name }, content);
      await xapi.command('Macros Macro Activate', { Name: name });
    },
    linesOf: (macro, level) => logs.filter(l => l.Macro === macro && (level === undefined || l.Level === level)).map(l => l.Message),
  };
  rigs.push(r);
  return r;
}

/** The macro's own session on the device (its user is `macro:NAME`), if it has one now. */
function macroSession(device: Device, name: string) {
  return [...device.sessions].find(s => s.user.username === `macro:${name}`);
}

const subscribed = (device: Device, name: string) => (macroSession(device, name)?.subscriptions.size ?? 0) > 0;

async function runtimeStatus(xapi: SimulatedXapi): Promise<any> {
  return xapi.command('Macros Runtime Status');
}

const stateOf = async (xapi: SimulatedXapi, name: string): Promise<string | undefined> =>
  ((await runtimeStatus(xapi)).Macro ?? []).find((m: any) => m.Name === name)?.State;

const press = (xapi: SimulatedXapi, WidgetId: string, Value = '') =>
  xapi.emitEvent('UserInterface Extensions Widget Action', { WidgetId, Type: 'released', Value });

async function disposeRigs(): Promise<void> {
  while (rigs.length) {
    const r = rigs.pop()!;
    r.device.dispose();
    await r.xapi.close();
    // dispose() ends every worker: nothing is left running after a test.
    await Promise.all(r.runtimes.map(x => x.exited));
  }
}

describe('emulator macro runtime', function () {
  // Each runtime start is a worker thread loading the runtime under tsx.
  this.timeout(20_000);

  afterEach(disposeRigs);

  it('a macro listening to Widget Action sets the volume when the event comes', async () => {
    const { xapi, device, deploy, events } = await rig();
    await deploy('vol', `import xapi from 'xapi';

xapi.Event.UserInterface.Extensions.Widget.Action.on(e => {
  if (e.WidgetId === 'volume') xapi.Command.Audio.Volume.Set({ Level: Number(e.Value) });
});
`);
    await waitFor('the macro subscribed to Widget Action', () => subscribed(device, 'vol'));
    press(xapi, 'volume', '35');
    await waitFor('the volume the macro set', () => device.getStatus('Audio Volume') === 35);
    assert.ok(device.commandsReceived.some(c => c.path === 'Audio Volume Set' && c.user === 'macro:vol'), 'the command ran as the macro');
    await waitFor('Macro Started and Runtime Ready', () => events.includes('Macro Started vol') && events.includes('Runtime Ready'));
    assert.equal(await stateOf(xapi, 'vol'), 'Running');
  });

  it('console methods become Macros Log events with their levels, also in Macros Log Get', async () => {
    const { xapi, deploy, logs } = await rig();
    await deploy('talk', `console.log('plain', 1 + 1);
console.info('info', { a: 1 });
console.warn('careful');
console.error('broken');
console.debug('detail');
`);
    await waitFor('five console lines', () => logs.filter(l => l.Macro === 'talk').length >= 5);
    assert.deepEqual(logs.filter(l => l.Macro === 'talk').map(l => [l.Level, l.Message]), [
      ['INFO', 'plain 2'], ['INFO', 'info { a: 1 }'], ['WARNING', 'careful'], ['ERROR', 'broken'], ['DEBUG', 'detail'],
    ]);
    const got = await xapi.command('Macros Log Get') as any;
    const mine = got.Line.filter((l: any) => l.Macro === 'talk');
    assert.deepEqual(mine.map((l: any) => l.Message), ['plain 2', 'info { a: 1 }', 'careful', 'broken', 'detail']);
    assert.equal(typeof mine[0].Offset, 'number');
    assert.match(mine[0].Timestamp, /^\d{4}-\d\d-\d\dT/);
  });

  it('a macro that throws at load logs an ERROR naming its line and does not run; the others do', async () => {
    const { xapi, device, deploy, linesOf } = await rig();
    await xapi.command('Macros Macro Save', { Name: 'broken' }, `import xapi from 'xapi';
xapi.Event.UserInterface.Extensions.Widget.Action.on(() => console.log('must not run'));
console.log('before the throw');
notDefinedAnywhere();
`);
    await xapi.command('Macros Macro Save', { Name: 'typo' }, `console.log('x';\n`);
    await xapi.command('Macros Macro Activate', { Name: 'broken' });
    await xapi.command('Macros Macro Activate', { Name: 'typo' });
    await deploy('fine', `console.log('fine is running');\n`);
    await waitFor('the good macro running', () => linesOf('fine').includes('fine is running'));
    await waitFor('the errors of both failing macros', () => linesOf('broken', 'ERROR').length > 0 && linesOf('typo', 'ERROR').length > 0);
    const [runtimeError] = linesOf('broken', 'ERROR');
    assert.match(runtimeError, /^ReferenceError: notDefinedAnywhere is not defined/);
    assert.match(runtimeError, /broken\.js:4:1/);
    const [syntaxError] = linesOf('typo', 'ERROR');
    assert.match(syntaxError, /^SyntaxError: .*\(typo\.js:1\)/);
    assert.deepEqual(linesOf('broken', 'INFO'), ['before the throw']);
    assert.equal(await stateOf(xapi, 'broken'), 'Failed');
    assert.equal(await stateOf(xapi, 'typo'), 'Failed');
    // Its console line comes while its top level runs; 'Running' once that top level has ended (a message later).
    await waitFor('the good macro Running', async () => await stateOf(xapi, 'fine') === 'Running');
    // Its connection ended with the failure: the listener it registered first is gone with it.
    await waitFor('the failed macro\'s session closed', () => !macroSession(device, 'broken'));
  });

  it('a throw in a listener, a timer or a promise is an ERROR line, and the macro keeps running', async () => {
    const { xapi, device, deploy, linesOf } = await rig();
    await deploy('sturdy', `import xapi from 'xapi';
setTimeout(() => { throw new Error('from a timer'); }, 0);
Promise.reject(new Error('from a promise'));
xapi.Event.UserInterface.Extensions.Widget.Action.on(e => {
  if (e.WidgetId === 'boom') throw new TypeError('from a listener');
  xapi.Command.Audio.Volume.Set({ Level: 20 });
});
`);
    await waitFor('the timer and promise errors', () => linesOf('sturdy', 'ERROR').length >= 2);
    await waitFor('the macro subscribed', () => subscribed(device, 'sturdy'));
    press(xapi, 'boom');
    await waitFor('the listener error', () => linesOf('sturdy', 'ERROR').length >= 3);
    const errors = linesOf('sturdy', 'ERROR');
    assert.ok(errors.some(e => /^Error: from a timer/.test(e) && /sturdy\.js:2:/.test(e)), errors.join('\n'));
    assert.ok(errors.some(e => /^Error: from a promise/.test(e) && /sturdy\.js:3:/.test(e)), errors.join('\n'));
    assert.ok(errors.some(e => /^TypeError: from a listener/.test(e) && /sturdy\.js:5:/.test(e)), errors.join('\n'));
    press(xapi, 'other');
    await waitFor('the macro still acting on events', () => device.getStatus('Audio Volume') === 20);
    assert.equal(await stateOf(xapi, 'sturdy'), 'Running');
  });

  it('an endless loop in a listener is stopped and reported; the emulator keeps answering; the others run again without it', async () => {
    const { xapi, device, deploy, runtimes, linesOf } = await rig({ pingIntervalMs: 50, unresponsiveMs: 500 });
    await deploy('steady', `console.log('steady up');\n`);
    await deploy('spinner', `import xapi from 'xapi';
xapi.Event.UserInterface.Extensions.Widget.Action.on(e => {
  if (e.WidgetId === 'spin') while (true) {}
});
`);
    await waitFor('both macros up', () => linesOf('steady').includes('steady up') && subscribed(device, 'spinner'));
    const before = runtimes.length;
    const stuck = runtimes.at(-1)!;
    press(xapi, 'spin');
    // The device is another thread: it answers while the macro spins.
    assert.equal(typeof await xapi.Status.Audio.Volume.get(), 'number');
    await waitFor('the report naming the stuck macro', () => linesOf('spinner', 'ERROR').length > 0);
    assert.match(linesOf('spinner', 'ERROR')[0], /^Macro spinner did not answer for 0\.5 s .*restarted without it/);
    await stuck.exited;
    await waitFor('the runtime restarted without it', () => runtimes.length > before && linesOf('steady').length >= 2);
    assert.equal(await stateOf(xapi, 'spinner'), 'Unresponsive');
    await waitFor('the other macro Running again', async () => await stateOf(xapi, 'steady') === 'Running');
    assert.ok(!macroSession(device, 'spinner'), 'the stuck macro has no session any more');
    // Saving it again gives it another chance.
    await xapi.command('Macros Macro Save', { Name: 'spinner' }, `console.log('spinner fixed');\n`);
    await waitFor('the saved macro running again', () => linesOf('spinner').includes('spinner fixed'));
  });

  it('an endless loop at a macro\'s top level is reported and the runtime restarted without it', async () => {
    const { xapi, deploy, linesOf } = await rig({ pingIntervalMs: 50, unresponsiveMs: 500 });
    await xapi.command('Macros Macro Save', { Name: 'hang' }, `while (true) {}\n`);
    await xapi.command('Macros Macro Save', { Name: 'after' }, `console.log('after runs');\n`);
    await xapi.command('Macros Macro Activate', { Name: 'hang' });
    await deploy('after', `console.log('after runs');\n`);
    await waitFor('the report', () => linesOf('hang', 'ERROR').length > 0);
    await waitFor('the other macro running', () => linesOf('after').includes('after runs'));
    assert.equal(await stateOf(xapi, 'hang'), 'Unresponsive');
    assert.equal((await runtimeStatus(xapi)).Running, 'True');
  });

  it('Runtime Restart runs the macros again (Reloading, Ready, Reloaded)', async () => {
    const { xapi, deploy, linesOf, events, runtimes } = await rig();
    await deploy('again', `console.log('run');\n`);
    await waitFor('the first run', () => linesOf('again').length === 1);
    const first = runtimes.at(-1)!;
    await xapi.command('Macros Runtime Restart');
    await waitFor('the second run', () => linesOf('again').length === 2);
    await first.exited;
    await waitFor('the reload events', () => events.includes('Runtime Reloaded'));
    const i = events.lastIndexOf('Runtime Reloading');
    assert.ok(i >= 0 && events.indexOf('Runtime Ready', i) > i && events.indexOf('Runtime Reloaded', i) > i, events.join(', '));
  });

  it('Deactivate stops the macro: its session and its subscriptions are gone', async () => {
    const { xapi, device, deploy, linesOf } = await rig();
    await deploy('listener', `import xapi from 'xapi';
xapi.Event.UserInterface.Extensions.Widget.Action.on(e => console.log('heard', e.WidgetId));
`);
    await waitFor('the macro subscribed', () => subscribed(device, 'listener'));
    press(xapi, 'one');
    await waitFor('the macro heard it', () => linesOf('listener').includes('heard one'));
    await xapi.command('Macros Macro Deactivate', { Name: 'listener' });
    await waitFor('its session gone', () => !macroSession(device, 'listener'));
    assert.equal(device.sessionCount, 1, 'only the test\'s own session is left');
    assert.equal((await runtimeStatus(xapi)).ActiveMacros, 0);
    press(xapi, 'two');
    await xapi.settle();
    assert.deepEqual(linesOf('listener'), ['heard one']);
  });

  it('a CommonJS macro with require(\'xapi\') uses the string API', async () => {
    const { xapi, device, deploy, linesOf } = await rig();
    await deploy('legacy', `const xapi = require('xapi');

async function main() {
  await xapi.command('Audio Volume Set', { Level: 42 });
  const volume = await xapi.status.get('Audio Volume');
  const start = await xapi.config.get('Audio DefaultVolume');
  console.log('volume', volume, 'default', start);
  xapi.event.on('UserInterface Extensions Widget Action', e => console.log('event', e.WidgetId));
  xapi.status.on('Audio Volume', v => console.log('now', v));
}
main();
`);
    await waitFor('the macro\'s reads', () => linesOf('legacy').includes('volume 42 default 50'));
    assert.equal(device.getStatus('Audio Volume'), 42);
    await waitFor('its two subscriptions', () => (macroSession(device, 'legacy')?.subscriptions.size ?? 0) >= 2);
    press(xapi, 'w1');
    xapi.setStatus('Audio Volume', 10);
    await waitFor('the macro heard both', () => linesOf('legacy').includes('event w1') && linesOf('legacy').includes('now 10'));
  });

  it('import forms: named imports and a namespace import work; an unknown module fails the macro', async () => {
    const { deploy, linesOf } = await rig();
    await deploy('named', `import { Status, status } from 'xapi';
const a = await Status.Audio.Volume.get();
const b = await status.get('Audio Volume');
console.log('same', a === b);
`);
    await deploy('star', `import * as x from 'xapi';
console.log('star', typeof x.default.Command.Dial, typeof x.command);
`);
    await deploy('elsewhere', `import fs from 'fs';\n`);
    await waitFor('all three', () => linesOf('named').length > 0 && linesOf('star').length > 0 && linesOf('elsewhere', 'ERROR').length > 0);
    assert.deepEqual(linesOf('named'), ['same true']);
    assert.deepEqual(linesOf('star'), ['star function function']);
    assert.match(linesOf('elsewhere', 'ERROR')[0], /^ReferenceError: could not load module filename 'fs'/);
  });

  it('Runtime Stop ends the worker and the sessions; Runtime Start runs the macros again', async () => {
    const { xapi, device, deploy, linesOf, runtimes } = await rig();
    await deploy('ticker', `import xapi from 'xapi';
xapi.Status.Audio.Volume.on(v => console.log('volume', v));
console.log('up');
`);
    await waitFor('the macro up and subscribed', () => linesOf('ticker').includes('up') && subscribed(device, 'ticker'));
    await xapi.command('Macros Runtime Stop');
    await runtimes.at(-1)!.exited;
    assert.ok(!macroSession(device, 'ticker'));
    const status = await runtimeStatus(xapi);
    assert.equal(status.Running, 'False');
    assert.equal(status.Macro, undefined);
    await xapi.command('Macros Runtime Start');
    await waitFor('the macro up again', () => linesOf('ticker').filter(l => l === 'up').length === 2);
    assert.equal((await runtimeStatus(xapi)).Running, 'True');
  });

  it('SystemUnit Boot stops the worker; the runtime starts again once the device is up', async () => {
    const { xapi, device, deploy, linesOf, runtimes } = await rig();
    await deploy('boots', `console.log('booted macro');\n`);
    await waitFor('the macro ran', () => linesOf('boots').length === 1);
    const before = runtimes.at(-1)!;
    await device.boot(0);
    await before.exited;
    const macros = device.behaviour<MacrosBehaviour>('macros');
    await waitFor('the macro running in a new runtime', () => runtimes.at(-1) !== before && macros.states().get('boots') === 'Running');
    await waitFor('the client back', () => xapi.isConnected);
    const log = (await xapi.command('Macros Log Get')) as any;
    assert.deepEqual(log.Line.filter((l: any) => l.Macro === 'boots').map((l: any) => l.Message), ['booted macro', 'booted macro']);
  });

  it('Device dispose terminates the worker', async () => {
    const { device, deploy, linesOf, runtimes } = await rig();
    await deploy('forever', `setInterval(() => {}, 1000);\nconsole.log('up');\n`);
    await waitFor('the macro up', () => linesOf('forever').length > 0);
    device.dispose();
    await runtimes.at(-1)!.exited;
  });

  it('a flood of console lines is capped per second and the drop reported', async () => {
    const { deploy, linesOf } = await rig({ logLinesPerSecond: 20 });
    await deploy('chatty', `for (let i = 0; i < 500; i++) console.log('line', i);\nsetTimeout(() => console.log('later'), 1100);\n`);
    // The worker posts the drop report, then the line that opened the new second: wait for that line, the last one.
    await waitFor('the line after the drop', () => linesOf('chatty', 'INFO').includes('later'));
    assert.equal(linesOf('chatty', 'INFO').length, 20 + 1);
    assert.equal(linesOf('chatty', 'WARNING').length, 1);
    assert.match(linesOf('chatty', 'WARNING')[0], /^480 console lines dropped/);
  });

  describe('workerEntry', () => {
    it('prefers the bundle next to the running code, then tsc output, then the TypeScript source under tsx', () => {
      const dir = mkdtempSync(join(tmpdir(), 'macro-worker-'));
      try {
        assert.throws(() => workerEntry(dir), /worker is missing/);
        writeFileSync(join(dir, 'worker.ts'), '');
        const ts = workerEntry(dir);
        assert.equal(ts.eval, true);
        assert.match(ts.code, /tsx/);
        writeFileSync(join(dir, 'worker.js'), '');
        assert.deepEqual(workerEntry(dir), { code: join(dir, 'worker.js'), eval: false });
        writeFileSync(join(dir, 'macro-worker.js'), '');
        assert.deepEqual(workerEntry(dir), { code: join(dir, 'macro-worker.js'), eval: false });
      } finally { rmSync(dir, { recursive: true, force: true }); }
    });
  });
});

describe('emulator macro runtime: what real devices do', function () {
  this.timeout(20_000);
  afterEach(disposeRigs);
  const save = (xapi: SimulatedXapi, name: string, content: string) => xapi.command('Macros Macro Save', { Name: name, Overwrite: 'True' }, content);

  it('a macro imports another saved macro by name, active or not: named, default and namespace imports, live bindings', async () => {
    const { xapi, deploy, linesOf } = await rig();
    await save(xapi, 'Lib', `import xapi from 'xapi';
export const greeting = 'hello';
export let count = 0;
export function bump() { count++; return count; }
export default { kind: 'lib' };
export async function volume() { return xapi.Status.Audio.Volume.get(); }
`);
    await deploy('App', `import { greeting, bump, count as before, volume } from './Lib';
import lib from './Lib';
import * as all from './Lib';
bump();
console.log(greeting, before, all.count, lib.kind, typeof (await volume()));
`);
    await waitFor('the app ran', () => linesOf('App').length > 0);
    // \`count as before\` is read when destructured (0); \`all.count\` is live (1), as module bindings are.
    assert.deepEqual(linesOf('App'), ['hello 0 1 lib number']);
    assert.equal(await stateOf(xapi, 'Lib'), undefined, 'the library itself is not running');
  });

  it('libraries that import each other (namespace imports) run once each and see each other\'s exports', async () => {
    const { xapi, deploy, linesOf } = await rig();
    // Named imports take the value when the import runs (docs/emulator.md): in a cycle, a namespace import.
    await save(xapi, 'Ping', `import * as pongs from './Pong';\nexport const ping = () => 'ping ' + pongs.pong();\nconsole.log('Ping loaded');\n`);
    await save(xapi, 'Pong', `import * as pings from './Ping';\nexport const pong = () => 'pong';\nexport const both = () => pings.ping();\nconsole.log('Pong loaded');\n`);
    await deploy('Game', `import { ping } from './Ping';\nimport { both } from './Pong';\nconsole.log(ping(), '|', both());\n`);
    await waitFor('the game ran', () => linesOf('Game').length >= 3 || linesOf('Game', 'ERROR').length > 0);
    assert.deepEqual(linesOf('Game'), ['Pong loaded', 'Ping loaded', 'ping pong | ping pong']);
  });

  it('a missing import fails the macro with the runtime\'s own text; a library that throws fails its importer', async () => {
    const { xapi, deploy, linesOf } = await rig();
    await deploy('Lonely', `import { x } from './Nowhere';\nconsole.log('never');\n`);
    await save(xapi, 'Broken', `throw new Error('library broke');\n`);
    await deploy('User', `import './Broken';\nconsole.log('after');\n`);
    await waitFor('both failed', () => linesOf('Lonely', 'ERROR').length > 0 && linesOf('User', 'ERROR').length > 0);
    assert.match(linesOf('Lonely', 'ERROR')[0], /^ReferenceError: could not load module filename '\.\/Nowhere'/);
    assert.match(linesOf('User', 'ERROR')[0], /library broke/);
    assert.match(linesOf('User', 'ERROR')[0], /Broken\.js:1/, 'the stack names the library\'s own file and line');
    assert.doesNotMatch(linesOf('User', 'ERROR').join('\n'), /emulator\/|node:|\/work\//, 'never the runtime\'s files');
    assert.deepEqual(linesOf('Lonely', 'INFO'), []);
  });

  it('module.name, module.require.main.name, require.main.name and _main_macro_name() tell a library from its main macro; btoa/atob', async () => {
    const { xapi, deploy, linesOf } = await rig();
    await save(xapi, 'Names', `export const names = () => [module.name, require.main.name, module.require.main.name, _main_macro_name()].join(' ');\n`);
    await deploy('Main', `import { names } from './Names';
console.log(names(), '|', module.name, require.main.name, _main_macro_name());
console.log(btoa('admin:pw'), atob('YWRtaW46cHc='));
`);
    await waitFor('the lines', () => linesOf('Main').length >= 2);
    assert.deepEqual(linesOf('Main'), ['./Names ./Main ./Main Main | ./Main ./Main Main', 'YWRtaW46cHc= admin:pw']);
  });

  it('Macros EvaluateTranspiled chooses the mode: False (26.4\'s default) refuses require, True takes it', async function () {
    const schema = await requirePublished(this, '26.4.1-March-2026', { requiredInCi: true });
    const { xapi, deploy, linesOf } = await rig({ schema });
    await deploy('Old', `const xapi = require('xapi');\nconsole.log('ran');\n`);
    await waitFor('the refusal', () => linesOf('Old', 'ERROR').length > 0);
    assert.match(linesOf('Old', 'ERROR')[0], /require is not supported/);
    await xapi.config.set('Macros EvaluateTranspiled', 'True');
    await xapi.command('Macros Runtime Restart');
    await waitFor('it runs transpiled', () => linesOf('Old', 'INFO').includes('ran'));
  });

  it('a multi-line import with // comments inside keeps the module valid', async () => {
    const { deploy, linesOf } = await rig();
    await deploy('Commented', `import {
  Status, // the proxy
  /* and the string API */ status,
} from 'xapi';
console.log(typeof Status.Audio.Volume.get, typeof status.get);
`);
    await waitFor('it ran', () => linesOf('Commented').length > 0);
    assert.deepEqual(linesOf('Commented'), ['function function']);
  });

  it('errors carry the device\'s own text: a missing macro is "No such macro", as real macros compare it', async () => {
    const { deploy, linesOf } = await rig();
    await deploy('Store', `import xapi from 'xapi';
try { await xapi.Command.Macros.Macro.Get({ Name: 'nope', Content: true }); }
catch (e) { console.log(e.message === 'No such macro', e.code, e.constructor.name); }
`);
    await waitFor('the answer', () => linesOf('Store').length > 0);
    assert.deepEqual(linesOf('Store'), ['true 1 CommandError']);
  });

  it('a listener on an event\'s payload field gets that field, as on a device', async () => {
    const { xapi, deploy, linesOf } = await rig();
    await deploy('Clicks', `import xapi from 'xapi';
xapi.Event.UserInterface.Extensions.Panel.Clicked.PanelId.on(id => console.log('clicked', id));
`);
    await waitFor('subscribed', () => subscribed(xapi.device, 'Clicks'));
    xapi.emitEvent('UserInterface Extensions Panel Clicked', { PanelId: 'p1' });
    await waitFor('the field', () => linesOf('Clicks').length > 0);
    assert.deepEqual(linesOf('Clicks'), ['clicked p1']);
  });

  it('HttpClient: no network means the unreachable-host error; a responder\'s answer comes in the device\'s shape', async () => {
    const requests: string[] = [];
    const { deploy, linesOf } = await rig({
      http: r => {
        requests.push(`${r.method} ${r.url} ${r.headers.join(',')} ${r.body ?? ''}`);
        if (r.url.includes('missing')) return { status: 404, body: 'gone' };
        return r.url.includes('known') ? { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"on":true}' } : undefined;
      },
    });
    await deploy('Http', `import xapi from 'xapi';
const ok = await xapi.Command.HttpClient.Post({ Url: 'http://known.example/lights', Header: ['Content-Type: application/json'], ResultBody: 'PlainText', AllowInsecureHTTPS: true }, '{"x":1}');
console.log(ok.StatusCode, ok.Headers[0].Key, ok.Headers[0].Value, JSON.parse(ok.Body).on);
const quiet = await xapi.Command.HttpClient.Get({ Url: 'http://known.example/' });
console.log('Body' in quiet);
for (const Url of ['http://offline.example/', 'ftp://known.example/', 'http://known.example/missing']) {
  await xapi.Command.HttpClient.Get({ Url }).catch(e => console.log(e.message, e.data?.StatusCode ?? '-'));
}
`);
    await waitFor('all answers', () => linesOf('Http').length >= 5 || linesOf('Http', 'ERROR').length > 0);
    assert.deepEqual(linesOf('Http'), ['200 Content-Type application/json true', 'false', "Couldn't connect to server -", 'Invalid URL specified -', 'Status code indicates error 404']);
    assert.deepEqual(requests[0], 'POST http://known.example/lights Content-Type: application/json {"x":1}');
    assert.equal(requests.length, 4, 'the bad URL never went out');
  });

  it('an empty list answers [] (Status Call on an idle device), as real macros read it', async () => {
    const { deploy, linesOf } = await rig();
    await deploy('Idle', `import xapi from 'xapi';\nconst calls = await xapi.Status.Call.get();\nconsole.log(Array.isArray(calls), calls.length);\n`);
    await waitFor('the answer', () => linesOf('Idle').length > 0);
    assert.deepEqual(linesOf('Idle'), ['true 0']);
  });
});
