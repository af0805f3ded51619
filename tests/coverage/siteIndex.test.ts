/**
 * The site index (src/coverage/siteIndex.ts) answers exactly what a scan of every site answers
 * (src/coverage/nearest.ts servingSite, written apart): same site, same distance, for points near
 * and far, with rule radii, own radii from 10 m to 50 km, sides not counted, and no radius at all.
 */
import { describe, expect, it } from 'vitest';
import { SiteIndex, siteIndexOf } from '../../src/coverage/siteIndex';
import { servingSite } from '../../src/coverage/nearest';

interface S {
  id: number;
  lon: number;
  lat: number;
  radiusKm?: number;
}

function sites(n: number, seed: number, ownShare: number): S[] {
  let x = seed;
  const r = () => (x = (x * 48271) % 2147483647) / 2147483647;
  return Array.from({ length: n }, (_, id) => {
    const s: S = { id, lon: 121.2 + r() * 0.6, lat: 30.9 + r() * 0.5 };
    if (r() < ownShare) s.radiusKm = 0.01 + r() ** 3 * 50;
    return s;
  });
}

const rules: Record<string, (s: S) => number | null> = {
  'rule 0.9 km, own radius first': (s) => s.radiusKm ?? 0.9,
  'side not counted but own radius': (s) => s.radiusKm ?? null,
  'no radius at all (nearest)': () => null,
};

describe('site index', () => {
  for (const [name, radiusKmOf] of Object.entries(rules)) {
    it(`serves as a scan does: ${name}`, () => {
      const list = sites(5_000, 7, 0.02);
      const index = new SiteIndex(list);
      const radii = list.map(radiusKmOf).filter((k): k is number => k !== null);
      const maxKm = radii.length ? Math.max(...radii) : null;
      let x = 11;
      const r = () => (x = (x * 48271) % 2147483647) / 2147483647;
      for (let i = 0; i < 400; i++) {
        // Inside the sites' spread and well outside it (up to ~1°, 100 km away).
        const lon = 120.6 + r() * 1.8;
        const lat = 30.4 + r() * 1.5;
        const want = servingSite(list, lon, lat, radiusKmOf);
        const got = index.serving(lon, lat, radiusKmOf, maxKm);
        expect(got?.site.id).toBe(want?.site.id);
        expect(got?.distanceM).toBe(want?.distanceM);
        expect(got?.radiusM).toBe(want?.radiusM);
      }
    });
  }

  it('finds the sites in a box as a filter does, and is made once per list', () => {
    const list = sites(20_000, 3, 0);
    const box = [121.4, 31.1, 121.45, 31.13] as const;
    const want = list.filter((s) => s.lon >= box[0] && s.lon <= box[2] && s.lat >= box[1] && s.lat <= box[3]).map((s) => s.id);
    expect(siteIndexOf(list).within(...box).map((s) => s.id).sort((a, b) => a - b)).toEqual(want);
    expect(want.length).toBeGreaterThan(50);
    expect(siteIndexOf(list)).toBe(siteIndexOf(list));
    expect(new SiteIndex([]).serving(121, 31, () => 1, 1)).toBeNull();
  });
});
