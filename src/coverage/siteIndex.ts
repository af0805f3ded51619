/**
 * A spatial index over a site list (kdbush: a static k-d tree over two flat arrays), for what the
 * pointer asks of 200,000 sites on every mouse move: which marker is under it, and which site serves
 * the ground beneath it. A linear scan of 200,000 sites costs tens of milliseconds a move; the
 * index answers in microseconds and is built once per list (a few tens of milliseconds, on the
 * first question after an edit: lists are never changed in place, so the list is the cache key).
 */
import KDBush from 'kdbush';
import { servingSite, type Located, type ServingSite } from './nearest';

/** Kilometres per degree of latitude, at least (the meridian is shortest per degree at the equator). */
const KM_PER_DEG_LAT_MIN = 110.57;
const KM_PER_DEG_LON_EQ = 111.33;

export class SiteIndex<T extends Located> {
  private readonly tree: KDBush | null;

  constructor(readonly sites: readonly T[]) {
    if (sites.length === 0) {
      this.tree = null;
      return;
    }
    const tree = new KDBush(sites.length);
    for (const s of sites) tree.add(s.lon, s.lat);
    this.tree = tree.finish();
  }

  /** The sites inside a lon/lat box. */
  within(west: number, south: number, east: number, north: number): T[] {
    if (!this.tree) return [];
    return this.tree.range(west, south, east, north).map((i) => this.sites[i]!);
  }

  /** The sites within `km` of (lon, lat), and maybe a few more (a box around the circle). */
  near(lon: number, lat: number, km: number): T[] {
    const dLat = (km / KM_PER_DEG_LAT_MIN) * 1.001;
    const far = Math.min(89.9, Math.abs(lat) + dLat);
    const dLon = Math.min(180, (km / (KM_PER_DEG_LON_EQ * Math.cos((far * Math.PI) / 180))) * 1.001);
    return this.within(lon - dLon, lat - dLat, lon + dLon, lat + dLat);
  }

  /**
   * What `servingSite` (./nearest.ts) answers over the whole list — the least distance in units of
   * the radius serving this ground, ties to the nearer — from the sites near the point: a site
   * beyond `r` km has a ratio above r / (the largest radius), so once the best found is at most
   * that, none outside can beat it; else the search widens.
   * @param maxKm the largest radius `radiusKmOf` gives any site (null when no site's side counts).
   */
  serving(lon: number, lat: number, radiusKmOf: (site: T) => number | null, maxKm: number | null): ServingSite<T> | null {
    if (this.sites.length === 0) return null;
    for (let km = Math.max(0.5, maxKm ?? 0.5); ; km *= 2) {
      const found = servingSite(this.near(lon, lat, km), lon, lat, radiusKmOf);
      if (found && isSettled(found, km, maxKm)) return found;
      // The box covers the earth: every site was a candidate.
      if (km > 20_100) return found;
    }
  }
}

/**
 * Whether no site beyond `km` can serve better than `found`. One with a radius: every site out
 * there has a ratio above km / maxKm. One without (its side is not counted): only when no site
 * has a radius at all, and it is the nearest (within km).
 */
function isSettled<T>(found: ServingSite<T>, km: number, maxKm: number | null): boolean {
  if (found.radiusM !== null) return maxKm !== null && found.distanceM / found.radiusM <= km / maxKm;
  return maxKm === null && found.distanceM <= km * 1000;
}

const indexes = new WeakMap<readonly Located[], SiteIndex<Located>>();

/** The index of a list, made on first use and kept while the list lives. */
export function siteIndexOf<T extends Located>(sites: readonly T[]): SiteIndex<T> {
  let index = indexes.get(sites) as SiteIndex<T> | undefined;
  if (!index) indexes.set(sites, (index = new SiteIndex(sites)));
  return index;
}
