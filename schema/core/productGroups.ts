/**
 * Product sets shared by several core nodes. Code names as in `schema/products.ts`.
 */

/** Products that can run several cameras and expose per-camera picture and focus controls. */
export const MULTI_CAMERA_PRODUCTS = [
  'barents', 'barents_70d', 'barents_70i', 'barents_70s', 'barents_82i', 'brooklyn', 'felix_55', 'felix_75',
  'helix_55', 'helix_75', 'millennium', 'svea', 'svea_55d', 'svea_70d', 'svea_70s',
];
