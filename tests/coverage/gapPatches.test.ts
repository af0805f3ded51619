/**
 * The largest gaps by residents (src/coverage/gapPatches.ts) against an independent computation on
 * the tiny area (tests/optimize/helpers.ts): district D (with a lake) and its neighbour E, the
 * district census spread evenly over each district's land (so a cell part's residents are known
 * without the population module: the district's count × the part's land sub-samples / the district's),
 * two townships splitting D, two columns of sites with a 300 m radius cutting D's gap in three.
 *
 * Independent: the gap cells (the engine's cover test, its documented rule: a part is open when its
 * centre is beyond the radius), the 4-connected patches by a breadth-first search over (col, row)
 * keys written here, their residents from the census formula, their land from the sub-sample
 * counts; the outlines' area by turf (geodesic) against whole cells; totals against the engine's
 * own breakdown (residents not reached, uncovered land km²).
 */
import { area as turfArea, booleanPointInPolygon, point } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { buildGrid, cellCenterLonLat, COUNT_LAND_IN, COUNT_LAND_OUT } from '../../src/coverage/grid';
import { CoverageEngine, coveredAt } from '../../src/coverage/engine';
import { buildPopulationLayer } from '../../src/coverage/population';
import { gapPatches } from '../../src/coverage/gapPatches';
import { CENSUS_SPREAD_LABEL, type PopulationInput } from '../../src/domain/population';
import { TINY, TINY_LAND } from '../optimize/helpers';

const poly = (ring: [number, number][]): Polygon => ({ type: 'Polygon', coordinates: [ring] });
const WEST: Polygon = poly([[121.42, 31.09], [121.445, 31.09], [121.445, 31.13], [121.42, 31.13], [121.42, 31.09]]);
const EAST: Polygon = poly([[121.445, 31.09], [121.47, 31.09], [121.47, 31.13], [121.445, 31.13], [121.445, 31.09]]);
const CENSUS = { '310106': 50_000, '310107': 20_000 };
const RULE = { insideKm: 0.3, outsideKm: 0.3 };
/** Two columns of sites, ~445 m apart north to south, cut D into a west, a middle and an east gap. */
const SITES = [121.44, 121.452].flatMap((lon, c) => [31.1005, 31.1045, 31.1085, 31.1125].map((lat, r) => ({ id: `s${c}${r}`, lon, lat })));

function setup() {
  const grid = buildGrid(
    {
      districts: [{ id: '310106', geometry: TINY.district }, { id: '310107', geometry: TINY.neighbour }],
      outerRing: [TINY.ring],
      land: [TINY_LAND],
      townships: [{ id: '310106001', geometry: WEST }, { id: '310106002', geometry: EAST }],
    },
    { cellM: 50 },
  );
  const input: PopulationInput = { kind: 'district-census', source: { kind: 'district-census', name: 'census', year: 2020, label: { ...CENSUS_SPREAD_LABEL } }, districts: CENSUS };
  const layer = buildPopulationLayer(grid, input);
  const engine = new CoverageEngine(grid, { maxDistanceM: 300 });
  engine.setSites(SITES);
  engine.setPopulation(layer);
  return { grid, layer, engine, test: engine.coverTest(RULE) };
}

/** The patches computed apart: BFS over open cells of D, residents by the census formula. */
function independent(grid: ReturnType<typeof setup>['grid'], test: ReturnType<typeof setup>['test']) {
  const d = grid.districts.get('310106')!;
  let landSubs = 0;
  for (let q = 0; q < d.cells.length; q++) landSubs += COUNT_LAND_IN[d.counts[q]!]! + COUNT_LAND_OUT[d.counts[q]!]!;
  const perSub = CENSUS['310106'] / landSubs;
  const open = new Map<string, { k: number; residents: number; land: number }>();
  for (let q = 0; q < d.cells.length; q++) {
    const k = d.cells[q]!;
    const lin = COUNT_LAND_IN[d.counts[q]!]! > 0 && !coveredAt(test, k, true) ? COUNT_LAND_IN[d.counts[q]!]! : 0;
    const lout = COUNT_LAND_OUT[d.counts[q]!]! > 0 && !coveredAt(test, k, false) ? COUNT_LAND_OUT[d.counts[q]!]! : 0;
    if (lin + lout === 0) continue;
    open.set(`${k % grid.cols},${Math.floor(k / grid.cols)}`, { k, residents: (lin + lout) * perSub, land: lin + lout });
  }
  const seen = new Set<string>();
  const patches: Array<{ residents: number; landKm2: number; cells: Set<number> }> = [];
  for (const start of open.keys()) {
    if (seen.has(start)) continue;
    const patch = { residents: 0, landKm2: 0, cells: new Set<number>() };
    const queue = [start];
    seen.add(start);
    while (queue.length > 0) {
      const key = queue.shift()!;
      const c = open.get(key)!;
      patch.residents += c.residents;
      patch.landKm2 += (c.land * 50 * 50) / 16 / 1e6;
      patch.cells.add(c.k);
      const [x, y] = key.split(',').map(Number) as [number, number];
      for (const n of [`${x + 1},${y}`, `${x - 1},${y}`, `${x},${y + 1}`, `${x},${y - 1}`]) {
        if (open.has(n) && !seen.has(n)) {
          seen.add(n);
          queue.push(n);
        }
      }
    }
    patches.push(patch);
  }
  return patches.sort((a, b) => b.residents - a.residents);
}

