/** xdocFetcher: which xDoc answers mean "no such root for this user" (left out) and which fail the read. */
import assert from 'node:assert/strict';
import { ConnectionClosedError, InvalidParameterError, NotFoundError, PermissionDeniedError, xdocFetcher } from '../../xapi';

// A stand-in for the client: only `doc` is used, and each case rejects the way the client does for that device answer.
const failing = (e: Error) => xdocFetcher({ doc: () => Promise.reject(e) });

describe('xdocFetcher', () => {
  it('a root the device lacks or the user may not read is undefined', async () => {
    for (const e of [new NotFoundError('Method Not Found', -32601), new InvalidParameterError('Bad usage', -32602), new PermissionDeniedError('Permission Denied', -31999)]) {
      assert.equal(await failing(e)(['Event']), undefined, e.name);
    }
  });

  it('anything else rejects with the same error', async () => {
    const closed = new ConnectionClosedError('closed', 'ECLOSED');
    await assert.rejects(failing(closed)(['Status']), (e: unknown) => e === closed);
  });

  it('an answer is passed through', async () => {
    assert.deepEqual(await xdocFetcher({ doc: async () => ({ Audio: {} }) })(['Status']), { Audio: {} });
  });
});
