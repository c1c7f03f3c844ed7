/**
 * The peripherals a device has when it starts: a room device that has no screen of its own to touch (a codec, a Room
 * Kit, a Room Bar) is run from a touch controller, so it reports one under `Peripherals ConnectedDevice`, as a
 * delivered system does; Desk and Board devices are touch screens themselves and report none. DeviceOptions
 * `touchController` turns it on or off. The values are invented in the shapes the schema gives; the id is a
 * device-assigned number, as on a device (xapi-protocol.md §3.2: `Peripherals ConnectedDevice 1003`).
 */
import type { Device } from './device';
import { trySetStatus } from './behaviours/helpers';

/** The id the simulated device gives its touch controller. */
export const TOUCH_CONTROLLER_ID = 1001;

/** Whether a product is run from a separate touch controller by default (not a Desk or Board: they are touch screens). */
export function hasTouchControllerByDefault(productName: string): boolean {
  return !/^(Desk|Board)\b/i.test(productName);
}

export function placePeripherals(device: Device, touchController: boolean): void {
  if (!touchController) return;
  trySetStatus(device, `Peripherals ConnectedDevice[${TOUCH_CONTROLLER_ID}]`, {
    Type: 'TouchPanel', Name: 'Cisco Room Navigator', Status: 'Connected', Role: 'Controller', Location: 'InsideRoom', Model: 'TableStand',
    // Documentation-range MAC (RFC 7042) and made-up serial numbers: nothing that names real hardware.
    ID: '00:00:5E:00:53:01', SerialNumber: 'FOC0000X001', HardwareInfo: '1', SoftwareInfo: String(device.schema.version ?? ''),
    UpgradeStatus: 'None',
  });
}
