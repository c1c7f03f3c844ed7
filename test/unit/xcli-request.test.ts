/**
 * A statement that stands for no request names the text it could not take, escaped: `xapi run` and `xapi repl`
 * print the message to a terminal, where a NUL or an ESC sequence from a binary file would corrupt it.
 * Direct on statementToRequest, and through the in-process CLI (cli/command.ts CliIO) for what a user sees.
 */
import assert from 'node:assert/strict';
import { SchemaIndex } from '../../schema/schemaIndex';
import { core } from '../../schema/sources';
import { parseStatements, statementToRequest, XcliRequestError } from '../../schema/xcli';
import { runCli } from '../protocol/cli-support';

/** A control character other than tab and newline: what must never reach a terminal raw. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

describe('xCLI request errors: echoed text is escaped', () => {
  const index = new SchemaIndex(core());
  const reason = (line: string): string => {
    const [stmt] = parseStatements(line, index).filter(s => s.type !== 'blank');
    try { statementToRequest(stmt, index); } catch (e) {
      assert.ok(e instanceof XcliRequestError, String(e));
      return e.message;
    }
    assert.fail(`no error for ${JSON.stringify(line)}`);
  };

  const cases: Array<[string, string]> = [
    ['x\u0000Status\u001b[31m Audio', 'not an xAPI line: x\\x00Status\\x1b[31m Audio'],
    ['xFeedback re\u0000g Status Audio', 'xFeedback re\\x00g: only register and deregister are supported here'],
    ['xConfiguration Audio Def\u0007ault:', "xConfiguration Audio Def\\x07ault: missing value after ':'"],
    ['xCommand Dial Num\u001b[2J:', 'xCommand Dial: parameter Num\\x1b[2J has no value'],
  ];
  for (const [line, message] of cases) {
    it(`${JSON.stringify(line)} → ${message}`, () => {
      assert.equal(reason(line), message);
    });
  }

  it('xapi run prints the escaped reason and no raw control byte', async () => {
    // Statements are translated before anything connects: the URL is never dialled.
    const r = await runCli(['run', 'ws://127.0.0.1:1/ws', 'x\u0000Status\u001b[31m'], {});
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^xapi run: line 1: not an xAPI line: x\\x00Status\\x1b\[31m$/m);
    assert.doesNotMatch(r.stderr + r.stdout, RAW_CONTROL);
  });
});
