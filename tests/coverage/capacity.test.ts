/**
 * Two-step floating catchment (src/coverage/capacity.ts) on a hand-worked strip of six 1 km cells.
 *
 * The district is cells 0–5 of one row (inset 1 m so the frame snaps to them); township T1 is cells
 * 0–1, T2 cells 2–5. Residents sit at the cell centres: 100, 200, 300, 400, 0, 50. There is no Outer
 * Ring, so every cell is outside it; the rule is 0.9 km inside / 0.6 km outside.
 *
 *   site  where                 units  radius         reaches (centre distance)
 *   A     centre of cell 0      10     own 1.2 km     0 (0), 1 (1 km)
 *   E     centre of cell 0      none→1 own 0.3 km     0
 *   C     edge of cells 1 | 2   6      rule 0.6 km    1, 2 (0.5 km)
 *   B     centre of cell 3      5      own 1.2 km     2, 3, 4 (cell 4 has nobody)
 *
 * Step 1: R_A = 10/300, R_E = 1/100, R_C = 6/500, R_B = 5/700.
 * Step 2 and the areas' units in use (residents × access):
 *   T1 = 100·(10/300 + 1/100) + 200·(10/300 + 6/500) = 3.3333 + 1 + 6.6667 + 2.4 = 13.4
 *   T2 = 300·(6/500 + 5/700) + 400·(5/700) = 3.6 + 2.142857 + 2.857143 = 8.6; cell 5's 50 are not reached.
 * Residents per unit: T1 300 / 13.4, T2 750 / 8.6, the district 1,050 / 22 (all 22 units in use).
 */
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { buildGrid } from '../../src/coverage/grid';
import { createProjection } from '../../src/coverage/projection';
import { buildPopulationLayer, cellResidents } from '../../src/coverage/population';
import { worldGrid } from './populationWorld';
import { capacityBreakdown, type CapacitySite } from '../../src/coverage/capacity';
import { fileSource, type PopulationRaster } from '../../src/domain/population';

const CELL = 1000;
const proj = createProjection();
const origin = proj.forward(121.5, 31.2);
const X = Math.floor(origin[0]! / CELL) * CELL;
const Y = Math.floor(origin[1]! / CELL) * CELL;
const lonLat = (x: number, y: number): [number, number] => {
  const p = proj.inverse(x, y);
  return [p[0]!, p[1]!];
};
/** A projected rectangle of cells [c0, c1) in row 0, inset 1 m, as a lon/lat polygon. */
const cells = (c0: number, c1: number): Polygon => {
  const [x0, x1, y0, y1] = [X + c0 * CELL + 1, X + c1 * CELL - 1, Y + 1, Y + CELL - 1];
  return { type: 'Polygon', coordinates: [[lonLat(x0, y0), lonLat(x1, y0), lonLat(x1, y1), lonLat(x0, y1), lonLat(x0, y0)]] };
};
const centre = (c: number) => lonLat(X + (c + 0.5) * CELL, Y + CELL / 2);

const grid = buildGrid(
  {
    districts: [{ id: '310000', geometry: cells(0, 6) }],
    townships: [
      { id: '310000001', geometry: cells(0, 2) },
      { id: '310000002', geometry: cells(2, 6) },
    ],
  },
  { cellM: CELL },
);
const residents = [100, 200, 300, 400, 0, 50];
const layer = buildPopulationLayer(grid, {
  kind: 'polygons',
  source: fileSource('polygons', 'strip.geojson'),
  features: residents.flatMap((r, c) => (r > 0 ? [{ geometry: { type: 'Point' as const, coordinates: centre(c) }, residents: r }] : [])),
});
const rule = { insideKm: 0.9, outsideKm: 0.6 };
const site = (lon: number, lat: number, capacity: number | undefined, radiusKm?: number): CapacitySite => ({ lon, lat, capacity, radiusKm });
const [c0lon, c0lat] = centre(0);
const [c3lon, c3lat] = centre(3);
const [clon, clat] = lonLat(X + 2 * CELL, Y + CELL / 2);
const SITES = [site(c0lon, c0lat, 10, 1.2), site(c0lon, c0lat, undefined, 0.3), site(clon, clat, 6), site(c3lon, c3lat, 5, 1.2)];

describe('2SFCA on the hand-worked strip', () => {
  it('lays the grid out as the example assumes', () => {
    expect([grid.cols, grid.rows, grid.x0, grid.y0]).toEqual([6, 1, X, Y]);
    expect(layer.report.placed).toBeCloseTo(1050, 3);
  });

  it('gives each township and the district its residents per unit and those not reached', () => {
    const out = capacityBreakdown(grid, layer, rule, SITES);
    const t1 = out.townships['310000001']!;
    const t2 = out.townships['310000002']!;
    const d = out.districts['310000']!;
    expect(t1.residents).toBeCloseTo(300, 3);
    expect(t1.residentsPerUnit!).toBeCloseTo(300 / 13.4, 4);
    expect(t1.notReached).toBe(0);
    expect(t2.residents).toBeCloseTo(750, 3);
    expect(t2.residentsPerUnit!).toBeCloseTo(750 / 8.6, 4);
    expect(t2.notReached).toBeCloseTo(50, 4);
    expect(d.residentsPerUnit!).toBeCloseTo(1050 / 22, 4);
    expect(d.notReached).toBeCloseTo(50, 4);
    expect([out.sites, out.units, out.assumedUnits]).toEqual([4, 22, 1]);
  });

  it('leaves a side out when the rule does, and says nobody is served where no unit reaches', () => {
    // Everything lies outside the ring: an inside-only rule serves nobody and has nobody.
    const inside = capacityBreakdown(grid, layer, { insideKm: 0.9, outsideKm: null }, SITES);
    expect(inside.districts['310000']).toEqual({ residents: 0, residentsPerUnit: null, notReached: 0 });
    // Only site C: T1 shares its 6 units with T2 (cells 1 and 2: 200 and 300 residents).
    const onlyC = capacityBreakdown(grid, layer, rule, [SITES[2]!]);
    expect(onlyC.townships['310000001']!.residentsPerUnit!).toBeCloseTo(300 / ((200 * 6) / 500), 4);
    expect(onlyC.townships['310000001']!.notReached).toBeCloseTo(100, 4);
    const none = capacityBreakdown(grid, layer, rule, []);
    expect(none.townships['310000002']).toMatchObject({ residentsPerUnit: null });
  });

  it('leaves no access behind between calls (the scratch arrays are cleared)', () => {
    const a = capacityBreakdown(grid, layer, rule, SITES);
    capacityBreakdown(grid, layer, rule, [SITES[3]!]);
    expect(capacityBreakdown(grid, layer, rule, SITES)).toEqual(a);
  });
});

