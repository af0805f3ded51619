/**
 * The residents objective (issue #15) on a hand-made instance.
 *
 * District D of the tiny area (helpers.ts), radius 500 m on both sides of the ring. All its residents
 * (10,000) live in one housing block P in its south-west corner (a polygon input, so every other
 * cell is empty land). Two candidate sites:
 * - A at (121.445, 31.106), in the middle of D: its 500 m disc lies wholly on D's land (≈ 0.785 km²),
 *   and P's nearest corner is 0.0115° of longitude away (≈ 1.1 km): A reaches no resident.
 * - B at (121.432, 31.1015), in D's corner: half its disc or more lies outside D (less land than A),
 *   and P's farthest corner is ≈ 143 m east and 222 m north of it (≈ 264 m < 500 m): B reaches all
 *   10,000 residents.
 * So best-1 by land picks A; best-1 by residents picks B, which adds 10,000 residents against A's 0 —
 * provably better (the MILP proves it, and the hand count says so). Closing the gap for residents
 * needs B alone: the empty field A would cover is not demand.
 */
import highsLoader, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { buildGrid } from '../../src/coverage/grid';
import { buildPopulationLayer, cellResidents } from '../../src/coverage/population';
import { fileSource, type PopulationInput } from '../../src/domain/population';
import { optimize, prepare, type OptimizeInput } from '../../src/optimize/optimizer';
import { TINY, TINY_LAND, TINY_WATER } from './helpers';

const A = { lon: 121.445, lat: 31.106 };
const B = { lon: 121.432, lat: 31.1015 };
const P: Polygon = {
  type: 'Polygon',
  coordinates: [[[121.4305, 31.1005], [121.4335, 31.1005], [121.4335, 31.1035], [121.4305, 31.1035], [121.4305, 31.1005]]],
};
const POPULATION: PopulationInput = { kind: 'polygons', source: fileSource('polygons', 'block.geojson'), features: [{ geometry: P, residents: 10_000 }] };

let highs: Highs;
beforeAll(async () => {
  highs = await highsLoader();
});

function input(goal: OptimizeInput['goal'], objective: 'area' | 'residents'): OptimizeInput {
  return {
    district: { id: '310106', geometry: TINY.district },
    outerRing: [TINY.ring],
    land: [TINY_LAND],
    ring: 'all',
    rule: { insideKm: 0.5, outsideKm: 0.5 },
    water: TINY_WATER,
    existing: [],
    goal,
    candidates: { kind: 'list', points: [A, B] },
    solver: 'exact',
    exactTimeLimitS: 20,
    heuristicMs: 300,
    objective,
    population: POPULATION,
  };
}

const at = (s: { lon: number; lat: number }) => `${s.lon.toFixed(4)},${s.lat.toFixed(4)}`;

