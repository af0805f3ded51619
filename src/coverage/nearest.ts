/**
 * The nearest site to a point, by great-circle distance (haversine on the mean-radius sphere, the
 * same model as turf), for the map's hover read-out. A linear scan: 10,000 sites take about a
 * millisecond; for 200,000 the read-out asks ./siteIndex.ts, which answers the same from the sites
 * near the point (and is checked against this scan).
 */
import { haversineM, type Located } from '../domain/geodesy';

export { haversineM, type Located } from '../domain/geodesy';

/** The nearest of `sites` to (lon, lat) and its distance in metres; null for an empty list. */
export function nearestSite<T extends Located>(sites: readonly T[], lon: number, lat: number): { site: T; distanceM: number } | null {
  // Exact distance for every site: a flat-earth ranking mis-orders sites tens of km away (tens of
  // metres of error), and haversine over 10,000 sites still costs well under a millisecond.
  let best: T | null = null;
  let bestM = Infinity;
  for (const s of sites) {
    const d = haversineM(lon, lat, s.lon, s.lat);
    if (d < bestM) {
      bestM = d;
      best = s;
    }
  }
  return best ? { site: best, distanceM: bestM } : null;
}

export interface ServingSite<T> {
  site: T;
  /** Great-circle distance to the site (m). */
  distanceM: number;
  /** The radius (m) that site serves this ground with (its own, or the rule's for the ground's side); null when the side is not counted. */
  radiusM: number | null;
}

/**
 * The site that serves (lon, lat) best under the rule — the least distance in units of the radius
 * that site serves this ground with (src/domain/serviceRule.ts): the nearest site when no site has
 * its own radius. The point is covered when `distanceM ≤ radiusM`. Null for an empty list; when the
 * ground's side is not counted, the nearest site with `radiusM: null`.
 */
export function servingSite<T extends Located & { radiusKm?: number | undefined }>(
  sites: readonly T[],
  lon: number,
  lat: number,
  radiusKmOf: (site: T) => number | null,
): ServingSite<T> | null {
  let best: ServingSite<T> | null = null;
  let bestRatio = Infinity;
  for (const s of sites) {
    const km = radiusKmOf(s);
    const d = haversineM(lon, lat, s.lon, s.lat);
    const ratio = km === null ? Infinity : d / (km * 1000);
    if (ratio < bestRatio || (ratio === bestRatio && (best === null || d < best.distanceM))) {
      bestRatio = ratio;
      best = { site: s, distanceM: d, radiusM: km === null ? null : km * 1000 };
    }
  }
  return best;
}
