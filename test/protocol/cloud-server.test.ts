/**
 * The simulated Webex cloud on its own (emulator/cloud/), over raw HTTP (Node's fetch, not our client), against the
 * facts of docs/webex-cloud.md: device lists by page (`Link`) and filter, a fleet of mixed products and versions,
 * per-device schemas, configuration filters and JSON Patch writes, scopes, limits, injected 429s and the error
 * body with its tracking id.
 */
import assert from 'node:assert/strict';
import { startSimulatedCloud, type SimulatedCloud } from '../../emulator/cloud/server';
import { keyFilter } from '../../emulator/cloud/configurations';
import { Scope } from '../../xapi/cloud/webexApi';

describe('simulated Webex cloud over raw HTTP', function () {
  this.timeout(30_000);
  let cloud: SimulatedCloud;
  const auth = (token = 'all') => ({ authorization: `Bearer ${token}` });
  const get = (p: string, token?: string) => fetch(p.startsWith('http') ? p : `${cloud.baseUrl}${p}`, { headers: auth(token) });
  const id = (i: number) => encodeURIComponent(cloud.devices[i].id);

  before(async () => {
    cloud = await startSimulatedCloud({ fleet: 6, pageSize: 2, tokens: [
      { token: 'all', scopes: Object.values(Scope) },
      { token: 'read-only', scopes: [Scope.devicesRead, Scope.xapiStatuses] },
    ] });
  });
  after(async () => { await cloud.stop(); });

  it('lists devices by page, following the Link header to the end', async () => {
    const ids: string[] = [];
    let next: string | undefined = '/devices';
    let pages = 0;
    while (next) {
      const res = await get(next);
      assert.equal(res.status, 200);
      const body = await res.json() as { items: { id: string }[] };
      ids.push(...body.items.map(d => d.id));
      next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
      pages++;
    }
    assert.equal(pages, 3);
    assert.deepEqual(ids, cloud.devices.map(d => d.id));
  });

  it('a generated fleet mixes products and software versions, keeps some offline, and filters as the API does', async () => {
    const all = (await (await get('/devices?max=100')).json() as { items: { product: string; software: string; connectionStatus: string; tags: string[] }[] }).items;
    assert.ok(new Set(all.map(d => d.product)).size >= 3, 'products');
    assert.ok(new Set(all.map(d => d.software)).size >= 3, 'software versions');
    assert.deepEqual(all.map(d => d.connectionStatus).filter(s => s !== 'connected'), ['disconnected']);
    const boardrooms = (await (await get('/devices?tag=boardroom&max=100')).json() as { items: { tags: string[] }[] }).items;
    assert.ok(boardrooms.length >= 2 && boardrooms.every(d => d.tags.includes('boardroom')));
    const both = (await (await get('/devices?tag=boardroom,floor-2&max=100')).json() as { items: unknown[] }).items;
    assert.equal(both.length, all.filter(d => d.tags.includes('boardroom') && d.tags.includes('floor-2')).length, 'tags are ANDed');
    assert.ok(both.length < boardrooms.length);
    const offline = (await (await get('/devices?connectionStatus=disconnected')).json() as { items: unknown[] }).items;
    assert.equal(offline.length, 1);
  });

  it('each device has its own schema (GET /xapi/schema, at most 5 devices): statuses and commands as JSON Schema', async () => {
    const res = await get(`/xapi/schema?deviceId=${id(0)}&deviceId=${id(1)}&status=Audio.Volume&command=Audio.Volume.Set`);
    assert.equal(res.status, 200);
    const body = await res.json() as { deviceId: string; status: Record<string, { schema: any }>; commands: Record<string, { arguments: Record<string, { required: boolean; schema: any }> }> }[];
    assert.deepEqual(body.map(b => b.deviceId), [cloud.devices[0].id, cloud.devices[1].id]);
    assert.equal(body[0].status['Audio.Volume'].schema.type, 'integer');
    assert.deepEqual(body[0].commands['Audio.Volume.Set'].arguments.Level, { required: true, schema: { type: 'integer', minimum: 0, maximum: 100 } });
    const six = [0, 1, 2, 3, 4, 5].map(i => `deviceId=${id(i)}`).join('&');
    assert.equal((await get(`/xapi/schema?${six}&status=Audio.*`)).status, 400);
    assert.equal((await get(`/xapi/schema?deviceId=${id(0)}&command=Audio.*`, 'read-only')).status, 403, 'command schemas need spark:xapi_commands');
  });

  it('statuses: names required, at most 10; an unknown name is an empty result; offline devices answer with their status', async () => {
    assert.equal((await get(`/xapi/status?deviceId=${id(0)}`)).status, 400);
    assert.equal((await get('/xapi/status?name=Audio.Volume')).status, 400);
    const eleven = Array.from({ length: 11 }, (_, i) => `name=Audio.Volume${i}`).join('&');
    assert.equal((await get(`/xapi/status?deviceId=${id(0)}&${eleven}`)).status, 400);
    const empty = await (await get(`/xapi/status?deviceId=${id(0)}&name=Audio.Volumee`)).json();
    assert.deepEqual(empty, { deviceId: cloud.devices[0].id, result: {} });
    const off = await get(`/xapi/status?deviceId=${id(4)}&name=Audio.Volume`);
    assert.equal(off.status, 409);
    assert.match(((await off.json()) as { message: string }).message, /connectionStatus: disconnected/);
    assert.equal((await fetch(`${cloud.baseUrl}/xapi/status`, { method: 'DELETE', headers: auth() })).status, 405);
  });

  it('configurations: key filters, JSON Patch replace and remove (back to the default), content type and path checked', async () => {
    const items = async (key: string, i = 0) => Object.keys(((await (await get(`/deviceConfigurations?deviceId=${id(i)}&key=${encodeURIComponent(key)}`)).json()) as { items: object }).items);
    assert.deepEqual(await items('Audio.DefaultVolume'), ['Audio.DefaultVolume']);
    assert.ok((await items('Audio.*')).every(k => k.startsWith('Audio.')));
    assert.deepEqual(await items('Network[1..n].IPStack'), ['Network[1].IPStack']);
    assert.deepEqual(await items('Network[2].IPStack'), []);
    const patch = (body: unknown, type = 'application/json-patch+json', i = 0) =>
      fetch(`${cloud.baseUrl}/deviceConfigurations?deviceId=${id(i)}`, { method: 'PATCH', headers: { ...auth(), 'content-type': type }, body: JSON.stringify(body) });
    let res = await patch([{ op: 'replace', path: 'Audio.DefaultVolume/sources/configured/value', value: 61 }]);
    assert.equal(res.status, 201);
    let item = ((await res.json()) as { items: Record<string, any> }).items['Audio.DefaultVolume'];
    assert.equal(item.value, 61);
    assert.equal(item.source, 'configured');
    res = await patch([{ op: 'remove', path: 'Audio.DefaultVolume/sources/configured/value' }]);
    item = ((await res.json()) as { items: Record<string, any> }).items['Audio.DefaultVolume'];
    assert.equal(item.source, 'default');
    assert.equal(item.value, item.sources.default.value);
    assert.equal((await patch([{ op: 'replace', path: 'Audio.DefaultVolume', value: 1 }])).status, 400);
    assert.equal((await patch([{ op: 'replace', path: 'Audio.DefaultVolume/sources/configured/value', value: 1 }], 'application/json')).status, 415);
    assert.equal((await patch([{ op: 'replace', path: 'Audio.DefaultVolume/sources/configured/value', value: 1 }], undefined, 4)).status, 201, 'an offline device\'s configuration is written (applied when it is back)');
    const rule = ((await (await get(`/deviceConfigurations?deviceId=${id(0)}&key=Standby.Delay`)).json()) as { items: Record<string, any> }).items['Standby.Delay'];
    assert.equal(rule.source, 'organizationRule');
    assert.deepEqual(rule.sources.organizationRule, { value: 15, editability: { isEditable: false, reason: 'CONFIG_MANAGED_BY_RULE' }, level: 'organization', enforced: true });
    assert.equal(rule.sources.configured.editability.isEditable, false);
  });

  it('errors carry the cloud\'s body and a Trackingid header; a bad token is 401, a missing scope 403', async () => {
    const bad = await get('/devices', 'nope');
    assert.equal(bad.status, 401);
    const body = await bad.json() as { message: string; errors: { description: string }[]; trackingId: string };
    assert.equal(body.errors[0].description, body.message);
    assert.match(body.trackingId, /^ROUTERGW_/);
    assert.equal(bad.headers.get('trackingid'), body.trackingId);
    const noScope = await fetch(`${cloud.baseUrl}/xapi/command/Audio.Volume.Set`, { method: 'POST', headers: { ...auth('read-only'), 'content-type': 'application/json' }, body: JSON.stringify({ deviceId: cloud.devices[0].id, arguments: { Level: 3 } }) });
    assert.equal(noScope.status, 403);
  });

  it('429s injected at a rate carry Retry-After in seconds', async () => {
    const limited = await startSimulatedCloud({ fleet: 1, rateLimit: { rate: 0.5, retryAfterSeconds: 3 }, tokens: [{ token: 'all', scopes: Object.values(Scope) }] });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 6; i++) {
        const r = await fetch(`${limited.baseUrl}/devices`, { headers: auth() });
        statuses.push(r.status);
        if (r.status === 429) retryAfter = r.headers.get('retry-after');
      }
      assert.deepEqual(statuses, [200, 429, 200, 429, 200, 429]);
      assert.equal(retryAfter, '3');
    } finally { await limited.stop(); }
  });
});

