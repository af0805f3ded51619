/**
 * The People's Square fixture against an independent computation of the model (referenceModel.ts),
 * at every cell.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, LineString } from 'geojson';
import { CoverageEngine, regionCoverageOf, type CoverageRule } from '../../src/coverage/engine';
import { prepareNetwork } from '../../src/network/context';
import { NetworkEngine } from '../../src/network/networkEngine';
import { readRoadFile } from '../../src/network/readRoadFile';
import { boxGrid, ORIGIN } from './world';
import { compare, referenceField, referenceGraph } from './referenceModel';

const path = fileURLToPath(new URL('../../geodata/source/shanghai_roads_peoples_square_osm_fixture.geojson', import.meta.url));
const bytes = new Uint8Array(readFileSync(path));
const fc = JSON.parse(new TextDecoder().decode(bytes)) as FeatureCollection<LineString, Record<string, string>>;

// The fixture's box in local metres (world.ts): about −850…1550 east, −1150…1250 north.
const grid = boxGrid(-1000, -1300, 1700, 1400);
const proj = grid.projection;

let seed = 11;
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const local = (x: number, y: number) => {
  const p = proj.inverse(ORIGIN.x + x, ORIGIN.y + y, [0, 0]);
  return { lon: p[0]!, lat: p[1]! };
};
const ruleSites = Array.from({ length: 7 }, (_, i) => ({ id: `r${i}`, ...local(-800 + rnd() * 2300, -1100 + rnd() * 2300) }));
const ownSites = [
  { id: 'own0', ...local(200, 100), radiusKm: 0.6 },
  { id: 'own1', ...local(-500, 900), radiusKm: 1.1 },
];

describe("People's Square: engine = independent reference at every cell", () => {
  for (const mode of ['walk', 'drive'] as const) {
    it(`${mode}: rule sites (1.5 km cap) and own-radius sites`, () => {
      const ctx = prepareNetwork(grid, readRoadFile('roads.geojson', bytes), mode);
      const engine = new NetworkEngine(ctx, { maxDistanceM: 1500 });
      engine.setSites([...ruleSites, ...ownSites]);
      const g = referenceGraph(fc, proj, mode);
      expect([ctx.graph.nodeCount, ctx.graph.edgeCount]).toEqual([g.xs.length, g.edges.length]);
      const rule = referenceField(grid, g, ruleSites, () => 1500, () => 1);
      const reached = compare(grid, engine.distanceField(), rule, 2e-3);
      expect(reached).toBeGreaterThan(grid.study.cells.length * (mode === 'walk' ? 0.5 : 0.2));
      const own = referenceField(grid, g, ownSites, (s) => s.radiusKm! * 1000, (s) => s.radiusKm! * 1000);
      compare(grid, engine.ownRatioField()!, own, 2e-6);

      // The shares computed from the reference distances with the straight-line engine's counting agree.
      const r: CoverageRule = { insideKm: 0.9, outsideKm: 0.9 };
      const t = engine.coverTest(r);
      const fromRef = regionCoverageOf(grid, grid.study, r, { ...t, dist: Float32Array.from(rule), own: Float32Array.from(own) });
      expect(engine.coverage('all', r).land.share).toBeCloseTo(fromRef.land.share, 6);
    });
  }

  it('no network distance is shorter than the straight line', () => {
    const ctx = prepareNetwork(grid, readRoadFile('roads.geojson', bytes), 'walk');
    const net = new NetworkEngine(ctx, { maxDistanceM: 1500 });
    const straight = new CoverageEngine(grid, { maxDistanceM: 1500 });
    net.setSites(ruleSites);
    straight.setSites(ruleSites);
    let shorter = 0;
    let longer = 0;
    for (const k of grid.study.cells) {
      const n = net.distanceField()[k]!;
      const s = straight.distanceField()[k]!;
      if (n < s - 0.02) shorter++;
      if (n > s * 1.2) longer++;
    }
    expect(shorter).toBe(0);
    expect(longer).toBeGreaterThan(0);
    const rule: CoverageRule = { insideKm: 0.9, outsideKm: 0.9 };
    expect(net.coverage('all', rule).land.share).toBeLessThan(straight.coverage('all', rule).land.share);
  });
});
