/**
 * Shaping a service completion list for what a client declared (LSP 3.17 `itemDefaults`, snippet
 * support): `withItemDefaults`, `withoutSnippets` and `completionForClient`, called directly.
 */
import assert from 'node:assert/strict';
import {
  CompletionItem, CompletionList, completionForClient, expandItemDefaults, Range, withItemDefaults, withoutSnippets,
} from '../../server/service';
import { at, service } from './support/service';

const range = (line: number, from: number, to: number): Range => ({ start: { line, character: from }, end: { line, character: to } });
const R = range(0, 8, 11);

function item(label: string, newText = label, r: Range = R, extra: Partial<CompletionItem> = {}): CompletionItem {
  return { label, kind: 5, textEdit: { range: r, newText }, ...extra };
}

const list = (...items: CompletionItem[]): CompletionList => ({ isIncomplete: false, items });

describe('completion lists shaped for the client', () => {
  describe('withItemDefaults', () => {
    it('sends one shared edit range and keeps only the text that differs from the label', () => {
      const out = withItemDefaults(list(item('Volume'), item('Dial', 'Dial: ')), true, false);
      assert.deepEqual(out.itemDefaults, { editRange: R });
      assert.deepEqual(out.items, [{ label: 'Volume', kind: 5 }, { label: 'Dial', kind: 5, textEditText: 'Dial: ' }]);
    });

    it('leaves the list as it is when the ranges differ or the client takes no defaults', () => {
      const mixed = list(item('A'), item('B', 'B', range(0, 9, 11)));
      assert.equal(withItemDefaults(mixed, true, true), mixed);
      const same = list(item('A'), item('B'));
      assert.equal(withItemDefaults(same, false, false), same);
    });

    it('factors one child data ref when every item is a child of one path', () => {
      const kids = list(
        item('Volume', 'Volume', R, { data: { r: 'node', k: 'Status', p: 'Audio Volume' } }),
        item('VolumeMute', 'VolumeMute', R, { data: { r: 'node', k: 'Status', p: 'Audio VolumeMute' } }),
      );
      const out = withItemDefaults(kids, false, true);
      assert.deepEqual(out.itemDefaults, { data: { r: 'child', k: 'Status', parent: 'Audio' } });
      assert.ok(out.items.every(i => i.data === undefined && i.textEdit), 'edits stay per item when the client takes no editRange');
      const other = list(kids.items[0], item('Mode', 'Mode', R, { data: { r: 'node', k: 'Status', p: 'Video Mode' } }));
      assert.equal(withItemDefaults(other, false, true), other, 'different parents: nothing to factor');
    });
  });

  describe('withoutSnippets', () => {
    it('inserts each placeholder\'s default text as plain text', () => {
      const out = withoutSnippets(list(
        item('1', '[${1:1}]', R, { insertTextFormat: 2 }),
        { label: 'get', kind: 2, insertText: 'get(${1:path})$0', insertTextFormat: 2 },
        item('Plain'),
      ));
      assert.deepEqual(out.items.map(i => [i.textEdit?.newText ?? i.insertText, i.insertTextFormat]), [['[1]', 1], ['get(path)', 1], ['Plain', undefined]]);
    });

    it('returns a list without snippets unchanged', () => {
      const plain = list(item('A'), item('B'));
      assert.equal(withoutSnippets(plain), plain);
    });
  });

  describe('completionForClient', () => {
    const svc = service();
    const lean = () => {
      const { d, pos } = at('xapi', 'xStatus Audio Vol|');
      const l = svc.completionList(d, pos);
      assert.ok(l.itemDefaults?.data, 'the service answers with list-wide defaults here');
      return l;
    };

    it('answers the service list as it is to a client that takes both defaults', () => {
      const l = lean();
      assert.equal(completionForClient(l, { editRangeDefault: true, dataDefault: true, snippets: true }), l);
      assert.equal(completionForClient(l, { editRangeDefault: true, dataDefault: true, snippets: false }), l, 'no snippets in it');
    });

    it('gives the per-item form to a client without itemDefaults', () => {
      const l = lean();
      const out = completionForClient(l, { editRangeDefault: false, dataDefault: false, snippets: true });
      assert.equal(out.itemDefaults, undefined);
      assert.deepEqual(out, expandItemDefaults(l));
      const vol = out.items.find(i => i.label === 'Volume')!;
      assert.deepEqual([vol.textEdit, vol.data], [{ range: range(0, 14, 17), newText: 'Volume' }, { r: 'node', k: 'Status', p: 'Audio Volume' }]);
    });

    it('keeps the shared range but moves data onto the items for a client that takes only editRange', () => {
      const out = completionForClient(lean(), { editRangeDefault: true, dataDefault: false, snippets: true });
      assert.deepEqual(out.itemDefaults, { editRange: range(0, 14, 17) });
      assert.deepEqual(out.items.find(i => i.label === 'Volume')!.data, { r: 'node', k: 'Status', p: 'Audio Volume' });
    });

    it('strips snippets from a list with defaults for a client without snippet support', () => {
      const snippety: CompletionList = {
        isIncomplete: false, items: [{ label: '1', kind: 15, insertTextFormat: 2, textEditText: '[${1:1}]' }], itemDefaults: { editRange: R },
      };
      const out = completionForClient(snippety, { editRangeDefault: true, dataDefault: true, snippets: false });
      assert.deepEqual(out, { isIncomplete: false, itemDefaults: { editRange: R }, items: [{ label: '1', kind: 15, insertTextFormat: 1, textEditText: '[1]' }] });
      assert.equal(completionForClient(snippety, { editRangeDefault: true, dataDefault: true, snippets: true }), snippety);
    });
  });
});
