/** The events panel's pure parts: splitting a notification into events, the filter, the macro snippet, the message check. */
import assert from 'node:assert/strict';
import { splitEvents } from '../../client/views/events/eventSplit';
import { effectivePaths } from '../../client/views/events/eventTail';
import { payloadText, rowFilter } from '../../client/views/events/filter';
import { parseWebviewMessage, type EventRow } from '../../client/views/events/messages';
import { macroSnippet } from '../../client/views/events/snippet';
import { SchemaIndex } from '../../schema/schemaIndex';
import { core } from '../../schema/sources';

const widget = { WidgetId: 'w1', Type: 'clicked', Value: '' };
const row = (path: string, payload: unknown, seq = 1): EventRow => ({ seq, time: 0, path, payload });

describe('events: splitting a notification', () => {
  const index = new SchemaIndex(core());
  const schema = (names: readonly string[]) => {
    const e = index.entry('Event', names);
    return e?.node ? 'event' as const : e ? 'branch' as const : undefined;
  };
  /** As the device sends it: `id: 1` at every level. */
  const fromDevice = { UserInterface: { Extensions: { Widget: { Action: { ...widget, id: 1 }, id: 1 }, id: 1 }, id: 1 } };

  it('a widget action under ["Event"] becomes its path and its fields, with the schema or from the shape alone', () => {
    const expected = [{ names: ['UserInterface', 'Extensions', 'Widget', 'Action'], payload: { ...widget, id: 1 } }];
    assert.deepEqual(splitEvents(fromDevice, schema), expected);
    assert.deepEqual(splitEvents(fromDevice), expected, 'the device\'s id markers do not end the path');
  });

  it('the schema decides where a bare-valued event ends; without it the shape is the guess', () => {
    const tree = { Foo: { Bar: 'x' } };
    assert.deepEqual(splitEvents(tree, names => (names.join(' ') === 'Foo Bar' ? 'event' : names.join(' ') === 'Foo' ? 'branch' : undefined)), [{ names: ['Foo', 'Bar'], payload: 'x' }]);
    assert.deepEqual(splitEvents(tree), [{ names: ['Foo'], payload: { Bar: 'x' } }]);
  });

  it('an event the schema does not know, under a branch it knows, is split by its shape', () => {
    const tree = { UserInterface: { Extensions: { Brand: { New: { A: 'b', id: 1 }, id: 1 }, id: 1 }, id: 1 } };
    assert.deepEqual(splitEvents(tree, schema), [{ names: ['UserInterface', 'Extensions', 'Brand', 'New'], payload: { A: 'b', id: 1 } }]);
  });

  it('several events in one notification each come out; nothing from nothing', () => {
    const tree = { A: { B: { x: 1 } }, C: { y: 'z' } };
    assert.deepEqual(splitEvents(tree).map(e => e.names.join(' ')), ['A B', 'C']);
    assert.deepEqual(splitEvents(undefined), []);
    assert.deepEqual(splitEvents({}), []);
    assert.deepEqual(splitEvents({ Empty: {} }), [{ names: ['Empty'], payload: {} }]);
  });
});

describe('events: filter', () => {
  it('every word must appear, case-insensitively, in the path or the payload', () => {
    const rows = [row('UserInterface Extensions Widget Action', widget), row('Standby Reminder', { Seconds: 30 })];
    assert.deepEqual(rows.filter(rowFilter('widget CLICKED')).map(r => r.path), ['UserInterface Extensions Widget Action']);
    assert.deepEqual(rows.filter(rowFilter('seconds')).map(r => r.path), ['Standby Reminder']);
    assert.equal(rows.filter(rowFilter('  ')).length, 2);
    assert.equal(rows.filter(rowFilter('widget standby')).length, 0);
  });

  it('payload text survives what JSON cannot write', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.equal(payloadText(cyclic), '[object Object]');
    assert.equal(payloadText(undefined), '');
    assert.equal(rowFilter('object')(row('X', cyclic)), true);
  });
});

describe('events: macro snippet', () => {
  it('a widget action becomes a typed listener with a condition on its identifying fields', () => {
    const s = macroSnippet(row('UserInterface Extensions Widget Action', widget));
    assert.match(s, /^import xapi from 'xapi';/);
    assert.match(s, /xapi\.Event\.UserInterface\.Extensions\.Widget\.Action\.on\(event => \{/);
    assert.match(s, /if \(event\.WidgetId === 'w1' && event\.Type === 'clicked'\)/);
    assert.doesNotMatch(macroSnippet(row('A B', { id: 1, X: 'y' })), /event\.id/, 'the device\'s item marker is no condition');
    assert.match(s, /\/\/ Received: \{"WidgetId":"w1","Type":"clicked","Value":""\}/);
  });

  it('quotes what is not an identifier and escapes quotes', () => {
    const s = macroSnippet(row('Odd 3D-Name', { "it's": "a 'b'" }));
    assert.match(s, /xapi\.Event\.Odd\['3D-Name'\]\.on/);
    assert.match(s, /event\['it\\'s'\] === 'a \\'b\\''/);
  });

  it('a bare value is compared directly; no fields, no condition', () => {
    assert.match(macroSnippet(row('Foo Bar', 'x')), /if \(event === 'x'\)/);
    assert.doesNotMatch(macroSnippet(row('Foo', {})), /if \(/);
  });
});

describe('events: chosen paths', () => {
  it('drops the Event root, duplicates and paths under another chosen path; Event alone means all', () => {
    assert.deepEqual(effectivePaths(['UserInterface Extensions Widget Action', ' xEvent  UserInterface ', 'Standby', 'standby']), ['UserInterface', 'Standby']);
    assert.deepEqual(effectivePaths(['Event', 'Standby']), []);
    assert.deepEqual(effectivePaths(['', '  ']), []);
  });
});

describe('events: messages from the webview', () => {
  it('accepts the contract and refuses anything else without throwing', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'pause' }), { type: 'pause' });
    assert.deepEqual(parseWebviewMessage({ type: 'setFilter', text: 'x' }), { type: 'setFilter', text: 'x' });
    assert.deepEqual(parseWebviewMessage({ type: 'copySnippet', seq: 4 }), { type: 'copySnippet', seq: 4 });
    for (const bad of [null, 3, 'pause', {}, { type: 'nope' }, { type: 'setFilter', text: 1 }, { type: 'copySnippet', seq: 'x' }, { type: 'report', report: { rowsHeld: 1 } }]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});
