/** Which documents the language server gets (client/xapiDocuments.ts): the filter that keeps unrelated JS projects free. */
import assert from 'node:assert/strict';
import { isXapiDocument } from '../../client/xapiDocuments';

const doc = (languageId: string, text: string, scheme = 'file') => ({ languageId, uri: { scheme }, getText: () => text });

describe('client: documents that use xAPI', () => {
  it('.xapi scripts and macros on a device, whatever their text', () => {
    assert.equal(isXapiDocument(doc('xapi', '')), true);
    assert.equal(isXapiDocument(doc('javascript', '', 'xapi-macro')), true);
  });

  it('JS and TS that import or require xapi, in every form', () => {
    for (const text of ["import xapi from 'xapi';", 'import { Status } from "xapi"', "import * as x from 'xapi'", "import 'xapi';",
      "const xapi = require('xapi');", "const x = require( \"xapi\" )", "const m = await import('xapi');"]) {
      assert.equal(isXapiDocument(doc('javascript', `// macro\n${text}\n`)), true, text);
      assert.equal(isXapiDocument(doc('typescript', text)), true, text);
    }
  });

  it('other JS and TS, other modules named like it, and other languages are not', () => {
    for (const text of ['const sum = (a, b) => a + b;', "import x from 'xapi-workbench';", "require('./xapi')", "import x from 'my-xapi';", '// xapi']) {
      assert.equal(isXapiDocument(doc('javascript', text)), false, text);
    }
    assert.equal(isXapiDocument(doc('python', "import xapi from 'xapi'")), false);
  });
});
