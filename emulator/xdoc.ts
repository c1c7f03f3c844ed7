/**
 * `xDoc` answers from the schema the device runs, in the device's xDoc tree format, written by
 * `toXdoc` (schema/xdocWriter.ts). The answer is the subtree at Path without the root key, as jsxapi's
 * schema fetcher expects (it wraps each answer under its root itself).
 */
import { kindOfWord } from '../schema/kinds';
import { toXdoc, XdocRoot } from '../schema/xdocWriter';
import type { Device } from './device';

const cache = new WeakMap<Device, Map<XdocRoot, unknown>>();

/** The xDoc subtree at a path (`['Status', 'Audio']`), or undefined when nothing is there. */
export function xdocFor(device: Device, path: readonly (string | number)[]): unknown {
  const root: XdocRoot | undefined = kindOfWord(String(path[0]), { exact: true });
  if (!root) return undefined;
  let perDevice = cache.get(device);
  if (!perDevice) { perDevice = new Map(); cache.set(device, perDevice); }
  let doc = perDevice.get(root);
  if (doc === undefined) {
    // The device's own software version, as a real device's xDoc carries it (the core schema's label is only `core`).
    doc = toXdoc(device.schema, root, { product: device.product, version: device.softwareVersion });
    perDevice.set(root, doc);
  }
  let node: unknown = doc;
  for (const item of path.slice(1)) {
    if (typeof item === 'number') {
      // Indexed lists are arrays of instances (configurations carry `id`) or one element describing every item.
      if (Array.isArray(node)) node = node.find(x => x && typeof x === 'object' && String((x as Record<string, unknown>).id) === String(item)) ?? node[0];
      continue;
    }
    if (Array.isArray(node)) node = node[0];
    if (!node || typeof node !== 'object') return undefined;
    const key = Object.keys(node).find(k => k.toLowerCase() === item.toLowerCase() && /^[A-Z]/.test(k));
    if (key === undefined) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
