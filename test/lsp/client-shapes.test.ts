/**
 * server/clientShapes.ts: what a client echoes back (diagnostics of a code-action request, an item to
 * resolve) is read into the service's types; fix and completion data of the wrong shape is dropped, so
 * a sloppy client gets no quick fix rather than a broken edit.
 */
import assert from 'node:assert/strict';
import { resolvedItem, serviceCompletionItem, serviceDiagnostic } from '../../server/clientShapes';

const range = { start: { line: 0, character: 9 }, end: { line: 0, character: 12 } };

describe('client shapes', () => {
  it('keeps well-formed fix data and fills what LSP leaves optional', () => {
    const data = { fix: 'replace', range, candidates: ['Dial'] };
    const d = serviceDiagnostic({ range, message: 'unknown', source: 'xapi', code: 'unknown-path', data });
    assert.deepEqual(d, { range, severity: 1, code: 'unknown-path', source: 'xapi', message: 'unknown', data });
    assert.deepEqual(serviceDiagnostic({ range, message: { kind: 'markdown', value: 'm' }, code: 7 }),
      { range, severity: 1, code: '7', source: '', message: 'm' });
  });

  it('drops fix data of the wrong shape', () => {
    for (const data of [{ fix: 'replace', candidates: 'Dial', range }, { fix: 'replace', candidates: ['x'] }, { fix: 'addParams', edits: [{}], names: [] },
      { fix: 'other' }, 'x', null]) {
      assert.equal('data' in serviceDiagnostic({ range, message: 'm', source: 'xapi', data }), false, JSON.stringify(data));
    }
  });

  it('reads an item to resolve and returns the client item with only detail and documentation added', () => {
    const item = { label: 'Dial', kind: 3 as const, sortText: '1', data: { r: 'node', k: 'Command', p: 'Dial' }, command: { title: 't', command: 'c' } };
    const svc = serviceCompletionItem(item);
    assert.deepEqual(svc, { label: 'Dial', kind: 3, data: item.data });
    const back = resolvedItem(item, { ...svc, detail: 'd', documentation: { kind: 'markdown', value: 'doc' } });
    assert.deepEqual(back, { ...item, detail: 'd', documentation: { kind: 'markdown', value: 'doc' } });
    assert.equal('data' in serviceCompletionItem({ label: 'x', data: 42 }), false);
    assert.equal(serviceCompletionItem({ label: 'x' }).kind, 1);
  });
});
