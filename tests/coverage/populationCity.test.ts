/**
 * Residents on the shipped geometry: the default (the 2020 census spread evenly over each district's
 * land) holds exactly the census figures; a raster across the Huangpu, Hongkou, Yangpu and Jing'an
 * borders (and the Huangpu river, which the district polygons include) keeps each district its
 * area-weighted share of every pixel, computed by turf on the districts' own polygons.
 *
 * Tolerance: 0.1 % per district at 25 m cells (measured 0.052 % at worst, Jing'an; 0.088 % at 50 m).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { area, bbox, bboxClip, featureCollection, intersect, polygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { buildGrid } from '../../src/coverage/grid';
import { gridSourcesFrom } from '../../src/coverage/engine';
import { TURF_SPHERE } from '../../src/coverage/projection';
import { buildPopulationLayer, type PopulationLayer } from '../../src/coverage/population';
import { CENSUS_SPREAD_LABEL, censusPopulationInput, fileSource } from '../../src/domain/population';
import { parsePopulationCsv } from '../../src/io/loadGeodata';
import { data, dataText, type DistrictProps } from '../geodata/load';

type Area = Feature<Polygon | MultiPolygon>;
const districts = data<Polygon | MultiPolygon, DistrictProps>('districts.geojson');

describe('the default: the district census spread evenly over land', () => {
  let layer: PopulationLayer;
  const rows = (parsePopulationCsv(dataText('district-population.csv')) as { value: Parameters<typeof censusPopulationInput>[0] }).value;
  beforeAll(() => {
    const grid = buildGrid(gridSourcesFrom(districts as never, data('zones.geojson') as never, data('outer-ring-area.geojson') as never, data('land.geojson') as never), { cellM: 200 });
    layer = buildPopulationLayer(grid, censusPopulationInput(rows));
  });

  it('holds every district’s census figure, and the city’s 24,870,895', () => {
    expect(rows).toHaveLength(16);
    for (const r of rows) expect(Math.abs(layer.report.districts[r.adcode]! - r.population_2020_census)).toBeLessThan(1e-6 * r.population_2020_census);
    expect(layer.report.placed).toBeCloseTo(24_870_895, -1);
    expect(layer.report).toMatchObject({ inputTotal: 24_870_895, moved: 0 });
    expect(layer.report.outside).toBeLessThan(1);
  });

  it('is labelled as the issue says, in both languages', () => {
    expect(layer.source.kind).toBe('district-census');
    expect(layer.source.label).toEqual({ zh: '均匀分布（区级普查）', en: 'spread evenly from the district census — load a population grid for detail' });
    expect(layer.source.label).toEqual(CENSUS_SPREAD_LABEL);
    expect(layer.source.year).toBe(2020);
  });
});

describe('townships', () => {
  it('hold their district’s census density times their land: the districts’ townships add up to the district, less what no township covers', () => {
    const rows = (parsePopulationCsv(dataText('district-population.csv')) as { value: Parameters<typeof censusPopulationInput>[0] }).value;
    const townships = data<Polygon | MultiPolygon, { code: string; district: string }>('townships.geojson');
    const grid = buildGrid(gridSourcesFrom(districts as never, undefined, data('outer-ring-area.geojson') as never, data('land.geojson') as never, townships as never), { cellM: 100 });
    expect(grid.townships.size).toBe(113);
    const layer = buildPopulationLayer(grid, censusPopulationInput(rows));
    for (const code of ['310101', '310106', '310115']) {
      const district = grid.districts.get(code)!;
      const row = rows.find((r) => r.adcode === code)!;
      const density = row.population_2020_census / district.landKm2;
      const mine = townships.features.filter((t) => t.properties.district === code).map((t) => grid.townships.get(t.properties.code)!);
      // Each township: the district's residents per km² of land, times its land (the same grid's km²).
      for (const t of mine) expect(layer.regions.get(t)!.total / (density * t.landKm2) - 1, t.id).toBeCloseTo(0, 3);
      const sum = mine.reduce((s, t) => s + layer.regions.get(t)!.total, 0);
      const landShare = mine.reduce((s, t) => s + t.landKm2, 0) / district.landKm2;
      expect(sum / row.population_2020_census).toBeCloseTo(landShare, 3);
      expect(landShare).toBeGreaterThan(0.95);
    }
  });
});

describe('a raster across real district borders and the Huangpu', () => {
  it('keeps each district its area-weighted share of every pixel (turf) within 0.1 %', () => {
    const codes = ['310101', '310109', '310110', '310106'];
    const chosen = { ...districts, features: districts.features.filter((f) => codes.includes(f.properties.adcode)) };
    const grid = buildGrid(gridSourcesFrom(chosen as never, undefined, data('outer-ring-area.geojson') as never, data('land.geojson') as never), { cellM: 25, earth: TURF_SPHERE });
    const W = 16;
    const H = 14;
    const west = 121.43;
    const north = 31.33;
    const d = 0.008;
    const values = new Float32Array(W * H);
    let s = 3;
    for (let i = 0; i < values.length; i++) values[i] = Math.round(((s = (s * 16807) % 2147483647) / 2147483647) * 5000);
    const layer = buildPopulationLayer(grid, { kind: 'raster', source: fileSource('raster', 'test.tif'), raster: { width: W, height: H, west, north, dLon: d, dLat: d, values } });
    const window: [number, number, number, number] = [west - 0.01, north - H * d - 0.01, west + W * d + 0.01, north + 0.01];
    const clipped = chosen.features.map((f) => ({ code: f.properties.adcode, f: bboxClip(f, window) as Area })).filter(({ f }) => area(f) > 0);
    const want: Record<string, number> = {};
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const w = west + x * d;
        const n = north - y * d;
        const sq = polygon([[[w, n - d], [w + d, n - d], [w + d, n], [w, n], [w, n - d]]]);
        const all = area(sq);
        for (const { code, f } of clipped) {
          const [fw, fs, fe, fn] = bbox(f);
          if (fe < w || fw > w + d || fn < n - d || fs > n) continue;
          const c = intersect(featureCollection<Polygon | MultiPolygon>([sq, f]));
          if (c) want[code] = (want[code] ?? 0) + (values[y * W + x]! * area(c)) / all;
        }
      }
    }
    for (const code of codes) expect(Math.abs(layer.report.districts[code]! / want[code]! - 1), code).toBeLessThan(0.001);
    // The river: pixels over it have parts with no land, whose residents were moved, not lost.
    expect(layer.report.moved).toBeGreaterThan(0);
    expect(layer.report.placed + layer.report.outside).toBeCloseTo(layer.report.inputTotal, 0);
  });
});
