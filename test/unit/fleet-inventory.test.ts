/** A fleet's inventory (fleet/inventory.ts): YAML and CSV, credentials by reference only, selection; bad input named. */
import assert from 'node:assert/strict';
import { InventoryError, parseInventory, selectDevices } from '../../fleet/inventory';
import { readJournal, Journal } from '../../fleet/journal';
import { mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const YAML = `
defaults:
  username: integrator
  password: env:ROOM_PW
  tags: [acme]
devices:
  - { name: Boardroom 1, url: 10.0.0.5, tags: [boardroom, floor-2], product: Room Kit }
  - name: Boardroom 2
    url: wss://10.0.0.6/ws
    tags: boardroom floor-3
    product: Room Bar
  - { name: Lobby, url: "webex://Y2lzY29zcGFyazovL3VzL0RFVklDRS8x", tags: [lobby] }
`;

describe('fleet inventory', () => {
  it('reads YAML with defaults: hosts become wss URLs, tags merge, passwords are references', () => {
    const inv = parseInventory(YAML, 'rooms.yaml');
    const [b1, b2] = inv.devices;
    assert.deepEqual(b1, { name: 'Boardroom 1', url: 'wss://10.0.0.5/ws', tags: ['acme', 'boardroom', 'floor-2'], product: 'Room Kit', username: 'integrator', password: { kind: 'env', name: 'ROOM_PW' } });
    assert.deepEqual(b2.tags, ['acme', 'boardroom', 'floor-3']);
  });

  it('a webex:// device takes no user or password (it uses the Webex token)', () => {
    assert.deepEqual(parseInventory(YAML, 'rooms.yaml').devices[2], { name: 'Lobby', url: 'webex://Y2lzY29zcGFyazovL3VzL0RFVklDRS8x', tags: ['acme', 'lobby'] }, 'the defaults\' login is a local device\'s');
    assert.throws(() => parseInventory(YAML.replace('tags: [lobby] }', 'tags: [lobby], password: env:X }'), 'rooms.yaml'), /rooms\.yaml device 3 \(Lobby\): a webex:\/\/ device is reached with a Webex token/);
  });

  it('reads CSV with a header row', () => {
    const inv = parseInventory('name,url,tags,password\nRoom A,room-a.local,huddle;floor-1,env:A_PW\n"Room, B",10.0.0.9:8443,,\n', 'rooms.csv');
    assert.deepEqual(inv.devices.map(d => [d.name, d.url, d.tags]), [['Room A', 'wss://room-a.local/ws', ['huddle', 'floor-1']], ['Room, B', 'wss://10.0.0.9:8443/ws', []]]);
  });

  it('refuses a password written in the file, a duplicate name, an unknown field, a bad address, a bad fingerprint, and says where', () => {
    const cases: [string, RegExp][] = [
      ['devices:\n  - { name: A, url: a, password: hunter2 }\n', /device 1 \(A\): a password is given by reference, env:NAME or secret:GROUP, never written/],
      ['devices:\n  - { name: A, url: a }\n  - { name: a, url: b }\n', /the name "a" is used twice/],
      ['devices:\n  - { name: A, url: a, pasword: env:X }\n', /unknown field "pasword"/],
      ['devices:\n  - { name: A, url: "http://a" }\n', /"http:\/\/a" is not a device address/],
      ['devices:\n  - { name: A, url: a, fingerprint: "AB:CD" }\n', /fingerprint must be a SHA-256 fingerprint/],
      ['devices: nope\n', /expected a "devices:" list/],
      ['devices: [\n', /not YAML/],
      ['devices:\n  - { url: a }\n', /a device needs a name/],
    ];
    for (const [text, message] of cases) assert.throws(() => parseInventory(text, 'inv.yaml'), (e: Error) => e instanceof InventoryError && message.test(e.message), text);
    assert.ok(!(() => { try { parseInventory(cases[0][0], 'inv.yaml'); } catch (e) { return (e as Error).message.includes('hunter2'); } return false; })(), 'the password is not echoed');
  });

  it('selects by tags (all), names (any, glob) and product (glob)', () => {
    const inv = parseInventory(YAML, 'rooms.yaml');
    assert.deepEqual(selectDevices(inv, { tags: ['boardroom'] }).map(d => d.name), ['Boardroom 1', 'Boardroom 2']);
    assert.deepEqual(selectDevices(inv, { tags: ['boardroom', 'floor-3'] }).map(d => d.name), ['Boardroom 2']);
    assert.deepEqual(selectDevices(inv, { names: ['lob*', 'boardroom 1'] }).map(d => d.name), ['Boardroom 1', 'Lobby']);
    assert.deepEqual(selectDevices(inv, { product: '*bar' }).map(d => d.name), ['Boardroom 2']);
  });
});

describe('fleet journal', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'xapi-journal-')); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it('says which devices are done and which are unknown (an intent with no outcome); a line cut short at the end is ignored', () => {
    const file = path.join(dir, 'run.jsonl');
    const j = Journal.open(file);
    j.write({ t: 'start', at: 'now', op: 'run', devices: ['A', 'B', 'C'] });
    j.write({ t: 'intent', at: 'now', device: 'A' });
    j.write({ t: 'outcome', at: 'now', device: 'A', status: 'ok' });
    j.write({ t: 'intent', at: 'now', device: 'B' });
    j.close();
    appendFileSync(file, '{"t":"outcome","at":"now","device":"B","sta');
    const s = readJournal(file);
    assert.equal(s.op, 'run');
    assert.deepEqual([...s.done.keys()], ['A']);
    assert.deepEqual([...s.unknown], ['B']);
  });

  it('a damaged line before the end is an error, as is a missing journal', () => {
    const file = path.join(dir, 'bad.jsonl');
    writeFileSync(file, 'garbage\n{"t":"intent","at":"x","device":"A"}\n');
    assert.throws(() => readJournal(file), /line 1: not a journal entry/);
    assert.throws(() => readJournal(path.join(dir, 'none.jsonl')), /no such journal/);
  });
});
