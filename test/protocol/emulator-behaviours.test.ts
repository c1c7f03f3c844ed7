/** Behaviours over a real socket, driven by the manual clock: calls (the captured §12.4 sequence), audio, standby, messages, extensions, macros. */
import assert from 'node:assert/strict';
import { waitFor } from '../support/waitFor';
import { harness, Harness, RawClient } from './emulator-support';

describe('emulator behaviours (raw ws)', () => {
  let h: Harness;
  let c: RawClient;
  beforeEach(async () => {
    h = await harness({ callTimings: { connectingMs: 200, connectedMs: 1000, disconnectMs: 300 } });
    c = await RawClient.open(h.emu.url);
  });
  afterEach(async () => { c.close(); await h.stop(); });

  const sub = async (Query: unknown[]): Promise<number> => (await c.request('xFeedback/Subscribe', { Query })).result.Id;

  describe('calls', () => {
    it('Dial → Dialling → Connecting → Connected → Disconnecting → Idle → ghost, as captured on a device', async () => {
      const callSub = await sub(['Status', 'Call', 'Status']);
      const stateSub = await sub(['Status', 'SystemUnit', 'State']);
      const evSub = await sub(['Event']);
      const dial = await c.request('xCommand/Dial', { Number: 'bob@example.com', Protocol: 'Sip' });
      assert.deepEqual(dial.result, { CallId: 1, ConferenceId: 1, status: 'OK' });
      await c.eventCount(1, callSub);
      h.clock.advance(200);
      await c.eventCount(2, callSub);
      h.clock.advance(800);
      await c.eventCount(3, callSub);
      assert.equal((await c.request('xGet', { Path: ['Status', 'Call', 1, 'RemoteNumber'] })).result, 'bob@example.com');
      assert.equal((await c.request('xGet', { Path: ['Status', 'SystemUnit', 'State', 'NumberOfActiveCalls'] })).result, 1);
      await c.request('xCommand/Call/Disconnect', { CallId: 1 });
      await c.eventCount(4, callSub);
      h.clock.advance(300);
      const calls = await c.eventCount(6, callSub);
      assert.deepEqual(calls.map(e => e.Status), [
        { Call: [{ Status: 'Dialling', id: 1 }] },
        { Call: [{ Status: 'Connecting', id: 1 }] },
        { Call: [{ Status: 'Connected', id: 1 }] },
        { Call: [{ Status: 'Disconnecting', id: 1 }] },
        { Call: [{ Status: 'Idle', id: 1 }] },
        { Call: [{ ghost: 'True', id: 1 }] },
      ]);
      await c.sync();
      const states = c.events(stateSub).map(e => e.Status.SystemUnit.State);
      assert.deepEqual(states[0], { NumberOfInProgressCalls: 1 });
      assert.ok(states.some(s => s.NumberOfActiveCalls === 1 && s.NumberOfInProgressCalls === 0), 'active and in-progress change together');
      assert.deepEqual(states.at(-1), { NumberOfActiveCalls: 0 });
      const events = c.events(evSub).map(e => Object.keys(e.Event)[0]);
      assert.deepEqual(events, ['OutgoingCallIndication', 'CallSuccessful', 'CallDisconnect']);
      assert.deepEqual(c.events(evSub)[0].Event.OutgoingCallIndication, { CallId: 1, id: 1 });
      const ok = c.events(evSub)[1].Event.CallSuccessful;
      assert.deepEqual([ok.CallId, ok.Direction, ok.Protocol, ok.RemoteURI, typeof ok.CallRate], [1, 'outgoing', 'Sip', 'bob@example.com', 'number']);
      const disc = c.events(evSub)[2].Event.CallDisconnect;
      assert.equal(disc.CallId, 1);
      assert.equal(disc.CauseType, 'LocalDisconnect');
      assert.equal(disc.id, 1);
      assert.deepEqual((await c.request('xGet', { Path: ['Status', 'Call'] })).result, [], 'no call: an empty list');
    });

    it('Hold / Resume / Accept and errors for calls that do not exist', async () => {
      await c.request('xCommand/Dial', { Number: 'x' });
      h.clock.advance(1000);
      const callSub = await sub(['Status', 'Call', 'Status']);
      const stateSub = await sub(['Status', 'SystemUnit', 'State']);
      await c.request('xCommand/Call/Hold', { CallId: 1 });
      // The Room Kit capture of §12.4: OnHold, with the two counters that changed in one event.
      assert.deepEqual((await c.eventCount(1, callSub))[0].Status, { Call: [{ Status: 'OnHold', id: 1 }] });
      assert.deepEqual((await c.eventCount(1, stateSub))[0].Status, { SystemUnit: { State: { NumberOfActiveCalls: 0, NumberOfSuspendedCalls: 1 } } });
      assert.equal((await c.request('xGet', { Path: ['Status', 'Call', 1, 'Status'] })).result, 'OnHold');
      assert.equal((await c.request('xGet', { Path: ['Status', 'SystemUnit', 'State', 'NumberOfSuspendedCalls'] })).result, 1);
      await c.request('xCommand/Call/Resume', { CallId: 1 });
      assert.equal((await c.request('xGet', { Path: ['Status', 'Call', 1, 'Status'] })).result, 'Connected');
      const missing = await c.request('xCommand/Call/Hold', { CallId: 9 });
      assert.equal(missing.error!.code, 1);
      const incoming = h.emu.device.incomingCall('alice@example.com');
      assert.equal((await c.request('xGet', { Path: ['Status', 'Call', incoming, 'Status'] })).result, 'Ringing');
      await c.request('xCommand/Call/Accept', { CallId: incoming });
      assert.equal((await c.request('xGet', { Path: ['Status', 'Call', incoming, 'Status'] })).result, 'Connected');
    });
  });

  describe('audio and standby', () => {
    const vol = async () => (await c.request('xGet', { Path: ['Status', 'Audio', 'Volume'] })).result;
    const mute = async () => (await c.request('xGet', { Path: ['Status', 'Audio', 'VolumeMute'] })).result;
    it('Volume Set / Increase / Decrease / SetToDefault and Mute / Unmute', async () => {
      const audioSub = await sub(['Status', 'Audio']);
      await c.request('xCommand/Audio/Volume/Set', { Level: 24 });
      assert.equal(await vol(), 24);
      await c.request('xCommand/Audio/Volume/Increase', {});
      assert.equal(await vol(), 29);
      await c.request('xCommand/Audio/Volume/Decrease', { Steps: 9 });
      assert.equal(await vol(), 20);
      await c.request('xSet', { Path: ['Configuration', 'Audio', 'DefaultVolume'], Value: 65 });
      await c.request('xCommand/Audio/Volume/SetToDefault');
      assert.equal(await vol(), 65);
      await c.request('xCommand/Audio/Volume/Mute');
      assert.equal(await mute(), 'On');
      await c.request('xCommand/Audio/Volume/Unmute');
      assert.equal(await mute(), 'Off');
      assert.deepEqual(c.events(audioSub).map(e => e.Status.Audio), [
        { Volume: 24 }, { Volume: 29 }, { Volume: 20 }, { Volume: 65 }, { VolumeMute: 'On' }, { VolumeMute: 'Off' },
      ]);
    });

    it('Standby Activate / Halfwake / Deactivate', async () => {
      const state = async () => (await c.request('xGet', { Path: ['Status', 'Standby', 'State'] })).result;
      const standbySub = await sub(['Status', 'Standby', 'State']);
      assert.equal(await state(), 'Off');
      await c.request('xCommand/Standby/Activate');
      assert.equal(await state(), 'Standby');
      await c.request('xCommand/Standby/Halfwake');
      assert.equal(await state(), 'Halfwake');
      await c.request('xCommand/Standby/Deactivate');
      assert.equal(await state(), 'Off');
      assert.deepEqual(c.events(standbySub).map(e => e.Status.Standby.State), ['Standby', 'Halfwake', 'Off']);
    });
  });

  describe('UserInterface messages', () => {
    it('Prompt Display → Display event; respondToPrompt → Response event; Clear → Cleared', async () => {
      const id = await sub(['Event', 'UserInterface', 'Message']);
      await c.request('xCommand/UserInterface/Message/Prompt/Display', { Title: 'Q', Text: 'Pick', FeedbackId: 'fb1', 'Option.1': 'Yes', 'Option.2': 'No' });
      h.emu.device.respondToPrompt('fb1', 2);
      const evs = await c.eventCount(2, id);
      assert.equal(evs[0].Event.UserInterface.Message.Prompt.Display.FeedbackId, 'fb1');
      assert.deepEqual(evs[1].Event.UserInterface.Message.Prompt.Response, { FeedbackId: 'fb1', OptionId: 2, id: 1 });
      assert.throws(() => h.emu.device.respondToPrompt('fb1', 1), /No prompt/);
      await c.request('xCommand/UserInterface/Message/TextInput/Display', { Text: 'Name?', FeedbackId: 't1' });
      h.emu.device.answerMessage({ type: 'TextInput', feedbackId: 't1', text: 'Ada' });
      const all = await c.eventCount(4, id);
      assert.deepEqual(all[3].Event.UserInterface.Message.TextInput.Response, { FeedbackId: 't1', Text: 'Ada', id: 1 });
      await c.request('xCommand/UserInterface/Message/Prompt/Display', { Text: 'Again', FeedbackId: 'fb2', 'Option.1': 'Ok' });
      await c.request('xCommand/UserInterface/Message/Prompt/Clear', { FeedbackId: 'fb2' });
      const after = await c.eventCount(6, id);
      assert.deepEqual(after[5].Event.UserInterface.Message.Prompt.Cleared, { FeedbackId: 'fb2', id: 1 });
      await c.request('xCommand/UserInterface/Message/Alert/Display', { Text: 'Hi', Duration: 5 });
      h.clock.advance(5000);
      const alerts = await c.eventCount(8, id);
      assert.ok('Cleared' in alerts[7].Event.UserInterface.Message.Alert);
      await c.request('xCommand/UserInterface/Message/Alert/Display', { Text: 'Stay' });
      await c.request('xCommand/UserInterface/Message/Alert/Clear');
      await c.request('xCommand/UserInterface/Message/TextInput/Display', { Text: 'Name?', FeedbackId: 't2' });
      await c.request('xCommand/UserInterface/Message/TextInput/Clear', { FeedbackId: 't2' });
      const cleared = (await c.eventCount(12, id)).slice(8).map(e => e.Event.UserInterface.Message);
      assert.equal(cleared[0].Alert.Display.Text, 'Stay');
      assert.deepEqual(cleared[1].Alert.Cleared, { id: 1 });
      assert.deepEqual(cleared[3].TextInput.Clear, { FeedbackId: 't2', id: 1 });
      assert.throws(() => h.emu.device.respondToTextInput('t2', 'late'), /No text input/);
    });
  });

  describe('UserInterface extensions', () => {
    it('Panel Save / List / Remove, as the captured List result', async () => {
      const body = '<Extensions> <Panel> <Order>1</Order> <PanelId>wx1_lab</PanelId> <Location>HomeScreen</Location> <Icon>Info</Icon> <Color>#FFCC00</Color> <Name>MultiLine Command</Name> <ActivityType>Custom</ActivityType> </Panel> </Extensions>';
      await c.request('xCommand/UserInterface/Extensions/Panel/Save', { PanelId: 'wx1_lab', body });
      const list = await c.request('xCommand/UserInterface/Extensions/List', { ActivityType: 'Custom' });
      assert.deepEqual(list.result, {
        Extensions: {
          Panel: [{ ActivityType: 'Custom', Color: '#FFCC00', Icon: 'Info', Location: 'HomeScreen', Name: 'MultiLine Command', Order: 1, Origin: 'local', PanelId: 'wx1_lab', Visibility: 'Auto', id: 1 }],
          Version: '1.11',
        },
        status: 'OK',
      });
      assert.deepEqual((await c.request('xCommand/UserInterface/Extensions/Panel/Remove', { PanelId: 'wx1_lab' })).result, { status: 'OK' });
      // Removing it again is no error (assumed: real macros remove their panels at start-up without catching).
      assert.deepEqual((await c.request('xCommand/UserInterface/Extensions/Panel/Remove', { PanelId: 'wx1_lab' })).result, { status: 'OK' });
    });

    it('Widget SetValue / UnsetValue update the Widget status list; pressWidget and clickPanel emit events', async () => {
      const st = await sub(['Status', 'UserInterface', 'Extensions']);
      await c.request('xCommand/UserInterface/Extensions/Widget/SetValue', { WidgetId: 'slider', Value: '127' });
      const [ev] = await c.eventCount(1, st);
      assert.deepEqual(ev.Status, { UserInterface: { Extensions: { Widget: [{ Value: '127', WidgetId: 'slider', id: 1 }] } } });
      await c.request('xCommand/UserInterface/Extensions/Widget/UnsetValue', { WidgetId: 'slider' });
      assert.equal((await c.request('xGet', { Path: ['Status', 'UserInterface', 'Extensions', 'Widget', 1, 'Value'] })).result, '');
      assert.deepEqual((await c.eventCount(2, st))[1].Status, { UserInterface: { Extensions: { Widget: [{ Value: '', id: 1 }] } } });
      const evSub = await sub(['Event', 'UserInterface', 'Extensions']);
      await c.request('xCommand/UserInterface/Extensions/Widget/Action', { WidgetId: 'slider', Type: 'changed', Value: '88' });
      const [action] = await c.eventCount(1, evSub);
      assert.deepEqual(action.Event.UserInterface.Extensions.Widget.Action, { Type: 'changed', Value: '88', WidgetId: 'slider', id: 1 });
      h.emu.device.clickPanel('p1');
      const [, clicked] = await c.eventCount(2, evSub);
      assert.deepEqual(clicked.Event.UserInterface.Extensions.Panel.Clicked, { PanelId: 'p1', id: 1 });
    });
  });

  describe('macros', () => {
    it('Save / Get / Rename / Activate / Deactivate / Remove with events; Runtime Restart logs', async () => {
      const evSub = await sub(['Event', 'Macros']);
      await c.request('xCommand/Macros/Macro/Save', { Name: 'hello', body: "import xapi from 'xapi';\nconsole.log('hi');" });
      const got = await c.request('xCommand/Macros/Macro/Get', { Name: 'hello', Content: 'True' });
      assert.deepEqual(got.result, { Macro: [{ Active: 'False', Content: "import xapi from 'xapi';\nconsole.log('hi');", Name: 'hello', id: 1 }], status: 'OK' });
      await c.request('xCommand/Macros/Macro/Rename', { Name: 'hello', NewName: 'greet' });
      await c.request('xCommand/Macros/Macro/Activate', { Name: 'greet' });
      await c.request('xCommand/Macros/Runtime/Restart');
      // The macro runs in the runtime's worker thread: its state turns Running once its top level has run.
      const status = await waitFor('the macro to run', async () => {
        const r = (await c.request('xCommand/Macros/Runtime/Status')).result;
        return r.Macro?.[0]?.State === 'Running' ? r : undefined;
      });
      assert.deepEqual(status, { ActiveMacros: 1, Macro: [{ Name: 'greet', State: 'Running', id: 1 }], Running: 'True', status: 'OK' });
      await c.request('xCommand/Macros/Macro/Deactivate', { Name: 'greet' });
      await c.request('xCommand/Macros/Macro/Remove', { Name: 'greet' });
      assert.equal((await c.request('xCommand/Macros/Macro/Get', { Name: 'greet' })).error!.code, 1);
      await c.sync();
      const names = c.events(evSub).map(e => {
        const k = Object.keys(e.Event.Macros).find(x => x !== 'id')!;
        return k === 'Log' ? k : `${k} ${Object.keys(e.Event.Macros[k]).find(x => x !== 'id')}`;
      });
      assert.ok(names.includes('Macro Saved'));
      assert.ok(names.includes('Macro Renamed'));
      assert.ok(names.includes('Macro Activated'));
      assert.ok(names.includes('Log'), names.join());
      assert.ok(names.includes('Macro Removed'));
      const log = c.events(evSub).find(e => e.Event.Macros.Log)!.Event.Macros.Log;
      assert.equal(log.Macro, 'greet');
      assert.deepEqual([log.Message, log.Level], ['hi', 'INFO'], 'the macro\'s console.log, run by the runtime');
      assert.equal(typeof log.Offset, 'number');
      h.emu.device.macroLog('greet', 'custom line', 'WARN');
      await c.sync();
      assert.equal(c.events(evSub).at(-1).Event.Macros.Log.Level, 'WARN');
    });
  });

  describe('every other command', () => {
    it('is validated, then answers {status: OK}', async () => {
      assert.deepEqual((await c.request('xCommand/Video/Selfview/Set', { Mode: 'On' })).result, { status: 'OK' });
      assert.equal((await c.request('xCommand/Video/Selfview/Set', { Mode: 'Sideways' })).error!.code, -32602);
    });
  });
});
