/**
 * The README's first command (`npm start`): start the simulated RoomOS device over wss:// with a
 * fresh self-signed certificate, connect the typed client to it (verifying that certificate),
 * and run a short session an integrator would: read the device, listen to feedback, change the
 * volume, place and end a call, check a script. Then keep the device serving for `xapi repl`
 * until Ctrl-C. `--smoke` runs the session once and exits 0 (CI keeps this command from rotting).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../emulator';
import { connect } from '../xapi';
import { coreSchema } from '../schema/core';
import { SchemaIndex } from '../schema/schemaIndex';
import { parseXcli, validateXcli } from '../schema/xcli';

const smoke = process.argv.includes('--smoke');
const log = (s: string) => process.stdout.write(s + '\n');

function waitFor<T>(register: (done: (v: T) => void) => () => void, what: string, ms = 15000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { off(); reject(new Error(`timed out waiting for ${what}`)); }, ms);
    const off = register(v => { clearTimeout(timer); off(); resolve(v); });
  });
}

async function main(): Promise<void> {
  const password = randomBytes(9).toString('base64url');
  const emulator = await startEmulator({ users: [{ username: 'admin', password, roles: ['Admin'] }] });
  log(`Simulated device listening at ${emulator.url}`);

  const xapi = await connect(emulator.url, { username: 'admin', password, ca: emulator.certificate });
  try {
    const [platform, version, name] = await Promise.all([
      xapi.Status.SystemUnit.ProductPlatform.get(),
      xapi.Status.SystemUnit.Software.Version.get(),
      xapi.Configuration.SystemUnit.Name.get(),
    ]);
    log(`Connected: ${platform}, software ${version}, name "${name}"`);

    const volumes: number[] = [];
    const offVolume = xapi.Status.Audio.Volume.on((v: number) => { volumes.push(v); });
    await offVolume.registered;
    await xapi.Command.Audio.Volume.Set({ Level: 70 });
    log(`Volume set to ${await xapi.Status.Audio.Volume.get()}`);

    const connected = waitFor<void>(done => xapi.Status.Call.on((call: { Status?: string }) => {
      if (call.Status === 'Connected') done();
    }), 'the call to connect');
    const dial = await xapi.Command.Dial({ Number: 'demo@example.com' });
    log(`Dialled: CallId ${dial.CallId}`);
    await connected;
    log('Call connected');
    const ended = waitFor<void>(done => xapi.Event.CallDisconnect.on(() => done()), 'the call to end');
    await xapi.Command.Call.Disconnect({ CallId: Number(dial.CallId) });
    await ended;
    log(`Call ended; volume feedback seen: ${volumes.join(', ') || 'none'}`);
    offVolume();

    const script = 'xCommand Dial Number: "x" CallType: Vidoe\n';
    const diags = validateXcli(parseXcli(script), new SchemaIndex(coreSchema()));
    log(`Script check: ${diags.map(d => `${d.code}: ${d.message}`).join('; ') || 'no problems'}`);
  } finally {
    await xapi.close();
  }

  if (smoke) {
    await emulator.stop();
    log('Smoke run passed.');
    return;
  }
  // A terminal's Ctrl+C reaches this process and `npm start` (which passes it on) alike: a second signal while
  // stopping must not end the process before it has cleaned up. The handlers go in before the line that invites
  // the signal: until then a signal would end the process at once.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void emulator.stop().finally(() => process.exit(0));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  // Trust exactly this device's certificate rather than turning verification off. Its folder goes when this ends.
  const caDir = mkdtempSync(join(tmpdir(), 'xapi-emulator-'));
  process.once('exit', () => rmSync(caDir, { recursive: true, force: true }));
  const caFile = join(caDir, 'device.pem');
  writeFileSync(caFile, emulator.certificate ?? '');
  log('');
  log(`The simulated device keeps running (user admin, password ${password}). Try, in another terminal:`);
  log(`  node dist/cli.js repl ${emulator.url} --ca ${caFile}`);
  log('Press Ctrl-C to stop.');
}

main().catch(e => {
  process.stderr.write(`npm start failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
