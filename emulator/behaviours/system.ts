/** SystemUnit Boot: answer, then reboot the device (drop connections, refuse for bootDelayMs, fresh statuses). */
import type { Device } from '../device';
import { Behaviour } from './helpers';

export function systemBehaviour(device: Device): Behaviour {
  return {
    name: 'system',
    commands: {
      'SystemUnit Boot'(ctx) {
        // The response goes out first; the session then ends with the reboot.
        ctx.after(() => { void device.boot(); });
      },
    },
  };
}