/**
 * The made-up world of populationWorld.ts (two districts, the Outer Ring across them, land with a
 * river): 2SFCA against a brute force over every (cell side, site) pair, written apart from the disc
 * sweeps — each cell's residents by side from `cellResidents`, its centre from the grid's layout.
 */
describe('2SFCA against a brute force, across the Outer Ring', () => {
  const world = worldGrid(50);
  const raster: PopulationRaster = { width: 12, height: 10, west: 121.398, north: 31.242, dLon: 0.0045, dLat: 0.0045, values: new Float32Array(120) };
  let seed = 11;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < raster.values.length; i++) raster.values[i] = Math.round(rnd() * 2000);
  const worldLayer = buildPopulationLayer(world, { kind: 'raster', source: fileSource('raster', 'world.tif'), raster });
  const worldRule = { insideKm: 0.9, outsideKm: 1.5 };
  const worldSites: CapacitySite[] = Array.from({ length: 14 }, (_, i) => ({
    lon: 121.405 + rnd() * 0.09,
    lat: 31.203 + rnd() * 0.034,
    capacity: i % 5 === 0 ? undefined : 1 + Math.floor(rnd() * 20),
    radiusKm: i % 4 === 0 ? 0.4 + rnd() : undefined,
  }));

  function bruteForce(rule: { insideKm: number | null; outsideKm: number | null }) {
    const xy = new Float64Array(2);
    const placed = worldSites.map((s) => {
      world.projection.forward(s.lon, s.lat, xy);
      const km = (side: number | null) => (side === null ? -1 : (s.radiusKm ?? side));
      return { x: xy[0]!, y: xy[1]!, rIn: km(rule.insideKm) * 1000, rOut: km(rule.outsideKm) * 1000, units: s.capacity ?? 1 };
    });
    // Every populated cell side of each district, with its centre.
    const sides: Array<{ region: string; x: number; y: number; inside: boolean; residents: number }> = [];
    for (const [id, region] of world.districts) {
      const res = worldLayer.regions.get(region)!;
      region.cells.forEach((k, q) => {
        const [a, b] = cellResidents(region, res, q);
        const x = world.x0 + ((k % world.cols) + 0.5) * world.cellM;
        const y = world.y0 + (Math.floor(k / world.cols) + 0.5) * world.cellM;
        if (a > 0 && rule.insideKm !== null) sides.push({ region: id, x, y, inside: true, residents: a });
        if (b > 0 && rule.outsideKm !== null) sides.push({ region: id, x, y, inside: false, residents: b });
      });
    }
    const reaches = (s: (typeof placed)[number], c: (typeof sides)[number]) => Math.hypot(c.x - s.x, c.y - s.y) <= (c.inside ? s.rIn : s.rOut);
    const ratio = placed.map((s) => {
      const demand = sides.reduce((sum, c) => sum + (reaches(s, c) ? c.residents : 0), 0);
      return demand > 0 ? s.units / demand : 0;
    });
    const out: Record<string, { residents: number; served: number; notReached: number }> = {};
    for (const c of sides) {
      const access = placed.reduce((sum, s, j) => sum + (reaches(s, c) ? ratio[j]! : 0), 0);
      const o = (out[c.region] ??= { residents: 0, served: 0, notReached: 0 });
      o.residents += c.residents;
      o.served += c.residents * access;
      if (access === 0) o.notReached += c.residents;
    }
    return out;
  }

  it.each([
    ['both sides', worldRule],
    ['inside the ring only', { insideKm: 0.9, outsideKm: null }],
  ])('equals the brute force per district (%s)', (_, rule) => {
    const got = capacityBreakdown(world, worldLayer, rule, worldSites);
    const want = bruteForce(rule);
    for (const id of world.districts.keys()) {
      const w = want[id]!;
      const g = got.districts[id]!;
      expect(g.residents).toBeCloseTo(w.residents, 0);
      expect(g.notReached).toBeCloseTo(w.notReached, 0);
      // Float32 access sums against Float64: measured up to 5.4e-8 relative.
      expect(Math.abs(g.residentsPerUnit! / (w.residents / w.served) - 1)).toBeLessThan(1.5e-7);
    }
  });

  it('splits residents by side as the layer does', () => {
    const both = capacityBreakdown(world, worldLayer, worldRule, worldSites);
    const inside = capacityBreakdown(world, worldLayer, { insideKm: 0.9, outsideKm: null }, worldSites);
    for (const [id, region] of world.districts) {
      const res = worldLayer.regions.get(region)!;
      expect(both.districts[id]!.residents).toBeCloseTo(res.total, 0);
      expect(inside.districts[id]!.residents).toBeCloseTo(res.inside, 0);
    }
  });
});
