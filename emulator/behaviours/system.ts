/** SystemUnit Boot: answer, then reboot the device (drop connections, refuse for bootDelayMs, fresh statuses). */
import type { Device } from '../device';
import { Behaviour } from './helpers';

export function systemBehaviour(device: Device): Behaviour {
  return {
    name: 'system',
    commands: {
      'SystemUnit Boot'(ctx) {
        // The response goes out first; the session then ends with the reboot.
        // A boot cut short by stop() rejects; nobody waits on this one, so that is not an error to report.
        ctx.after(() => { device.boot().catch(() => undefined); });
      },
    },
  };
}
