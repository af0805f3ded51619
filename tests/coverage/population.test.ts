/**
 * Residents on the coverage grid (src/coverage/population.ts), checked against computations written
 * apart from it: turf areas of pixel squares, districts, land, the ring and buffered sites in the
 * made-up world of populationWorld.ts, and hand-worked splits.
 *
 * Tolerances, 2–3× the largest errors measured (25 m cells unless said): district totals against the
 * area-weighted split of every pixel 0.1 % (measured 0.045 %; the sub-sample is 6.25 m and a pixel
 * 400 m); residents reached against turf 0.5 % (measured 0.19 %: the engine decides a cell by its
 * centre); a zone's census residents 0.5 % (measured 0.20 %). Hand-worked splits: see SPLIT.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { area } from '@turf/turf';
import { buildPopulationLayer, cellResidents, PopulationError } from '../../src/coverage/population';
import { CoverageEngine } from '../../src/coverage/engine';
import { COUNT_LAND_IN, COUNT_LAND_OUT, landMaskAt, type CoverageGrid } from '../../src/coverage/grid';
import { fileSource, type PopulationRaster } from '../../src/domain/population';
import { areaOf, cut, DISTRICT_A, DISTRICT_B, LAND, pixelSquare, turfDistrictTotals, turfReached, worldGrid, ZONE, type Area } from './populationWorld';

/**
 * A hand-worked split is exact but for the sub-samples: a part's width is counted in sub-sample
 * columns (2.5 m at 10 m cells), one column either way of the 381 m pixel: 0.66 % of its residents.
 */
const SPLIT = 0.0066;

const feature = (g: Area['geometry']): Area => ({ type: 'Feature', properties: {}, geometry: g });
const landF = feature({ type: 'MultiPolygon', coordinates: LAND.map((p) => p.coordinates) });
const rasterInput = (raster: PopulationRaster) => ({ kind: 'raster' as const, source: fileSource('raster', 'test.tif'), raster });

/** Park–Miller: the same numbers everywhere. */
function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** 28 × 13 pixels of 0.004° over the world and beyond it; residents 0–1,000, none on pixels without land. */
function worldRaster(): PopulationRaster {
  const raster: PopulationRaster = { width: 28, height: 13, west: 121.394, north: 31.246, dLon: 0.004, dLat: 0.004, values: new Float32Array(28 * 13) };
  const rnd = lcg(7);
  for (let i = 0; i < raster.values.length; i++) {
    const v = Math.round(rnd() * 1000);
    const x = i % raster.width;
    const y = (i - x) / raster.width;
    raster.values[i] = areaOf(cut(pixelSquare(raster, x, y), landF)) > 0 ? v : 0;
  }
  return raster;
}

/** One pixel of `residents` with lon/lat edges, in a 1 × 1 raster. */
const onePixel = (west: number, north: number, size: number, residents: number): PopulationRaster => ({
  width: 1,
  height: 1,
  west,
  north,
  dLon: size,
  dLat: size,
  values: new Float32Array([residents]),
});

let grid25: CoverageGrid;
let grid10: CoverageGrid;
beforeAll(() => {
  grid25 = worldGrid(25);
  grid10 = worldGrid(10);
});

