import { describe, expect, it } from 'vitest';
import { filterAll } from '../../src/domain/incrementalFilter';
import { reachesBox } from '../../src/map/sitesInView';
import type { LonLatBox } from '../../src/map/viewBounds';

/** The sites the map draws for a view box (as useFacilityLayers filters them). */
function sitesInView<T extends { lon: number; lat: number }>(sites: readonly T[], box: LonLatBox | null, reachKm?: (site: T) => number): readonly T[] {
  return box ? filterAll(sites, reachesBox(box, reachKm)) : sites;
}

const box: [number, number, number, number] = [121.4, 31.1, 121.5, 31.2];
const at = (id: string, lon: number, lat: number, radiusKm?: number) => ({ id, lon, lat, radiusKm });

describe('sites in view', () => {
  it('keeps the same list when every site is in the box, or there is no box', () => {
    const sites = [at('a', 121.45, 31.15), at('b', 121.41, 31.19)];
    expect(sitesInView(sites, box)).toBe(sites);
    expect(sitesInView(sites, null)).toBe(sites);
  });

  it('keeps a site outside the box whose reach meets it, and drops one whose reach does not', () => {
    // 0.01° of longitude at 31.15°N is 111.32 × cos(31.15°) × 0.01 = 0.953 km (hand-worked).
    const near = at('near', 121.51, 31.15); // 0.953 km east of the box
    const far = at('far', 121.53, 31.15); // 2.86 km east
    const own = at('own', 121.6, 31.15, 10); // 9.5 km east, but serves 10 km
    const sites = [near, far, own];
    expect(sitesInView(sites, box).map((s) => s.id)).toEqual([]);
    expect(sitesInView(sites, box, (s) => s.radiusKm ?? 1).map((s) => s.id)).toEqual(['near', 'own']);
    expect(sitesInView(sites, box, (s) => s.radiusKm ?? 0.9).map((s) => s.id)).toEqual(['own']);
    // North of the box: 0.005° of latitude is 0.557 km.
    expect(sitesInView([at('n', 121.45, 31.205)], box, () => 0.6).map((s) => s.id)).toEqual(['n']);
    expect(sitesInView([at('n', 121.45, 31.205)], box, () => 0.5).map((s) => s.id)).toEqual([]);
  });
});
