/** RoomOS product code names as the published schemas use them, and the names users know. */
export const PRODUCT_NAMES: Readonly<Record<string, string>> = {
  bandai: 'Desk Mini',
  barents: 'Codec Pro',
  barents_70d: 'Room 70 Dual G2',
  barents_70i: 'Room 70 Panorama',
  barents_70s: 'Room 70 Single G2',
  barents_82i: 'Room Panorama',
  brooklyn: 'Room Bar Pro',
  darling_10_55: 'Board 55',
  darling_10_70: 'Board 70',
  darling_15_55: 'Board 55S',
  darling_15_70: 'Board 70S',
  darling_15_85: 'Board 85S',
  davinci: 'Room Bar',
  felix_55: 'Board Pro 55 G2',
  felix_75: 'Board Pro 75 G2',
  helix_55: 'Board Pro 55',
  helix_75: 'Board Pro 75',
  havella: 'Room Kit Mini',
  hopen: 'Room Kit',
  millennium: 'Codec EQ',
  octavio: 'Desk',
  polaris: 'Desk Pro',
  spitsbergen: 'Room 55',
  svea: 'Codec Plus',
  svea_55d: 'Room 55 Dual',
  svea_70d: 'Room 70 Dual',
  svea_70s: 'Room 70 Single',
  vecchio: 'Room Navigator',
};

/** The human name of a product code, or the code itself when it is not known. */
export function productName(code: string): string {
  return PRODUCT_NAMES[code] ?? code;
}

/**
 * A product given by code (`hopen`) or by human name (`Room Kit`, case-insensitive)
 * → its code; undefined when neither matches.
 */
export function resolveProduct(nameOrCode: string): string | undefined {
  const q = nameOrCode.trim().toLowerCase();
  if (Object.prototype.hasOwnProperty.call(PRODUCT_NAMES, q)) return q;
  for (const [code, name] of Object.entries(PRODUCT_NAMES)) {
    if (name.toLowerCase() === q || `cisco ${name.toLowerCase()}` === q || `cisco webex ${name.toLowerCase()}` === q) return code;
  }
  return undefined;
}