describe('district census, spread evenly over land', () => {
  it('each district holds its census figure, only on land, each ring part by its land', () => {
    const layer = buildPopulationLayer(grid25, { kind: 'district-census', source: fileSource('raster', 'census'), districts: { A: 1_000_000, B: 2_000_000 } });
    expect(layer.report.districts.A).toBeCloseTo(1_000_000, 0);
    expect(layer.report.districts.B).toBeCloseTo(2_000_000, 0);
    for (const id of ['A', 'B']) {
      const region = grid25.districts.get(id)!;
      const res = layer.regions.get(region)!;
      // Each land sub-sample holds the same share: the figure over the district's land sub-samples.
      let subs = 0;
      for (let q = 0; q < region.cells.length; q++) subs += COUNT_LAND_IN[region.counts[q]!]! + COUNT_LAND_OUT[region.counts[q]!]!;
      const density = (id === 'A' ? 1_000_000 : 2_000_000) / subs;
      for (let q = 0; q < region.cells.length; q++) {
        const [inside, outside] = cellResidents(region, res, q);
        expect(inside).toBeCloseTo(density * COUNT_LAND_IN[region.counts[q]!]!, 3);
        expect(outside).toBeCloseTo(density * COUNT_LAND_OUT[region.counts[q]!]!, 3);
      }
      expect(res.splitCells.length).toBeGreaterThan(0); // cells across the ring's edge
      // Inside the ring: the district's land inside it, as a share of its land.
      expect(res.inside / res.total).toBeCloseTo(region.landInsideKm2 / region.landKm2, 6);
    }
    expect(layer.report).toMatchObject({ inputTotal: 3_000_000, outside: 0, moved: 0 });
  });

  it("a zone across both districts holds each district's density times its land there (turf)", () => {
    const layer = buildPopulationLayer(grid25, { kind: 'district-census', source: fileSource('raster', 'census'), districts: { A: 1e6, B: 2e6 } });
    const landA = areaOf(cut(feature(DISTRICT_A), landF));
    const landB = areaOf(cut(feature(DISTRICT_B), landF));
    const zA = areaOf(cut(cut(feature(ZONE), feature(DISTRICT_A)), landF));
    const zB = areaOf(cut(cut(feature(ZONE), feature(DISTRICT_B)), landF));
    const want = (1e6 * zA) / landA + (2e6 * zB) / landB;
    const got = layer.regions.get(grid25.zones.get('Z')!)!.total;
    expect(Math.abs(got / want - 1)).toBeLessThan(0.005);
  });
});

