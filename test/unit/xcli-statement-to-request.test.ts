/**
 * statementToRequest (schema/xcli/request.ts), the one translation of a parsed xCLI line into the request it
 * stands for, shared by `xapi run`, `xapi repl` and the extension's Run lens. First what it returns for each
 * kind of statement; then, through xapi/execute.ts and the real client over an in-memory transport, the
 * JSON-RPC method and params that reach the device, so a change in either half shows up here. The reasons it
 * refuses a line are checked word for word: the CLI prints them as they are, so text from the script in them is
 * escaped (schema/shownText.ts).
 */
import assert from 'node:assert/strict';
import { SchemaIndex } from '../../schema/schemaIndex';
import { core } from '../../schema/sources';
import { parseStatements, statementToRequest, XcliRequestError, type XcliRequest } from '../../schema/xcli';
import { XapiClient } from '../../xapi/client';
import { execute, type FeedbackState } from '../../xapi/execute';
import { createSimulatedXapi } from '../../emulator/simulatedXapi';
import type { Transport, TransportHandlers } from '../../xapi/transport';
import { runCli } from '../protocol/cli-support';

const index = new SchemaIndex(core());

/** The one statement of `text` that is not blank (a multiline command with its body counts as one). */
function statement(text: string) {
  const statements = parseStatements(text, index).filter(s => s.type !== 'blank');
  assert.equal(statements.length, 1, `one statement in ${JSON.stringify(text)}`);
  return statements[0];
}

const request = (text: string): XcliRequest => statementToRequest(statement(text), index);

function refusal(text: string): string {
  try {
    statementToRequest(statement(text), index);
  } catch (e) {
    assert.ok(e instanceof XcliRequestError, `an XcliRequestError, not ${String(e)}`);
    return e.message;
  }
  assert.fail(`no error for ${JSON.stringify(text)}`);
}

/** A device that answers every request with success and remembers what it was sent, in order. */
function recordingTransport(sent: Array<{ method: string; params: unknown }>): Transport {
  let handlers: TransportHandlers | undefined;
  let nextSubscription = 100;
  return {
    heartbeat: 'none',
    description: 'in-memory',
    async open(h) { handlers = h; },
    close() { handlers = undefined; },
    send(frame) {
      const { id, method, params } = JSON.parse(frame) as { id: number; method: string; params: unknown };
      sent.push({ method, params });
      const result = method === 'xFeedback/Subscribe' ? { Id: nextSubscription++ } : method.startsWith('xCommand/') ? { status: 'OK' } : true;
      queueMicrotask(() => handlers?.message(JSON.stringify({ jsonrpc: '2.0', id, result })));
    },
  };
}

