/**
 * The transport-free Device (what createSimulatedXapi builds on) and the emulator on the published 11.27
 * schema: state at the product's defaults, every command validated then answered.
 */
import assert from 'node:assert/strict';
import { coreSchema } from '../../schema/core';
import { Device, EmulatorError, ManualClock } from '../../emulator';
import { requirePublished } from '../support/publishedSchemas';

function session(device: Device) {
  const frames: any[] = [];
  const s = device.openSession(device.users[0], f => frames.push(JSON.parse(f)));
  let id = 0;
  const call = (method: string, params?: unknown) => {
    const myId = ++id;
    s.receive(JSON.stringify({ jsonrpc: '2.0', id: myId, method, params }));
    return frames.find(f => f.id === myId);
  };
  return { s, frames, call };
}

describe('emulator Device (no transport)', () => {
  it('answers through the send callback, synchronously, and stops after close()', () => {
    const d = new Device({ schema: coreSchema(), clock: new ManualClock() });
    const { s, frames, call } = session(d);
    assert.equal(call('xGet', { Path: ['Status', 'Audio', 'Volume'] }).result, 50);
    call('xFeedback/Subscribe', { Query: ['Status', 'Audio'] });
    s.close();
    d.setStatus('Audio Volume', 12);
    s.receive('{"jsonrpc":"2.0","id":99,"method":"xGet","params":{"Path":["Status"]}}');
    assert.equal(frames.length, 2);
    assert.equal(d.sessionCount, 0);
  });

  it('on the core schema, whose nodes mostly name no product, it is a Room Kit by default', () => {
    const d = new Device({ schema: coreSchema(), clock: new ManualClock() });
    assert.equal(d.product, 'hopen');
    assert.equal(d.getStatus('SystemUnit ProductPlatform'), 'Room Kit');
  });

  it('ManualClock runs due timers in order, including ones created while advancing', () => {
    const clock = new ManualClock(0);
    const seen: string[] = [];
    clock.setTimeout(() => { seen.push('b@20'); clock.setTimeout(() => seen.push('d@25'), 5); }, 20);
    clock.setTimeout(() => seen.push('a@10'), 10);
    const c = clock.setTimeout(() => seen.push('never'), 15);
    clock.clearTimeout(c);
    clock.advance(24);
    assert.deepEqual(seen, ['a@10', 'b@20']);
    assert.equal(clock.now(), 24);
    clock.advance(1);
    assert.deepEqual(seen, ['a@10', 'b@20', 'd@25']);
  });

  it('Uptime ticks with the clock', () => {
    const clock = new ManualClock();
    const d = new Device({ schema: coreSchema(), clock });
    clock.advance(90_500);
    assert.equal(d.getStatus('SystemUnit Uptime'), 90);
  });

  it('refuses sessions while booting and ends existing ones with onClose', async () => {
    const clock = new ManualClock();
    const d = new Device({ schema: coreSchema(), clock, bootDelayMs: 100 });
    const reasons: string[] = [];
    d.openSession(d.users[0], () => undefined, { onClose: r => reasons.push(r) });
    const back = d.boot();
    assert.deepEqual(reasons, ['boot']);
    assert.throws(() => d.openSession(d.users[0], () => undefined), EmulatorError);
    clock.advance(100);
    await back;
    assert.ok(d.ready);
    d.openSession(d.users[0], () => undefined);
  });

  it('control API errors are typed', () => {
    const d = new Device({ schema: coreSchema(), clock: new ManualClock() });
    assert.throws(() => d.setStatus('Audio Loudness', 3), EmulatorError);
    assert.throws(() => d.emitEvent('Nothing Happened'), EmulatorError);
    assert.throws(() => d.respondToTextInput('none', 'x'), EmulatorError);
    assert.throws(() => new Device({ schema: coreSchema(), product: 'Toaster 3000' }), EmulatorError);
  });

  it('bare-value events carry the number directly under their name', () => {
    const d = new Device({ schema: coreSchema(), clock: new ManualClock() });
    const { frames, call } = session(d);
    call('xFeedback/Subscribe', { Query: ['Event', 'Standby'] });
    d.emitEvent('Standby SecondsToStandby', 30);
    assert.deepEqual(frames.at(-1).params, { Id: 0, Event: { Standby: { SecondsToStandby: 30, id: 1 } } });
  });

  it('requests without id still act (notifications)', () => {
    const d = new Device({ schema: coreSchema(), clock: new ManualClock() });
    const { s, frames } = session(d);
    s.receive(JSON.stringify({ jsonrpc: '2.0', method: 'xCommand/Standby/Activate' }));
    assert.equal(frames.length, 0);
    assert.equal(d.getStatus('Standby State'), 'Standby');
    assert.equal(d.commandsReceived.at(-1)!.path, 'Standby Activate');
  });
});

