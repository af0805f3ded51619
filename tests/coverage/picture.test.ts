/**
 * The map pictures of the coverage grid (src/coverage/picture.ts), on the hand-made area in
 * tests/fixtures/coverage/small-area.geojson (a concave district with a hole, a triangle, a slanted
 * Outer Ring edge; 50 m cells on turf's sphere so that turf's distances are the grid's distances).
 *
 * Every expectation is computed here independently: tile corners by proj4's transverse Mercator,
 * cell centres and memberships by turf, nearest sites by brute-force turf.distance. Cells whose
 * centre lies so near a polygon edge that the rasterised answer may go either way, and distances
 * within a few metres of a radius, are skipped.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon, distance, lineString, point, pointToLineDistance } from '@turf/turf';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import proj4 from 'proj4';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGrid, cellCenterLonLat, type CoverageGrid } from '../../src/coverage/grid';
import { CoverageEngine, type CoverTest } from '../../src/coverage/engine';
import { TURF_SPHERE } from '../../src/coverage/projection';
import { buildRamp, isBlank, paintTile, pictureTiles, RAMP_SIZE, RAMP_STEPS_PER_RADIUS, TILE_CELLS, tilesInBox, type PictureTile } from '../../src/coverage/picture';

const CELL_M = 50;
const HALF_DIAG = (CELL_M * Math.SQRT2) / 2;
const M = { units: 'meters' } as const;

const area = JSON.parse(
  readFileSync(fileURLToPath(new URL('../fixtures/coverage/small-area.geojson', import.meta.url)), 'utf8'),
) as FeatureCollection<Polygon, { role: string; adcode?: string }>;
const districtFeatures = area.features.filter((f) => f.properties.role === 'district');
const ringFeature = area.features.find((f) => f.properties.role === 'outer-ring')!;

let grid: CoverageGrid;
let tiles: PictureTile[];
beforeAll(() => {
  grid = buildGrid(
    { districts: districtFeatures.map((f) => ({ id: f.properties.adcode!, geometry: f.geometry })), outerRing: [ringFeature.geometry] },
    { cellM: CELL_M, earth: TURF_SPHERE },
  );
  tiles = pictureTiles(grid);
});

/** Distance (m) from a point to the nearest edge of any of the polygons' rings. */
function edgeDistanceM(features: readonly Feature<Polygon>[], lonLat: Position): number {
  let best = Infinity;
  for (const f of features) for (const ring of f.geometry.coordinates) best = Math.min(best, pointToLineDistance(point(lonLat), lineString(ring), M));
  return best;
}

const centres = new Map<number, [number, number]>();
function centre(k: number): [number, number] {
  let c = centres.get(k);
  if (!c) centres.set(k, (c = cellCenterLonLat(grid, k, [0, 0]) as [number, number]));
  return c;
}

/** Each cell of the grid, with the tile and texel that draw it. */
function* texels(): Generator<{ tile: PictureTile; k: number; p: number }> {
  for (const tile of tiles) {
    for (let j = 0; j < tile.height; j++) {
      for (let i = 0; i < tile.width; i++) {
        yield { tile, k: (tile.r0 + j) * grid.cols + tile.c0 + i, p: (tile.height - 1 - j) * tile.width + i };
      }
    }
  }
}

describe('tile layout', () => {
  it('tiles hold every study cell once, at most TILE_CELLS a side, and leave out tiles with no study cell', () => {
    const seen = new Uint8Array(grid.cols * grid.rows);
    for (const { k } of texels()) seen[k]!++;
    for (const k of grid.study.cells) expect(seen[k]).toBe(1);
    for (const t of tiles) {
      expect(t.width).toBeLessThanOrEqual(TILE_CELLS);
      expect(t.height).toBeLessThanOrEqual(TILE_CELLS);
    }
    expect(Math.max(...seen)).toBe(1);
  });

  it("corners are the grid's cell corners: proj4's transverse Mercator (sphere, 121.5° E) maps them back to the millimetre", () => {
    const tm = proj4(`+proj=tmerc +lon_0=121.5 +k=1 +x_0=0 +y_0=0 +a=${TURF_SPHERE.a} +b=${TURF_SPHERE.a} +units=m +approx +no_defs`); // +approx: the spherical TM formulas (exact on a sphere)
    for (const t of tiles) {
      const want = [
        [t.c0, t.r0],
        [t.c0, t.r0 + t.height],
        [t.c0 + t.width, t.r0 + t.height],
        [t.c0 + t.width, t.r0],
      ];
      t.corners.forEach((ll, i) => {
        const [x, y] = tm.forward(ll);
        expect(Math.abs(x! - (grid.x0 + want[i]![0]! * CELL_M))).toBeLessThan(0.001);
        expect(Math.abs(y! - (grid.y0 + want[i]![1]! * CELL_M))).toBeLessThan(0.001);
      });
    }
  });

  it('tilesInBox: exactly the tiles a cell box touches', () => {
    const box = { c0: 3, c1: 5, r0: 2, r1: 2 };
    expect(tilesInBox(tiles, box).map((t) => t.id)).toEqual(tiles.filter((t) => t.c0 <= 5 && t.c0 + t.width > 3 && t.r0 <= 2 && t.r0 + t.height > 2).map((t) => t.id));
    expect(tilesInBox(tiles, { c0: grid.cols + 5, c1: grid.cols + 9, r0: 0, r1: 1 })).toEqual([]);
  });
});

