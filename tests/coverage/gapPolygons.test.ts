/**
 * Gap polygons: the outline tracer on hand-drawn and random cell masks (checked cell by cell with
 * turf's point-in-polygon and a shoelace area written here), then the real thing — the sample's
 * charging sites over Minhang and Chongming — against the engine's uncovered km² (turf.area of the
 * exported polygons) and an independent haversine distance check of points inside and outside the
 * polygons. Plus a hand-worked square with one site, whose gap is 9 − π km².
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { area, booleanPointInPolygon, lineString, kinks, pointToLineDistance, polygonToLine } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGrid, type CoverageGrid } from '../../src/coverage/grid';
import { CoverageEngine, gridSourcesFrom, type CoverageRule } from '../../src/coverage/engine';
import { TURF_SPHERE } from '../../src/coverage/projection';
import { gapFeatureCollection, gapPolygons, traceCells, type TracedPolygon } from '../../src/coverage/gapPolygons';
import { data, type AreaFeature } from '../geodata/load';

/** Twice the signed shoelace area of a closed ring. */
function ringArea2(ring: ReadonlyArray<readonly number[]>): number {
  let a = 0;
  for (let m = 0; m + 1 < ring.length; m++) a += ring[m]![0]! * ring[m + 1]![1]! - ring[m + 1]![0]! * ring[m]![1]!;
  return a;
}

function maskOf(rows: string[]): { mask: Uint8Array; cols: number; rows: number } {
  // Drawn north-up (first string is the top row); the mask's row 0 is the south.
  const h = rows.length;
  const w = rows[0]!.length;
  const mask = new Uint8Array(w * h);
  rows.forEach((line, r) => [...line].forEach((ch, c) => (mask[(h - 1 - r) * w + c] = ch === '#' ? 1 : 0)));
  return { mask, cols: w, rows: h };
}

/** Every structural rule of a valid traced result, and cell-by-cell agreement with the mask. */
function expectFaithful(polys: TracedPolygon[], mask: Uint8Array, cols: number, rows: number): void {
  let total2 = 0;
  for (const poly of polys) {
    poly.forEach((ring, r) => {
      expect(ring.length).toBeGreaterThanOrEqual(5);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      const inner = ring.slice(0, -1).map((p) => p.join(','));
      expect(new Set(inner).size, 'a ring repeats a vertex').toBe(inner.length);
      expect(kinks(lineString(ring)).features, 'a ring crosses itself').toEqual([]);
      const a2 = ringArea2(ring);
      // RFC 7946: shells counter-clockwise, holes clockwise.
      if (r === 0) expect(a2).toBeGreaterThan(0);
      else expect(a2).toBeLessThan(0);
      total2 += a2;
    });
  }
  expect(total2 / 2).toBe(mask.reduce((n, v) => n + v, 0));
  const features: Feature<Polygon>[] = polys.map((p) => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: p } }));
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      const hits = features.filter((f) => booleanPointInPolygon([i + 0.5, j + 0.5], f)).length;
      expect(hits, `cell ${i},${j}`).toBe(mask[j * cols + i]);
    }
  }
}

