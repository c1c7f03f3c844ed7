/**
 * The Webex cloud transport (`connect('webex://ID', { token })`, xapi/cloud/) against the simulated Webex cloud
 * (emulator/cloud/) over real HTTP on loopback (port 0): every endpoint the client uses, every error status, 429
 * with Retry-After, 5xx retries that never repeat a command, token refresh, offline devices and scope errors.
 * Waits are counted, not slept (`sleep` is the client's own seam for its timers).
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { startSimulatedCloud, type SimulatedCloud } from '../../emulator/cloud/server';
import {
  AuthenticationError, CommandError, ConfigurationEnforcedError, ConnectionError, InvalidParameterError, MaybeExecutedError, NotFoundError,
  PermissionDeniedError, RateLimitError, UnsupportedError, XapiError, connect, listCloudDevices, type CloudXapi, type Xapi,
} from '../../xapi/index';
import { Scope } from '../../xapi/cloud/webexApi';
import { connectCloud } from '../../xapi/cloud/cloudClient';
import { closedPort } from '../support/closedPort';

describe('Webex cloud transport against the simulated cloud', function () {
  this.timeout(30_000);
  let cloud: SimulatedCloud;
  const open: Xapi[] = [];
  const waits: number[] = [];
  const sleep = async (ms: number) => { waits.push(ms); };

  before(async () => { cloud = await startSimulatedCloud({ fleet: 5 }); });
  after(async () => { await cloud.stop(); });
  beforeEach(() => { waits.length = 0; cloud.requests.length = 0; });
  afterEach(async () => { while (open.length) await open.pop()!.close(); });

  const online = () => cloud.devices[0];
  async function client(opts: { token?: string; id?: string; timeoutMs?: number } = {}): Promise<Xapi> {
    // connectCloud is what connect('webex://…') calls; here with the client's own seam for its waits.
    const x = await connectCloud(opts.id ?? online().id, { token: opts.token ?? cloud.tokens[0].token, baseUrl: cloud.baseUrl, sleep, timeoutMs: opts.timeoutMs });
    open.push(x);
    return x;
  }
  const apiCalls = (path: string) => cloud.requests.filter(r => r.path.endsWith(path));

  describe('connecting', () => {
    it('webex://ID gives an Xapi for that device; the id is taken verbatim and the device\'s details are known', async () => {
      const x = await client();
      assert.equal(x.url, `webex://${online().id}`);
      assert.equal(x.isConnected, true);
      assert.equal((x as any).device.displayName, online().displayName);
      assert.match((x as any).device.software, /^RoomOS \d+\.\d+/);
      await x.close();
      assert.equal(x.state, 'closed');
      await assert.rejects(x.status.get('Audio Volume'), /closed/);
    });

    it('a bad token is an AuthenticationError; an unknown device a NotFoundError; neither message shows the token', async () => {
      const bad = await connect(`webex://${online().id}`, { token: 'not-a-real-token', baseUrl: cloud.baseUrl }).catch(e => e);
      assert.ok(bad instanceof AuthenticationError, String(bad));
      assert.ok(!bad.message.includes('not-a-real-token'));
      assert.ok(bad.trackingId?.startsWith('ROUTERGW_'), 'the tracking id is kept');
      const missing = await connect('webex://no-such-device', { token: cloud.tokens[0].token, baseUrl: cloud.baseUrl }).catch(e => e);
      assert.ok(missing instanceof NotFoundError);
      assert.match(missing.message, /^No Webex device with the id or name "no-such-device" is visible with this token$/);
      assert.ok(!missing.message.includes(cloud.tokens[0].token));
    });

    it('a device is found by its display name too (case-insensitive); a name several devices share is an error listing them', async () => {
      const x = await client({ id: online().displayName.toUpperCase() });
      assert.equal(x.url, `webex://${online().id}`, 'the device\'s id, found by name');
      const twins = await startSimulatedCloud({ fleet: [{ displayName: 'Lobby' }, { displayName: 'Lobby', product: 'davinci' }, { displayName: 'Lobby West' }] });
      try {
        const e = await connect('webex://Lobby', { token: twins.tokens[0].token, baseUrl: twins.baseUrl }).catch(err => err);
        assert.ok(e instanceof InvalidParameterError);
        assert.match(e.message, /^2 Webex devices are named "Lobby": use one's id \(webex:\/\/ID\): /);
        for (const d of twins.devices.slice(0, 2)) assert.ok(e.message.includes(d.id));
        assert.ok(!e.message.includes(twins.devices[2].id), 'not the one whose name only contains it');
      } finally { await twins.stop(); }
    });

    it('lists the devices a token sees, every page, with the query passed verbatim', async () => {
      const paged = await startSimulatedCloud({ fleet: 7, pageSize: 2 });
      try {
        const all = await listCloudDevices({ token: paged.tokens[0].token, baseUrl: paged.baseUrl });
        assert.deepEqual(all.map(d => d.id), paged.devices.map(d => d.id));
        assert.equal(paged.requests.filter(r => r.path.endsWith('/devices')).length, 4, 'four pages of two');
        const offline = await listCloudDevices({ token: paged.tokens[0].token, baseUrl: paged.baseUrl, query: { connectionStatus: 'disconnected' } });
        assert.deepEqual(offline.map(d => d.connectionStatus), ['disconnected']);
      } finally { await paged.stop(); }
    });

    it('a next-page Link outside the base URL is not followed: the token never goes elsewhere', async () => {
      const seen: string[] = [];
      const rogue = createHttpServer((req, res) => {
        seen.push(String(req.headers.authorization));
        res.writeHead(200, { 'content-type': 'application/json', link: '<http://127.0.0.2:9/v1/devices?start=2>; rel="next"' });
        res.end(JSON.stringify({ items: [] }));
      });
      await new Promise<void>(r => rogue.listen(0, '127.0.0.1', r));
      try {
        const base = `http://127.0.0.1:${(rogue.address() as AddressInfo).port}/v1`;
        await assert.rejects(listCloudDevices({ token: 'secret-t', baseUrl: base }), /Webex pointed to http:\/\/127\.0\.0\.2:9\/v1\/devices, outside .*: not followed/);
        assert.equal(seen.length, 1);
      } finally { rogue.close(); }
    });

    it('a token with xAPI scopes only (a bot) still connects by id; its device details are unknown; a name needs the list', async () => {
      const bot = await startSimulatedCloud({ fleet: 1, tokens: [{ token: 'bot', scopes: [Scope.xapiStatuses, Scope.xapiCommands] }] });
      try {
        const x = await connect(`webex://${bot.devices[0].id}`, { token: 'bot', baseUrl: bot.baseUrl });
        assert.equal((x as any).device, undefined);
        assert.equal(typeof await x.status.get('Audio Volume'), 'number');
        await x.close();
        const byName = await connect(`webex://${bot.devices[0].displayName}`, { token: 'bot', baseUrl: bot.baseUrl }).catch(e => e);
        assert.ok(byName instanceof PermissionDeniedError);
        assert.match(byName.message, /is not a device id, and this token may not list devices to find it by name \(it needs spark-admin:devices_read\)/);
      } finally { await bot.stop(); }
    });

    it('refuses a token that cannot be one and a proxy that is no URL, without echoing either', async () => {
      const e = await connect('webex://x', { token: 'abc\ndef-secret', baseUrl: cloud.baseUrl }).catch(err => err);
      assert.ok(e instanceof InvalidParameterError);
      assert.ok(!e.message.includes('def-secret'));
      const p = await connect('webex://x', { token: 't', baseUrl: cloud.baseUrl, proxy: 'not a url:pw@' }).catch(err => err);
      assert.ok(p instanceof InvalidParameterError);
      assert.ok(!p.message.includes('pw@'));
    });

    it('timeoutMs 0 is no time limit, as on a local connection', async () => {
      const x = await client({ timeoutMs: 0 });
      assert.equal(typeof await x.status.get('Audio Volume'), 'number');
    });

    it('refuses a base URL that would send the token in clear, and a call without a token', async () => {
      await assert.rejects(connect('webex://x', { token: 't', baseUrl: 'http://cloud.example.com/v1' }), (e: Error) => e instanceof InvalidParameterError && /https/.test(e.message));
      await assert.rejects(connect('webex://x', { baseUrl: cloud.baseUrl }), (e: Error) => e instanceof InvalidParameterError && /token/.test(e.message));
      await assert.rejects(connect('webex://', { token: 't', baseUrl: cloud.baseUrl }), InvalidParameterError);
    });
  });

  describe('commands', () => {
    it('runs a command with its arguments (POST /xapi/command/Dotted.Name) and the device does it', async () => {
      const x = await client();
      assert.deepEqual(await x.command('Audio Volume Set', { Level: 31 }), { status: 'OK' });
      assert.equal(await online().xapi.status.get('Audio Volume'), 31);
      const [post] = apiCalls('/xapi/command/Audio.Volume.Set');
      assert.deepEqual(post.body, { deviceId: online().id, arguments: { Level: 31 } });
    });

    it('a multiline body goes as `body` (a macro saved over the cloud)', async () => {
      const x = await client();
      const source = "import xapi from 'xapi';\nconsole.log('hello from the cloud');\n";
      await x.command('Macros Macro Save', { Name: 'cloudy', Overwrite: 'True' }, source);
      const got = await online().xapi.command('Macros Macro Get', { Name: 'cloudy', Content: 'True' }) as any;
      assert.equal(got.Macro[0].Content, source);
    });

    it('an unknown command is a NotFoundError; a value the device refuses a CommandError; a newline in a parameter never leaves', async () => {
      const x = await client();
      const unknown = await x.command('Audio Volume Sett', {}).catch(e => e);
      assert.ok(unknown instanceof NotFoundError);
      assert.match(unknown.message, /^xCommand Audio Volume Sett: \[Command 'Audio\.Volume\.Sett' not supported\]$/);
      const refused = await x.command('Audio Volume Set', { Level: 'loud' }).catch(e => e);
      assert.ok(refused instanceof CommandError, String(refused));
      assert.ok(refused.trackingId);
      cloud.requests.length = 0;
      await assert.rejects(x.command('UserInterface Message Alert Display', { Text: 'a\nb' }), InvalidParameterError);
      assert.equal(cloud.requests.length, 0);
    });
  });

  describe('statuses', () => {
    it('reads made together go in one request, at most ten names each; each gets its own value', async () => {
      const x = await client();
      await online().xapi.command('Audio Volume Set', { Level: 44 });
      const paths = ['Audio Volume', 'Standby State', 'SystemUnit Uptime', 'Audio Volume', 'Video Input Connector 2 Connected',
        'Audio Microphones Mute', 'SystemUnit ProductId', 'Conference DoNotDisturb', 'Video Selfview Mode', 'Audio VolumeMute', 'Call', 'Standby State', 'SystemUnit Software Version'];
      const values = await Promise.allSettled(paths.map(p => x.status.get(p)));
      assert.equal((values[0] as PromiseFulfilledResult<unknown>).value, 44);
      assert.equal((values[3] as PromiseFulfilledResult<unknown>).value, 44, 'the same name twice: one name on the wire, both answered');
      assert.equal((values[4] as PromiseFulfilledResult<unknown>).value, 'False', 'a list item by its id');
      const gets = apiCalls('/xapi/status');
      const names = gets.map(g => g.query.getAll('name'));
      assert.deepEqual(names.map(n => n.length), [10, 1], '11 distinct names (of 13 reads): 10 in the first request, 1 in the second');
      assert.ok(names[0].includes('Video.Input.Connector[2].Connected'));
    });

    it('an empty answer is a NotFoundError that says both things it can mean', async () => {
      const x = await client();
      const e = await x.status.get('Audio Volumee').catch(err => err);
      assert.ok(e instanceof NotFoundError);
      assert.match(e.message, /^xStatus Audio Volumee: Webex returned nothing for it: the device has no such status, or this token may not read it$/);
      assert.ok(e.trackingId);
    });

    it('a token without the statuses scope gets a permission error naming the scope', async () => {
      const narrow = await startSimulatedCloud({ fleet: 1, tokens: [{ token: 'cmd', scopes: [Scope.xapiCommands, Scope.devicesRead] }] });
      try {
        const x = await connect(`webex://${narrow.devices[0].id}`, { token: 'cmd', baseUrl: narrow.baseUrl });
        const e = await x.status.get('Audio Volume').catch(err => err);
        assert.ok(e instanceof PermissionDeniedError);
        assert.match(e.message, /spark:xapi_statuses/);
        assert.equal((e.data as any).scope, 'spark:xapi_statuses');
        await x.close();
      } finally { await narrow.stop(); }
    });
  });

  describe('configurations', () => {
    it('on connecting, the schema and the rules share one read of the configurations list; a write makes the next one read again', async () => {
      const x = await client() as CloudXapi;
      const whole = () => apiCalls('/deviceConfigurations').filter(r => r.method === 'GET' && !r.query.has('key')).length;
      const before = whole();
      const [docs, rules] = await Promise.all([x.schemaDocuments(), x.enforcedConfigurations()]);
      assert.ok(Object.keys(docs.configurations).length > 10);
      assert.ok(rules.has('Standby.Delay'));
      assert.equal(whole() - before, 1, 'one read for both');
      await x.config.set('Audio DefaultVolume', 36);
      await x.enforcedConfigurations();
      assert.equal(whole() - before, 2, 'read again after a write');
    });

    it('reads a leaf and a branch, and writes through PATCH /deviceConfigurations (JSON Patch on the configured value)', async () => {
      const x = await client();
      assert.equal(await x.config.get('Audio DefaultVolume'), await online().xapi.config.get('Audio DefaultVolume'));
      const branch = await x.Config.Audio.Ultrasound.get();
      assert.deepEqual(branch, { MaxVolume: 0 }, 'the organisation rule holds it at 0');
      await x.config.set('Audio DefaultVolume', 37);
      assert.equal(await online().xapi.config.get('Audio DefaultVolume'), 37);
      const [patch] = apiCalls('/deviceConfigurations').filter(r => r.method === 'PATCH');
      assert.equal(patch.contentType, 'application/json-patch+json');
      assert.deepEqual(patch.body, [{ op: 'replace', path: 'Audio.DefaultVolume/sources/configured/value', value: 37 }]);
    });

    it('reverts a configuration to its default (JSON Patch remove); a rule-held one cannot be reverted either', async () => {
      const x = await client() as CloudXapi;
      await x.config.set('Audio DefaultVolume', 21);
      await x.revertConfiguration('Configuration Audio DefaultVolume');
      const def = Number(online().device.index.lookup('Configuration', ['Audio', 'DefaultVolume'])!.variants[0].default);
      assert.equal(await online().xapi.config.get('Audio DefaultVolume'), def);
      const [, remove] = apiCalls('/deviceConfigurations').filter(r => r.method === 'PATCH');
      assert.deepEqual(remove.body, [{ op: 'remove', path: 'Audio.DefaultVolume/sources/configured/value' }]);
      await assert.rejects(x.revertConfiguration('Standby Delay'), ConfigurationEnforcedError);
    });

    it('a value a rule enforces is a ConfigurationEnforcedError with the rule\'s reason; the device keeps the rule\'s value', async () => {
      const x = await client();
      const e = await x.config.set('Standby Delay', 30).catch(err => err);
      assert.ok(e instanceof ConfigurationEnforcedError, String(e));
      assert.ok(e instanceof PermissionDeniedError, 'a kind of permission error');
      assert.equal(e.reason, 'CONFIG_MANAGED_BY_RULE');
      assert.match(e.message, /organisation or location rule/);
      assert.equal(await online().xapi.config.get('Standby Delay'), 15);
    });

    it('a value outside the value space is an InvalidParameterError with the cloud\'s text; an unknown key a NotFoundError', async () => {
      const x = await client();
      const bad = await x.config.set('Audio DefaultVolume', 1000).catch(e => e);
      assert.ok(bad instanceof InvalidParameterError, String(bad));
      assert.match(bad.message, /Audio\.DefaultVolume/);
      await assert.rejects(x.config.get('Audio NoSuchThing'), NotFoundError);
    });

    it('configurations of an offline device are read (the cloud keeps them); its statuses and commands fail saying it is offline', async () => {
      const offline = cloud.devices[4];
      assert.equal(offline.connectionStatus, 'disconnected');
      const x = await client({ id: offline.id });
      assert.equal(typeof await x.config.get('Audio DefaultVolume'), 'number');
      const e = await x.status.get('Audio Volume').catch(err => err);
      assert.ok(e instanceof XapiError);
      assert.match(e.message, /not connected to Webex \(connectionStatus: disconnected\)/);
      await assert.rejects(x.command('Audio Volume Set', { Level: 3 }), /not connected to Webex/);
    });
  });

  describe('what the cloud does not have', () => {
    it('feedback and events fail at once with UnsupportedError naming the alternatives; xDoc and xQuery too', async () => {
      const x = await client();
      for (const subscribe of [() => x.status.on('Audio Volume', () => undefined), () => x.Event.UserInterface.Extensions.Widget.Action.on(() => undefined), () => x.feedback.on('/Status/Audio', () => undefined)]) {
        assert.throws(subscribe, (e: Error) => e instanceof UnsupportedError && /no feedback/.test(e.message) && /xapi watch/.test(e.message) && /wss:/.test(e.message));
      }
      await assert.rejects(x.doc('Status Audio'), UnsupportedError);
      await assert.rejects(x.query('Status Audio *'), UnsupportedError);
    });
  });

  describe('retries', () => {
    it('429 with Retry-After: waits the seconds asked, sends again, and succeeds (a command too: it was not executed)', async () => {
      const x = await client();
      cloud.injectFault({ status: 429, retryAfterSeconds: 2, path: '/xapi/command' });
      await x.command('Audio Volume Set', { Level: 12 });
      assert.deepEqual(waits, [2000]);
      assert.deepEqual(apiCalls('/xapi/command/Audio.Volume.Set').map(r => r.status), [429, 200]);
      cloud.injectFault({ status: 423, retryAfterSeconds: 1, path: '/xapi/status' });
      assert.equal(await x.status.get('Audio Volume'), 12);
      waits.length = 0;
      cloud.injectFault({ status: 429, retryAfterSeconds: 0, path: '/xapi/status' });
      assert.equal(await x.status.get('Audio Volume'), 12);
      assert.deepEqual(waits, [250], 'Retry-After: 0 still waits a step: no tight loop');
    });

    it('a Retry-After longer than the time left fails at once with a RateLimitError carrying it', async () => {
      const x = await client({ timeoutMs: 5_000 });
      cloud.injectFault({ status: 429, retryAfterSeconds: 60, path: '/xapi/status' });
      const e = await x.status.get('Audio Volume').catch(err => err);
      assert.ok(e instanceof RateLimitError, String(e));
      assert.equal(e.retryAfter, 60);
      assert.deepEqual(waits, [], 'no wait');
      assert.ok(e.trackingId);
    });

    it('a read after a 5xx is retried with backoff; a command after a 5xx fails as MaybeExecuted and is sent once', async () => {
      const x = await client();
      cloud.injectFault({ status: 503, times: 2, path: '/xapi/status' });
      assert.equal(typeof await x.status.get('Audio Volume'), 'number');
      assert.deepEqual(waits, [250, 500], 'backoff doubles');
      cloud.injectFault({ status: 502, path: '/xapi/command' });
      const e = await x.command('Audio Volume Set', { Level: 5 }).catch(err => err);
      assert.ok(e instanceof MaybeExecutedError, String(e));
      assert.match(e.message, /may have run, and is not sent again/);
      assert.equal(apiCalls('/xapi/command/Audio.Volume.Set').length, 1);
    });

    it('a dropped connection: a read is retried, a command is MaybeExecuted and not repeated; a configuration PATCH is retried', async () => {
      const x = await client();
      cloud.injectFault({ status: 0, dropConnection: true, path: '/xapi/status' });
      assert.equal(typeof await x.status.get('Audio Volume'), 'number');
      cloud.injectFault({ status: 0, dropConnection: true, path: '/xapi/command' });
      await assert.rejects(x.command('Audio Volume Set', { Level: 6 }), MaybeExecutedError);
      assert.equal(apiCalls('/xapi/command/Audio.Volume.Set').length, 1);
      cloud.injectFault({ status: 500, path: '/deviceConfigurations' });
      await x.config.set('Audio DefaultVolume', 42);
      assert.equal(await online().xapi.config.get('Audio DefaultVolume'), 42);
    });

    it('retries stop after three: the last failure is the error, with its status', async () => {
      const x = await client();
      cloud.injectFault({ status: 503, times: 4, path: '/xapi/status' });
      const e = await x.status.get('Audio Volume').catch(err => err);
      assert.ok(e instanceof XapiError);
      assert.match(e.message, /HTTP 503/);
      assert.equal(apiCalls('/xapi/status').length, 4);
      cloud.requests.length = 0;
      const port = await closedPort();
      const gone = await connectCloud('x', { token: 't', baseUrl: `http://127.0.0.1:${port}/v1`, sleep }).catch(err => err);
      assert.ok(gone instanceof ConnectionError, String(gone));
      assert.match(gone.message, /Webex could not be reached at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    });
  });

  describe('token refresh', () => {
    it('with a refresh grant the client gets its token, and a new one when the old stops working', async () => {
      const refresh = { clientId: 'cid', clientSecret: 'shh', refreshToken: 'rt-1' };
      const c = await startSimulatedCloud({ fleet: 1, tokens: [], refresh });
      try {
        const x = await connect(`webex://${c.devices[0].id}`, { refresh, baseUrl: c.baseUrl });
        assert.equal(typeof await x.status.get('Audio Volume'), 'number');
        c.expireTokens();
        assert.equal(typeof await x.status.get('Audio Volume'), 'number');
        assert.deepEqual(c.requests.filter(r => r.path.endsWith('/access_token')).map(r => r.status), [200, 200]);
        assert.deepEqual(c.requests.filter(r => r.path.endsWith('/xapi/status')).map(r => r.status), [200, 401, 200]);
        await x.close();
        const wrong = await connect(`webex://${c.devices[0].id}`, { refresh: { ...refresh, clientSecret: 'nope' }, baseUrl: c.baseUrl }).catch(e => e);
        assert.ok(wrong instanceof AuthenticationError);
        assert.match(wrong.message, /did not refresh the access token \(HTTP 400: Invalid refresh token/);
        assert.ok(!wrong.message.includes('nope'));
      } finally { await c.stop(); }
    });
  });
});
