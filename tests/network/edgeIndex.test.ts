/** The edge index finds the nearest point on the nearest edge exactly, as trying every edge does. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProjection } from '../../src/coverage/projection';
import { EdgeIndex, type Join } from '../../src/network/edgeIndex';
import { buildGraph } from '../../src/network/graph';
import { readGeojsonRoads } from '../../src/network/readGeojsonRoads';
import { roadsGeojson, type Pt } from './world';

const proj = createProjection();

describe('EdgeIndex', () => {
  it('agrees with a scan of every edge (long diagonals, short segments, points far off)', () => {
    const pt = fc.tuple(fc.integer({ min: -2000, max: 2000 }), fc.integer({ min: -2000, max: 2000 }));
    fc.assert(
      fc.property(fc.array(fc.array(pt, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 12 }), fc.array(pt, { minLength: 1, maxLength: 20 }), fc.integer({ min: 10, max: 300 }), (lines, queries, bucketM) => {
        const roads = readGeojsonRoads('t.geojson', roadsGeojson(lines.map((pts) => ({ pts: pts as Pt[] }))));
        const g = buildGraph(roads, 'walk', proj);
        if (g.edgeCount === 0) return;
        const index = new EdgeIndex(g, bucketM);
        const j: Join = { edge: -1, access: 0, alongU: 0, alongV: 0 };
        for (const [qx0, qy0] of queries) {
          const qx = g.x[0]! + qx0;
          const qy = g.y[0]! + qy0;
          let best = Infinity;
          for (let e = 0; e < g.edgeCount; e++) {
            const ux = g.x[g.edgeU[e]!]!;
            const uy = g.y[g.edgeU[e]!]!;
            const dx = g.x[g.edgeV[e]!]! - ux;
            const dy = g.y[g.edgeV[e]!]! - uy;
            const t = Math.max(0, Math.min(1, ((qx - ux) * dx + (qy - uy) * dy) / (dx * dx + dy * dy)));
            best = Math.min(best, Math.hypot(qx - ux - t * dx, qy - uy - t * dy));
          }
          for (const maxDist of [150, 5000]) {
            const found = index.nearest(qx, qy, maxDist, j);
            if (Math.abs(best - maxDist) > 1e-9) expect(found).toBe(best <= maxDist);
            if (found) {
              expect(Math.abs(j.access - best)).toBeLessThan(1e-9);
              expect(j.alongU + j.alongV).toBeCloseTo(g.edgeLen[j.edge]!, 6);
            }
          }
        }
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});
