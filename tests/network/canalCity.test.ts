/**
 * A synthetic city of the kind the acceptance names — a canal crossed by one bridge, an
 * elevated road over the streets that must not join them, an expressway on foot excluded — held to
 * the independent computation of the model (referenceModel.ts) at every cell, and to bounds worked
 * by hand: whatever lies across the canal is reached over the bridge or not at all, and ground under
 * the elevated road is reached from a site on it only by way of its ramps.
 */
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, LineString } from 'geojson';
import { CoverageEngine, type CoverageRule } from '../../src/coverage/engine';
import { prepareNetwork } from '../../src/network/context';
import { NetworkEngine } from '../../src/network/networkEngine';
import { readRoadFile } from '../../src/network/readRoadFile';
import { boxGrid, cellAt, lonLat, ORIGIN, roadsGeojson, type Pt, type Road } from './world';
import { compare, referenceField, referenceGraph } from './referenceModel';

// Local metres. Streets 200 m apart, set off the 50 m cell lattice by different amounts east–west and
// north–south, so that no cell centre is equidistant from two roads (the model's join would be a tie). The canal runs north–south between x = 700 (west bank) and x = 770 (east bank).
const YS = [110, 310, 510, 710, 910];
const XS_WEST = [120, 320, 520, 700];
const XS_EAST = [770, 920, 1120, 1320];
const ELEVATED_X = 200;
const BRIDGE_Y = 510;
const EXPRESSWAY_Y = 410;

function city(): Road[] {
  const roads: Road[] = [];
  for (const y of YS) {
    // Each street stops at the canal; the west half also has a vertex where the elevated road's ramps
    // come down (y = 110 and 910 only).
    const west = [...XS_WEST, ...(y === YS[0] || y === YS[YS.length - 1] ? [ELEVATED_X] : [])].sort((a, b) => a - b);
    roads.push({ pts: west.map((x): Pt => [x, y]) });
    roads.push({ pts: XS_EAST.map((x): Pt => [x, y]) });
  }
  // The cross streets, with a vertex where the expressway meets them.
  for (const x of [...XS_WEST, ...XS_EAST]) roads.push({ pts: [...YS, EXPRESSWAY_Y].sort((a, b) => a - b).map((y): Pt => [x, y]) });
  // The one bridge, sharing the banks' vertices.
  roads.push({ pts: [[700, BRIDGE_Y], [770, BRIDGE_Y]], tags: { highway: 'residential', bridge: 'yes' } });
  // The elevated road: over every street between its ramps, with no vertex in common but its ends.
  roads.push({ pts: [[ELEVATED_X, 110], [ELEVATED_X, 610], [ELEVATED_X, 910]], tags: { highway: 'primary', bridge: 'yes', layer: '1' } });
  // An expressway across the canal, joined to every street it meets — but no road on foot.
  roads.push({ pts: [...XS_WEST, ...XS_EAST].map((x): Pt => [x, EXPRESSWAY_Y]), tags: { highway: 'trunk' } });
  return roads;
}

const grid = boxGrid(0, 0, 1400, 1000);
// Written to 7 decimals, as OSM gives them: the reader and the reference then read the same points.
const fc = roadsGeojson(city()) as FeatureCollection<LineString, Record<string, string>>;
for (const f of fc.features) f.geometry.coordinates = f.geometry.coordinates.map((p) => p.map((v) => Number(v.toFixed(7))));
const bytes = new TextEncoder().encode(JSON.stringify(fc));
const site = (p: Pt, id: string) => {
  const [lon, lat] = lonLat(p);
  return { id, lon, lat };
};
const centre = (k: number): Pt => {
  const col = k % grid.cols;
  const row = (k - col) / grid.cols;
  return [grid.x0 + (col + 0.5) * grid.cellM - ORIGIN.x, grid.y0 + (row + 0.5) * grid.cellM - ORIGIN.y];
};
const dist = (a: Pt, b: Pt) => Math.hypot(a[0] - b[0], a[1] - b[1]);

function walkEngine(sites: ReturnType<typeof site>[]) {
  const ctx = prepareNetwork(grid, readRoadFile('canal-city.geojson', bytes), 'walk');
  const engine = new NetworkEngine(ctx, { maxDistanceM: 1500 });
  engine.setSites(sites);
  return { ctx, engine };
}