describe('simulated Webex cloud: configuration key filters', () => {
  const cases: [string, string, boolean][] = [
    ['Audio.DefaultVolume', 'Audio.DefaultVolume', true],
    ['audio.defaultvolume', 'Audio.DefaultVolume', true],
    ['Audio.DefaultVolume', 'Audio.DefaultVolumeX', false],
    ['Audio.*', 'Audio.Ultrasound.MaxVolume', true],
    ['Audio.*', 'Audio', false],
    ['Audio.Ultrasound.*', 'Audio.DefaultVolume', false],
    ['*', 'Anything.At.All', true],
    ['FacilityService.Service[1].Name', 'FacilityService.Service[1].Name', true],
    ['FacilityService.Service[1].Name', 'FacilityService.Service[2].Name', false],
    ['FacilityService.Service[*].Name', 'FacilityService.Service[5].Name', true],
    ['FacilityService.Service[1..3].Name', 'FacilityService.Service[3].Name', true],
    ['FacilityService.Service[1..3].Name', 'FacilityService.Service[4].Name', false],
    ['FacilityService.Service[2..n].Name', 'FacilityService.Service[9].Name', true],
    ['FacilityService.Service[2..n].Name', 'FacilityService.Service[1].Name', false],
    ['FacilityService.Service.Name', 'FacilityService.Service[1].Name', false],
  ];
  for (const [pattern, key, expected] of cases) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${key}`, () => assert.equal(keyFilter(pattern)!(key), expected));
  }
  it('a malformed pattern is refused', () => {
    for (const p of ['Audio..Volume', 'Audio.Volume[', 'Audio[x]', '']) assert.equal(keyFilter(p), undefined, p);
  });
});
