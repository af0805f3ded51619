/**
 * The hover read-out helpers: the nearest site by brute-force turf.distance, the serving site by
 * hand-worked cases, and the Outer Ring lookup against turf point-in-polygon / hand-worked answers.
 */
import { booleanPointInPolygon, destination, distance, point } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { haversineM, nearestSite, servingSite } from '../../src/coverage/nearest';
import { createServiceAreas } from '../../src/domain/serviceArea';
import { groundRadiusKm } from '../../src/domain/serviceRule';
import { outerRing as fixtureRing } from '../fixtures/checker/load';
import { data } from '../geodata/load';

const M = { units: 'meters' } as const;

/** Park–Miller PRNG. */
function prng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** Shanghai's box, roughly: 120.85–122.0 E, 30.68–31.88 N. */
const inShanghai = (rnd: () => number) => ({ lon: 120.85 + rnd() * 1.15, lat: 30.68 + rnd() * 1.2 });

function bruteNearest(sites: readonly { id: string; lon: number; lat: number }[], lon: number, lat: number) {
  let best = Infinity;
  for (const s of sites) best = Math.min(best, distance([lon, lat], [s.lon, s.lat], M));
  return best;
}

describe('nearestSite', () => {
  it('empty list → null', () => {
    expect(nearestSite([], 121.4, 31.2)).toBeNull();
  });

  it('one site: that site, at turf’s distance (hand-checked: 0.01° of latitude ≈ 1,111.95 m)', () => {
    const got = nearestSite([{ id: 'a', lon: 121.4, lat: 31.21 }], 121.4, 31.2)!;
    expect(got.site.id).toBe('a');
    // π · 6,371,008.8 m / 180 · 0.01 = 1,111.95 m
    expect(got.distanceM).toBeCloseTo((Math.PI * 6_371_008.8 * 0.01) / 180, 3);
    expect(haversineM(121.4, 31.2, 121.4, 31.21)).toBeCloseTo(distance([121.4, 31.2], [121.4, 31.21], M), 6);
  });

  it('the returned object is the caller’s own (its extra fields come along)', () => {
    const sites = [
      { id: 'a', lon: 121.40, lat: 31.20, name: 'far' },
      { id: 'b', lon: 121.45, lat: 31.23, name: 'near' },
    ];
    const got = nearestSite(sites, 121.451, 31.231)!;
    expect(got.site).toBe(sites[1]);
  });

  for (const [seed, n] of [[3, 400], [17, 1500], [123, 4000]] as const) {
    it(`${n} random sites, 500 random points: the nearest by turf (or a tie within 0.5 m), distance within 0.5 m`, () => {
      const rnd = prng(seed);
      const sites = Array.from({ length: n }, (_, i) => ({ id: `s${i}`, ...inShanghai(rnd) }));
      let tested = 0;
      const bad: string[] = [];
      for (let q = 0; q < 500; q++) {
        const { lon, lat } = inShanghai(rnd);
        const best = bruteNearest(sites, lon, lat);
        // The read-out is for a cursor near the sites it names (the city, not its far corners):
        // points whose nearest site is over 5 km away are left to the test below.
        if (best > 5000) continue;
        tested++;
        const got = nearestSite(sites, lon, lat)!;
        const trueToGot = distance([lon, lat], [got.site.lon, got.site.lat], M);
        if (trueToGot > best + 0.5) bad.push(`(${lon}, ${lat}): got ${got.site.id} at ${trueToGot} m, nearest is ${best} m`);
        if (Math.abs(got.distanceM - trueToGot) > 0.5) bad.push(`(${lon}, ${lat}): reported ${got.distanceM} m, turf ${trueToGot} m`);
      }
      expect(bad).toEqual([]);
      expect(tested).toBeGreaterThan(400);
    });
  }

  // Regression: the ranking uses exact distances (a flat-earth ranking mis-ordered far sites).
  it('a site 20 m farther to the south-east is not taken for the nearest over one due north (50 km away)', () => {
    const q: [number, number] = [121.2, 31.5];
    const north = { id: 'north', lon: q[0], lat: q[1] + 0.45 }; // ≈ 50 km due north
    const dNorth = distance(q, [north.lon, north.lat], M);
    const se = destination(q, dNorth + 20, 135, M).geometry.coordinates as [number, number];
    const southEast = { id: 'south-east', lon: se[0], lat: se[1] };
    // The construction, checked independently: the south-east site is 20 m farther.
    expect(distance(q, se, M) - dNorth).toBeCloseTo(20, 3);
    expect(nearestSite([north, southEast], q[0], q[1])!.site.id).toBe('north');
  });
});