describe('raster resampling', () => {
  it('keeps every district its area-weighted share of every pixel (turf) within 0.1 %', () => {
    const raster = worldRaster();
    const layer = buildPopulationLayer(grid25, rasterInput(raster));
    const want = turfDistrictTotals(raster);
    for (const id of ['A', 'B'] as const) expect(Math.abs(layer.report.districts[id]! / want[id] - 1), id).toBeLessThan(0.001);
    // What is not in a district lies outside it; nothing vanished.
    const input = raster.values.reduce((s, v) => s + v, 0);
    expect(layer.report.inputTotal).toBeCloseTo(input, 3);
    expect(layer.report.placed + layer.report.outside).toBeCloseTo(input, 1);
    expect(layer.report.outside / input).toBeGreaterThan(0.05); // the raster reaches well beyond the districts
  });

  it('splits a pixel straddling the district border by area (hand-worked: ¾ west, ¼ east)', () => {
    // 121.447–121.451° E: 0.003° in A, 0.001° in B; 31.225–31.229° N: all land, outside the ring.
    // On a sphere a lon/lat rectangle's area is R²·Δλ·(sin φ₂ − sin φ₁): the split is the Δλ split.
    const layer = buildPopulationLayer(grid10, rasterInput(onePixel(121.447, 31.229, 0.004, 1000)));
    expect(Math.abs(layer.report.districts.A! - 750)).toBeLessThan(SPLIT * 1000);
    expect(Math.abs(layer.report.districts.B! - 250)).toBeLessThan(SPLIT * 1000);
    expect(layer.report.placed).toBeCloseTo(1000, 2);
  });

  it('a pixel half outside the districts keeps only the half inside (hand-worked)', () => {
    // 121.498–121.502° E: half in B, half beyond the districts' east edge (land there too).
    const layer = buildPopulationLayer(grid10, rasterInput(onePixel(121.498, 31.229, 0.004, 1000)));
    expect(Math.abs(layer.report.districts.B! - 500)).toBeLessThan(SPLIT * 1000);
    expect(Math.abs(layer.report.outside - 500)).toBeLessThan(SPLIT * 1000);
  });

  it('puts a pixel’s residents on its land only: a pixel across the river keeps them off the water', () => {
    // 31.229–31.233° N across the river (31.230–31.232): half the pixel is water.
    const layer = buildPopulationLayer(grid10, rasterInput(onePixel(121.41, 31.233, 0.004, 1000)));
    const region = grid10.districts.get('A')!;
    const res = layer.regions.get(region)!;
    for (let q = 0; q < region.cells.length; q++) if (landMaskAt(region, q) === 0) expect(res.values[q]!).toBe(0);
    expect(layer.report.districts.A).toBeCloseTo(1000, 2);
    expect(layer.report.moved).toBe(0);
  });

  it('moves the residents of a pixel with no land under it to the nearest land of its district, and says so', () => {
    // Inside the lake (121.48–121.49° E, 31.205–31.215° N), 200 m from its west shore.
    const layer = buildPopulationLayer(grid10, rasterInput(onePixel(121.482, 31.212, 0.002, 500)));
    expect(layer.report.moved).toBeCloseTo(500, 3);
    expect(layer.report.movedShare).toBeCloseTo(1, 6);
    expect(layer.report.districts.B).toBeCloseTo(500, 3);
    // They landed on the nearest shore, the west one, 0.003° (285 m) from the pixel's centre: every
    // cell holding them on land within one cell of that distance (the others are 440 m and more away).
    const region = grid10.districts.get('B')!;
    const res = layer.regions.get(region)!;
    const centre = grid10.projection.forward(121.483, 31.211);
    for (let q = 0; q < region.cells.length; q++) {
      if (res.values[q]! === 0) continue;
      const k = region.cells[q]!;
      const x = grid10.x0 + ((k % grid10.cols) + 0.5) * 10;
      const y = grid10.y0 + (Math.floor(k / grid10.cols) + 0.5) * 10;
      expect(Math.hypot(x - centre[0]!, y - centre[1]!)).toBeLessThan(285 + 15);
      expect(landMaskAt(region, q)).not.toBe(0);
    }
  });

  it('skips nodata pixels and reports the land they leave without data', () => {
    const raster = worldRaster();
    const withHole = { ...raster, values: raster.values.slice() };
    // Rows 2–10 of column 10 (121.434–121.438° E, 31.202–31.238° N, inside A) have no data.
    for (let y = 2; y <= 10; y++) withHole.values[y * raster.width + 10] = NaN;
    const full = buildPopulationLayer(grid25, rasterInput(raster));
    const holed = buildPopulationLayer(grid25, rasterInput(withHole));
    let column = 0;
    for (let y = 2; y <= 10; y++) column += raster.values[y * raster.width + 10]!;
    expect(full.report.districts.A! - holed.report.districts.A!).toBeCloseTo(column, 0);
    expect(holed.report.districts.B).toBeCloseTo(full.report.districts.B!, 1);
    expect(holed.report.nodataPixels).toBe(9);
    // 0.004° × 0.036° of the districts' 0.1° × 0.04°, less the river and the lake: ~3.8 % of their land.
    expect(holed.report.landWithoutData).toBeGreaterThan(0.03);
    expect(holed.report.landWithoutData).toBeLessThan(0.05);
    expect(full.report.landWithoutData).toBe(0);
  });

  it('refuses negative counts and rasters with nobody in the districts', () => {
    const raster = worldRaster();
    const negative = { ...raster, values: raster.values.slice() };
    negative.values[40] = -3;
    expect(() => buildPopulationLayer(grid25, rasterInput(negative))).toThrow(PopulationError);
    expect(() => buildPopulationLayer(grid25, rasterInput(negative))).toThrow(/pixel \(column 12, row 1\) holds -3/);
    const far = onePixel(100, 20, 0.01, 1000);
    expect(() => buildPopulationLayer(grid25, rasterInput(far))).toThrow(/none of its 1,000 residents lies in Shanghai's districts/);
  });

  it('sums pixels smaller than the sub-sample first, keeping the totals', () => {
    // 0.00005° pixels (~5 m) on a 10 m grid (2.5 m sub-samples): summed 2 × 2 or more before spreading.
    const n = 60;
    const raster: PopulationRaster = { width: n, height: n, west: 121.4485, north: 31.229, dLon: 0.00005, dLat: 0.00005, values: new Float32Array(n * n).fill(1) };
    const layer = buildPopulationLayer(grid10, rasterInput(raster));
    // 121.4485–121.4515° E: half in A, half in B.
    expect(layer.report.placed).toBeCloseTo(n * n, 1);
    expect(Math.abs(layer.report.districts.A! - (n * n) / 2)).toBeLessThan(0.01 * n * n);
  });
});

describe('residents reached', () => {
  it('equal turf’s: pixel parts’ land ∩ the discs of the radius of their ring part, per district, within 0.5 %', () => {
    const raster = worldRaster();
    const layer = buildPopulationLayer(grid25, rasterInput(raster));
    const sites: [number, number][] = [
      [121.42, 31.21],
      [121.455, 31.225],
      [121.485, 31.235],
      [121.468, 31.218],
    ];
    const engine = new CoverageEngine(grid25, { maxDistanceM: 1500 });
    engine.setSites(sites.map((c, i) => ({ id: String(i), lon: c[0], lat: c[1] })));
    engine.setPopulation(layer);
    const got = engine.breakdown({ insideKm: 0.9, outsideKm: 1.5 });
    const want = turfReached(raster, sites, 0.9, 1.5);
    for (const id of ['A', 'B'] as const) {
      const r = got.districts[id]!.residents!;
      expect(Math.abs(r.covered / want[id] - 1), id).toBeLessThan(0.005);
      expect(r.residents).toBeCloseTo(layer.report.districts[id]!, 3);
      expect(r.notReached).toBeCloseTo(r.residents - r.covered, 6);
      expect(r.covered).toBeCloseTo(r.inside!.covered + r.outside!.covered, 6);
    }
    // The study area's figures are the districts' sums.
    const all = got.all.residents!;
    expect(all.residents).toBeCloseTo(got.districts.A!.residents!.residents + got.districts.B!.residents!.residents, 3);
    expect(all.covered).toBeCloseTo(got.districts.A!.residents!.covered + got.districts.B!.residents!.covered, 3);
    expect(engine.coverage('all', { insideKm: 0.9, outsideKm: 1.5 }).residents).toEqual(all);
  });

  it('with sites of their own radius (1.2 km on both sides): turf’s figure within 0.4 % (measured 0.13 %)', () => {
    const raster = worldRaster();
    const sites: [number, number][] = [
      [121.43, 31.215],
      [121.47, 31.23],
    ];
    const engine = new CoverageEngine(grid25, { maxDistanceM: 1500 });
    engine.setSites(sites.map((c, i) => ({ id: String(i), lon: c[0], lat: c[1], radiusKm: 1.2 })));
    engine.setPopulation(buildPopulationLayer(grid25, rasterInput(raster)));
    const got = engine.breakdown({ insideKm: 0.9, outsideKm: 1.5 });
    const want = turfReached(raster, sites, 1.2, 1.2);
    for (const id of ['A', 'B'] as const) expect(Math.abs(got.districts[id]!.residents!.covered / want[id] - 1), id).toBeLessThan(0.004);
  });

  it('a rule that leaves a ring part out counts neither its residents nor those reached there', () => {
    const layer = buildPopulationLayer(grid25, rasterInput(worldRaster()));
    const engine = new CoverageEngine(grid25, { maxDistanceM: 1500 });
    engine.setSites([{ id: 's', lon: 121.43, lat: 31.215 }]);
    engine.setPopulation(layer);
    const both = engine.coverage({ district: 'A' }, { insideKm: 0.9, outsideKm: 1.5 }).residents!;
    const inside = engine.coverage({ district: 'A' }, { insideKm: 0.9, outsideKm: null }).residents!;
    expect(inside.outside).toBeNull();
    expect(inside.residents).toBeCloseTo(both.inside!.residents, 6);
    expect(inside.covered).toBeCloseTo(both.inside!.covered, 6);
    expect(inside.share).toBeCloseTo(both.inside!.share, 9);
  });

  it('without a layer, results carry no residents (every existing figure unchanged)', () => {
    const engine = new CoverageEngine(grid25, { maxDistanceM: 1500 });
    engine.setSites([{ id: 's', lon: 121.43, lat: 31.215 }]);
    const plain = engine.breakdown({ insideKm: 0.9, outsideKm: 1.5 });
    expect(plain.all.residents).toBeUndefined();
    engine.setPopulation(buildPopulationLayer(grid25, rasterInput(worldRaster())));
    const withResidents = engine.breakdown({ insideKm: 0.9, outsideKm: 1.5 });
    expect(withResidents.districts.A!.land).toEqual(plain.districts.A!.land);
    expect(withResidents.all.polygon).toEqual(plain.all.polygon);
  });

  it('refuses a layer built on another grid', () => {
    const engine = new CoverageEngine(grid25, { maxDistanceM: 1500 });
    expect(() => engine.setPopulation(buildPopulationLayer(grid10, rasterInput(worldRaster())))).toThrow(/another grid/);
  });
});

describe('polygons and points', () => {
  it('spreads each polygon over its land; a polygon across the border splits by area; a point lands on its cell', () => {
    const polygons = {
      kind: 'polygons' as const,
      source: fileSource('polygons', 'townships.geojson'),
      features: [
        // 121.44–121.46° E across the border: half in each; 31.225–31.235 across the river (no residents on it).
        { geometry: { type: 'Polygon' as const, coordinates: [[[121.44, 31.225], [121.46, 31.225], [121.46, 31.235], [121.44, 31.235], [121.44, 31.225]]] }, residents: 10_000 },
        { geometry: { type: 'Point' as const, coordinates: [121.42, 31.21] }, residents: 300 },
        { geometry: { type: 'Point' as const, coordinates: [121.3, 31.21] }, residents: 50 }, // outside the districts
      ],
    };
    const layer = buildPopulationLayer(grid10, polygons);
    expect(Math.abs(layer.report.districts.A! - 5300)).toBeLessThan(0.003 * 5000);
    expect(Math.abs(layer.report.districts.B! - 5000)).toBeLessThan(0.003 * 5000);
    expect(layer.report.outside).toBeCloseTo(50, 0);
    // The point's 300 are in the cell under it.
    const region = grid10.districts.get('A')!;
    const xy = grid10.projection.forward(121.42, 31.21);
    const k = Math.floor((xy[1]! - grid10.y0) / 10) * grid10.cols + Math.floor((xy[0]! - grid10.x0) / 10);
    const q = region.cells.indexOf(k);
    const res = layer.regions.get(region)!;
    expect(res.values[q]!).toBeGreaterThan(299);
    // No residents on the river.
    for (let i = 0; i < region.cells.length; i++) if (landMaskAt(region, i) === 0) expect(res.values[i]!).toBe(0);
  });

  it('refuses a negative count', () => {
    const bad = { kind: 'polygons' as const, source: fileSource('polygons', 'x'), features: [{ geometry: { type: 'Point' as const, coordinates: [121.42, 31.21] }, residents: -1, name: '某街道' }] };
    expect(() => buildPopulationLayer(grid10, bad)).toThrow(/feature 1 \(某街道\): residents -1 is not a count/);
  });
});

it('turf helper sanity: the world’s districts are 0.05° × 0.04° each', () => {
  expect(area(feature(DISTRICT_A)) / area(feature(DISTRICT_B))).toBeCloseTo(1, 6);
});