describe('emulator Device: failures after the answer, and dispose', () => {
  it('a step after the response that throws is reported; the following steps still run and the session goes on', () => {
    const d = new Device({ schema: coreSchema(), clock: new ManualClock() });
    const reported: EmulatorError[] = [];
    d.onError(e => reported.push(e));
    // Fault injection: no shipped behaviour throws after answering, so wrap one handler to make it do so.
    const original = d.handlerFor.bind(d);
    const boom = new Error('boom');
    d.handlerFor = path => (path.toLowerCase() !== 'standby activate' ? original(path) : ctx => {
      ctx.after(() => { throw boom; });
      ctx.after(() => d.setStatus('Audio Volume', 7));
    });
    const { call } = session(d);
    assert.deepEqual(call('xCommand/Standby/Activate').result, { status: 'OK' });
    assert.equal(reported.length, 1);
    assert.ok(reported[0] instanceof EmulatorError);
    assert.equal(reported[0].cause, boom);
    assert.match(reported[0].message, /xCommand\/Standby\/Activate: boom/);
    assert.equal(d.getStatus('Audio Volume'), 7, 'the next step ran');
    assert.equal(call('xGet', { Path: ['Status', 'Audio', 'Volume'] }).result, 7);
  });

  it('dispose() during a boot rejects boot() and whenReady() with EmulatorError instead of hanging', async () => {
    const clock = new ManualClock();
    const d = new Device({ schema: coreSchema(), clock, bootDelayMs: 100 });
    const back = d.boot();
    const waiting = d.whenReady();
    d.dispose();
    await assert.rejects(back, EmulatorError);
    await assert.rejects(waiting, /stopped before it finished booting/);
    await assert.rejects(d.whenReady(), EmulatorError);
    await assert.rejects(d.boot(), EmulatorError);
    assert.equal(clock.pending(), 0, 'no boot timer left');
    assert.throws(() => d.openSession(d.users[0], () => undefined), EmulatorError);
  });

  it('dispose() cancels behaviour timers without rebooting them (a stopped macro runtime stays stopped)', () => {
    const clock = new ManualClock();
    const d = new Device({ schema: coreSchema(), clock });
    const { call } = session(d);
    call('xCommand/Dial', { Number: 'alice@example.com' });
    call('xCommand/Macros/Runtime/Stop');
    assert.equal(call('xCommand/Macros/Runtime/Status').result.Running, 'False');
    assert.ok(clock.pending() > 0, 'the call has timers running');
    d.dispose();
    assert.equal(clock.pending(), 0);
    const macros = d.behaviour('macros');
    const status = macros.commands['Macros Runtime Status']({ device: d, params: {}, user: d.users[0], after: () => undefined });
    assert.equal((status as { Running: string }).Running, 'False');
  });
});

