/**
 * The coverage CLI's network distance (`--roads FILE`): the road file read and prepared on the
 * CLI's own grid (the coverage session's), and each coverage layer's shares by network distance —
 * the same rule, sites and counting as the straight-line `districts`, with network distances
 * (src/network/networkEngine.ts).
 */
import type { CoverageGrid } from '../src/coverage/grid';
import type { CoverageResult, CoverageRule, EngineSite } from '../src/coverage/engine';
import type { ResolvedRule } from '../src/domain/coverageViews';
import { ruleReachKm } from '../src/domain/serviceRule';
import { contextOf, type NetworkContext } from '../src/network/context';
import { buildGraph, type TravelMode } from '../src/network/graph';
import { NetworkEngine } from '../src/network/networkEngine';
import { readRoadFile } from '../src/network/readRoadFile';
import type { Crs } from '../src/io/crs';
import { convertRoads, roadCrsOf } from '../src/worker/roadCrs';

export interface RoadsRead {
  ctx: NetworkContext;
  summary: { file: string; mode: TravelMode; snapM: number; crs: Crs; crsFrom: string; ways: number; nodes: number; edges: number; joinedCells: number; notes: string[] };
}

/**
 * Reads a road file onto `grid` (converted to WGS-84 from `crs`, or from the system the file names).
 * @throws RoadFileError (its message names the file and what is wrong) or Error when no road is open to the mode.
 */
export function readRoads(grid: CoverageGrid, file: string, bytes: Uint8Array, mode: TravelMode, snapM: number, crs?: Crs): RoadsRead {
  // The app's conversion (src/worker/roadCrs.ts): the chosen system, else the file's word, else WGS-84.
  const system = roadCrsOf(file, bytes, crs);
  const roads = convertRoads(readRoadFile(file, bytes), system.crs);
  const graph = buildGraph(roads, mode, grid.projection);
  if (graph.edgeCount === 0) throw new Error(`${file}: no road in it is open to ${mode === 'walk' ? 'walking' : 'driving'}`);
  const ctx = contextOf(grid, graph, { snapM });
  return {
    ctx,
    summary: { file, mode, snapM, crs: system.crs, crsFrom: system.from, ways: roads.wayStart.length - 1, nodes: graph.nodeCount, edges: graph.edgeCount, joinedCells: ctx.joins.cell.length, notes: roads.notes },
  };
}

/** Coverage by network distance of each district asked for (null for a district the grid does not hold). */
export function networkCoverage(ctx: NetworkContext, sites: readonly EngineSite[], rule: ResolvedRule, adcodes: readonly string[]): Record<string, CoverageResult | null> {
  const engine = new NetworkEngine(ctx, { maxDistanceM: Math.max(1, ruleReachKm(rule) * 1000) });
  engine.setSites(sites);
  const r: CoverageRule = rule;
  return Object.fromEntries(adcodes.map((a) => [a, ctx.grid.districts.has(a) ? engine.coverage({ district: a }, r) : null]));
}
