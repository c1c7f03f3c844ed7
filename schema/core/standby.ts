/** Standby: power states, the standby timers, and the countdown events. */
import type { SchemaNode } from '../model';
import { command, config, status, event, int, str, lit, p, bare } from './dsl';

export const standby: SchemaNode[] = [
  command('Standby Activate', 'AIU', 'Puts the device into standby right away.'),
  command('Standby Deactivate', 'AIU', 'Wakes the device from standby or half-wake.'),
  command('Standby Halfwake', 'AI', 'Moves the device to half-wake: screens lit, ready for a touch, no call.'),
  command('Standby ResetTimer', 'AU', 'Restarts the countdown to standby, optionally with a new one-off delay.', [
    p('Delay', int(1, 480), 'Minutes until standby for this countdown only.'),
  ]),
  command('Standby ResetHalfwakeTimer', 'AU', 'Restarts the countdown from half-wake to standby.', [
    p('Delay', int(1, 480), 'Minutes until standby for this countdown only.'),
  ]),
  status('Standby State', lit('Standby', 'EnteringStandby', 'Halfwake', 'Off'), 'AIRU',
    'Current power state: awake, half-wake, entering standby, or standby.'),
  status('Standby Level', lit('None', 'DeepSleep', 'Networked', 'DisplayOff'), 'AIRU',
    'Which depth of standby the device is in, on products that have several.',
    { products: ['bandai', 'brooklyn', 'davinci', 'felix_55', 'felix_75', 'helix_55', 'helix_75',
      'millennium', 'octavio'] }),
  config('Standby Control', lit('Off', 'On'), { def: 'On', set: 'AI', read: 'AIU' },
    'Lets the device go to standby by itself after the idle delay.'),
  config('Standby Delay', int(1, 480), { def: '10', set: 'AI', read: 'AIU' }, 'Idle minutes before the device goes to standby.'),
  config('Standby Halfwake Mode', lit('Auto', 'Manual'), { def: 'Auto', set: 'A', read: 'AU' },
    'Whether the device enters half-wake automatically or only on request.'),
  config('Standby BootAction', lit('DefaultCameraPosition', 'None', 'RestoreCameraPosition'),
    { def: 'DefaultCameraPosition', set: 'AIU', read: 'AIU' }, 'Camera position to take after a restart.'),
  config('Standby WakeupAction', lit('DefaultCameraPosition', 'None', 'RestoreCameraPosition'),
    { def: 'RestoreCameraPosition', set: 'AIU', read: 'AIU' }, 'Camera position to take when waking up.'),
  config('Standby StandbyAction', lit('None', 'PrivacyPosition'), { def: 'PrivacyPosition', set: 'AI', read: 'AIU' },
    'What the cameras do when the device enters standby.'),
  config('Standby WakeupOnMotionDetection', lit('Off', 'On'), { def: 'On', set: 'AI', read: 'AIU' },
    'Wakes the device when someone walks into the room.'),
  config('Standby Signage Mode', lit('Off', 'On'), { def: 'Off', set: 'AI', read: 'AIU' },
    'Shows a web page on screen while the device is in half-wake.'),
  config('Standby Signage Url', str(0, 2048), { def: '', set: 'AI', read: 'AIU' }, 'Address of the web page shown as signage.'),
  event('Standby SecondsToStandby', 'AU', 'Counts down the last seconds before standby; the body is a bare number.', bare(int())),
  event('Standby Reset', 'AU', 'Fires when the standby countdown is reset by activity.'),
  event('RoomReset SecondsToReset', 'AU', 'Counts down the last seconds before the room is reset; the body is a bare number.',
    bare(int())),
];
