/**
 * The simulated Webex cloud and our cloud client against Cisco's OpenAPI spec of the device APIs
 * (../shared/webex/webex-device.json): every request the library sends and every response the simulated cloud
 * serves, in a session that touches every operation and error we use, is validated with openapi-backend — a
 * maintained, Ajv-based validator of requests and responses against OpenAPI 3 documents, used as a library (no
 * server framework), chosen because it validates both directions per operation, query arrays included.
 *
 * Cisco's spec file does not validate as OpenAPI 3.0 as a whole (hundreds of `$ref`s with siblings in the telephony
 * schemas), so the test keeps the operations we use and the component schemas they reach. Where real devices
 * differ from the spec, and for endpoints outside it, the exceptions are in webex-spec-exceptions.ts, each keyed
 * by operation and JSON pointer, each with its evidence; an exception no longer needed fails the test too.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import OpenAPIBackend from 'openapi-backend';
import { startSimulatedCloud, type CloudRequestRecord, type SimulatedCloud } from '../../emulator/cloud/server';
import { connect } from '../../xapi/index';
import { Scope } from '../../xapi/cloud/webexApi';
import { OUTSIDE_SPEC, SPEC_ADAPTATIONS, SPEC_EXCEPTIONS, USED_OPERATIONS, type SpecException } from './webex-spec-exceptions';

const SPEC = process.env.XAPI_WEBEX_SPEC ?? path.resolve(__dirname, '..', '..', '..', 'shared', 'webex', 'webex-device.json');

/** The operations we use and the component schemas they reach, with the spec's placeholders adapted. */
function usedDefinition(full: any): any {
  const paths = Object.fromEntries(USED_OPERATIONS.map(p => [p, full.paths[p]]));
  const schemas: Record<string, unknown> = {};
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) { x.forEach(walk); return; }
    if (!x || typeof x !== 'object') return;
    for (const [k, v] of Object.entries(x)) {
      if (k === '$ref' && typeof v === 'string') {
        const name = v.split('/').pop()!;
        if (!(name in schemas)) { schemas[name] = full.components.schemas[name]; walk(schemas[name]); }
      } else walk(v);
    }
  };
  walk(paths);
  const definition = { ...full, paths, components: { ...full.components, schemas } };
  for (const a of SPEC_ADAPTATIONS) a.apply(definition);
  return definition;
}

function queryObject(q: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const k of new Set(q.keys())) {
    const all = q.getAll(k);
    // Parameters the spec types as arrays are arrays even with one value (Query Schema's deviceId is one of them).
    out[k] = all.length > 1 || ['name', 'status', 'command'].includes(k) ? all : all[0];
  }
  return out;
}

interface Violation { readonly operation: string; readonly where: 'request' | 'response'; readonly pointer: string; readonly message: string }

