/** Peripherals and room analytics: touch panels, control systems and people counting. */
import type { SchemaNode } from '../model';
import { command, status, int, str, lit, p } from './dsl';

export const peripherals: SchemaNode[] = [
  command('Peripherals Connect', 'AIRU', 'Registers an external device, such as a touch panel or a control system.', [
    p('DRAM', int(1, 256), 'Memory of the peripheral, in MB.'),
    p('HardwareInfo', str(0, 100), { def: '', d: 'Hardware revision of the peripheral.' }),
    p('ID!', str(1, 100), 'Unique identifier of the peripheral, usually its MAC address.'),
    p('Name', str(0, 100), { def: '', d: 'Name of the peripheral.' }),
    p('NetworkAddress', str(0, 100), { def: '', d: 'Where the peripheral can be reached.' }),
    p('SerialNumber', str(0, 100), { def: '', d: 'Serial number of the peripheral.' }),
    p('SoftwareInfo', str(0, 100), { def: '', d: 'Software version of the peripheral.' }),
    p('Type!', lit(
      'AudioAmplifier', 'AudioMicrophone', 'Byod', 'Camera', 'ControlSystem', 'Other', 'TouchPanel',
      'RoomScheduler', 'PersistentWebApp',
    ), 'Kind of peripheral.'),
  ]),
  command('Peripherals HeartBeat', 'AIRU', 'Tells the device a registered peripheral is still alive.', [
    p('ID!', str(1, 100), 'Peripheral sending the heartbeat.'),
    p('Timeout', int(1, 65535), { def: '60', d: 'Seconds until the peripheral is considered lost without another heartbeat.' }),
  ]),
  command('Peripherals List', 'AIR', 'Lists registered peripherals.', [
    p('Connected', lit('False', 'True'), 'Limits the list to connected (or disconnected) ones.'),
    p('Type', lit('All', 'AudioAmplifier', 'AudioMicrophone', 'ControlSystem', 'Other', 'TouchPanel'), { def: 'All', d: 'Limits the list to one kind of peripheral.' }),
  ]),
  command('Peripherals Purge', 'AU', 'Forgets a peripheral.', [p('ID!', str(1, 100), 'Peripheral to forget.')]),
  status('Peripherals ConnectedDevice[n] Name', str(), 'AIRU', 'Name of a connected peripheral.'),
  status('Peripherals ConnectedDevice[n] Status', lit('Connected', 'ResponseTimedOut', 'Unpairing', 'LostConnection'), 'AIRU',
    'Connection state of the peripheral.'),
  status('Peripherals ConnectedDevice[n] Type', lit(
      'AudioAmplifier', 'AudioMicrophone', 'Byod', 'Camera', 'ControlSystem', 'InputDevice', 'Other',
      'SpeakerTracker', 'TouchPanel', 'Headset', 'RoomScheduler', 'PersistentWebApp',
    ), 'AIRU', 'Kind of peripheral.'),
  status('Peripherals ConnectedDevice[n] ID', str(), 'AIRU', 'Unique identifier of the peripheral.'),
  status('Peripherals ConnectedDevice[n] SoftwareInfo', str(), 'AIRU', 'Software version of the peripheral.'),
  status('Peripherals ConnectedDevice[n] HardwareInfo', str(), 'AIRU', 'Hardware revision of the peripheral.'),
  status('Peripherals ConnectedDevice[n] NetworkAddress', str(), 'AIRU', 'Where the peripheral can be reached.'),
  status('Peripherals ConnectedDevice[n] SerialNumber', str(), 'AIRU', 'Serial number of the peripheral.'),
  status('RoomAnalytics PeopleCount Current', int(), 'AIU',
    'Number of people the cameras see in the room, or -1 when counting is off.'),
  status('RoomAnalytics PeoplePresence', lit('Yes', 'No', 'Unknown'), 'AIU', 'Whether anyone seems to be in the room.'),
];