describe('largest gaps by residents', () => {
  it('the patches, their residents and land equal a breadth-first search written apart', () => {
    const { grid, layer, test } = setup();
    const region = grid.districts.get('310106')!;
    const got = gapPatches(grid, test, region, layer, 100);
    const want = independent(grid, test);
    expect(want.length).toBeGreaterThanOrEqual(3);
    expect(got.count).toBe(want.length);
    expect(got.patches).toHaveLength(want.length);
    got.patches.forEach((p, i) => {
      const w = want[i]!;
      expect(p.residents).toBeCloseTo(w.residents, 1);
      expect(p.landKm2).toBeCloseTo(w.landKm2, 9);
      expect(p.cells).toBe(w.cells.size);
      expect(p.district).toBe('310106');
      if (i > 0) expect(p.residents).toBeLessThanOrEqual(got.patches[i - 1]!.residents);
    });
  });

  it('totals equal the engine’s residents not reached and uncovered land; outlines hold their cells', () => {
    const { grid, layer, engine, test } = setup();
    const region = grid.districts.get('310106')!;
    const got = gapPatches(grid, test, region, layer, 100);
    const measured = engine.regionCoverage(region, RULE);
    expect(got.residentsNotReached).toBeCloseTo(measured.residents!.notReached, 1);
    const land = got.patches.reduce((s, p) => s + p.landKm2, 0);
    expect(land).toBeCloseTo(measured.land.uncoveredKm2, 9);
    for (const p of got.patches) {
      // The outline is the patch's whole cells: turf's geodesic area against cells × 2,500 m²
      // (the grid's plane is within 0.2 % of the ellipsoid here).
      const a = turfArea({ type: 'Feature', properties: {}, geometry: p.outline }) / 1e6;
      expect(Math.abs(a - (p.cells * 2500) / 1e6) / a).toBeLessThan(0.005);
      expect(p.landKm2).toBeLessThanOrEqual(a * 1.005);
      expect(booleanPointInPolygon(point(p.center), { type: 'Feature', properties: {}, geometry: p.outline })).toBe(true);
      const [w, s, e, n] = p.bbox;
      expect(p.center[0]).toBeGreaterThanOrEqual(w);
      expect(p.center[0]).toBeLessThanOrEqual(e);
      expect(p.center[1]).toBeGreaterThanOrEqual(s);
      expect(p.center[1]).toBeLessThanOrEqual(n);
    }
  });

  it('names the township where the patch’s most populous cell lies; the limit keeps the largest', () => {
    const { grid, layer, test } = setup();
    const region = grid.districts.get('310106')!;
    const all = gapPatches(grid, test, region, layer, 100);
    for (const p of all.patches) {
      const western = booleanPointInPolygon(point(p.center), WEST);
      expect(p.township).toBe(western ? '310106001' : '310106002');
    }
    const top2 = gapPatches(grid, test, region, layer, 2);
    expect(top2.patches.map((p) => p.residents)).toEqual(all.patches.slice(0, 2).map((p) => p.residents));
    expect(top2.count).toBe(all.count);
  });

  it('the whole city is measured district by district; no sites: one patch per district holding all', () => {
    const { grid, layer } = setup();
    const empty = new CoverageEngine(grid, { maxDistanceM: 300 });
    const got = gapPatches(grid, empty.coverTest(RULE), grid.study, layer, 10);
    expect(got.residentsNotReached).toBeCloseTo(70_000, 0);
    expect(got.patches.map((p) => p.district).sort()).toEqual(['310106', '310107']);
    expect(got.patches[0]!.residents).toBeCloseTo(50_000, 0);
    const c = cellCenterLonLat(grid, grid.districts.get('310107')!.cells[0]!);
    expect(c).toHaveLength(2);
  });
});
