/**
 * The Webex cloud's dotted keys, once: `Audio.DefaultVolume`, an entry `FacilityService.Service[1].Name`, a range
 * `Network[1..n].Wifi.Noise` or `Service[2..4]`, any entry `Service[*]`, and a trailing wildcard `Audio.*` in
 * filters. Pure (no imports): the client library (xapi/cloud), the schema loader (load/cloud.ts) and the simulated
 * cloud read and write keys with it.
 */

/** An index on a key segment: one entry (`[2]`: from 2 to 2), a range (`[1..5]`), open (`[2..n]`, `[*]`: to Infinity). */
export interface KeyIndex { readonly from: number; readonly to: number }

export interface KeyPart { readonly name: string; readonly index?: KeyIndex }

/** A whole key: its parts, and whether it ends in `.*` (everything below). */
export interface ParsedKey { readonly parts: readonly KeyPart[]; readonly below: boolean }

const PART = /^([A-Za-z][\w-]*)(?:\[(\*|\d+)(?:\.\.(\d+|n))?\])?$/;

/** Splits at the dots that are not inside brackets (`Service[1..3].Name`). Undefined when malformed. */
export function parseKey(key: string): ParsedKey | undefined {
  if (key === '*') return { parts: [], below: true };
  const below = key.endsWith('.*');
  const parts: KeyPart[] = [];
  for (const text of (below ? key.slice(0, -2) : key).split(/\.(?![^[]*\])/)) {
    const m = PART.exec(text);
    if (!m) return undefined;
    const [, name, from, to] = m;
    if (from === undefined) parts.push({ name });
    else if (from === '*') parts.push({ name, index: { from: 0, to: Infinity } });
    else parts.push({ name, index: { from: Number(from), to: to === undefined ? Number(from) : to === 'n' ? Infinity : Number(to) } });
  }
  return parts.length ? { parts, below } : undefined;
}

/** Parts as a key: `[2]` for one entry, `[1..n]` for an open range, `[1..5]` for a closed one. */
export function formatKey(parts: readonly KeyPart[]): string {
  return parts.map(p => {
    if (!p.index) return p.name;
    const { from, to } = p.index;
    return `${p.name}[${from === to ? from : `${from}..${to === Infinity ? 'n' : to}`}]`;
  }).join('.');
}
