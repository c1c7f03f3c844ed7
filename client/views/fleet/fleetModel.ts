/**
 * What the Fleet view shows, without VS Code: the sources (inventory files of the workspace, and the Webex cloud's
 * devices when a token is stored), their devices grouped by tag, and what is known of each device — its product,
 * software and whether it was reached, from the cloud's listing or from the last check. Tested in plain Node.
 */
import type { InventoryDevice } from '../../../fleet/inventory';
import type { DeviceOutcome, FailureKind } from '../../../fleet/runner';
import { softwareVersionOf } from '../../../schema/load/cloud';
import { ONLINE, type CloudDevice } from '../../../xapi/cloud/webexApi';

/** What is known of a device's reachability: not checked yet, reached, or why not. */
export type Reach = { readonly kind: 'unchecked' } | { readonly kind: 'reachable' } | { readonly kind: 'unreachable'; readonly why: FailureKind | 'offline'; readonly reason: string };

export interface FleetEntry {
  readonly device: InventoryDevice;
  readonly product?: string;
  readonly software?: string;
  readonly reach: Reach;
}

export interface FleetSource {
  /** Stable across reloads: the inventory's path, or `webex`. */
  readonly id: string;
  readonly label: string;
  readonly kind: 'inventory' | 'webex';
  readonly entries: readonly FleetEntry[];
  /** The source could not be read (a bad inventory, a refused token): shown instead of devices. */
  readonly error?: string;
}

/** Each device once (a device under two tags, or two selected groups that share it), in the order first met. */
export function uniqueDevices(devices: readonly InventoryDevice[]): InventoryDevice[] {
  const seen = new Map<string, InventoryDevice>();
  for (const d of devices) if (!seen.has(`${d.url}\n${d.name}`)) seen.set(`${d.url}\n${d.name}`, d);
  return [...seen.values()];
}

/** The group of devices with no tag. */
export const UNTAGGED = '(no tag)';

/** Devices by tag, tags in alphabetical order and the untagged last; a device with several tags is under each. */
export function groupByTag(entries: readonly FleetEntry[]): { readonly tag: string; readonly entries: readonly FleetEntry[] }[] {
  const byTag = new Map<string, FleetEntry[]>();
  for (const e of entries) for (const tag of e.device.tags.length ? e.device.tags : [UNTAGGED]) {
    const list = byTag.get(tag) ?? [];
    list.push(e);
    byTag.set(tag, list);
  }
  return [...byTag.entries()]
    .sort(([a], [b]) => (a === UNTAGGED ? 1 : b === UNTAGGED ? -1 : a.localeCompare(b)))
    .map(([tag, list]) => ({ tag, entries: list }));
}

/** An inventory's devices, nothing known yet beyond what it says (its product, if given). */
export function inventoryEntries(devices: readonly InventoryDevice[]): FleetEntry[] {
  return devices.map(device => ({ device, ...(device.product ? { product: device.product } : {}), reach: { kind: 'unchecked' } }));
}

/** The cloud's devices as entries: the listing says product, software and connection status. */
export function cloudEntries(devices: readonly InventoryDevice[], listed: readonly CloudDevice[]): FleetEntry[] {
  return devices.map((device, i) => {
    const c = listed[i];
    const online = ONLINE.has(c.connectionStatus);
    return {
      device, product: c.product, software: softwareVersionOf(c.software) ?? c.software,
      reach: online ? { kind: 'reachable' } : { kind: 'unreachable', why: 'offline', reason: `the cloud says ${c.connectionStatus}` },
    };
  });
}

/** The paths a check reads (the same on every product and version). */
export const CHECK_PATHS = [['Status', 'SystemUnit', 'ProductId'], ['Status', 'SystemUnit', 'Software', 'Version']] as const;

/** Failures that say a device could not be reached. */
const UNREACHABLE: ReadonlySet<string> = new Set(['offline', 'auth', 'certificate', 'timeout']);
/** What a device answers once reached: it was reached. */
const ANSWERED: ReadonlySet<string> = new Set(['refused', 'not-found', 'permission', 'gating', 'unchanged']);

/** An entry after a check of its device: what it said, or why it could not be reached. */
export function checked(entry: FleetEntry, outcome: DeviceOutcome<Record<string, unknown>>): FleetEntry {
  if (outcome.status !== 'ok') return observed(entry, outcome);
  const [product, software] = CHECK_PATHS.map(p => outcome.value?.[p.join(' ')]);
  return {
    ...entry,
    ...(product !== undefined ? { product: String(product).replace(/^Cisco\s+/, '') } : {}),
    ...(software !== undefined ? { software: softwareVersionOf(String(software)) ?? String(software) } : {}),
    reach: { kind: 'reachable' },
  };
}

/**
 * An entry after a run's outcome on its device: reached when the run got through, unreachable when it could not
 * connect or log in; an answer from the device (a refused line, a gating skip) means it was reached; an interrupted
 * run or an earlier run's outcome says nothing new.
 */
export function observed(entry: FleetEntry, outcome: DeviceOutcome<unknown>): FleetEntry {
  if (outcome.earlier) return entry;
  if (outcome.status === 'ok' || (outcome.kind && ANSWERED.has(outcome.kind))) return { ...entry, reach: { kind: 'reachable' } };
  if (outcome.status === 'failed' && outcome.kind && UNREACHABLE.has(outcome.kind)) return { ...entry, reach: { kind: 'unreachable', why: outcome.kind, reason: outcome.reason ?? '' } };
  return entry;
}

/** The line beside a device's name: `Room Kit · 11.27.2.0 · reachable`. */
export function describeEntry(e: FleetEntry): string {
  const reach = e.reach.kind === 'unchecked' ? 'not checked' : e.reach.kind === 'reachable' ? 'reachable' : e.reach.why;
  return [e.product?.replace(/^Cisco\s+/, ''), e.software, reach].filter(Boolean).join(' · ');
}

/** A group's line: `12 devices, 2 unreachable`. */
export function describeGroup(entries: readonly FleetEntry[]): string {
  const down = entries.filter(e => e.reach.kind === 'unreachable').length;
  return `${entries.length} device${entries.length === 1 ? '' : 's'}${down ? `, ${down} unreachable` : ''}`;
}
