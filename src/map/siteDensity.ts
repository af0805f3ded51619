/**
 * Sites drawn as a density picture when too many are in view to draw one by one: in software WebGL
 * 200,000 markers cost seconds a frame, one picture a few milliseconds. Each cell of a grid over the
 * (widened) view box is coloured where at least one site lies in it — the colour of the layer's
 * facility family, stronger with more sites; a cell with only sites of other types, grey and faint.
 * Rows are cut in Web Mercator, as the map (and deck.gl's BitmapLayer) draws, so a cell lies on
 * screen where its sites are.
 */
import type { Site } from '../domain/site';
import type { LonLatBox } from './viewBounds';
import { SITE_COLOURS } from './coverageColours';

/** Above this many markers within the widened view box, sites are drawn as a density picture. */
export const MAX_DRAWN_MARKERS = 25_000;
/** The picture's size in cells: over the view box widened three times, a cell is ~4 screen pixels. */
export const DENSITY_CELLS = 512;

export interface SiteDensity {
  width: number;
  height: number;
  /** RGBA, row 0 at the north. */
  data: Uint8ClampedArray;
  /** Sites in each cell, row-major (for the legend and tests). */
  counts: Uint32Array;
  bounds: LonLatBox;
}

const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));

/**
 * The density picture of `own` (the layer's sites) and `others` within `box`, coloured with
 * `familyOf`. Sites outside the box are left out.
 */
export function siteDensity(
  own: readonly Site[],
  others: readonly Site[],
  box: LonLatBox,
  familyOf: (site: Site) => keyof typeof SITE_COLOURS,
  cells = DENSITY_CELLS,
): SiteDensity {
  const [w, s, e, n] = box;
  const width = cells;
  const height = cells;
  const top = mercatorY(n);
  const cellY = (top - mercatorY(s)) / height;
  const cellX = (e - w) / width;
  const counts = new Uint32Array(width * height);
  const ownCounts = new Uint32Array(width * height);
  const family = new Array<keyof typeof SITE_COLOURS>(width * height);
  const cellOf = (site: Site): number => {
    if (site.lon < w || site.lon > e || site.lat < s || site.lat > n) return -1;
    const col = Math.min(width - 1, Math.floor((site.lon - w) / cellX));
    const row = Math.min(height - 1, Math.floor((top - mercatorY(site.lat)) / cellY));
    return row * width + col;
  };
  for (const site of others) {
    const c = cellOf(site);
    if (c >= 0) counts[c]!++;
  }
  for (const site of own) {
    const c = cellOf(site);
    if (c < 0) continue;
    counts[c]!++;
    ownCounts[c]!++;
    family[c] = familyOf(site);
  }
  const data = new Uint8ClampedArray(width * height * 4);
  for (let c = 0; c < counts.length; c++) {
    if (counts[c] === 0) continue;
    const mine = ownCounts[c]!;
    const [r, g, b] = mine > 0 ? SITE_COLOURS[family[c]!] : SITE_COLOURS.other;
    data[c * 4] = r;
    data[c * 4 + 1] = g;
    data[c * 4 + 2] = b;
    // One site: clearly there; ten or more: solid.
    data[c * 4 + 3] = mine > 0 ? 150 + Math.round((90 * Math.min(10, mine) - 90) / 9) : 90;
  }
  return { width, height, data, counts, bounds: box };
}
