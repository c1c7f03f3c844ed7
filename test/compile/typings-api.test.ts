/**
 * The typed client API against typings generated from the 11.27 schema: correct calls compile,
 * and each wrong one (marked `// @ts-expect-error`) fails — on exactly its own line. The client
 * type is `TypedApi` of xapi/typed.ts (what the client's `Xapi` extends), first with the schema
 * passed directly, then put in force by module augmentation as users do it with `xapi.d.ts`.
 */
import assert from 'node:assert/strict';
import { Schema } from '../../schema/model';
import { generateTypings } from '../../schema/typings';
import { requirePublished } from '../support/publishedSchemas';
import { compile, formatDiagnostics, packageFiles, VIRTUAL } from './typings-compile';

const EQUAL = 'type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;';

/** User code: the calls the client issue names, then one mistake per `@ts-expect-error`. */
const SAMPLE = `
${EQUAL}

export async function correct(): Promise<void> {
  const dial = await xapi.Command.Dial({ Number: '10990@bjn.vc', CallType: 'Video' });
  const status: string | undefined = dial.status;
  await xapi.Command.Dial({ Number: '10990@bjn.vc', Protocol: 'Sip', CallRate: 768 });
  await xapi.Command.Standby.Activate();
  await xapi.Command.UserInterface.Message.Alert.Display({ Text: 'Hello', Duration: 5 });
  await xapi.Command.Macros.Macro.Save({ Name: 'hello' }, 'console.log(1);');
  await xapi.Configuration.SystemUnit.Name.set('x');
  await xapi.Config.SystemUnit.Name.set('Whisper Blade');
  await xapi.Config.Audio.DefaultVolume.set(50);
  await xapi.Config.Video.Output.Connector[3].MonitorRole.set('Third');
  const name: string = await xapi.Config.SystemUnit.Name.get();
  const volume: Promise<number> = xapi.Status.Audio.Volume.get();
  const volumeExact: Equal<ReturnType<typeof xapi.Status.Audio.Volume.get>, Promise<number>> = true;
  const callStatus = await xapi.Status.Call[3].Status.get();
  const callStatusIsLiteral: Equal<typeof callStatus, string> = false;
  const connected: typeof callStatus = 'Connected';
  const calls = await xapi.Status.Call.get();
  const firstId: number | undefined = calls[0]?.id;
  const offCalls = xapi.Status.Call.on(call => { const id: number = call.id; void id; void call.Status; });
  const offText = xapi.Event.UserInterface.Message.TextInput.Response.on(r => r.Text);
  const offField = xapi.Event.UserInterface.Message.TextInput.Response.Text.on((t: string) => t.length);
  const offBare = xapi.Event.Standby.SecondsToStandby.on(seconds => seconds.toFixed(0));
  const offVolume = xapi.Status.Audio.Volume.on(v => v + 1);
  offCalls(); offText(); offField(); offBare(); offVolume();
  await offText.registered;
  const audio = await xapi.Status.Audio.get();
  const vol: number | undefined = audio.Volume;
  void [status, name, volume, volumeExact, callStatusIsLiteral, connected, firstId, vol];
}

export async function wrong(): Promise<void> {
  // @ts-expect-error wrong parameter name
  await xapi.Command.Dial({ Number: '10990@bjn.vc', Nummer: '1' });
  // @ts-expect-error wrong enum value
  await xapi.Command.Dial({ Number: '10990@bjn.vc', CallType: 'Hologram' });
  // @ts-expect-error missing required parameter
  await xapi.Command.Dial({ CallType: 'Video' });
  // @ts-expect-error missing arguments altogether
  await xapi.Command.Dial();
  // @ts-expect-error wrong value type for a parameter
  await xapi.Command.Dial({ Number: '10990@bjn.vc', CallRate: 'fast' });
  // @ts-expect-error setting a status
  await xapi.Status.Audio.Volume.set(50);
  // @ts-expect-error wrong value type for an integer configuration
  await xapi.Config.Audio.DefaultVolume.set('loud');
  // @ts-expect-error wrong value type for a string configuration
  await xapi.Configuration.SystemUnit.Name.set(42);
  // @ts-expect-error wrong enum value for a configuration
  await xapi.Config.Audio.Placement.set('Ceiling');
  // @ts-expect-error index outside the range 1..3
  await xapi.Config.Video.Output.Connector[4].MonitorRole.get();
  // @ts-expect-error unknown path
  await xapi.Status.Audio.Volumee.get();
  // @ts-expect-error a status is a number, not a string
  const volume: Promise<string> = xapi.Status.Audio.Volume.get();
  // @ts-expect-error no such field in the event payload
  xapi.Event.UserInterface.Message.TextInput.Response.on(r => r.Txt);
  // @ts-expect-error a multiline command needs its body
  await xapi.Command.Macros.Macro.Save({ Name: 'hello' });
  // @ts-expect-error a command without parameters takes none
  await xapi.Command.Standby.Activate({ Now: 'Yes' });
  // @ts-expect-error the proxy roots are read-only
  xapi.Status = xapi.Status;
  void volume;
}
`;

