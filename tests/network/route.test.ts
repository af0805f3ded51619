/**
 * The hover's route (src/network/route.ts) against the full search: on the People's Square fixture,
 * walking and driving, the route from every joined cell to the site the field names has the
 * field's distance (the float32 the figures count), and the line drawn adds up to that distance on
 * the plane (access, along the edge, node to node, along the site's edge, the site's access).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { prepareNetwork } from '../../src/network/context';
import { NetworkEngine } from '../../src/network/networkEngine';
import { readRoadFile } from '../../src/network/readRoadFile';
import { cellAt as cellUnder, planeLength, routeFromCell } from '../../src/network/route';
import { NodeSearch } from '../../src/network/search';
import { boxGrid, siteAt } from './world';

const path = fileURLToPath(new URL('../../geodata/source/shanghai_roads_peoples_square_osm_fixture.geojson', import.meta.url));
const roads = readRoadFile('peoples-square.geojson', new Uint8Array(readFileSync(path)));
const grid = boxGrid(-1000, -1300, 1700, 1400);
const sites = [siteAt('a', [0, 0]), siteAt('b', [900, 500]), siteAt('c', [-400, -800]), siteAt('d', [1200, -900])];

describe('route to the nearest site', () => {
  for (const mode of ['walk', 'drive'] as const) {
    it(`${mode}: every joined cell's route has the field's distance`, () => {
      const ctx = prepareNetwork(grid, roads, mode);
      const engine = new NetworkEngine(ctx, { maxDistanceM: 1500 });
      engine.setSites(sites);
      const field = engine.distanceField();
      const search = new NodeSearch(ctx.graph, { predecessors: true });
      const byId = new Map(sites.map((s) => [s.id, s]));
      let checked = 0;
      for (let j = 0; j < ctx.joins.cell.length; j += 3) {
        const k = ctx.joins.cell[j]!;
        const id = engine.nearestSiteOf(k);
        if (id === undefined) {
          expect(field[k]).toBe(Infinity);
          continue;
        }
        const route = routeFromCell(ctx, search, k, byId.get(id)!, 1500);
        expect(route).not.toBeNull();
        // The field keeps fround of the same double.
        expect(Math.fround(route!.distanceM)).toBe(field[k]);
        // The line drawn is as long as the distance counted (join points interpolated on the plane).
        expect(Math.abs(planeLength(route!.plane) - route!.distanceM)).toBeLessThan(0.01);
        checked++;
      }
      expect(checked).toBeGreaterThan(100);
    });
  }

  it('the cell under a point, and none beyond the snap distance', () => {
    const ctx = prepareNetwork(grid, roads, 'walk', { snapM: 10 });
    const search = new NodeSearch(ctx.graph, { predecessors: true });
    const s = sites[0]!;
    const k = cellUnder(ctx, s.lon, s.lat);
    expect(k).toBeGreaterThanOrEqual(0);
    const unjoined = grid.study.cells.find((c) => ctx.joins.joinOf[c]! < 0)!;
    expect(routeFromCell(ctx, search, unjoined, s, 1500)).toBeNull();
    expect(cellUnder(ctx, 0, 0)).toBe(-1);
    expect(() => routeFromCell(ctx, new NodeSearch(ctx.graph), k, s, 1500)).toThrow(/predecessors/);
  });
});
