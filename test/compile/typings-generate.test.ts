/** The typings generator's output, both modes, compiles under strict with no diagnostics (hand-built schema). */
import assert from 'node:assert/strict';
import { generateTypings } from '../../schema/typings';
import { SAMPLE, schemaOf } from '../support/typingsSample';
import { compile, formatDiagnostics, packageFiles, VIRTUAL } from './typings-compile';

describe('typings generator (hand-built schemas): compiles', () => {
  const all = generateTypings(SAMPLE, { mode: 'module-augmentation' });

  it('writes both modes so that they compile under strict with no diagnostics', () => {
    const empty = schemaOf();
    const files = {
      ...packageFiles(),
      // core mode replaces the shipped file the package's typed.ts imports
      [`${VIRTUAL}/pkg/generated/coreTypes.ts`]: generateTypings(SAMPLE, { mode: 'core' }),
      [`${VIRTUAL}/app/xapi.d.ts`]: all,
      [`${VIRTUAL}/app/hopen.d.ts`]: generateTypings(SAMPLE, { mode: 'module-augmentation', product: 'hopen', typeName: 'Hopen' }),
      [`${VIRTUAL}/other/empty.d.ts`]: generateTypings(empty, { mode: 'module-augmentation', moduleName: 'xapi-workbench', typeName: 'Empty' }),
      [`${VIRTUAL}/app/use.ts`]: [
        "import type { TypedApi } from 'xapi-workbench';",
        "import type { Schema } from './xapi';",
        'declare const xapi: TypedApi<Schema>;',
        "export const a = xapi.Command.Dial({ Number: '1', ConnectorId: [1, 2] });",
        "export const b = xapi.Config.Network[1].IEEE8021X.Eap.set('802.1X');",
        'export const c = xapi.Event.Audio.Input.Connectors.on(e => e.Microphone.map(m => m.VuMeter));',
        "export const d = xapi.Command.Macros.Macro.Save({ Name: 'm' }, 'body');",
      ].join('\n'),
    };
    // Three augmentations of one registry conflict by design (`schema` declared thrice): compile them apart.
    const { [`${VIRTUAL}/app/hopen.d.ts`]: hopen, [`${VIRTUAL}/other/empty.d.ts`]: emptyFile, ...main } = files;
    for (const set of [main, { ...packageFiles(), [`${VIRTUAL}/app/hopen.d.ts`]: hopen! }, { ...packageFiles(), [`${VIRTUAL}/other/empty.d.ts`]: emptyFile! }]) {
      const { diagnostics } = compile(set);
      assert.deepEqual(formatDiagnostics(diagnostics), []);
    }
  });
});
