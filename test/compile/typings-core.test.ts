/** The shipped xapi/generated/coreTypes.ts: current with the generator and the core schema, and usable. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CORE_TYPES_FILE, coreTypesSource } from '../../schema/typings/coreTypes';
import { compile, formatDiagnostics, packageFiles, VIRTUAL } from './typings-compile';

const ROOT = path.resolve(__dirname, '../..');

describe('shipped core typings', () => {
  it(`${CORE_TYPES_FILE} is what the generator writes for the core schema (else: node scripts/gen-core-types.mjs)`, () => {
    const committed = readFileSync(path.join(ROOT, CORE_TYPES_FILE), 'utf8');
    const fresh = coreTypesSource();
    if (committed !== fresh) {
      const a = committed.split('\n');
      const b = fresh.split('\n');
      const at = a.findIndex((l, i) => l !== b[i]);
      assert.fail(`${CORE_TYPES_FILE} is out of date — run node scripts/gen-core-types.mjs (first difference at line ${at + 1}: ` +
        `committed ${JSON.stringify(a[at])}, generated ${JSON.stringify(b[at])})`);
    }
  });

  it('types the default client (no augmentation) after the core schema', () => {
    const user = `${VIRTUAL}/app/core.ts`;
    const { diagnostics } = compile({
      ...packageFiles(),
      [user]: [
        "import type { TypedApi } from 'xapi-workbench';",
        'declare const xapi: TypedApi;',
        'export async function use(): Promise<void> {',
        "  await xapi.Command.Dial({ Number: '10990@bjn.vc' });",
        '  const v: number = await xapi.Status.Audio.Volume.get();',
        "  await xapi.Config.SystemUnit.Name.set('Whisper Blade');",
        '  xapi.Event.UserInterface.Message.TextInput.Response.on(r => r.Text.length);',
        '  xapi.Status.Call.on(c => c.id);',
        '  void v;',
        '  // @ts-expect-error setting a status',
        '  await xapi.Status.Audio.Volume.set(1);',
        '  // @ts-expect-error a path the core schema does not have',
        '  await xapi.Command.NoSuchCommand();',
        '}',
      ].join('\n'),
    });
    assert.deepEqual(formatDiagnostics(diagnostics), []);
  });
});
