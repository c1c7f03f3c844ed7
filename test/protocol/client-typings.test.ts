/**
 * What a package consumer compiles against: `import { connect } from 'xapi-workbench'` with the declarations that
 * ship (the core schema's generated trees behind `Xapi`). A tiny consumer is type-checked against the sources the
 * package declarations are emitted from (tsconfig.build.json): correct calls compile, and every mistake marked
 * `@ts-expect-error` must fail (an unused directive is itself an error), so zero diagnostics proves both.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');

const CONSUMER = `
import { connect, NotFoundError, type Xapi } from 'xapi-workbench';
import { createSimulatedXapi } from 'xapi-workbench/testing';

export async function consumer(): Promise<void> {
  await using xapi = await connect('codec.local', { username: 'admin', password: 'x', allowSelfSignedTls: false });
  const dialed = await xapi.Command.Dial({ Number: '10990@bjn.vc' });
  const status: string | undefined = dialed.status;
  const volume: number = await xapi.Status.Audio.Volume.get();
  await xapi.Config.SystemUnit.Name.set('Whisper Blade');
  const name: string = await xapi.Configuration.SystemUnit.Name.get();
  const off = xapi.Status.Call.on((call, root) => { const id: number = call.id; void id; void root.Id; });
  const { Id } = await off.registration;
  await off.registered;
  off();
  xapi.Event.UserInterface.Message.TextInput.Response.once(r => r.FeedbackId);
  await xapi.command('Dial', { Number: '1' }, undefined, { timeoutMs: 5000 });
  xapi.status.on('Call Status', (value, root, callId) => void [value, root, callId]);
  xapi.on('disconnected', (reason: string) => reason.length);
  const sim: Xapi = createSimulatedXapi();
  try { await sim.Command.Dial({ Number: 'x' }); } catch (e) { if (e instanceof NotFoundError) void e.code; }
  void [status, volume, name, Id];

  // @ts-expect-error wrong parameter name
  await xapi.Command.Dial({ Number: '1', Nummer: '1' });
  // @ts-expect-error missing required parameter
  await xapi.Command.Dial({});
  // @ts-expect-error no such command
  await xapi.Command.Dail({ Number: '1' });
  // @ts-expect-error a status cannot be set
  await xapi.Status.Audio.Volume.set(3);
  // @ts-expect-error a configuration takes its own type
  await xapi.Config.SystemUnit.Name.set({ name: 'x' });
}
`;

describe('client package typings', () => {
  it('a consumer of xapi-workbench gets typed commands, statuses, configurations and listeners', function () {
    this.timeout(120_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'xapi-consumer-'));
    try {
      const file = path.join(dir, 'consumer.ts');
      writeFileSync(file, CONSUMER);
      const program = ts.createProgram([file], {
        target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
        strict: true, noEmit: true, skipLibCheck: true, esModuleInterop: true, types: ['node'],
        typeRoots: [path.join(ROOT, 'node_modules/@types')],
        paths: { 'xapi-workbench': [path.join(ROOT, 'index.ts')], 'xapi-workbench/testing': [path.join(ROOT, 'testing.ts')] },
      });
      const diags = ts.getPreEmitDiagnostics(program);
      const text = ts.formatDiagnostics(diags, { getCanonicalFileName: f => f, getCurrentDirectory: () => dir, getNewLine: () => '\n' });
      assert.equal(diags.length, 0, text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