/** Park–Miller PRNG. */
function prng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

describe('painting', () => {
  const rnd = prng(31);
  const sites = Array.from({ length: 8 }, (_, i) => ({ id: `s${i}`, lon: 121.4 + rnd() * 0.08, lat: 31.1 + rnd() * 0.05 }));
  // Two of them carry their own radius: 0.5 km and 1.2 km, on either side of the ring.
  const own = new Map([
    ['s2', 0.5],
    ['s5', 1.2],
  ]);
  const CAP_M = 1500;
  let engine: CoverageEngine;
  const ruleNear = new Map<number, number>();
  const ownNear = new Map<number, number>();
  const ringSide = new Map<number, 'inside' | 'outside' | 'unsure'>();

  beforeAll(() => {
    engine = new CoverageEngine(grid, { maxDistanceM: CAP_M, ownCapRatio: 2 });
    engine.setSites(sites.map((s) => ({ ...s, ...(own.has(s.id) ? { radiusKm: own.get(s.id)! } : {}) })));
  });

  /** Brute force by turf: distance (m) to the nearest rule site, and the least d / r over own-radius sites. */
  function brute(k: number): { d: number; ratio: number } {
    if (!ruleNear.has(k)) {
      const c = centre(k);
      ruleNear.set(k, Math.min(...sites.filter((s) => !own.has(s.id)).map((s) => distance(c, [s.lon, s.lat], M))));
      ownNear.set(k, Math.min(...sites.filter((s) => own.has(s.id)).map((s) => distance(c, [s.lon, s.lat], M) / (own.get(s.id)! * 1000))));
    }
    return { d: ruleNear.get(k)!, ratio: ownNear.get(k)! };
  }

  /** Which ring part cell k is in, by turf at its centre; unsure within a half-diagonal of the ring edge. */
  function sideOf(k: number): 'inside' | 'outside' | 'unsure' {
    let side = ringSide.get(k);
    if (side === undefined) {
      const c = centre(k);
      if (edgeDistanceM([ringFeature], c) <= HALF_DIAG + 1) side = 'unsure';
      else side = booleanPointInPolygon(point(c), ringFeature) ? 'inside' : 'outside';
      ringSide.set(k, side);
    }
    return side;
  }
  /** Whether cell k is in the study area, by turf (null near an edge). */
  function inStudy(k: number): boolean | null {
    const c = centre(k);
    if (edgeDistanceM(districtFeatures, c) <= HALF_DIAG + 1) return null;
    return districtFeatures.some((f) => booleanPointInPolygon(point(c), f));
  }
  const radiiOf = (k: number, rule: { insideM: number; outsideM: number }): number[] => {
    const side = sideOf(k);
    return side === 'inside' ? [rule.insideM] : side === 'outside' ? [rule.outsideM] : [rule.insideM, rule.outsideM];
  };
  const texel = (img: Uint8ClampedArray, p: number) => Array.from(img.subarray(p * 4, p * 4 + 4)).join();
  const testOf = (rule: { insideM: number; outsideM: number }): CoverTest =>
    engine.coverTest({ insideKm: rule.insideM < 0 ? null : rule.insideM / 1000, outsideKm: rule.outsideM < 0 ? null : rule.outsideM / 1000 });

  for (const rule of [
    { insideM: 900, outsideM: 1500 },
    { insideM: 400, outsideM: 1000 },
    { insideM: -1, outsideM: 900 },
    { insideM: 700, outsideM: -1 },
  ]) {
    it(`gaps ${JSON.stringify(rule)}: painted exactly where no site serves the cell (rule radius of its side, or an own radius)`, () => {
      const colour = [200, 30, 60, 180] as const;
      const painter = { mode: 'gaps', ground: 'polygon', test: testOf(rule), colour } as const;
      const images = new Map(tiles.map((t) => [t.id, paintTile(grid, t, painter)]));
      let painted = 0;
      let clear = 0;
      const bad: string[] = [];
      for (const { tile, k, p } of texels()) {
        const got = texel(images.get(tile.id)!, p);
        const study = inStudy(k);
        if (study === null) continue;
        if (!study) {
          if (got !== '0,0,0,0') bad.push(`cell ${k} outside the study area is ${got}`);
          continue;
        }
        const { d, ratio } = brute(k);
        if (Math.abs(ratio - 1) < 0.005) continue;
        const verdicts = radiiOf(k, rule).map((r) => {
          if (r < 0) return 'clear'; // the rule leaves this part out
          if (ratio < 1) return 'clear';
          if (Math.abs(d - r) <= 5) return 'skip';
          return d > r ? 'painted' : 'clear';
        });
        if (verdicts.includes('skip') || new Set(verdicts).size > 1) continue;
        const want = verdicts[0] === 'painted' ? colour.join() : '0,0,0,0';
        if (got !== want) bad.push(`cell ${k}, nearest ${d} m, own ratio ${ratio}: ${got}, want ${want}`);
        if (verdicts[0] === 'painted') painted++;
        else clear++;
      }
      expect(bad.slice(0, 5)).toEqual([]);
      expect(painted).toBeGreaterThan(200);
      expect(clear).toBeGreaterThan(200);
    });
  }

  it('a reused buffer is cleared first; a tile with nothing to show is blank', () => {
    const painter = { mode: 'gaps', ground: 'polygon', test: testOf({ insideM: 900, outsideM: 1500 }), colour: [1, 2, 3, 4] } as const;
    const want = paintTile(grid, tiles[0]!, painter);
    const dirty = new Uint8ClampedArray(want.length).fill(77);
    const got = paintTile(grid, tiles[0]!, painter, dirty);
    expect(got).toBe(dirty);
    expect(got).toEqual(want);
    expect(isBlank(new Uint8ClampedArray(16))).toBe(true);
    expect(isBlank(Uint8ClampedArray.from([0, 0, 0, 0, 0, 0, 0, 1]))).toBe(false);
  });

  /** A ramp whose every entry is distinct (red = index), so the index can be read back. */
  const ramp = new Uint8ClampedArray(RAMP_SIZE * 4);
  for (let i = 0; i < RAMP_SIZE; i++) ramp.set([i, 255 - i, (i * 37) % 256, 100 + (i % 100)], i * 4);

  for (const rule of [
    { insideM: 600, outsideM: 700 },
    { insideM: 900, outsideM: 1500 },
    { insideM: 500, outsideM: -1 },
  ]) {
    it(`distance ${JSON.stringify(rule)}: ramp entry floor(min(d / r, own d / r) · 100), capped at 2 radii, last entry beyond the caps`, () => {
      const painter = { mode: 'distance', ground: 'polygon', test: testOf(rule), ramp } as const;
      const images = new Map(tiles.map((t) => [t.id, paintTile(grid, t, painter)]));
      const seen = new Set<number>();
      let checked = 0;
      const bad: string[] = [];
      for (const { tile, k, p } of texels()) {
        const got = texel(images.get(tile.id)!, p);
        const study = inStudy(k);
        if (study === null) continue;
        if (!study) {
          if (got !== '0,0,0,0') bad.push(`cell ${k} outside the study area is ${got}`);
          continue;
        }
        const { d, ratio } = brute(k);
        if (Math.abs(d - CAP_M) <= 0.05 || Math.abs(ratio - 2) < 1e-4) continue;
        const expected = radiiOf(k, rule).map((r) => {
          if (r < 0) return -1; // transparent
          const x = Math.min(d > CAP_M ? Infinity : d / r, ratio > 2 ? Infinity : ratio);
          if (x === Infinity) return RAMP_SIZE - 1;
          const idx = x * RAMP_STEPS_PER_RADIUS;
          if (Math.abs(idx - Math.round(idx)) < 0.01) return NaN; // on a step boundary: skip
          return Math.min(2 * RAMP_STEPS_PER_RADIUS, Math.floor(idx));
        });
        if (expected.some(Number.isNaN) || new Set(expected).size > 1) continue;
        const i = expected[0]!;
        const want = i < 0 ? '0,0,0,0' : Array.from(ramp.subarray(i * 4, i * 4 + 4)).join();
        if (got !== want) bad.push(`cell ${k}, nearest ${d} m, own ${ratio}: ${got}, want entry ${i} = ${want}`);
        seen.add(i);
        checked++;
      }
      expect(bad.slice(0, 5)).toEqual([]);
      expect(checked).toBeGreaterThan(5000);
      expect(seen.size).toBeGreaterThan(100);
      if (rule.outsideM === -1) expect(seen.has(-1)).toBe(true);
    });
  }

  it('with no site every study cell gets the last ("nothing within reach") entry', () => {
    const painter = { mode: 'distance', ground: 'polygon', test: { dist: null, own: null, insideM: 900, outsideM: 1500 }, ramp } as const;
    const last = Array.from(ramp.subarray((RAMP_SIZE - 1) * 4)).join();
    let n = 0;
    for (const tile of tiles) {
      const img = paintTile(grid, tile, painter);
      for (let j = 0; j < tile.height; j++) {
        for (let i = 0; i < tile.width; i++) {
          const k = (tile.r0 + j) * grid.cols + tile.c0 + i;
          const got = texel(img, (tile.height - 1 - j) * tile.width + i);
          if (grid.district[k] === 0) expect(got).toBe('0,0,0,0');
          else {
            expect(got).toBe(last);
            n++;
          }
        }
      }
    }
    expect(n).toBe(grid.study.cells.length);
  });

  it('buildRamp interpolates between stops and ends with the "none" colour', () => {
    const r = buildRamp(
      [
        [0, [0, 0, 0, 0]],
        [2, [200, 100, 50, 250]],
      ],
      [9, 9, 9, 9],
    );
    expect(Array.from(r.subarray(0, 4))).toEqual([0, 0, 0, 0]);
    expect(Array.from(r.subarray(100 * 4, 100 * 4 + 4))).toEqual([100, 50, 25, 125]);
    expect(Array.from(r.subarray((RAMP_SIZE - 1) * 4))).toEqual([9, 9, 9, 9]);
  });
});