describe('xCLI: statementToRequest', () => {
  describe('what each kind of statement stands for', () => {
    const cases: Array<[string, XcliRequest]> = [
      // xStatus: a read of the rooted path; indexes become numbers in place.
      ['xStatus Audio Volume', { kind: 'get', path: ['Status', 'Audio', 'Volume'] }],
      ['xstat Call[3] Status', { kind: 'get', path: ['Status', 'Call', 3, 'Status'] }],
      // xConfiguration: a read without a value, a set with one; the schema decides whether the value is a number.
      ['xConfiguration Audio DefaultVolume', { kind: 'get', path: ['Configuration', 'Audio', 'DefaultVolume'] }],
      ['xConfiguration Audio DefaultVolume: 60', { kind: 'set', path: ['Configuration', 'Audio', 'DefaultVolume'], value: 60 }],
      ['xConfiguration SystemUnit Name: "Room 1"', { kind: 'set', path: ['Configuration', 'SystemUnit', 'Name'], value: 'Room 1' }],
      ['xConfiguration SystemUnit Name: 42', { kind: 'set', path: ['Configuration', 'SystemUnit', 'Name'], value: '42' }],
      // xCommand: names and parameters; parameter names take the schema's spelling, Integer parameters become numbers.
      ['xCommand Audio Volume Set Level: 40', { kind: 'command', names: ['Audio', 'Volume', 'Set'], params: { Level: 40 } }],
      ['xCommand Audio Volume Set level: 40', { kind: 'command', names: ['Audio', 'Volume', 'Set'], params: { Level: 40 } }],
      ['xCommand Dial Number: 1234', { kind: 'command', names: ['Dial'], params: { Number: '1234' } }],
      // A repeated parameter is sent as a list, in the order written.
      ['xCommand Video Input SetMainVideoSource ConnectorId: 1 ConnectorId: 2',
        { kind: 'command', names: ['Video', 'Input', 'SetMainVideoSource'], params: { ConnectorId: [1, 2] } }],
      // Without a schema entry: unquoted whole numbers are numbers, quoted text stays text.
      ['xCommand Foo Bar Count: 3 Name: "7"', { kind: 'command', names: ['Foo', 'Bar'], params: { Count: 3, Name: '7' } }],
      // A multiline command carries its body without the lone `.` that ends it.
      ['xCommand Macros Macro Save Name: "m"\nconsole.log(1);\nconsole.log(2);\n.',
        { kind: 'command', names: ['Macros', 'Macro', 'Save'], params: { Name: 'm' }, body: 'console.log(1);\nconsole.log(2);' }],
      // xFeedback: register and deregister, in either path spelling.
      ['xFeedback register /Status/Audio', { kind: 'register', path: ['Status', 'Audio'] }],
      ['xFeedback deregister Status Audio Volume', { kind: 'deregister', path: ['Status', 'Audio', 'Volume'] }],
      // Lines that stand for nothing to send.
      ['# a comment', { kind: 'none' }],
    ];
    for (const [text, expected] of cases) {
      it(`${JSON.stringify(text)} → ${JSON.stringify(expected)}`, () => {
        assert.deepEqual(request(text), expected);
      });
    }

    it('a blank line stands for nothing', () => {
      const [blank] = parseStatements('   ', index);
      assert.equal(blank.type, 'blank');
      assert.deepEqual(statementToRequest(blank, index), { kind: 'none' });
    });
  });

  describe('lines it refuses, with the reason the CLI prints', () => {
    const cases: Array<[string, string]> = [
      ['hello world', 'not an xAPI line: hello world'],
      ['xStatus Audio Volume: 5', 'a status cannot be set'],
      ['xEvent UserInterface', 'xEvent lines list events on the terminal; use `xapi watch URL Event …` to follow events'],
      ['xFeedback list', 'xFeedback list: only register and deregister are supported here'],
      ['xConfiguration Audio DefaultVolume:', "xConfiguration Audio DefaultVolume: missing value after ':'"],
      ['xCommand Dial Number:', 'xCommand Dial: parameter Number has no value'],
    ];
    for (const [text, reason] of cases) {
      it(`${JSON.stringify(text)}: ${reason}`, () => {
        assert.equal(refusal(text), reason);
      });
    }
  });

  describe('text it echoes is escaped: the CLI prints it to a terminal, where a NUL or an ESC sequence would do harm', () => {
    const cases: Array<[string, string]> = [
      ['x\u0000Status\u001b[31m Audio', 'not an xAPI line: x\\x00Status\\x1b[31m Audio'],
      ['xFeedback re\u0000g Status Audio', 'xFeedback re\\x00g: only register and deregister are supported here'],
      ['xConfiguration Audio Def\u0007ault:', "xConfiguration Audio Def\\x07ault: missing value after ':'"],
      ['xCommand Dial Num\u001b[2J:', 'xCommand Dial: parameter Num\\x1b[2J has no value'],
    ];
    for (const [text, reason] of cases) {
      it(`${JSON.stringify(text)}: ${reason}`, () => {
        assert.equal(refusal(text), reason);
      });
    }

    it('xapi run prints the escaped reason and no raw control byte (in-process, through CliIO)', async () => {
      // Statements are translated before anything connects: the URL is never dialled.
      const r = await runCli(['run', 'ws://127.0.0.1:1/ws', 'x\u0000Status\u001b[31m'], {});
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^xapi run: line 1: not an xAPI line: x\\x00Status\\x1b\[31m$/m);
      assert.doesNotMatch(r.stderr + r.stdout, /[\u0000-\u0008\u000b-\u001f\u007f]/);
    });
  });

  describe('the JSON-RPC that reaches the device (through xapi/execute.ts)', () => {
    let client: XapiClient;
    const sent: Array<{ method: string; params: unknown }> = [];
    const fb: FeedbackState = { onFeedback: () => {}, subs: new Map() };

    before(async () => {
      client = await new XapiClient(() => recordingTransport(sent), 'memory://device').start();
    });
    after(() => client.close());
    beforeEach(() => { sent.length = 0; });

    const cases: Array<[string, Array<{ method: string; params: unknown }>]> = [
      ['xStatus Audio Volume', [{ method: 'xGet', params: { Path: ['Status', 'Audio', 'Volume'] } }]],
      ['xStatus Call[3] Status', [{ method: 'xGet', params: { Path: ['Status', 'Call', 3, 'Status'] } }]],
      ['xConfiguration Audio DefaultVolume', [{ method: 'xGet', params: { Path: ['Configuration', 'Audio', 'DefaultVolume'] } }]],
      ['xConfiguration Audio DefaultVolume: 60', [{ method: 'xSet', params: { Path: ['Configuration', 'Audio', 'DefaultVolume'], Value: 60 } }]],
      ['xConfiguration SystemUnit Name: "Room 1"', [{ method: 'xSet', params: { Path: ['Configuration', 'SystemUnit', 'Name'], Value: 'Room 1' } }]],
      ['xCommand Audio Volume Set Level: 40', [{ method: 'xCommand/Audio/Volume/Set', params: { Level: 40 } }]],
      ['xCommand Dial Number: "1234"', [{ method: 'xCommand/Dial', params: { Number: '1234' } }]],
      ['xCommand Macros Macro Save Name: "m"\nconsole.log(1);\n.', [{ method: 'xCommand/Macros/Macro/Save', params: { Name: 'm', body: 'console.log(1);' } }]],
      ['# nothing to send', []],
    ];
    for (const [text, expected] of cases) {
      it(`${JSON.stringify(text)} → ${expected.map(r => r.method).join(', ') || 'no request'}`, async () => {
        await execute(client, request(text), fb);
        assert.deepEqual(sent, expected);
      });
    }

    it('xFeedback register subscribes once per path; deregister unsubscribes that subscription', async () => {
      await execute(client, request('xFeedback register /Status/Audio/Volume'), fb);
      await execute(client, request('xFeedback register Status Audio Volume'), fb);
      assert.equal(sent.length, 1, 'the same path in another spelling is already registered');
      assert.equal(sent[0].method, 'xFeedback/Subscribe');
      assert.deepEqual((sent[0].params as { Query: unknown }).Query, ['Status', 'Audio', 'Volume']);
      await execute(client, request('xFeedback deregister Status Audio Volume'), fb);
      // The device's unsubscribe answer may come after execute resolves; the request itself is sent at once.
      assert.deepEqual(sent[1], { method: 'xFeedback/Unsubscribe', params: { Id: 100 } });
      assert.equal(fb.subs.size, 0);
    });

    it('a get whose path names no state root is refused before anything is sent', async () => {
      await assert.rejects(execute(client, { kind: 'get', path: ['Event', 'UserInterface'] }), /xGet needs a Status or Configuration path/);
      assert.deepEqual(sent, []);
    });
  });
});

describe('xCLI: the answer in a few words (Executed.inline, what the editor shows after a line)', () => {
  it('is built from the answer\'s data: a command\'s status, the one value read, or how many', async () => {
    const xapi = createSimulatedXapi({ macroRuntime: false });
    const fb: FeedbackState = { onFeedback: () => {}, subs: new Map() };
    try {
      const inline = async (text: string) => (await execute(xapi, request(text), fb)).inline;
      assert.equal(await inline('xCommand Audio Volume Set Level: 40'), 'OK');
      assert.equal(await inline('xStatus Audio Volume'), 'Audio Volume: 40');
      assert.equal(await inline('xConfiguration SystemUnit Name: "Room 1"'), 'OK');
      assert.equal(await inline('xConfiguration SystemUnit Name'), 'SystemUnit Name: "Room 1"');
      assert.match(await inline('xStatus Audio'), /^\d+ values$/);
      assert.equal(await inline('# a comment'), '');
    } finally {
      await xapi.close();
    }
  });
});
