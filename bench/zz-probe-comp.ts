import { CompletionRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { schemaDir } from '../test/support/publishedSchemas';
import { LspClient } from '../test/lsp/support/lspClient';
import { SERVER_JS } from '../test/lsp/support/build';
import { marked } from '../test/lsp/support/markers';
(async () => {
  const prof = process.argv[2] === 'prof';
  const c = await LspClient.start({
    settings: { schema: { source: '11.27.2.0' } }, env: { XAPI_SCHEMA_DIR: schemaDir() },
    command: prof ? [process.execPath, '--cpu-prof', '--cpu-prof-dir=/tmp/perf/prof', SERVER_JS, '--stdio'] : undefined,
    capabilities: { textDocument: { diagnostic: { dynamicRegistration: false },
      completion: { completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] } } } },
  });
  await c.schema('11.27.2.0');
  const fixtures = [
    ['xapi', 'xCommand |'], ['xapi', 'xStatus Audio |'], ['xapi', 'xConfiguration Video |'], ['xapi', 'xCommand Dial Number: "1" |'],
    ['javascript', 'xapi.Command.|'], ['javascript', 'xapi.Status.Audio.|'], ['javascript', "xapi.status.get('Call |')"],
    ['typescript', "import xapi from 'xapi';\nxapi.Command.Dial({ | });"],
  ] as const;
  const docs = await Promise.all(fixtures.map(async ([lang, src], i) => {
    const m = marked(src);
    const uri = `file:///bench/f${i}.${lang === 'xapi' ? 'xapi' : lang === 'javascript' ? 'js' : 'ts'}`;
    await c.open(uri, lang, m.text);
    return { uri, position: { line: m.line, character: m.character } };
  }));
  for (const d of docs) {
    const r = await c.conn.sendRequest(CompletionRequest.type, { textDocument: { uri: d.uri }, position: d.position });
    const j = JSON.stringify(r);
    console.log(d.uri, j.length, j.slice(0, 400));
  }
  const t = Date.now();
  for (let i = 0; i < 20000; i++) {
    await c.conn.sendRequest(CompletionRequest.type, { textDocument: { uri: docs[i % 8].uri }, position: docs[i % 8].position });
  }
  console.log('ms per completion', (Date.now() - t) / 20000);
  const t2 = Date.now();
  for (let i = 0; i < 20000; i++) await c.conn.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///none' }, position: { line: 0, character: 0 } });
  console.log('ms per noop', (Date.now() - t2) / 20000);
  await c.stop();
})();
