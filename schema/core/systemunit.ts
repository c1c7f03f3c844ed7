/** SystemUnit, time and diagnostics: identity of the device, restart, and health. */
import type { SchemaNode } from '../model';
import { TIME_ZONES } from './timeZones';
import { command, config, status, event, int, str, lit, many, p, maybe } from './dsl';

export const systemunit: SchemaNode[] = [
  command('SystemUnit Boot', 'AIU', 'Restarts or shuts down the device; every connection is dropped.', [
    p('Action', lit('Restart', 'Shutdown'), { def: 'Restart', d: 'Restart the device, or shut it down.' }),
    p('Force', lit('False', 'True'), { def: 'True', d: 'When False the device may refuse while a call is up.' }),
  ]),
  command('SystemUnit FactoryReset', 'AU', 'Wipes settings and returns the device to its factory state.', [
    p('Confirm!', lit('Yes'), 'Must be Yes, as a guard against accidents.'),
    p('Keep', many(lit(
      'LocalSetup', 'Network', 'Webex', 'Provisioning', 'SerialPort', 'Certificates', 'HTTP',
      'RemoteSupportUser',
    ), 7), 'Groups of settings to keep across the reset.'),
    p('TrailingAction', lit('NoAction', 'Restart', 'Shutdown', 'WaitForUpgrade'), { def: 'Restart', d: 'What the device does once the reset is done.' }),
  ]),
  config('SystemUnit Name', str(0, 50), { def: '', set: 'A', read: 'AIRU' },
    'Friendly device name, shown on screen and to other devices.'),
  status('SystemUnit Uptime', int(), 'AIU', 'Seconds since the device last started.'),
  status('SystemUnit ProductId', str(), 'AIU', 'Human-readable product name, e.g. Cisco Room Kit.'),
  status('SystemUnit ProductPlatform', str(), 'AIU', 'Hardware platform name.'),
  status('SystemUnit ProductType', str(), 'AIU', 'Broad product family.'),
  status('SystemUnit Software Version', str(), 'AU', 'Installed RoomOS version string.'),
  status('SystemUnit Software DisplayName', str(), 'AIU', 'RoomOS version as shown to users.'),
  status('SystemUnit Software Name', str(), 'AIU', 'Internal software image name.'),
  status('SystemUnit Software ReleaseDate', str(), 'AIU', 'Date the installed software was built.'),
  status('SystemUnit Hardware Module SerialNumber', str(), 'AIU', 'Serial number of the main unit.'),
  status('SystemUnit Hardware Module DeviceId', str(), 'AU', 'Unique identifier of the main unit.'),
  status('SystemUnit Hardware Monitoring Temperature Status', lit('Unknown', 'Normal', 'High', 'Critical'), 'AIU',
    'Thermal health of the unit: normal, high or critical.'),
  status('SystemUnit Software OptionKeys DeveloperPreview', lit('True', 'False'), 'AIU',
    'Whether the developer preview features are unlocked.'),
  status('Time SystemTime', str(), 'AIU', 'Device clock in ISO 8601 form.'),
  config('Time Zone', lit(...TIME_ZONES), { def: 'Etc/UTC', set: 'AIU', read: 'AIU' },
    'Time zone used for clocks, calendars and logs.'),
  config('Time TimeFormat', lit('12H', '24H'), { def: '24H', set: 'AU', read: 'AU' }, 'Shows times with a 12- or 24-hour clock.'),
  config('Time DateFormat', lit('DD_MM_YY', 'MM_DD_YY', 'YY_MM_DD'), { def: 'DD_MM_YY', set: 'AU', read: 'AU' },
    'Order of day, month and year in displayed dates.'),
  status('Diagnostics Message[n] Level', lit('Critical', 'Error', 'Warning', 'Info'), 'AU', 'Severity of a health-check finding.'),
  status('Diagnostics Message[n] Description', str(), 'AU', 'Explanation of a health-check finding.'),
  event('SystemUnit FactoryResetInitiated', 'AU', 'Fires just before a factory reset starts.', {
    Keep: maybe(str()),
    WaitForUpgrade: maybe(lit('True', 'False')),
  }),
];