describe('traceCells on drawn masks', () => {
  it('one cell: one counter-clockwise square', () => {
    const { mask, cols, rows } = maskOf(['#']);
    expect(traceCells(mask, cols, rows)).toEqual([[[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]]);
  });

  it('a frame of cells: one shell with one hole', () => {
    const m = maskOf(['###', '#.#', '###']);
    const polys = traceCells(m.mask, m.cols, m.rows);
    expect(polys).toHaveLength(1);
    expect(polys[0]).toHaveLength(2);
    expect(ringArea2(polys[0]![1]!)).toBe(-2);
    expectFaithful(polys, m.mask, m.cols, m.rows);
  });

  it('cells touching only at a corner stay separate polygons', () => {
    const m = maskOf(['.#', '#.']);
    const polys = traceCells(m.mask, m.cols, m.rows);
    expect(polys).toHaveLength(2);
    expectFaithful(polys, m.mask, m.cols, m.rows);
  });

  it('a C whose ends touch diagonally: one polygon whose hole touches the shell at one vertex', () => {
    const m = maskOf(['.##.', '#..#', '#.#.', '###.']);
    const polys = traceCells(m.mask, m.cols, m.rows);
    expectFaithful(polys, m.mask, m.cols, m.rows);
  });

  it('long straight runs get a vertex every maxRunCells cells', () => {
    const m = maskOf(['#'.repeat(20)]);
    const ring: Position[] = traceCells(m.mask, m.cols, m.rows, 8)[0]![0]!;
    const bottom = ring.filter((p) => p[1] === 0).map((p) => p[0]).sort((a, b) => a! - b!);
    expect(bottom).toEqual([0, 0, 8, 16, 20]);
  });

  it('random masks: rings are simple and correctly oriented, areas add up, every cell centre is classified as in the mask', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }).chain((cols) =>
          fc.integer({ min: 1, max: 9 }).chain((rows) =>
            fc.tuple(fc.constant(cols), fc.constant(rows), fc.uint8Array({ minLength: cols * rows, maxLength: cols * rows, max: 2 })),
          ),
        ),
        ([cols, rows, raw]) => {
          // Two in three cells set: dense enough for holes, pinches and long runs to occur often.
          const mask = raw.map((v) => (v === 0 ? 0 : 1));
          expectFaithful(traceCells(mask, cols, rows, 3), mask, cols, rows);
        },
      ),
      { numRuns: 400, seed: 20240501 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

/** Great-circle distance on turf's sphere (m), written out so the check shares nothing with the engine. */
function haversineM(a: readonly number[], b: readonly number[]): number {
  const R = 6371008.8;
  const r = Math.PI / 180;
  const dLat = (b[1]! - a[1]!) * r;
  const dLon = (b[0]! - a[0]!) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1]! * r) * Math.cos(b[1]! * r) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

/** Seeded uniform points in a box. */
function* points(seed: number, [w, s, e, n]: [number, number, number, number]): Generator<[number, number]> {
  let x = seed;
  const rnd = () => ((x = (x * 16807) % 2147483647) / 2147483647);
  for (;;) yield [w + rnd() * (e - w), s + rnd() * (n - s)];
}

const CELL_M = 50;
/** A point of a drawn cell is at most half a cell diagonal from the centre the engine tested. */
const HALF_DIAGONAL_M = (CELL_M * Math.SQRT2) / 2;

const CHARGING = new Set(['ev-charging-pile', 'ev-fast-charging-pile', 'ev-charging-station']);
const sample = JSON.parse(readFileSync(new URL('../../public/data/sample-scenario.geojson', import.meta.url), 'utf8')) as {
  features: Array<{ properties: { id: string; type: string }; geometry: { coordinates: [number, number] } }>;
};
const chargingSites = sample.features
  .filter((f) => CHARGING.has(f.properties.type))
  .map((f) => ({ id: f.properties.id, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }));

describe('gap polygons of the sample’s charging sites (grid on turf’s sphere, 50 m)', () => {
  let grid: CoverageGrid;
  let engine: CoverageEngine;
  const districts = data<Polygon | MultiPolygon, { adcode: string }>('districts.geojson');
  const pick = (code: string) => districts.features.find((f) => f.properties.adcode === code)! as AreaFeature<{ adcode: string }>;

  beforeAll(() => {
    const subset = { ...districts, features: [pick('310112'), pick('310151')] };
    grid = buildGrid(gridSourcesFrom(subset as never, undefined, data('outer-ring-area.geojson') as never, data('land.geojson') as never), {
      cellM: CELL_M,
      earth: TURF_SPHERE,
    });
    engine = new CoverageEngine(grid, { maxDistanceM: 1500 });
    engine.setSites(chargingSites);
  });

  const cases: Array<[string, string, CoverageRule]> = [
    ['Minhang, plan rule 0.9 km inside / 1.5 km outside the Outer Ring', '310112', { insideKm: 0.9, outsideKm: 1.5 }],
    ['Minhang, outside the Outer Ring only', '310112', { insideKm: null, outsideKm: 1.5 }],
    ['Chongming (long coastline), 1.2 km', '310151', { insideKm: 1.2, outsideKm: 1.2 }],
  ];
  for (const [name, code, rule] of cases) for (const ground of ['land', 'polygon'] as const) {
    it(`${name}, ${ground}: turf.area of the polygons is the engine's uncovered km² on that ground within 0.25 %`, () => {
      const region = grid.districts.get(code)!;
      const result = gapPolygons(grid, engine.coverTest(rule), region, { district: code, ground });
      const engineKm2 = engine.coverage({ district: code }, rule)[ground].uncoveredKm2;
      const turfKm2 = area({ type: 'Feature', properties: {}, geometry: result.geometry }) / 1e6;
      // Drawn cells on the plane vs their lon/lat outlines on the sphere: the projection's area scale
      // (< 1e-4 here) and the 8-cell chords — a few m² — are all that may differ.
      expect(Math.abs(turfKm2 / result.areaKm2 - 1)).toBeLessThan(2e-4);
      // Boundary cells drawn whole when at least half uncovered-and-inside, against the engine's
      // sub-sample weighting: errors of ±½ cell that cancel along the boundary.
      expect(engineKm2).toBeGreaterThan(5);
      // Measured ≤ 0.10 % over these six cases; 2.5× that.
      expect(Math.abs(turfKm2 - engineKm2)).toBeLessThan(0.0025 * engineKm2);
      console.log(`${name} (${ground}): polygons ${turfKm2.toFixed(3)} km², engine ${engineKm2.toFixed(3)} km², ${result.geometry.coordinates.length} polygons`);
    });
  }

  it('points inside a polygon are farther than the radius from every site, points of the district outside all polygons are not (± half a cell diagonal)', () => {
    const code = '310112';
    const rule = { insideKm: 1.2, outsideKm: 1.2 };
    const radiusM = 1200;
    const district = pick(code);
    const result = gapPolygons(grid, engine.coverTest(rule), grid.districts.get(code)!, { district: code, ground: 'polygon' });
    const gaps: Feature<MultiPolygon> = { type: 'Feature', properties: {}, geometry: result.geometry };
    const border = polygonToLine(district as Feature<Polygon>);
    const nearest = (p: readonly number[]) => Math.min(...chargingSites.map((s) => haversineM(p, [s.lon, s.lat])));
    let inGap = 0;
    let covered = 0;
    const gen = points(7, [121.25, 30.98, 121.58, 31.23]);
    while (inGap < 150 || covered < 150) {
      const p = gen.next().value!;
      if (!booleanPointInPolygon(p, district)) continue;
      const d = nearest(p);
      if (booleanPointInPolygon(p, gaps)) {
        if (inGap >= 150) continue;
        expect(d, `gap point ${p}`).toBeGreaterThan(radiusM - HALF_DIAGONAL_M);
        inGap++;
      } else {
        if (covered >= 150) continue;
        // A cell less than half inside the district is left out even when uncovered: skip the rim.
        if (pointToLineDistance(p, border as never, { units: 'meters' }) < 2 * CELL_M) continue;
        expect(d, `non-gap point ${p}`).toBeLessThanOrEqual(radiusM + HALF_DIAGONAL_M);
        covered++;
      }
    }
  });

  it('the feature collection carries the area, the engine figure, the cell size, the CRS and the illustrative flag', () => {
    const rule = { insideKm: 0.9, outsideKm: 1.5 };
    const result = gapPolygons(grid, engine.coverTest(rule), grid.districts.get('310112')!, { district: '310112' });
    const fcol = gapFeatureCollection(
      [
        {
          result,
          properties: {
            area_id: '310112', area_name: '闵行区', area_name_en: 'Minhang', layer: 'x', facilities: 'ev-charging-pile',
            radius_inside_km: 0.9, radius_outside_km: 1.5, radius_assumed: false, rule: '0.9 km inside / 1.5 km outside',
            uncovered_km2: 1, ground: 'land', scenario: '示例', scenario_en: 'Sample', illustrative: true, generated: '2024-05-01T00:00:00.000Z',
          },
        },
      ],
      CELL_M,
    );
    const props = fcol.features[0]!.properties;
    expect(props.cell_m).toBe(50);
    expect(props.crs).toBe('WGS-84 (EPSG:4326)');
    expect(props.illustrative).toBe(true);
    expect(props.area_km2).toBeCloseTo(result.areaKm2, 3);
    expect(JSON.parse(JSON.stringify(fcol))).toEqual(fcol);
  });
});

describe('a hand-worked square', () => {
  it('a 3 km square with one site in the middle and a 1 km radius leaves 9 − π km² in one polygon with one hole', () => {
    // A 3 km × 3 km square on turf's sphere around (121.4, 31.1).
    const dLat = 3000 / (6371008.8 * (Math.PI / 180));
    const dLon = dLat / Math.cos((31.1 * Math.PI) / 180);
    const [w, s] = [121.4 - dLon / 2, 31.1 - dLat / 2];
    const square: Polygon = { type: 'Polygon', coordinates: [[[w, s], [w + dLon, s], [w + dLon, s + dLat], [w, s + dLat], [w, s]]] };
    const grid = buildGrid({ districts: [{ id: '310199', geometry: square }] }, { cellM: 25, earth: TURF_SPHERE });
    const engine = new CoverageEngine(grid, { maxDistanceM: 1000 });
    engine.setSites([{ id: 'c', lon: 121.4, lat: 31.1 }]);
    const rule = { insideKm: 1, outsideKm: 1 };
    const result = gapPolygons(grid, engine.coverTest(rule), grid.study);
    expect(result.geometry.coordinates).toHaveLength(1);
    expect(result.geometry.coordinates[0]).toHaveLength(2);
    const km2 = area({ type: 'Feature', properties: {}, geometry: result.geometry }) / 1e6;
    expect(Math.abs(km2 - (9 - Math.PI))).toBeLessThan(0.01 * (9 - Math.PI));
  });
});