describe('tiles on the map', () => {
  it("a tile drawn as a quad of two triangles on Web Mercator (deck.gl's BitmapLayer) strays ≤ 10 m from the grid over the whole city (measured 4.0 m)", async () => {
    const { data } = await import('../geodata/load');
    const { gridSourcesFrom } = await import('../../src/coverage/engine');
    const city = buildGrid(gridSourcesFrom(data('districts.geojson') as never), { cellM: 50 });
    const R = 6378137;
    const merc = (lon: number, lat: number) => [(R * lon * Math.PI) / 180, R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))] as const;
    let worst = 0;
    const ll = [0, 0];
    for (const t of pictureTiles(city)) {
      const [bl, tl, tr, br] = t.corners.map(([lon, lat]) => merc(lon, lat));
      for (let j = 0; j <= t.height; j += 8) {
        for (let i = 0; i <= t.width; i += 8) {
          const u = i / t.width;
          const v = j / t.height;
          // Triangles (BL, TL, TR) and (BL, TR, BR), affine on each.
          const p =
            v >= u
              ? [bl![0] + v * (tl![0] - bl![0]) + u * (tr![0] - tl![0]), bl![1] + v * (tl![1] - bl![1]) + u * (tr![1] - tl![1])]
              : [bl![0] + u * (br![0] - bl![0]) + v * (tr![0] - br![0]), bl![1] + u * (br![1] - bl![1]) + v * (tr![1] - br![1])];
          city.projection.inverse(city.x0 + (t.c0 + i) * city.cellM, city.y0 + (t.r0 + j) * city.cellM, ll);
          const q = merc(ll[0]!, ll[1]!);
          worst = Math.max(worst, Math.hypot(p[0]! - q[0], p[1]! - q[1]) * Math.cos((ll[1]! * Math.PI) / 180));
        }
      }
    }
    expect(worst).toBeGreaterThan(0.5);
    expect(worst).toBeLessThan(10);
  });
});