describe('the simulated Webex cloud and the cloud client against Cisco\'s OpenAPI spec', function () {
  this.timeout(60_000);
  let api: OpenAPIBackend;
  let cloud: SimulatedCloud;

  before(async function () {
    if (!existsSync(SPEC)) {
      console.log(`      skipped: no Webex OpenAPI spec at ${SPEC} (set XAPI_WEBEX_SPEC)`);
      this.skip();
    }
    api = new OpenAPIBackend({ definition: usedDefinition(JSON.parse(readFileSync(SPEC, 'utf8'))), strict: true, ajvOpts: { strict: false } });
    await api.init();
    cloud = await startSimulatedCloud({ fleet: 7, pageSize: 3, tokens: [
      { token: 'all', scopes: Object.values(Scope) },
      { token: 'statuses-only', scopes: [Scope.xapiStatuses] },
    ] });
  });
  after(async () => { await cloud?.stop(); });

  /** A session that uses every operation and gets every error status we handle. */
  async function session(): Promise<void> {
    const base = cloud.baseUrl;
    const [first, , , , offline] = cloud.devices;
    const x = await connect(`webex://${first.id}`, { token: 'all', baseUrl: base });
    await Promise.all(['Audio Volume', 'Standby State', 'Video Input Connector 1 Connected', 'No Such Status'].map(p => x.status.get(p).catch(() => undefined)));
    await x.command('Audio Volume Set', { Level: 20 });
    await x.command('Macros Macro Save', { Name: 'm', Overwrite: 'True' }, 'console.log(1);\n');
    await x.command('No Such Command').catch(() => undefined);
    await x.command('Audio Volume Set', { Level: 'loud' }).catch(() => undefined);
    await x.config.get('Audio DefaultVolume');
    await x.config.get('Audio Ultrasound');
    await x.config.set('Audio DefaultVolume', 45);
    await x.config.set('Standby Delay', 30).catch(() => undefined);
    await x.config.set('Audio DefaultVolume', 4000).catch(() => undefined);
    await x.close();
    const y = await connect(`webex://${offline.id}`, { token: 'all', baseUrl: base });
    await y.status.get('Audio Volume').catch(() => undefined);
    await y.close();
    const z = await connect(`webex://${first.id}`, { token: 'statuses-only', baseUrl: base });
    await z.command('Audio Volume Set', { Level: 1 }).catch(() => undefined);
    await z.close();
    await connect('webex://no-such-device', { token: 'all', baseUrl: base }).catch(() => undefined);
    await connect(`webex://${first.id}`, { token: 'wrong', baseUrl: base }).catch(() => undefined);
    // What the fleet work ([13/14]) reads: devices by page and filter, and the devices' schemas.
    const get = (p: string) => fetch(`${base}${p}`, { headers: { authorization: 'Bearer all' } }).then(r => r.text());
    await get('/devices');
    await get('/devices?tag=boardroom&connectionStatus=connected');
    await get(`/devices?start=3&max=3`);
    await get(`/xapi/schema?deviceId=${encodeURIComponent(first.id)}&deviceId=${encodeURIComponent(offline.id)}&status=Audio.*&command=Audio.Volume.*`);
    await get(`/deviceConfigurations?deviceId=${encodeURIComponent(first.id)}&key=${encodeURIComponent('Network[1..n].IPStack')}`);
    cloud.injectFault({ status: 429, retryAfterSeconds: 0, path: '/xapi/status' });
    const w = await connect(`webex://${first.id}`, { token: 'all', baseUrl: base });
    await w.status.get('Audio Volume');
    await w.close();
  }

  function operationOf(r: CloudRequestRecord): { op: any; id: string } | undefined {
    const p = r.path.replace(/^\/v1/, '');
    const op = api.router.matchOperation({ method: r.method.toLowerCase(), path: p, query: {}, headers: {} } as any);
    return op ? { op, id: op.operationId ?? `${r.method} ${p}` } : undefined;
  }

  const excepted = (list: readonly SpecException[], v: Violation) => list.find(e => e.operation === v.operation && e.where === v.where && e.pointer.test(v.pointer));

  it('every request sent and every response served matches the spec, but for the listed exceptions (each still needed)', async () => {
    await session();
    const violations: Violation[] = [];
    const seen = new Set<string>();
    for (const r of cloud.requests) {
      const p = r.path.replace(/^\/v1/, '');
      if (OUTSIDE_SPEC.some(o => o.method === r.method && o.path === p)) continue;
      const match = operationOf(r);
      assert.ok(match, `${r.method} ${p} is neither in the spec nor listed as outside it`);
      seen.add(match.id);
      const req = { method: r.method.toLowerCase(), path: p, query: queryObject(r.query), headers: { authorization: 'Bearer x', ...(r.contentType ? { 'content-type': r.contentType } : {}) }, body: r.body };
      for (const e of api.validator.validateRequest(req as any, match.op).errors ?? []) {
        violations.push({ operation: match.id, where: 'request', pointer: e.instancePath ?? '', message: `${e.message} ${JSON.stringify(e.params)}` });
      }
      const declared = Object.keys(match.op.responses ?? {});
      assert.ok(declared.includes(String(r.status)), `${match.id} answered ${r.status}, which the spec does not list (${declared.join(', ')})`);
      if (r.status >= 200 && r.status < 300) {
        for (const e of api.validator.validateResponse(r.response, match.op, r.status).errors ?? []) {
          violations.push({ operation: match.id, where: 'response', pointer: e.instancePath ?? '', message: `${e.message} ${JSON.stringify(e.params)}` });
        }
      } else {
        // Error bodies: the spec gives no schema; the shape is the captured one (docs/webex-cloud.md §3).
        const body = r.response as { message?: unknown; errors?: { description?: unknown }[]; trackingId?: unknown };
        assert.equal(typeof body?.message, 'string', `${match.id} ${r.status}: message`);
        assert.equal(typeof body?.errors?.[0]?.description, 'string', `${match.id} ${r.status}: errors[].description`);
        assert.match(String(body?.trackingId), /^ROUTERGW_/, `${match.id} ${r.status}: trackingId`);
      }
      assert.match(r.responseHeaders?.trackingid ?? '', /^ROUTERGW_/, `${match.id}: Trackingid header`);
    }
    const unexplained = violations.filter(v => !excepted(SPEC_EXCEPTIONS, v));
    assert.deepEqual(unexplained, [], 'differences from the spec that no exception explains');
    const stale = SPEC_EXCEPTIONS.filter(e => !violations.some(v => excepted([e], v)));
    assert.deepEqual(stale.map(e => `${e.operation} ${e.where} ${e.pointer}`), [], 'exceptions no longer needed');
    assert.deepEqual([...seen].sort(), [
      'Execute Command', 'List Device Configurations for device', 'List Devices', 'Query Schema', 'Query Status', 'Update Device Configurations', 'getDeviceDetails',
    ], 'the session used every operation we use');
    const statuses = new Set(cloud.requests.map(r => r.status));
    for (const s of [200, 201, 400, 401, 403, 404, 409, 429]) assert.ok(statuses.has(s), `the session met HTTP ${s}`);
  });
});