describe('emulator Device on the published 11.27 schema', function () {
  this.timeout(60_000);

  it('starts at the Room Kit defaults with plausible statuses', async function () {
    const schema = await requirePublished(this, '11.27.2.0');
    const d = new Device({ schema, product: 'Room Kit', clock: new ManualClock() });
    assert.equal(d.product, 'hopen');
    assert.equal(d.getStatus('SystemUnit ProductPlatform'), 'Room Kit');
    assert.equal(d.getStatus('SystemUnit ProductId'), 'Cisco Room Kit');
    assert.match(String(d.getStatus('SystemUnit Software Version')), /11\.27\.2\.0/);
    assert.equal(d.getStatus('Network 1 IPv4 Address'), '127.0.0.1');
    assert.equal(d.getConfiguration('Audio DefaultVolume'), 50);
    // Lists of things that come and go start empty; fixed lists start with their items. A Room Kit is run from a
    // touch controller, its one connected peripheral (emulator/peripherals.ts).
    for (const list of ['Call', 'MediaChannels DirectShare', 'Conference Presentation LocalInstance']) {
      assert.equal(d.getStatus(list), undefined, list);
    }
    assert.deepEqual((d.getStatus('Peripherals ConnectedDevice') as { id: number; Type: string }[]).map(p => [p.id, p.Type]), [[1001, 'TouchPanel']]);
    // Indexed configurations exist for every index of the product's range.
    const mics = d.getConfiguration('Audio Input Microphone') as { id: number }[];
    assert.ok(Array.isArray(mics) && mics.length > 1);
    assert.deepEqual(mics.map(m => m.id), mics.map((_, i) => i + 1));
  });

  it('configurations start at the defaults of the chosen product variant', async function () {
    const schema = await requirePublished(this, '11.27.2.0');
    // 11.27 gives Audio DefaultVolume 50 on Room Kit but 70 on the Board 55 variant.
    const board = new Device({ schema, product: 'Board 55', clock: new ManualClock() });
    assert.equal(board.product, 'darling_10_55');
    assert.equal(board.getConfiguration('Audio DefaultVolume'), 70);
    assert.equal(board.getStatus('SystemUnit ProductPlatform'), 'Board 55');
    const kit = new Device({ schema, product: 'hopen', clock: new ManualClock() });
    assert.equal(kit.getConfiguration('Audio DefaultVolume'), 50);
    // Per-item defaults (`[1]: 0; [2]: 1; `) give each item its own value.
    assert.equal(kit.getConfiguration('Video Output Connector[1] Location HorizontalOffset'), '0');
    assert.equal(kit.getConfiguration('Video Output Connector[2] Location HorizontalOffset'), '1');
  });

  it('instantiates every per-index variant a product has (Codec Pro: Connector[1], [2] and [3] entries)', async function () {
    const schema = await requirePublished(this, '11.27.2.0');
    const pro = new Device({ schema, product: 'Codec Pro', clock: new ManualClock() });
    for (const n of [1, 2, 3]) assert.equal(pro.getConfiguration(`Video Output Connector[${n}] MonitorRole`), 'Auto', `connector ${n}`);
    assert.equal(pro.getConfiguration('Video Output Connector[4] MonitorRole'), undefined);
  });

  it('validates then answers every command of the product (no internal errors)', async function () {
    const schema = await requirePublished(this, '11.27.2.0');
    const d = new Device({ schema, product: 'hopen', clock: new ManualClock() });
    const { call } = session(d);
    let ok = 0;
    let commands = 0;
    for (const node of d.index.nodes('Command')) {
      const v = d.index.variantFor(node, 'hopen');
      if (!v || node.normPath === 'SystemUnit Boot') continue;
      commands++;
      const r = call('xCommand/' + node.names.join('/'), {});
      assert.ok(r, node.normPath);
      if (r.error) {
        assert.ok([1, -32602].includes(r.error.code), `${node.normPath}: ${JSON.stringify(r.error)}`);
        if (r.error.code === -32602) assert.ok(v.params?.some(p => p.required), `${node.normPath} has no required parameter`);
      } else {
        assert.equal(r.result.status, 'OK');
        ok++;
      }
    }
    assert.ok(commands > 400, `commands ${commands}`);
    assert.ok(ok > 150, `ok ${ok}`);
  });
});