describe('optimizer objective: residents', () => {
  it('both candidates are on land in D (the instance is as hand-worked)', () => {
    const prep = prepare(input({ kind: 'best-n', n: 1 }, 'residents'));
    expect(prep.candidates.candidates.map(at)).toEqual([at(A), at(B)]);
    // Every resident is in D's land (P lies inside D, on land): the scope holds all 10,000.
    expect(prep.residents!.total).toBeCloseTo(10_000, 1);
  });

  it('best 1: land picks A, residents picks B, which provably adds more residents', () => {
    const area = optimize(input({ kind: 'best-n', n: 1 }, 'area'), { highs });
    const res = optimize(input({ kind: 'best-n', n: 1 }, 'residents'), { highs });
    expect(area.sites.map(at)).toEqual([at(A)]);
    expect(res.sites.map(at)).toEqual([at(B)]);
    expect(area.proven && res.proven).toBe(true);
    // A's disc is all land in D: π·0.5² km² to the grid's resolution; B's has much less land.
    expect(area.sites[0]!.gainKm2).toBeGreaterThan(0.75);
    expect(area.sites[0]!.gainKm2).toBeLessThan(0.82);
    expect(res.sites[0]!.gainKm2).toBeLessThan(0.5);
    // B adds all 10,000 residents (each cell's count rounded to 1/1024 of a resident), A none.
    expect(res.sites[0]!.gainResidents!).toBeCloseTo(10_000, 0);
    expect(res.model.objective).toBe('residents');
    expect(res.residents!.total).toBeCloseTo(10_000, 0);
    expect(res.shareAfter).toBe(1);
    expect(res.recheckShare).toBe(1);
    // The proven bound, as a share of the residents: nothing better than all of them.
    expect(res.bound).toBe(1);
    // The area answer reaches no resident: residents objective on A alone gives 0.
    const onlyA = optimize({ ...input({ kind: 'best-n', n: 1 }, 'residents'), candidates: { kind: 'list', points: [A] } }, { highs });
    expect(onlyA.shareAfter).toBe(0);
    // The land share of the residents answer is reported beside it, below the area answer's.
    expect(res.land.shareAfter).toBeLessThan(area.land.shareAfter);
    expect(area.land.shareAfter).toBe(area.shareAfter);
  });

  it('closing the gap for residents needs B alone: the empty field is not demand', () => {
    const res = optimize(input({ kind: 'close-gap', targetShare: 1 }, 'residents'), { highs });
    expect(res.sites.map(at)).toEqual([at(B)]);
    expect(res.proven).toBe(true);
    expect(res.bound).toBe(1);
    expect(res.shareAfter).toBe(1);
    expect(res.recheckShare).toBe(1);
    expect(res.land.shareAfter).toBeLessThan(0.6);
    // With land as the objective, the same gap takes both sites.
    const area = optimize(input({ kind: 'close-gap', targetShare: 1 }, 'area'), { highs });
    expect(area.sites).toHaveLength(2);
  });

  it('refuses the residents objective without a population input', () => {
    expect(() => prepare({ ...input({ kind: 'best-n', n: 1 }, 'residents'), population: null })).toThrow(/population/);
  });

  it.each([
    ['polygons', POPULATION],
    ['district census', { kind: 'district-census', source: fileSource('polygons', 'census'), districts: { '310106': 123_456, '310107': 50_000 } } as PopulationInput],
  ])('%s: the scope grid gets the residents the city grid (the coverage worker\'s) has, cell for cell', (_name, population) => {
    const city = buildGrid(
      { districts: [{ id: '310106', geometry: TINY.district }, { id: '310107', geometry: TINY.neighbour }], outerRing: [TINY.ring], land: [TINY_LAND] },
      { cellM: 50 },
    );
    const cityRegion = city.districts.get('310106')!;
    const cityRes = buildPopulationLayer(city, population).regions.get(cityRegion)!;
    const prep = prepare({ ...input({ kind: 'best-n', n: 1 }, 'residents'), population });
    const { grid, region } = prep.scope;
    // The scope grid's cells are the city grid's, shifted by whole cells.
    const dc = Math.round((grid.x0 - city.x0) / grid.cellM);
    const dr = Math.round((grid.y0 - city.y0) / grid.cellM);
    expect(Math.abs(grid.x0 - city.x0 - dc * grid.cellM)).toBeLessThan(1e-6);
    const byCell = new Map<number, [number, number]>();
    for (let q = 0; q < cityRegion.cells.length; q++) {
      const k = cityRegion.cells[q]!;
      const col = k % city.cols;
      byCell.set((Math.floor(k / city.cols) - dr) * grid.cols + (col - dc), cellResidents(cityRegion, cityRes, q));
    }
    let compared = 0;
    for (let q = 0; q < region.cells.length; q++) {
      const mine = cellResidents(region, prep.residents!, q);
      const theirs = byCell.get(region.cells[q]!) ?? [0, 0];
      expect(mine[0]).toBeCloseTo(theirs[0], 3);
      expect(mine[1]).toBeCloseTo(theirs[1], 3);
      if (mine[0] + mine[1] > 0) compared++;
    }
    expect(compared).toBeGreaterThan(10);
    expect(prep.residents!.total).toBeCloseTo(cityRes.total, 1);
  });
});