describe('insideRing (src/domain/serviceArea.ts)', () => {
  it('the checker fixture ring (lon 121.39–121.40525, lat 31.09–31.12): hand-worked answers', () => {
    const { insideRing } = createServiceAreas(fixtureRing.features as unknown as Feature<Polygon>[]);
    const cases: [number, number, boolean][] = [
      [121.395, 31.1, true],
      [121.405, 31.119, true],
      [121.4055, 31.1, false], // just east of the edge
      [121.395, 31.121, false], // just north
      [121.38, 31.1, false],
      [121.4, 31.08, false],
      [121.39, 31.1, true], // on the west edge: the boundary counts as inside
    ];
    for (const [lon, lat, want] of cases) expect(insideRing(lon, lat), `${lon}, ${lat}`).toBe(want);
  });

  it('the shipped Outer Ring area: same answers as turf booleanPointInPolygon on 600 random points', () => {
    const ring = data<Polygon | MultiPolygon>('outer-ring-area.geojson').features as Feature<Polygon | MultiPolygon>[];
    const { insideRing } = createServiceAreas(ring);
    const rnd = prng(42);
    let inside = 0;
    for (let i = 0; i < 600; i++) {
      // a box around the ring (≈ 121.25–121.75 E, 31.05–31.40 N), with margin
      const p = { lon: 121.2 + rnd() * 0.6, lat: 31.0 + rnd() * 0.45 };
      const want = ring.some((f) => booleanPointInPolygon(point([p.lon, p.lat]), f));
      expect(insideRing(p.lon, p.lat), `${p.lon}, ${p.lat}`).toBe(want);
      if (want) inside++;
    }
    expect(inside).toBeGreaterThan(100);
    expect(inside).toBeLessThan(500);
    // People's Square is inside the Outer Ring, Songjiang new town is not.
    expect(insideRing(121.4737, 31.2304)).toBe(true);
    expect(insideRing(121.2236, 31.0307)).toBe(false);
  });
});

describe('servingSite: the site that serves a point best, by the radius it serves that ground with', () => {
  const q: [number, number] = [121.45, 31.1];
  const at = (km: number, bearing: number) => destination(q, km, bearing, { units: 'kilometers' }).geometry.coordinates as [number, number];
  const rule = { insideKm: 0.9, outsideKm: 1.5 };

  it('hand-worked: a rule site 1.0 km away does not serve inside the ring (0.9 km) but does outside (1.5 km)', () => {
    const [lon, lat] = at(1.0, 90);
    const sites: Array<{ id: string; lon: number; lat: number; radiusKm?: number }> = [{ id: 'a', lon, lat }];
    const inside = servingSite(sites, q[0], q[1], (s) => groundRadiusKm(rule, 'inside', s.radiusKm))!;
    expect(inside.distanceM).toBeCloseTo(1000, 0);
    expect(inside.radiusM).toBe(900);
    const outside = servingSite(sites, q[0], q[1], (s) => groundRadiusKm(rule, 'outside', s.radiusKm))!;
    expect(outside.radiusM).toBe(1500);
  });

  it('hand-worked: a farther site with its own 3 km radius serves better (2 / 3) than a nearer rule site (0.8 / 0.9)', () => {
    const [l1, b1] = at(0.8, 0);
    const [l2, b2] = at(2.0, 200);
    const sites = [
      { id: 'near', lon: l1, lat: b1 },
      { id: 'hub', lon: l2, lat: b2, radiusKm: 3 },
    ];
    const best = servingSite(sites, q[0], q[1], (s) => groundRadiusKm(rule, 'inside', s.radiusKm))!;
    expect(best.site.id).toBe('hub');
    expect(best.distanceM).toBeCloseTo(2000, 0);
    expect(best.radiusM).toBe(3000);
    // A side the rule leaves out is not served, own radius or not: the nearest site, no radius.
    const none = servingSite(sites, q[0], q[1], (s) => groundRadiusKm({ insideKm: null, outsideKm: 1.5 }, 'inside', s.radiusKm))!;
    expect(none.site.id).toBe('near');
    expect(none.radiusM).toBeNull();
    expect(servingSite([], q[0], q[1], () => 1)).toBeNull();
  });
});
