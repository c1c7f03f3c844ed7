/** Every method of the emulator over a real socket, checked with a raw `ws` client against docs/xapi-protocol.md. */
import assert from 'node:assert/strict';
import { SchemaIndex } from '../../schema/schemaIndex';
import { core } from '../../schema/sources';
import { multilineFromIndex, parseXcli, validateXcli } from '../../schema/xcli';
import { harness, Harness, RawClient, USERS } from './emulator-support';

describe('emulator methods (raw ws)', () => {
  let h: Harness;
  let c: RawClient;
  before(async () => {
    h = await harness({ users: USERS });
    c = await RawClient.open(h.emu.url, { user: 'admin', pass: 'secret' });
  });
  after(async () => { c.close(); await h.stop(); });

  describe('envelope', () => {
    it('echoes string and number ids with their type, keys in alphabetical order', async () => {
      c.sendRaw(JSON.stringify({ jsonrpc: '2.0', id: 'Getting an xStatus Value', method: 'xGet', params: { Path: ['Status', 'Audio', 'Volume'] } }));
      const m = await c.waitFor(x => x.id === 'Getting an xStatus Value');
      assert.deepEqual(m.result, 50);
      const raw = c.frames.find(f => f.includes('Getting an xStatus Value'))!;
      assert.equal(raw, '{"id":"Getting an xStatus Value","jsonrpc":"2.0","result":50}');
      const r = await c.request('xGet', { Path: ['Status', 'Audio', 'Volume'] });
      assert.equal(typeof r.id, 'number');
    });

    it('answers nothing to a request without id, but runs it', async () => {
      const before = c.frames.length;
      c.sendRaw(JSON.stringify({ jsonrpc: '2.0', method: 'xCommand/Audio/Volume/Set', params: { Level: 33 } }));
      c.sendRaw(JSON.stringify({ jsonrpc: '2.0', method: 'xGet', params: { Path: ['Nothing'] } }));
      const r = await c.request('xGet', { Path: ['Status', 'Audio', 'Volume'] });
      assert.equal(r.result, 33);
      assert.equal(c.frames.length, before + 1, 'only the answer to the last request arrived');
      await c.request('xCommand/Audio/Volume/Set', { Level: 50 });
    });

    it('-32700 Parse Error with id null for a frame that is not JSON', async () => {
      c.sendRaw('{"jsonrpc": "2.0", "id": 5, "method": ');
      const m = await c.waitFor(x => x.error?.code === -32700);
      assert.deepEqual(m, { error: { code: -32700, message: 'Parse Error' }, id: null, jsonrpc: '2.0' });
    });

    it('-32600 Invalid Request for non-objects, a missing method and a bad jsonrpc', async () => {
      c.sendRaw('[1,2]');
      assert.deepEqual((await c.waitFor(x => x.error?.code === -32600 && x.id === null)).error, { code: -32600, message: 'Invalid Request' });
      c.sendRaw(JSON.stringify({ jsonrpc: '2.0', id: 'no-method' }));
      assert.equal((await c.waitFor(x => x.id === 'no-method')).error!.code, -32600);
      c.sendRaw(JSON.stringify({ jsonrpc: '1.0', id: 'old', method: 'xGet' }));
      assert.equal((await c.waitFor(x => x.id === 'old')).error!.code, -32600);
      c.sendRaw(JSON.stringify({ jsonrpc: '2.0', id: { x: 1 }, method: 'xGet' }));
      const m = await c.waitFor(x => x.error?.code === -32600 && x.id === null && !c.frames.includes('x'));
      assert.equal(m.id, null);
    });

    it('-32601 Method Not Found for unknown methods and unknown command paths', async () => {
      for (const method of ['xFoo', 'xCommand/Dila', 'xCommand/Audio/Volume', 'xCommand/']) {
        const r = await c.request(method, {});
        assert.deepEqual(r.error, { code: -32601, message: 'Method Not Found' }, method);
      }
    });

    it('-32602 for params that are not an object', async () => {
      const r = await c.request('xGet', [1, 2]);
      assert.equal(r.error!.code, -32602);
    });
  });

  describe('xCommand', () => {
    it('runs a command and answers {status: OK}', async () => {
      const r = await c.request('xCommand/Standby/Deactivate');
      assert.deepEqual(r.result, { status: 'OK' });
    });

    it('matches paths and parameter names case-insensitively', async () => {
      const r = await c.request('xcommand/audio/volume/set', { level: 41 });
      assert.deepEqual(r.result, { status: 'OK' });
      assert.equal((await c.request('xGet', { Path: ['status', 'audio', 'volume'] })).result, 41);
      assert.equal(h.emu.device.commandsReceived.at(-1)!.path, 'Audio Volume Set');
      assert.deepEqual(h.emu.device.commandsReceived.at(-1)!.params, { Level: 41 });
    });

    it('missing required parameter → -32602 Bad usage', async () => {
      const r = await c.request('xCommand/Audio/Volume/Set', {});
      assert.deepEqual(r.error, { code: -32602, message: 'Bad usage: Missing or invalid parameter(s).' });
    });

    it('unknown parameter → -32602 Bad usage', async () => {
      const r = await c.request('xCommand/Audio/Volume/Set', { Level: 10, Loudness: 3 });
      assert.deepEqual(r.error, { code: -32602, message: 'Bad usage: Missing or invalid parameter(s).' });
    });

    it('out-of-range integer, bad literal, wrong type → -32602 Bad argument to parameter', async () => {
      for (const [method, params, name] of [
        ['xCommand/Audio/Volume/Set', { Level: 101 }, 'Level'],
        ['xCommand/Audio/Volume/Set', { Level: 'loud' }, 'Level'],
        ['xCommand/Audio/Volume/Set', { Level: [1, 2] }, 'Level'],
        ['xCommand/Macros/Macro/Save', { Name: 'm', Overwrite: 'Maybe', body: '' }, 'Overwrite'],
      ] as const) {
        const r = await c.request(method, params);
        assert.deepEqual(r.error, { code: -32602, message: `Bad usage: Bad argument to parameter "${name}".` }, JSON.stringify(params));
      }
    });

    it('body only for multiline commands; repeated parameters as arrays within `multiple`', async () => {
      const r1 = await c.request('xCommand/Audio/Volume/Set', { Level: 10, body: 'x' });
      assert.equal(r1.error!.code, -32602);
      const r2 = await c.request('xCommand/UserInterface/Extensions/Panel/Save', { PanelId: 'p1', body: '<Extensions><Panel><Name>A</Name></Panel></Extensions>' });
      assert.deepEqual(r2.result, { status: 'OK' });
      const r3 = await c.request('xCommand/Macros/Macro/Roles/Set', { Name: 'x', Role: ['Admin', 'User'] });
      // The macro does not exist, but the repeated parameter itself was accepted (no -32602).
      assert.notEqual(r3.error?.code, -32602);
      const lab = await c.request('xCommand/Video/Input/SetMainVideoSource', { ConnectorId: [1, 1], Layout: 'Equal' });
      assert.deepEqual(lab.result, { status: 'OK' }, 'the captured LAB request with a repeated parameter');
      const r5 = await c.request('xCommand/Call/Join', { CallId: Array.from({ length: 11 }, (_, i) => i + 1) });
      assert.deepEqual(r5.error, { code: -32602, message: 'Bad usage: Bad argument to parameter "CallId".' }, 'more than `multiple` values');
      const r4 = await c.request('xCommand/Macros/Macro/Roles/Set', { Name: 'x', Role: ['Admin', 'Nobody'] });
      assert.deepEqual(r4.error, { code: -32602, message: 'Bad usage: Bad argument to parameter "Role".' });
    });

    it('role check → -31999 Permission Denied', async () => {
      const u = await RawClient.open(h.emu.url, { user: 'user', pass: 'userpw' });
      const r = await u.request('xCommand/Macros/Macro/Save', { Name: 'x', body: '' });
      assert.deepEqual(r.error, { code: -31999, message: 'Permission Denied' });
      const ok = await u.request('xCommand/Audio/Volume/Set', { Level: 50 });
      assert.deepEqual(ok.result, { status: 'OK' });
      u.close();
    });
  });

  describe('xGet', () => {
    it('returns a leaf typed by the schema and a subtree relative to Path', async () => {
      assert.equal((await c.request('xGet', { Path: ['Configuration', 'Audio', 'DefaultVolume'] })).result, 50);
      const su = (await c.request('xGet', { Path: ['Status', 'SystemUnit', 'State'] })).result;
      assert.deepEqual(su, { NumberOfActiveCalls: 0, NumberOfInProgressCalls: 0, NumberOfSuspendedCalls: 0, System: 'Initialized' });
      const sw = (await c.request('xGet', { Path: ['Status', 'SystemUnit', 'Software'] })).result;
      // The core schema is labelled `core`; it follows 11.27, so that is the release the device reports.
      assert.equal(sw.Version, 'ce11.27.2.0.emulator');
      assert.equal(sw.DisplayName, 'RoomOS 11.27.2.0 emulator');
      assert.equal(typeof (await c.request('xGet', { Path: ['Status', 'SystemUnit', 'Uptime'] })).result, 'number');
    });

    it('numeric indexes select list items; lists are arrays with integer id', async () => {
      assert.equal((await c.request('xGet', { Path: ['Status', 'Network', 1, 'IPv4', 'Address'] })).result, '127.0.0.1');
      const net = (await c.request('xGet', { Path: ['Status', 'Network'] })).result;
      assert.ok(Array.isArray(net));
      assert.equal(net[0].id, 1);
      const inputs = (await c.request('xGet', { Path: ['Configuration', 'Audio', 'Input'] })).result;
      assert.equal(inputs.Microphone[0].id, 1);
    });

    it('a path without an item id reads that name in every item: [] with no call, then each call', async () => {
      assert.deepEqual((await c.request('xGet', { Path: ['Status', 'Call', 'Status'] })).result, []);
      const dial = await c.request('xCommand/Dial', { Number: 'alice@example.com' });
      const id = (dial.result as { CallId: number }).CallId;
      assert.deepEqual((await c.request('xGet', { Path: ['status', 'call', 'status'] })).result, [{ id, Status: 'Dialling' }]);
      assert.deepEqual((await c.request('xGet', { Path: ['Status', 'Call', 'NoSuchLeaf'] })).error, { code: -32602, message: 'No match on Path argument' });
      await c.request('xCommand/Call/Disconnect', { CallId: id });
      h.clock.advance(1000);
    });

    it('the validator takes the same paths: `xStatus Call Status` has no findings, `xStatus Call NoSuchLeaf` one', () => {
      // `xapi check` and the device must agree on a path without an item id (issue 12): one rule in schema/.
      const index = new SchemaIndex(core());
      const codes = (text: string) => validateXcli(parseXcli(text, { isMultiline: multilineFromIndex(index) }), index).map(d => d.code);
      assert.deepEqual(codes('xStatus Call Status'), []);
      assert.deepEqual(codes('xstatus call status'), []);
      assert.deepEqual(codes('xStatus Call NoSuchLeaf'), ['unknown-path']);
    });

    it('the whole tree with Path [Status]', async () => {
      const all = (await c.request('xGet', { Path: ['Status'] })).result;
      assert.equal(all.Audio.Volume, 50);
      assert.equal(all.Status, undefined);
    });

    it('no match → -32602 No match on Path argument', async () => {
      for (const Path of [['Status', 'Nope'], ['Status', 'Call', 99, 'Status'], ['Event', 'CallSuccessful'], ['**'], []]) {
        const r = await c.request('xGet', { Path });
        assert.deepEqual(r.error, { code: -32602, message: 'No match on Path argument' }, JSON.stringify(Path));
      }
      // A list with no items is no missing path: real macros read `(await xapi.Status.Call.get()).length` (docs/emulator.md).
      assert.deepEqual((await c.request('xGet', { Path: ['Status', 'Call'] })).result, []);
      const noPath = await c.request('xGet', {});
      assert.equal(noPath.error!.code, -32602);
    });

    it('a leaf the role may not read → -31999 (xGet and xQuery)', async () => {
      const i = await RawClient.open(h.emu.url, { user: 'integrator', pass: 'intpw' });
      const r = await i.request('xGet', { Path: ['Status', 'Network', 1, 'IPv4', 'Address'] });
      assert.deepEqual(r.error, { code: -31999, message: 'Permission Denied' });
      const q = await i.request('xQuery', { Query: ['Status', 'Network', 1, 'IPv4', 'Address'] });
      assert.deepEqual(q.error, { code: -31999, message: 'Permission Denied' });
      i.close();
    });

    it('hidden configurations read as ***', async () => {
      await c.request('xSet', { Path: ['Configuration', 'SIP', 'Authentication', 'Password'], Value: 'topsecret' });
      assert.equal((await c.request('xGet', { Path: ['Configuration', 'SIP', 'Authentication', 'Password'] })).result, '***');
      const q = await c.request('xQuery', { Query: ['Configuration', 'SIP', 'Authentication'] });
      assert.equal(q.result.Configuration.SIP.Authentication.Password, '***');
    });
  });

  describe('xQuery', () => {
    it('answers rooted at the top node, with ** wildcards', async () => {
      const r = await c.request('xQuery', { Query: ['Status', '**', 'DisplayName'] });
      assert.ok(r.result.Status.SystemUnit.Software.DisplayName.startsWith('RoomOS'));
      const plain = await c.request('xQuery', { Query: ['Configuration', 'Audio', 'DefaultVolume'] });
      assert.deepEqual(plain.result, { Configuration: { Audio: { DefaultVolume: 50 } } });
      const listed = await c.request('xQuery', { Query: ['Configuration', '**', 'Mode'] });
      assert.equal(listed.result.Configuration.Audio.Input.Microphone[0].id, 1);
    });

    it('[**] alone or nothing matching → -32602', async () => {
      assert.equal((await c.request('xQuery', { Query: ['**'] })).error!.code, -32602);
      assert.deepEqual((await c.request('xQuery', { Query: ['Status', '**', 'NoSuchLeaf'] })).error, { code: -32602, message: 'No match on Path argument' });
    });
  });

  describe('xSet', () => {
    it('sets a configuration leaf and returns true', async () => {
      const r = await c.request('xSet', { Path: ['Configuration', 'Audio', 'DefaultVolume'], Value: 75 });
      assert.equal(r.result, true);
      assert.equal((await c.request('xGet', { Path: ['Configuration', 'Audio', 'DefaultVolume'] })).result, 75);
      await c.request('xSet', { Path: ['Configuration', 'SystemUnit', 'Name'], Value: 'My New System Name' });
      assert.equal((await c.request('xGet', { Path: ['Configuration', 'SystemUnit', 'Name'] })).result, 'My New System Name');
    });

    it('illegal value → -32602 with data {Cause: 27}', async () => {
      for (const Value of [101, 'abc', null, ['1']]) {
        const r = await c.request('xSet', { Path: ['Configuration', 'Audio', 'DefaultVolume'], Value });
        assert.deepEqual(r.error, { code: -32602, data: { Cause: 27 }, message: 'Illegal value' }, JSON.stringify(Value));
      }
    });

    it('statuses, branches and unknown paths → No match; missing Value → Bad usage', async () => {
      for (const Path of [['Status', 'Audio', 'Volume'], ['Configuration', 'Audio'], ['Configuration', 'Nope']]) {
        assert.deepEqual((await c.request('xSet', { Path, Value: 1 })).error, { code: -32602, message: 'No match on Path argument' });
      }
      assert.equal((await c.request('xSet', { Path: ['Configuration', 'Audio', 'DefaultVolume'] })).error!.code, -32602);
    });

    it('role without write access → -31999', async () => {
      const i = await RawClient.open(h.emu.url, { user: 'integrator', pass: 'intpw' });
      const r = await i.request('xSet', { Path: ['Configuration', 'SystemUnit', 'Name'], Value: 'x' });
      assert.deepEqual(r.error, { code: -31999, message: 'Permission Denied' });
      i.close();
    });
  });

  describe('xFeedback/Subscribe and Unsubscribe', () => {
    it('Ids count from 0 per connection; Unsubscribe answers true', async () => {
      const fresh = await RawClient.open(h.emu.url, { user: 'admin', pass: 'secret' });
      assert.deepEqual((await fresh.request('xFeedback/Subscribe', { Query: ['Status', 'Audio'] })).result, { Id: 0 });
      assert.deepEqual((await fresh.request('xFeedback/Subscribe', { Query: ['Event', 'UserInterface'] })).result, { Id: 1 });
      assert.equal((await fresh.request('xFeedback/Unsubscribe', { Id: 0 })).result, true);
      assert.deepEqual((await fresh.request('xFeedback/Subscribe', { Query: ['Configuration'] })).result, { Id: 2 });
      fresh.close();
    });

    it('unknown Id → -32602 Unknown subscription Id with data {Id}', async () => {
      const r = await c.request('xFeedback/Unsubscribe', { Id: 4 });
      assert.deepEqual(r.error, { code: -32602, data: { Id: 4 }, message: 'Unknown subscription Id' });
    });

    it('events or statuses the role may not read → -31999; readable ones subscribe', async () => {
      const i = await RawClient.open(h.emu.url, { user: 'integrator', pass: 'intpw' });
      for (const Query of [['Event', 'CallSuccessful'], ['Status', 'Network', 1, 'IPv4', 'Address']]) {
        assert.deepEqual((await i.request('xFeedback/Subscribe', { Query })).error, { code: -31999, message: 'Permission Denied' }, Query.join(' '));
      }
      assert.deepEqual((await i.request('xFeedback/Subscribe', { Query: ['Event', 'UserInterface', 'Extensions'] })).result, { Id: 0 });
      assert.deepEqual((await i.request('xFeedback/Subscribe', { Query: ['Status', 'Network'] })).result, { Id: 1 }, 'a branch with some readable leaves');
      i.close();
    });

    it('a query naming nothing in the schema → -32602', async () => {
      assert.equal((await c.request('xFeedback/Subscribe', { Query: ['Status', 'Nope'] })).error!.code, -32602);
      assert.equal((await c.request('xFeedback/Subscribe', { Query: ['Command', 'Dial'] })).error!.code, -32602);
    });
  });

  describe('xDoc', () => {
    it('answers the schema subtree at Path in the xDoc format', async () => {
      const r = await c.request('xDoc', { Path: ['Status', 'Audio'], Type: 'Schema' });
      assert.equal(r.result.Volume.ValueSpace.type, 'Integer');
      const cmd = await c.request('xDoc', { Path: ['Command'], Type: 'Schema' });
      assert.equal(cmd.result.Dial.command, 'True');
      assert.equal(cmd.result.version, h.emu.device.softwareVersion);
      const leaf = await c.request('xDoc', { Path: ['Configuration', 'Audio', 'DefaultVolume'], Type: 'Schema' });
      assert.equal(leaf.result.ValueSpace.type, 'Integer');
    });

    it('unknown paths → No match; other Types → Bad argument', async () => {
      assert.equal((await c.request('xDoc', { Path: ['Status', 'Nope'], Type: 'Schema' })).error!.code, -32602);
      assert.equal((await c.request('xDoc', { Path: ['Bogus'] })).error!.code, -32602);
      assert.equal((await c.request('xDoc', { Path: ['Status'], Type: 'Values' })).error!.code, -32602);
    });
  });

  describe('legacy', () => {
    it('/ws?legacy sends numbers as strings', async () => {
      const l = await RawClient.open(h.emu.url + '?legacy', { user: 'admin', pass: 'secret' });
      assert.equal((await l.request('xGet', { Path: ['Status', 'Audio', 'Volume'] })).result, '50');
      l.close();
    });
  });
});
