/**
 * The covering instance follows the coverage engine exactly: for random site sets, the weight the
 * instance says they cover equals what a CoverageEngine measures on the land of a grid with another
 * frame (two districts), for the whole district and for each ring part alone — with an existing site
 * that carries its own radius, and a lake that is not land.
 */
import { describe, expect, it } from 'vitest';
import { buildGrid } from '../../src/coverage/grid';
import { CoverageEngine, type CoverageRule } from '../../src/coverage/engine';
import { coveredBy } from '../../src/optimize/coverState';
import { prepare, type OptimizeInput } from '../../src/optimize/optimizer';
import type { RingChoice } from '../../src/optimize/scope';
import { lcg, TINY, TINY_LAND, TINY_WATER } from './helpers';

const RULE: CoverageRule = { insideKm: 0.45, outsideKm: 0.7 };

describe('covering instance vs the coverage engine', () => {
  it.each(['all', 'inside', 'outside'] as RingChoice[])('ring part %s: covered weight = engine share, for random subsets', (ring) => {
    const rnd = lcg(31);
    const existing = [{ id: 'e1', lon: 121.437, lat: 31.109 }, { id: 'e2', lon: 121.463, lat: 31.106 }, { id: 'e3', lon: 121.447, lat: 31.103, radiusKm: 0.3 }];
    const input: OptimizeInput = {
      district: { id: '310106', geometry: TINY.district },
      outerRing: [TINY.ring],
      land: [TINY_LAND],
      ring,
      rule: RULE,
      water: TINY_WATER,
      existing,
      goal: { kind: 'close-gap', targetShare: 1 },
      candidates: { kind: 'lattice', spacingM: 200 },
      solver: 'heuristic',
    };
    const { inst, candidates, scope } = prepare(input);
    expect(inst.nCand).toBeGreaterThan(40);
    // Rows were merged: fewer rows than uncovered cell parts.
    expect(inst.nRows).toBeLessThan(inst.items);

    const grid = buildGrid(
      { districts: [{ id: '310107', geometry: TINY.neighbour }, { id: '310106', geometry: TINY.district }], outerRing: [TINY.ring], land: [TINY_LAND] },
      { cellM: 50 },
    );
    const engine = new CoverageEngine(grid, { maxDistanceM: 700 });
    const region = grid.districts.get('310106')!;
    const rule = { ...RULE };
    if (ring === 'inside') rule.outsideKm = null;
    if (ring === 'outside') rule.insideKm = null;
    expect(scope.rule).toEqual(rule);

    for (let trial = 0; trial < 25; trial++) {
      const open = Array.from({ length: inst.nCand }, (_, j) => j).filter(() => rnd() < 0.12);
      engine.setSites([...existing, ...open.map((j) => ({ id: `c${j}`, ...candidates.candidates[j]! }))]);
      const measured = engine.regionCoverage(region, rule).land;
      // The lake (outside the ring) is not land: there the land is smaller than the polygon.
      if (ring !== 'inside') expect(measured.areaKm2).toBeLessThan(engine.regionCoverage(region, rule).polygon.areaKm2 - 0.05);
      // Compared in whole sub-samples (the engine's km² are those counts times a constant).
      const engineWeight = measured.coveredKm2 / inst.unitKm2;
      expect(Math.abs(engineWeight - Math.round(engineWeight))).toBeLessThan(1e-6);
      expect(inst.existing + coveredBy(inst, open)).toBe(Math.round(engineWeight));
      expect(Math.abs(inst.total * inst.unitKm2 - measured.areaKm2)).toBeLessThan(1e-9);
    }
  });
});
