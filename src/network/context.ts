/**
 * A road network made ready for one coverage grid: the graph of one travel mode, its edge index and
 * the ground's joins — built once per road file, mode, grid and snap distance, and shared by every
 * field computed on them (each facility layer, the scenario and the compared one).
 *
 * And the arithmetic every field shares, written once so that a full recompute and the incremental
 * updates compute the same doubles in the same order:
 * - a site joins at its nearest point on the nearest edge (no snap limit, but a site whose access
 *   alone exceeds the cap reaches nothing); it labels the edge's ends with access + the length
 *   along the edge to each end, for each end from which the edge may be travelled to the join point
 *   (walking: both);
 * - a joined cell's distance to a site = its access + min(the length along its edge to an end + that
 *   end's label, for each end it may travel to; and, when the site is on the same edge, the length
 *   along the edge between the two join points + the site's access, if the edge may be travelled
 *   that way).
 */
import type { CoverageGrid } from '../coverage/grid';
import { EdgeIndex } from './edgeIndex';
import { BWD, buildGraph, FWD, type RoadGraph, type TravelMode } from './graph';
import { DEFAULT_SNAP_M, joinGround, type GroundJoins } from './groundJoins';
import type { RoadSet } from './roads';

export interface NetworkContext {
  grid: CoverageGrid;
  graph: RoadGraph;
  index: EdgeIndex;
  joins: GroundJoins;
}

export interface NetworkOptions {
  /** How far ground may lie from the nearest edge and still be reached (m). Default 200. */
  snapM?: number;
  /** Bucket side of the edge index (m). Default 64. */
  bucketM?: number;
}

/** Graph, edge index and ground joins of `roads` for `mode` on `grid`. */
export function prepareNetwork(grid: CoverageGrid, roads: RoadSet, mode: TravelMode, options: NetworkOptions = {}): NetworkContext {
  const graph = buildGraph(roads, mode, grid.projection);
  return contextOf(grid, graph, options);
}

/** The context of a graph already built (on the grid's projection). */
export function contextOf(grid: CoverageGrid, graph: RoadGraph, options: NetworkOptions = {}): NetworkContext {
  const index = new EdgeIndex(graph, options.bucketM);
  const joins = joinGround(grid, graph, index, options.snapM ?? DEFAULT_SNAP_M);
  return { grid, graph, index, joins };
}

/** A site's join: edge −1 when no edge lies within the cap. Positions are on the projected plane. */
export interface SiteJoin {
  x: number;
  y: number;
  edge: number;
  access: number;
  alongU: number;
  alongV: number;
}

/** The site at (lon, lat) joined to the network, if an edge lies within `maxM`. */
export function joinSite(ctx: NetworkContext, lon: number, lat: number, maxM: number): SiteJoin {
  const p = ctx.grid.projection.forward(lon, lat, [0, 0]);
  const j = { edge: -1, access: 0, alongU: 0, alongV: 0 };
  const x = p[0]!;
  const y = p[1]!;
  if (!ctx.index.nearest(x, y, maxM, j)) j.edge = -1;
  return { x, y, ...j };
}

/** Labels the ends of a site's edge from which its join point may be reached (see the module head). */
export function seedSite(graph: RoadGraph, s: SiteJoin, slot: number, seed: (node: number, d: number, slot: number) => void): void {
  const e = s.edge;
  if (e < 0) return;
  const dir = graph.edgeDir[e]!;
  if (dir & FWD || s.alongU === 0) seed(graph.edgeU[e]!, s.access + s.alongU, slot);
  if (dir & BWD || s.alongV === 0) seed(graph.edgeV[e]!, s.access + s.alongV, slot);
}

/** The end (node) the last {@link throughEnds} took its value from, −1 when it gave +Infinity. */
export let throughEnd = -1;

/**
 * The part of join j's distance after its access, through the ends of its edge: min over the ends
 * it may travel to of the length along the edge + the end's label. +Infinity when neither end is
 * labelled. Sets {@link throughEnd}.
 */
export function throughEnds(ctx: NetworkContext, j: number, label: Float64Array): number {
  const { graph, joins } = ctx;
  const e = joins.edge[j]!;
  const dir = graph.edgeDir[e]!;
  const aU = joins.alongU[j]!;
  const aV = joins.alongV[j]!;
  let m = Infinity;
  throughEnd = -1;
  if (dir & BWD || aU === 0) {
    const u = graph.edgeU[e]!;
    m = aU + label[u]!;
    if (m !== Infinity) throughEnd = u;
  }
  if (dir & FWD || aV === 0) {
    const v = graph.edgeV[e]!;
    const c = aV + label[v]!;
    if (c < m) {
      m = c;
      throughEnd = v;
    }
  }
  return m;
}

/** Join j's distance after its access to a site on the same edge, along it; +Infinity when the edge may not be travelled that way. */
export function alongEdge(ctx: NetworkContext, j: number, s: SiteJoin): number {
  const aU = ctx.joins.alongU[j]!;
  if (s.alongU === aU) return s.access;
  const dir = ctx.graph.edgeDir[s.edge]!;
  if (s.alongU > aU) return dir & FWD ? s.access + (s.alongU - aU) : Infinity;
  return dir & BWD ? s.access + (aU - s.alongU) : Infinity;
}
