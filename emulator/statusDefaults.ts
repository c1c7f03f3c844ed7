/**
 * Plausible starting values for statuses (the rest rest at Off/Idle/0/'' — values.ts restingValue):
 * identity from the product and the schema version, loopback network addresses, volume 50, awake.
 */
import type { Device } from './device';
import { Location } from './query';
import { LeafMeta, LeafNode } from './state';
import { Leaf, typeValue } from './values';

function fixedValues(device: Device): Record<string, Leaf> {
  const v = device.softwareVersion;
  const name = device.productName;
  return {
    'systemunit productid': `Cisco ${name}`,
    'systemunit productplatform': name,
    'systemunit producttype': 'Cisco Codec',
    'systemunit software version': `ce${v}.emulator`,
    'systemunit software displayname': `RoomOS ${v} emulator`,
    'systemunit software name': 's53200',
    'systemunit hardware module serialnumber': 'EMU0000000001',
    'systemunit state system': 'Initialized',
    'audio volume': 50,
    'audio volumemute': 'Off',
    'audio microphones mute': 'Off',
    'standby state': 'Off',
    'network ipv4 address': '127.0.0.1',
    'network ipv4 subnetmask': '255.0.0.0',
    'network ipv4 gateway': '127.0.0.1',
    'network ipv6 address': '::1',
    'network ethernet macaddress': '00:00:5E:00:53:01',
    'network ethernet speed': '1000full',
    'network dns domain name': 'localdomain',
    'userinterface contactinfo name': name,
    'sip registration status': 'Inactive',
  };
}

export function initialStatus(device: Device, meta: LeafMeta, _loc: Location): Leaf | undefined {
  const key = meta.node.normPath.toLowerCase();
  const v = fixedValues(device)[key];
  return v === undefined ? undefined : typeValue(meta.variant.valueSpace, v);
}

/** Leaves whose value is read from the clock instead of stored: Uptime and the system time. */
export function statusClockLeaves(device: Device): void {
  const uptime = device.state.find(['Status', 'SystemUnit', 'Uptime']);
  if (uptime?.node.t === 'leaf') (uptime.node as LeafNode).dynamic = () => device.uptime();
  const time = device.state.find(['Status', 'Time', 'SystemTime']);
  if (time?.node.t === 'leaf') (time.node as LeafNode).dynamic = () => new Date(device.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
