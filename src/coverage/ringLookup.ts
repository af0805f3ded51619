/**
 * Whether a site lies inside the Outer Ring — it decides which radius of a two-part rule (0.9 km
 * inside / 1.5 km outside) a site's coverage circle has. Answers are kept per site object (sites are
 * immutable values), so only a moved or new site is tested again.
 */
import { containsPoint, type AreaFeature } from '../domain/scopes';

export function createRingLookup(ring: readonly AreaFeature[]): (site: { lon: number; lat: number }) => boolean {
  const known = new WeakMap<object, boolean>();
  return (site) => {
    let inside = known.get(site);
    if (inside === undefined) {
      inside = ring.some((f) => containsPoint(f, site.lon, site.lat));
      known.set(site, inside);
    }
    return inside;
  };
}
