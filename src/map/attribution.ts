/**
 * Attribution shown in the map's corner. The links point to licence pages: they are text the user
 * may follow, not requests the app makes.
 */
export const ATTRIBUTION_HTML = [
  '© <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">OpenStreetMap</a> contributors (ODbL)',
  'geoBoundaries',
  'GSHHG (LGPL-3.0)',
  'MetroMapOpenMiniProgram (MIT)',
].join(' · ');
