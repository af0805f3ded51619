/**
 * The sites worth drawing for a view box: with 200,000 sites, drawing every marker and service area
 * on every frame is what makes a pan or a drag crawl in software WebGL, while a street-level view
 * shows a few hundred. The numbers never use this: the coverage engine counts every site.
 */
import type { LonLatBox } from './viewBounds';

/** Above this many service areas within reach of the view they are not drawn (the picture still shades coverage). */
export const MAX_DRAWN_AREAS = 5_000;

interface Located {
  lon: number;
  lat: number;
}

/** Whether a site's reach (`reachKm`, 0 for the marker alone) meets the box. */
export function reachesBox<T extends Located>(box: LonLatBox, reachKm: (site: T) => number = () => 0): (site: T) => boolean {
  const [w, s, e, n] = box;
  const cosLat = Math.cos((((s + n) / 2) * Math.PI) / 180);
  return (site) => {
    const km = reachKm(site);
    const dLat = km / 111.32;
    const dLon = km / (111.32 * Math.max(0.1, cosLat));
    return site.lon + dLon >= w && site.lon - dLon <= e && site.lat + dLat >= s && site.lat - dLat <= n;
  };
}
