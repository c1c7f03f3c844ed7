/**
 * Entry of the simulated-device child process (bundled to dist/simulator.js). It runs the emulator outside
 * the extension host's event loop: a storm of feedback or a stuck behaviour here never stalls the editor,
 * and a crash ends only this process, which the host reports.
 */
import { DEFAULT_USER, startEmulator, type Emulator } from '../../../emulator';
import { fromFile } from '../../../schema/sources';
import type { HostToDevice, SimulatedDeviceControl, SimulatedDeviceOptions, DeviceToHost } from '../messages';

function send(msg: DeviceToHost): void {
  process.send?.(msg);
}

/** The host's first message: the password the device accepts (the host keeps it for a restart after a crash). */
function passwordFromHost(): Promise<string> {
  return new Promise(resolve => {
    const onMessage = (m: HostToDevice) => {
      if (m?.type !== 'start') return;
      process.off('message', onMessage);
      resolve(m.password);
    };
    process.on('message', onMessage);
  });
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as SimulatedDeviceOptions;
  const password = await passwordFromHost();
  let emulator: Emulator | undefined;
  try {
    const schema = options.schemaFile ? await fromFile(options.schemaFile) : undefined;
    emulator = await startEmulator({
      tls: true, stateDir: options.stateDir, port: options.port, schema, product: options.product, users: [{ ...DEFAULT_USER, password }],
      subscriptionLimit: options.subscriptionLimit,
    });
  } catch (e) {
    send({ type: 'error', message: e instanceof Error ? e.message : String(e), fatal: true });
    process.exit(1);
  }
  const emu = emulator;
  emu.onError(e => send({ type: 'error', message: e.message, fatal: false }));
  process.on('message', (m: HostToDevice) => {
    if (m?.type === 'stop') void emu.stop().finally(() => process.exit(0));
    if (m?.type === 'control') {
      control(emu, m.control).then(
        count => send({ type: 'controlResult', id: m.id, count }),
        (e: unknown) => send({ type: 'controlResult', id: m.id, error: e instanceof Error ? e.message : String(e) }),
      );
    }
  });
  // The host went away (closed window, crashed extension host): do not outlive it.
  process.on('disconnect', () => void emu.stop().finally(() => process.exit(0)));
  send({
    type: 'ready', url: emu.url, certificate: emu.certificate, username: DEFAULT_USER.username, password,
    product: emu.device.productName, version: emu.device.schema.version,
  });
}

/** Does what the control asks; a storm resolves with the number of changes or events once it is over. */
async function control(emu: Emulator, c: SimulatedDeviceControl): Promise<number | undefined> {
  const device = emu.device;
  switch (c.op) {
    case 'setStatus': device.setStatus(c.path, c.value, { checked: true }); return undefined;
    case 'emitEvent': device.emitEvent(c.path, c.payload, { checked: true }); return undefined;
    case 'pressWidget': device.pressWidget(c.widgetId, c.type, c.value); return undefined;
    case 'touchWidget': return device.touchWidget(c.widgetId, c.touch, c.widgetType).length;
    case 'clickPanel': device.clickPanel(c.panelId); return undefined;
    case 'openPanel': if (device.savedPanels().has(c.panelId)) device.openPanel(c.panelId, c.pageId); return undefined;
    case 'incomingCall': return device.incomingCall(c.number);
    case 'storm': return storm(emu, c);
  }
}

/** Changes at `perSecond` for `seconds`, in 10 ms slices, so the rate holds without one timer per change. */
function storm(emu: Emulator, c: Extract<SimulatedDeviceControl, { op: 'storm' }>): Promise<number> {
  const total = Math.max(0, Math.round(c.perSecond * c.seconds));
  const values = c.values?.length ? c.values : [0, 1];
  const started = Date.now();
  let count = 0;
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      try {
        const due = Math.min(total, Math.round(((Date.now() - started) / 1000) * c.perSecond));
        for (; count < due; count++) {
          if (c.target === 'status') emu.device.setStatus(c.path, values[count % values.length]);
          else emu.device.emitEvent(c.path, c.counterField ? { ...c.payload, [c.counterField]: String(count) } : c.payload);
        }
        if (count >= total) { clearInterval(timer); resolve(count); }
      } catch (e) { clearInterval(timer); reject(e); }
    }, 10);
  });
}

void main();
