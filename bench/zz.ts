import { readFileSync } from 'node:fs';
import { workerRuntime } from '../emulator/macros/host';
import { createSimulatedXapi } from '../emulator/simulatedXapi';
import { fromPublished } from '../schema/sources';
const [file, ...libs] = process.argv.slice(2);
(async () => {
  const schema = await fromPublished('26.4.1-March-2026', { seedDir: '/work/shared/schema', cacheDir: '/tmp/xx/s', offline: true });
  const xapi = createSimulatedXapi({ schema, macroRuntime: workerRuntime() });
  console.log('product', xapi.device.product);
  xapi.Event.Macros.Log.on((l: any) => console.log(l.Level, l.Message.slice(0, 600)));
  const D = '/work/shared/real-macros/CiscoDevNet__roomdevices-macros-samples/';
  for (const l of libs) await xapi.command('Macros Macro Save', { Name: l.split('__').pop()!.replace('.js',''), Overwrite: 'True' }, readFileSync(D + l, 'utf8'));
  const name = file.split('__').pop()!.replace('.js', '');
  await xapi.command('Macros Macro Save', { Name: name, Overwrite: 'True' }, readFileSync(D + file, 'utf8'));
  await xapi.command('Macros Macro Activate', { Name: name });
  await new Promise(r => setTimeout(r, 1500));
  await xapi.close(); xapi.device.dispose();
})();