describe('canal city: one bridge, an elevated road, an expressway', () => {
  const sites = [site([310, 250], 'west-a'), site([600, 760], 'west-b'), site([1110, 180], 'east')];

  it('equals the independent computation at every cell', () => {
    const { ctx, engine } = walkEngine(sites);
    const g = referenceGraph(fc, grid.projection, 'walk');
    expect([ctx.graph.nodeCount, ctx.graph.edgeCount]).toEqual([g.xs.length, g.edges.length]);
    const ref = referenceField(grid, g, sites, () => 1500, () => 1);
    const reached = compare(grid, engine.distanceField(), ref, 2e-3);
    expect(reached).toBeGreaterThan(grid.study.cells.length * 0.5);
  });

  it('across the canal only over the bridge: no east-bank cell is nearer than the walk through it', () => {
    const west = [site([310, 250], 'west-a'), site([600, 760], 'west-b')];
    const { engine } = walkEngine(west);
    const field = engine.distanceField();
    const bridgeWest: Pt = [700, BRIDGE_Y];
    const bridgeEast: Pt = [770, BRIDGE_Y];
    let east = 0;
    for (const k of grid.study.cells) {
      const c = centre(k);
      if (c[0] < 800 || field[k] === Infinity) continue;
      east++;
      // A lower bound: straight to the bridge, over it, straight on to the cell.
      const bound = Math.min(...west.map((s) => dist(localOf(s), bridgeWest))) + 70 + dist(bridgeEast, c);
      expect(field[k]!).toBeGreaterThanOrEqual(bound - 0.05);
    }
    expect(east).toBeGreaterThan(20);
    // The straight line would call much of the east bank covered at 0.9 km; on foot less of it is.
    const rule: CoverageRule = { insideKm: 0.9, outsideKm: 0.9 };
    const straight = new CoverageEngine(grid, { maxDistanceM: 1500 });
    straight.setSites(west);
    expect(engine.coverage('all', rule).land.share).toBeLessThan(straight.coverage('all', rule).land.share);
  });

  it('a site on the elevated road reaches the street below only by its ramps', () => {
    const { engine } = walkEngine([site([ELEVATED_X, 610], 'on-the-viaduct')]);
    // The cell centred at (225, 525) joins the street y = 510 (15 m; the viaduct is 25 m off). By hand:
    // along y = 510 west to x = 120 (105), north to y = 910 (400), east to the ramp (80), south on the
    // viaduct to the site (300): 885, plus the 15 m join (every other way round is longer).
    const k = cellAt(grid, [225, 525]);
    expect(Math.abs(engine.distanceField()[k]! - (15 + 885))).toBeLessThan(0.05);
    // Had the viaduct joined the street where it passes over it, about 15 + 25 + 100.
    expect(dist([225, 525], [ELEVATED_X, 610])).toBeLessThan(100);
  });

  it('the expressway is no way on foot (a cell beside it joins the next street), and by car it is', () => {
    const east = site([1110, BRIDGE_Y], 'east-only');
    const walk = walkEngine([east]).engine.distanceField();
    const ctx = prepareNetwork(grid, readRoadFile('canal-city.geojson', bytes), 'drive');
    const drive = new NetworkEngine(ctx, { maxDistanceM: 1500 });
    drive.setSites([east]);
    // The cell at (625, 425), west of the canal: 15 m from the expressway, 75 m from the bank street x = 700.
    const k = cellAt(grid, [625, 425]);
    // On foot it joins x = 700 (75 m): west along y = 510 to the bank (340), the bridge (70), south to
    // y = 425 (85): 495 + 75.
    expect(Math.abs(walk[k]! - (495 + 75))).toBeLessThan(0.05);
    // By car it joins the expressway (15 m): west along y = 510 to x = 920 (190), south to it (100),
    // west along it to x = 625 (295): 585 + 15.
    expect(Math.abs(drive.distanceField()[k]! - (585 + 15))).toBeLessThan(0.05);
  });
});

function localOf(s: { lon: number; lat: number }): Pt {
  const q = grid.projection.forward(s.lon, s.lat, [0, 0]);
  return [q[0]! - ORIGIN.x, q[1]! - ORIGIN.y];
}
