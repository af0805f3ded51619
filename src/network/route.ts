/**
 * The walk (or drive) from one piece of ground to its nearest site, for the hover: the route the
 * network distance field measured, as a line on the map.
 *
 * The field keeps, per cell, the distance and the slot of the site that gave it (never the path: a
 * predecessor per node for every search of a drag would cost memory and time the figures do not
 * need). The route is found again on demand: one capped search from that site alone, with
 * predecessors kept (NodeSearch's `predecessors` option), then the cell's join is settled exactly
 * as the field settles it (src/network/context.ts: through the ends of its edge, or along the edge
 * when the site is on the same edge). So its length is the field's distance for that cell — the
 * tests check both against the full search (tests/network/route.test.ts).
 */
import { alongEdge, joinSite, seedSite, throughEnd, throughEnds, type NetworkContext } from './context';
import type { NodeSearch } from './search';

export interface NetworkRoute {
  siteId: string;
  /** Network distance from the cell's centre to the site (m), as the field counts it (before its float32 rounding). */
  distanceM: number;
  /** [lon, lat]: the cell's centre, its join point on the edge, the nodes walked, the site's join point, the site. */
  path: Array<[number, number]>;
  /** The same points on the engine's plane (m), for the length check. */
  plane: Array<[number, number]>;
}

/** The cell whose centre is nearest to (lon, lat) on `ctx`'s grid, or −1 outside the grid's frame. */
export function cellAt(ctx: NetworkContext, lon: number, lat: number): number {
  const { grid } = ctx;
  const p = grid.projection.forward(lon, lat, [0, 0]);
  const col = Math.floor((p[0]! - grid.x0) / grid.cellM);
  const row = Math.floor((p[1]! - grid.y0) / grid.cellM);
  if (col < 0 || row < 0 || col >= grid.cols || row >= grid.rows) return -1;
  return row * grid.cols + col;
}

/**
 * The route from cell k's centre to the site at (lon, lat), within `capM` along the network; null
 * when the cell does not join the network (beyond the snap distance) or the site does not reach it.
 * `search` must keep predecessors; it is reset before and after.
 */
export function routeFromCell(ctx: NetworkContext, search: NodeSearch, k: number, site: { id: string; lon: number; lat: number }, capM: number): NetworkRoute | null {
  if (!search.pred) throw new Error('routeFromCell needs a search that keeps predecessors');
  const { grid, graph, joins } = ctx;
  const j = k >= 0 ? joins.joinOf[k]! : -1;
  if (j < 0) return null;
  const s = joinSite(ctx, site.lon, site.lat, capM);
  if (s.edge < 0) return null;
  search.reset();
  seedSite(graph, s, 0, (n, d, slot) => search.seed(n, d, slot));
  search.run(capM);
  let m = throughEnds(ctx, j, search.dist);
  let end = throughEnd;
  if (joins.edge[j] === s.edge) {
    const c = alongEdge(ctx, j, s);
    if (c < m) {
      m = c;
      end = -1;
    }
  }
  if (m === Infinity) {
    search.reset();
    return null;
  }
  const distanceM = joins.access[j]! + m;
  const col = k % grid.cols;
  const row = (k - col) / grid.cols;
  const plane: Array<[number, number]> = [[grid.x0 + (col + 0.5) * grid.cellM, grid.y0 + (row + 0.5) * grid.cellM]];
  const e = joins.edge[j]!;
  plane.push(pointOnEdge(ctx, e, joins.alongU[j]!));
  // The nodes from the cell's end of its edge back to the site's seed, following predecessors.
  for (let n = end, guard = 0; n >= 0 && guard <= graph.nodeCount; n = search.pred![n]!, guard++) plane.push([graph.x[n]!, graph.y[n]!]);
  plane.push(pointOnEdge(ctx, s.edge, s.alongU));
  plane.push([s.x, s.y]);
  search.reset();
  const ll = [0, 0];
  const path = plane.map(([x, y]): [number, number] => {
    grid.projection.inverse(x, y, ll);
    return [ll[0]!, ll[1]!];
  });
  return { siteId: site.id, distanceM, path, plane };
}

/** The point `alongU` metres from edge e's end U towards V, on the plane. */
function pointOnEdge(ctx: NetworkContext, e: number, alongU: number): [number, number] {
  const { graph } = ctx;
  const u = graph.edgeU[e]!;
  const v = graph.edgeV[e]!;
  const len = graph.edgeLen[e]!;
  const f = len > 0 ? alongU / len : 0;
  return [graph.x[u]! + (graph.x[v]! - graph.x[u]!) * f, graph.y[u]! + (graph.y[v]! - graph.y[u]!) * f];
}

/** Length of a polyline on the plane (m). */
export function planeLength(plane: ReadonlyArray<readonly [number, number]>): number {
  let sum = 0;
  for (let i = 1; i < plane.length; i++) sum += Math.hypot(plane[i]![0] - plane[i - 1]![0], plane[i]![1] - plane[i - 1]![1]);
  return sum;
}

