/**
 * The difference of two scenarios' coverage. Checked against (1) the lens formula, worked by hand for
 * two equal discs, and (2) the engine's own covered areas: coveredA − coveredB must equal
 * onlyA − onlyB on each ground, and the painted picture must mark exactly the texels whose cell is
 * covered by one only.
 */
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { buildGrid, insideRingAt } from '../../src/coverage/grid';
import { CoverageEngine } from '../../src/coverage/engine';
import { differenceBreakdown, regionDifference } from '../../src/coverage/difference';
import { paintTile, pictureTiles } from '../../src/coverage/picture';
import { TURF_SPHERE } from '../../src/coverage/projection';

// A 12 km square around (121.5, 31.0), with the "Outer Ring" as its western half.
const LON0 = 121.5, LAT0 = 31.0;
const DLON = 6 / (111.195 * Math.cos((LAT0 * Math.PI) / 180)); // ≈ 6 km in longitude
const DLAT = 6 / 111.195;
const square = (w: number, e: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[w, LAT0 - DLAT], [e, LAT0 - DLAT], [e, LAT0 + DLAT], [w, LAT0 + DLAT], [w, LAT0 - DLAT]]],
});
const grid = buildGrid(
  { districts: [{ id: 'sq', geometry: square(LON0 - DLON, LON0 + DLON) }], outerRing: [square(LON0 - 2 * DLON, LON0)] },
  { cellM: 25, earth: TURF_SPHERE },
);
const kmEast = (km: number) => LON0 + km / (111.195 * Math.cos((LAT0 * Math.PI) / 180));

/** Area (km²) of the lens of two discs of radius r at distance d (hand formula). */
function lens(r: number, d: number): number {
  return 2 * r * r * Math.acos(d / (2 * r)) - (d / 2) * Math.sqrt(4 * r * r - d * d);
}

function engineWith(sites: Array<{ id: string; lon: number; lat: number; radiusKm?: number }>) {
  const e = new CoverageEngine(grid, { maxDistanceM: 1500 });
  e.setSites(sites);
  return e;
}

describe('coverage difference', () => {
  // Both discs east of the ring (outside part), 1 km apart, radius 1 km.
  const a = engineWith([{ id: 'a', lon: kmEast(2), lat: LAT0 }]);
  const b = engineWith([{ id: 'b', lon: kmEast(3), lat: LAT0 }]);
  const rule = { insideKm: 0.9, outsideKm: 1 };

  it('two discs 1 km apart: each covers π − lens alone (hand-worked), within 1 %', () => {
    const d = regionDifference(grid, grid.study, a.coverTest(rule), b.coverTest(rule)).polygon;
    const expected = Math.PI - lens(1, 1); // 1.9132 km²
    expect(expected).toBeCloseTo(1.9132, 3);
    expect(Math.abs(d.onlyAKm2 - expected) / expected).toBeLessThan(0.01);
    expect(Math.abs(d.onlyBKm2 - expected) / expected).toBeLessThan(0.01);
  });

  it('covered(A) − covered(B) equals onlyA − onlyB for sets straddling the ring, own radii included', () => {
    const sitesA = [{ id: 'p', lon: kmEast(-0.5), lat: LAT0 }, { id: 'q', lon: kmEast(-3), lat: LAT0 + 0.02, radiusKm: 1.3 }];
    const sitesB = [{ id: 'p', lon: kmEast(0.4), lat: LAT0 - 0.005 }];
    const ea = engineWith(sitesA);
    const eb = engineWith(sitesB);
    const d = differenceBreakdown(grid, ea.coverTest(rule), eb.coverTest(rule));
    for (const ground of ['land', 'polygon'] as const) {
      const ca = ea.coverage('all', rule)[ground].coveredKm2;
      const cb = eb.coverage('all', rule)[ground].coveredKm2;
      expect(d.all[ground].onlyAKm2 - d.all[ground].onlyBKm2).toBeCloseTo(ca - cb, 9);
      expect(d.districts.sq![ground].onlyAKm2).toBeCloseTo(d.all[ground].onlyAKm2, 9);
    }
    // Against itself: no difference at all.
    const same = regionDifference(grid, grid.study, ea.coverTest(rule), ea.coverTest(rule));
    expect(same).toEqual({ land: { onlyAKm2: 0, onlyBKm2: 0 }, polygon: { onlyAKm2: 0, onlyBKm2: 0 } });
    expect(d.all.polygon.onlyAKm2).toBeGreaterThan(1);
  });

  it('the picture marks exactly the cells covered by one scenario only', () => {
    const A = [1, 2, 3, 4] as const;
    const B = [5, 6, 7, 8] as const;
    let nA = 0, nB = 0, wrong = 0;
    const da = a.distanceField(), db = b.distanceField();
    for (const tile of pictureTiles(grid)) {
      const img = paintTile(grid, tile, { mode: 'difference', ground: 'polygon', a: a.coverTest(rule), b: b.coverTest(rule), onlyA: A, onlyB: B });
      for (let j = 0; j < tile.height; j++) {
        for (let i = 0; i < tile.width; i++) {
          const k = (tile.r0 + j) * grid.cols + tile.c0 + i;
          const p = (tile.height - 1 - j) * tile.width + i; // image rows run north → south
          const r = grid.district[k] === 0 ? -1 : insideRingAt(grid, k) ? 900 : 1000;
          const want = r < 0 ? 0 : da[k]! <= r && !(db[k]! <= r) ? 1 : db[k]! <= r && !(da[k]! <= r) ? 5 : 0;
          if (img[p * 4] !== want) wrong++;
          if (img[p * 4] === 1) nA++;
          if (img[p * 4] === 5) nB++;
        }
      }
    }
    expect(wrong).toBe(0);
    expect(nA).toBeGreaterThan(100);
    expect(nB).toBeGreaterThan(100);
  });
});
