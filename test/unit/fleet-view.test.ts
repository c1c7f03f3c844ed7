/**
 * The Fleet view's pure parts, in plain Node: devices grouped by tag, what a check or the cloud's listing says of
 * a device, the line shown beside it; and the results table's sorting and filtering (the webview runs the same code).
 */
import assert from 'node:assert/strict';
import type { InventoryDevice } from '../../fleet/inventory';
import type { DeviceOutcome } from '../../fleet/runner';
import type { CloudDevice } from '../../xapi/cloud/webexApi';
import { checked, observed, cloudEntries, describeEntry, describeGroup, groupByTag, inventoryEntries, uniqueDevices, UNTAGGED } from '../../client/views/fleet/fleetModel';
import { filterRows, parseResultsMessage, sortRows, type ResultRow } from '../../client/views/fleet/results/messages';

const dev = (name: string, tags: string[], url = `wss://${name.toLowerCase().replace(/\W/g, '')}/ws`): InventoryDevice => ({ name, url, tags });

describe('fleet view model', () => {
  const a = dev('Room A', ['boardroom', 'floor-2']);
  const b = dev('Room B', ['boardroom']);
  const c = dev('Lobby', []);

  it('groups devices by tag: tags in order, a device under each of its tags, the untagged last', () => {
    const groups = groupByTag(inventoryEntries([c, a, b]));
    assert.deepEqual(groups.map(g => [g.tag, g.entries.map(e => e.device.name)]), [
      ['boardroom', ['Room A', 'Room B']], ['floor-2', ['Room A']], [UNTAGGED, ['Lobby']],
    ]);
    assert.deepEqual(uniqueDevices([a, b, a, c, b]).map(d => d.name), ['Room A', 'Room B', 'Lobby'], 'each device once, in the order first met');
  });

  it('a check fills in product and software, or says why a device could not be reached', () => {
    const [entry] = inventoryEntries([{ ...a, product: 'Room Kit' }]);
    assert.equal(describeEntry(entry), 'Room Kit · not checked');
    const ok: DeviceOutcome<Record<string, unknown>> = { device: a, status: 'ok', ms: 5, value: { 'Status SystemUnit ProductId': 'Cisco Room Bar', 'Status SystemUnit Software Version': 'ce11.27.2.0' } };
    assert.equal(describeEntry(checked(entry, ok)), 'Room Bar · 11.27.2.0 · reachable');
    const down: DeviceOutcome<Record<string, unknown>> = { device: a, status: 'failed', kind: 'auth', reason: 'the password was refused', ms: 5 };
    const after = checked(entry, down);
    assert.deepEqual(after.reach, { kind: 'unreachable', why: 'auth', reason: 'the password was refused' });
    assert.equal(describeEntry(after), 'Room Kit · auth');
    assert.equal(describeGroup([after, checked(entry, ok)]), '2 devices, 1 unreachable');
  });

  it('a run\'s outcome says whether the device was reached; a refused line or a skip still means reached', () => {
    const [entry] = inventoryEntries([a]);
    const out = (o: Partial<DeviceOutcome<unknown>>): DeviceOutcome<unknown> => ({ device: a, status: 'failed', ms: 1, ...o });
    assert.equal(observed(entry, out({ status: 'ok' })).reach.kind, 'reachable');
    assert.equal(observed(entry, out({ status: 'skipped', kind: 'gating' })).reach.kind, 'reachable');
    assert.equal(observed(entry, out({ kind: 'refused' })).reach.kind, 'reachable');
    assert.equal(checked(entry, out({ kind: 'not-found', reason: 'no such status' }) as DeviceOutcome<Record<string, unknown>>).reach.kind, 'reachable', 'a check that got an answer reached it');
    assert.deepEqual(observed(entry, out({ kind: 'certificate', reason: 'it changed' })).reach, { kind: 'unreachable', why: 'certificate', reason: 'it changed' });
    assert.equal(observed(entry, out({ status: 'unknown', kind: 'interrupted' })), entry, 'an interrupted device tells nothing');
    assert.equal(observed(entry, out({ status: 'ok', earlier: true })), entry, 'an earlier run\'s outcome is old news');
  });

  it('the cloud\'s listing says product, software and whether the device is online', () => {
    const listed = [
      { id: 'x1', displayName: 'Lobby', product: 'Cisco Room Bar', software: 'RoomOS 11.27.2.0 abc', connectionStatus: 'connected' },
      { id: 'x2', displayName: 'Huddle', product: 'Cisco Desk Pro', software: 'RoomOS 26.4.1.0', connectionStatus: 'offline_expired' },
    ] as unknown as CloudDevice[];
    const entries = cloudEntries([dev('Lobby', [], 'webex://x1'), dev('Huddle', [], 'webex://x2')], listed);
    assert.deepEqual(entries.map(describeEntry), ['Room Bar · 11.27.2.0 · reachable', 'Desk Pro · 26.4.1.0 · offline']);
  });
});

describe('fleet results table', () => {
  const rows: ResultRow[] = [
    { device: 'Room 10', url: 'wss://a', status: 'ok', detail: '2 line(s)', ms: 40 },
    { device: 'Room 2', url: 'wss://b', status: 'failed', kind: 'offline', detail: 'offline: Cannot connect', ms: 3 },
    { device: 'Room 1', url: 'wss://c', status: 'skipped', kind: 'gating', detail: 'gating: line 2: not on this Desk Pro', ms: 12 },
    { device: 'Room 3', url: 'wss://d', status: 'failed', kind: 'auth', detail: 'auth: the password was refused', ms: 8 },
  ];
  const names = (rs: ResultRow[]) => rs.map(r => r.device);

  it('sorts by device name as people count (Room 2 before Room 10), either way', () => {
    assert.deepEqual(names(sortRows(rows, 'device', false)), ['Room 1', 'Room 2', 'Room 3', 'Room 10']);
    assert.deepEqual(names(sortRows(rows, 'device', true)), ['Room 10', 'Room 3', 'Room 2', 'Room 1']);
  });

  it('sorts by status with what needs attention first, ties by name; by time as numbers', () => {
    assert.deepEqual(names(sortRows(rows, 'status', false)), ['Room 2', 'Room 3', 'Room 1', 'Room 10']);
    assert.deepEqual(names(sortRows(rows, 'ms', true)), ['Room 10', 'Room 1', 'Room 3', 'Room 2']);
  });

  it('filters by status and by every word given, in device, kind, detail or address', () => {
    assert.deepEqual(names(filterRows(rows, '', 'failed')), ['Room 2', 'Room 3']);
    assert.deepEqual(names(filterRows(rows, 'PASSWORD refused', '')), ['Room 3']);
    assert.deepEqual(names(filterRows(rows, 'gating desk', 'skipped')), ['Room 1']);
    assert.deepEqual(names(filterRows(rows, 'wss://d', '')), ['Room 3']);
    assert.deepEqual(filterRows(rows, 'nothing-like-this', ''), []);
  });

  it('takes only the messages a results page may send', () => {
    assert.deepEqual(parseResultsMessage({ type: 'rerun' }), { type: 'rerun' });
    for (const bad of [null, 'rerun', { type: 'eval', code: 'x' }, {}]) assert.equal(parseResultsMessage(bad), undefined);
  });
});
