/**
 * The three coordinate systems site files come in, and conversion to the WGS-84 the app stores.
 *
 * Why: maps in China do not show WGS-84. AMap (高德) and Tencent use GCJ-02, a deliberately
 * obfuscated datum that moves Shanghai points some 500 m; Baidu uses BD-09, GCJ-02 moved again
 * (about 1 km from WGS-84 in all). A planner who copies coordinates from those maps gets points
 * beside the road or in the river unless they are converted. The arithmetic is gcoord's (maintained,
 * MIT); this module only names the systems, validates input and never lets gcoord throw.
 *
 * Pure: runs in the browser, the import worker and the CLI.
 */
import gcoord from 'gcoord';

export const CRS_IDS = ['wgs84', 'gcj02', 'bd09'] as const;
export type Crs = (typeof CRS_IDS)[number];

const GCOORD_CRS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

/** Words people use for each system (compared after NFKC, lower case, separators dropped). */
const CRS_WORDS: Readonly<Record<Crs, readonly string[]>> = {
  wgs84: ['wgs84', 'wgs', 'gps', 'epsg4326', '4326', '地球坐标', '大地坐标'],
  gcj02: ['gcj02', 'gcj', 'amap', 'gaode', 'tencent', 'mars', '火星坐标', '高德', '腾讯', '国测局'],
  bd09: ['bd09', 'bd09ll', 'baidu', 'bmap', '百度'],
};

const squash = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/[\s\-_./()（）:]+/g, '');

/** The system a word names (`WGS-84`, `gcj02`, `AMap`, `百度` …), or null. */
export function parseCrs(word: string): Crs | null {
  const w = squash(word);
  for (const crs of CRS_IDS) if (CRS_WORDS[crs].includes(w)) return crs;
  return null;
}

/** Every system word, longest first (so `gcj02` goes before `gcj`), without bare numbers. */
const HINT_WORDS: readonly [string, Crs][] = CRS_IDS.flatMap((crs) => CRS_WORDS[crs].filter((w) => !/^\d+$/.test(w)).map((w) => [w, crs] as [string, Crs])).sort(
  (a, b) => b[0].length - a[0].length,
);

/**
 * A header with the coordinate-system words taken out: `lng_gcj02` → `lng`, `经度(高德)` → `经度`,
 * `Longitude (WGS-84)` → `longitude`; and the system they named. Lets the importer treat such a
 * header as plainly "longitude", read in that system.
 */
export function stripCrsWords(header: string): { rest: string; crs: Crs | null } {
  let rest = header.normalize('NFKC').toLowerCase();
  let crs: Crs | null = null;
  for (const [word, c] of HINT_WORDS) {
    if (rest.includes(word)) {
      crs ??= c;
      rest = rest.split(word).join(' ');
    }
  }
  rest = rest.replace(/[\s\-_.()（）[\]【】:：/]+/g, '');
  // `wgs-84` leaves `84` behind once `wgs` is gone.
  if (crs !== null) rest = rest.replace(/\d+/g, '');
  return { rest, crs };
}

/**
 * The system a column header hints at (`经度(高德)`, `lng_gcj02`, `BD09_lat`), or null. Only a hint:
 * the importer preselects it, the user decides.
 */
export function crsHintFromHeader(header: string): Crs | null {
  return stripCrsWords(header).crs;
}

/** gcoord's box for China: the GCJ-02 offset is applied inside it, not outside. */
const CHINA_BOX = { west: 72.004, east: 137.8347, south: 0.8293, north: 55.8271 };
/**
 * gcoord turns GCJ-02 (and BD-09, through it) back into WGS-84 by iterating with no cap: near its
 * box's edges an iterate can step out of the box (no offset there) and back, for ever — a CSV row at
 * latitude 0.8295 hung the import (found by the import property test). The offset is under 0.01°,
 * so within this margin of the edges, or outside the box, a point is passed through unchanged: it
 * lies thousands of km from Shanghai and is refused as outside it anyway.
 */
const EDGE_MARGIN_DEG = 0.1;

/** Whether gcoord's inverse is safe for a point given in GCJ-02 or BD-09 (well inside its box). */
export function invertsSafely(lon: number, lat: number): boolean {
  const m = EDGE_MARGIN_DEG;
  return lon > CHINA_BOX.west + m && lon < CHINA_BOX.east - m && lat > CHINA_BOX.south + m && lat < CHINA_BOX.north - m;
}

/**
 * WGS-84 [lon, lat] of a point given in `from`. Non-finite input comes back unchanged (the
 * validator reports it); gcoord leaves points outside China as they are, which is right for
 * GCJ-02 (it is not applied there) and harmless here (such points are rejected as outside Shanghai).
 */
export function toWgs84(lon: number, lat: number, from: Crs): [number, number] {
  if (from === 'wgs84' || !Number.isFinite(lon) || !Number.isFinite(lat) || !invertsSafely(lon, lat)) return [lon, lat];
  const [x, y] = gcoord.transform([lon, lat], GCOORD_CRS[from], gcoord.WGS84) as [number, number];
  return [x, y];
}

/** [lon, lat] in `to` of a point given in `from` (any pair of the three systems). */
export function convert(lon: number, lat: number, from: Crs, to: Crs): [number, number] {
  if (from === to || !Number.isFinite(lon) || !Number.isFinite(lat) || (to === 'wgs84' && !invertsSafely(lon, lat))) return [lon, lat];
  const [x, y] = gcoord.transform([lon, lat], GCOORD_CRS[from], GCOORD_CRS[to]) as [number, number];
  return [x, y];
}

/** [lon, lat] in `to` of a WGS-84 point (to write test files and to re-check a hypothesis). */
export function fromWgs84(lon: number, lat: number, to: Crs): [number, number] {
  if (to === 'wgs84' || !Number.isFinite(lon) || !Number.isFinite(lat)) return [lon, lat];
  const [x, y] = gcoord.transform([lon, lat], gcoord.WGS84, GCOORD_CRS[to]) as [number, number];
  return [x, y];
}
