/** Standby: Activate / Deactivate / Halfwake move `Status Standby State`. */
import type { Device } from '../device';
import { Behaviour, trySetStatus } from './helpers';

export function standbyBehaviour(device: Device): Behaviour {
  const to = (state: string) => (ctx: { after(fn: () => void): void }) => ctx.after(() => trySetStatus(device, 'Standby State', state));
  return {
    name: 'standby',
    commands: {
      'Standby Activate': to('Standby'),
      'Standby Deactivate': to('Off'),
      'Standby Halfwake': to('Halfwake'),
    },
  };
}