const EXPECTED = SAMPLE.split('\n').filter(l => l.includes('@ts-expect-error')).length;

/** The lines (1-based, in `code`) right after each directive: where the errors must be. */
function directiveTargets(code: string): number[] {
  return code.split('\n').flatMap((l, i) => (l.includes('@ts-expect-error') ? [i + 2] : []));
}

function check(files: Record<string, string>, user: string): void {
  const ok = compile({ ...files, [user]: files[user]! });
  // Zero diagnostics: every correct call compiles and no @ts-expect-error is unused (TS2578).
  assert.deepEqual(formatDiagnostics(ok.diagnostics), []);
  // Without the directives, exactly the marked lines fail — each mistake is caught where it is.
  const stripped = files[user]!.replace(/\/\/ @ts-expect-error/g, '// expected error:');
  const bad = compile({ ...files, [user]: stripped });
  const lines = [...new Set(bad.diagnostics.map(d => d.file!.getLineAndCharacterOfPosition(d.start!).line + 1))].sort((a, b) => a - b);
  assert.deepEqual(lines, directiveTargets(stripped.replace(/\/\/ expected error:/g, '// @ts-expect-error')), formatDiagnostics(bad.diagnostics).join('\n'));
  assert.equal(lines.length, EXPECTED);
}

describe('typed client API against the 11.27 typings', function () {
  this.timeout(180_000);
  let schema: Schema;
  let dts: string;

  before(async function () {
    schema = await requirePublished(this, '11.27.2.0');
    dts = generateTypings(schema, { mode: 'module-augmentation' });
  });

  it('correct calls compile, wrong ones fail on their own lines (schema passed to TypedApi)', function () {
    const user = `${VIRTUAL}/app/direct.ts`;
    check({
      ...packageFiles(),
      // A plain module (no augmentation) so that only the explicit type argument is in play.
      [`${VIRTUAL}/app/xapi-11.27.d.ts`]: dts.replace(/declare module 'xapi-workbench' \{[\s\S]*?\n\}\n/, ''),
      [user]: `import type { TypedApi } from 'xapi-workbench';\nimport type { Schema } from './xapi-11.27';\ndeclare const xapi: TypedApi<Schema>;\n${SAMPLE}`,
    }, user);
  });

  it('the same holds through module augmentation: xapi.d.ts puts the schema in force', function () {
    const user = `${VIRTUAL}/app/augmented.ts`;
    const files = {
      ...packageFiles(),
      [`${VIRTUAL}/app/xapi.d.ts`]: dts,
      [user]: `import type { ActiveSchema, TypedApi } from 'xapi-workbench';\nimport type { Schema } from './xapi';\ndeclare const xapi: TypedApi;\n${SAMPLE}\nexport const inForce: Equal<ActiveSchema, Schema> = true;\n`,
    };
    check(files, user);
  });

  it('also through a package entry that re-exports the shapes by name (as xapi/common.ts does)', function () {
    const user = `${VIRTUAL}/app/main.ts`;
    const { diagnostics } = compile({
      ...packageFiles(),
      [`${VIRTUAL}/pkg/index.ts`]: "export type { ActiveSchema, Branch, CallOptions, CommandResult, ConfigLeaf, EventLeaf, ListOf, StatusLeaf, TypedApi, XapiTypeRegistry } from './typed';\n",
      [`${VIRTUAL}/app/xapi.d.ts`]: dts,
      [user]: `import type { ActiveSchema } from 'xapi-workbench';\nimport type { Schema } from './xapi';\n${EQUAL}\nexport const inForce: Equal<ActiveSchema, Schema> = true;\n`,
    });
    assert.deepEqual(formatDiagnostics(diagnostics), []);
  });

  it('without xapi.d.ts the shipped core types stay in force (control)', function () {
    const user = `${VIRTUAL}/app/plain.ts`;
    const { diagnostics } = compile({
      ...packageFiles(),
      [user]: `import type { ActiveSchema } from 'xapi-workbench';\nimport type { CoreSchemaTypes } from '${VIRTUAL}/pkg/generated/coreTypes';\n${EQUAL}\nexport const core: Equal<ActiveSchema, CoreSchemaTypes> = true;\n`,
    });
    assert.deepEqual(formatDiagnostics(diagnostics), []);
  });
});
