/**
 * The breakdown counts whole cells by runs (src/coverage/regionRuns.ts): every region's result must
 * equal its counts taken cell by cell here with the engine's rule (coveredAt), to the bit — with a
 * land layer, a ring crossing the regions, rules leaving a side out, and both kinds of site.
 */
import { describe, expect, it } from 'vitest';
import { sideRules, square } from './squares';
import { buildGrid, COUNT_IN, COUNT_LAND_IN, COUNT_LAND_OUT, COUNT_OUT, type CoverageGrid, type Region } from '../../src/coverage/grid';
import { CoverageEngine, coveredAt, type CoverTest } from '../../src/coverage/engine';
import { regionRuns } from '../../src/coverage/regionRuns';

const rules = sideRules;

/** Covered sub-samples per count, cell by cell (the loop the runs replace). */
function byCell(grid: CoverageGrid, r: Region, t: CoverTest) {
  let covIn = 0;
  let covOut = 0;
  let landIn = 0;
  let landOut = 0;
  for (let q = 0; q < r.cells.length; q++) {
    if (coveredAt(t, r.cells[q]!, true)) {
      covIn += COUNT_IN[r.counts[q]!]!;
      landIn += COUNT_LAND_IN[r.counts[q]!]!;
    }
    if (coveredAt(t, r.cells[q]!, false)) {
      covOut += COUNT_OUT[r.counts[q]!]!;
      landOut += COUNT_LAND_OUT[r.counts[q]!]!;
    }
  }
  const f = (grid.cellM * grid.cellM) / 1e6 / 16;
  return [covIn * f, covOut * f, landIn * f, landOut * f];
}

function expectAllEqual(engine: CoverageEngine) {
  const grid = engine.grid;
  for (const rule of rules) {
    const t = engine.coverTest(rule);
    const b = engine.breakdown(rule);
    const check = (r: Region, got: typeof b.all) => {
      const [ci, co, li, lo] = byCell(grid, r, t);
      expect([got.polygon.inside?.coveredKm2 ?? 0, got.polygon.outside?.coveredKm2 ?? 0]).toEqual([rule.insideKm === null ? 0 : ci, rule.outsideKm === null ? 0 : co]);
      expect([got.land.inside?.coveredKm2 ?? 0, got.land.outside?.coveredKm2 ?? 0]).toEqual([rule.insideKm === null ? 0 : li, rule.outsideKm === null ? 0 : lo]);
    };
    for (const [id, r] of grid.districts) check(r, b.districts[id]!);
    for (const [id, r] of grid.zones) check(r, b.zones[id]!);
    check(grid.study, b.all);
  }
}

describe('breakdown by runs of whole cells', () => {
  const districts = [
    { id: 'a', geometry: square(121.40, 31.10, 121.46, 31.15) },
    { id: 'b', geometry: square(121.45, 31.12, 121.52, 31.18) }, // overlaps a
  ];
  const grid = buildGrid(
    {
      districts,
      zones: [{ id: 'z', geometry: square(121.42, 31.11, 121.48, 31.14) }],
      outerRing: [square(121.48, 31.0, 121.6, 31.3)],
      land: [square(121.38, 31.09, 121.51, 31.175)],
    },
    { cellM: 50 },
  );

  it('split the cells of each region: runs of whole cells (most of them) and the rest', () => {
    for (const r of [...grid.districts.values(), ...grid.zones.values(), grid.study]) {
      const runs = regionRuns(r);
      const inRuns = runs.inLen.reduce((n, x) => n + x, 0);
      const outRuns = runs.outLen.reduce((n, x) => n + x, 0);
      expect(inRuns + outRuns + runs.rest.length).toBe(r.cells.length);
      expect(inRuns + outRuns).toBeGreaterThan(r.cells.length / 2);
    }
    // 'b' lies on both sides of the ring and partly off the land: all three kinds occur.
    const b = regionRuns(grid.districts.get('b')!);
    expect([b.inLen.length, b.outLen.length, b.rest.length].every((n) => n > 0)).toBe(true);
  });

  it('count as the cells do, for rule sites, own-radius sites, both and none', () => {
    const engine = new CoverageEngine(grid, { maxDistanceM: 1500 });
    expectAllEqual(engine);
    engine.setSites([
      { id: 's1', lon: 121.44, lat: 31.13 },
      { id: 's2', lon: 121.47, lat: 31.15 },
    ]);
    expectAllEqual(engine);
    engine.addSite({ id: 's3', lon: 121.415, lat: 31.115, radiusKm: 0.3 });
    expectAllEqual(engine);
    engine.removeSite('s1');
    engine.removeSite('s2');
    expectAllEqual(engine);
  });
});
