/**
 * Where the ground joins the network: for each cell of the study area whose centre lies within the
 * snap distance of an edge, that edge, the straight distance to the nearest point on it (the
 * ground's access) and the length along the edge to each end. Cells farther than the snap distance
 * from every edge are not reached by the network at all.
 *
 * Cell centres, not the grid's 4 × 4 sub-samples: the straight-line engine decides coverage by the
 * cell centre's distance too (src/coverage/engine.ts, CoverTest) and counts sub-samples only for
 * the side of the Outer Ring and the ground (land / polygon) they lie on, so a network distance per
 * centre plugs into the same counting (regionCoverageOf) and both figures differ only by the
 * distance. Sub-samples would cost 16 joins and 16 evaluations a cell, for a sampling step (12.5 m)
 * below what the network's own geometry (vertices of OSM ways, centre-lines) can tell apart.
 *
 * Built once per grid, network and snap distance, and shared by every field on them. Values are
 * float32 (≈ 0.1 mm at 1.5 km), the same numbers in every update. Joins are listed in ascending cell
 * order and, per edge, in CSR (`edgeStart/edgeJoins`), for the updates that start from the edges a
 * search reached.
 */
import type { CoverageGrid } from '../coverage/grid';
import { EdgeIndex, type Join } from './edgeIndex';
import type { RoadGraph } from './graph';

/** Default snap distance for ground (m). */
export const DEFAULT_SNAP_M = 200;

export interface GroundJoins {
  snapM: number;
  /** Per grid cell: its join's index, −1 when it has none (not in the study area, or beyond the snap distance). */
  joinOf: Int32Array;
  /** Per join: the cell, the edge, the access (m) and the length along the edge to edgeU / edgeV (m). */
  cell: Uint32Array;
  edge: Int32Array;
  access: Float32Array;
  alongU: Float32Array;
  alongV: Float32Array;
  /** Joins on edge e: edgeJoins[edgeStart[e] .. edgeStart[e + 1]). */
  edgeStart: Int32Array;
  edgeJoins: Int32Array;
}

/** Joins every study-area cell centre within `snapM` of an edge. */
export function joinGround(grid: CoverageGrid, graph: RoadGraph, index: EdgeIndex, snapM = DEFAULT_SNAP_M): GroundJoins {
  if (!(snapM >= 0)) throw new RangeError('snapM must be ≥ 0');
  const cells = grid.study.cells;
  const joinOf = new Int32Array(grid.cols * grid.rows).fill(-1);
  const cell = new Uint32Array(cells.length);
  const edge = new Int32Array(cells.length);
  const access = new Float32Array(cells.length);
  const alongU = new Float32Array(cells.length);
  const alongV = new Float32Array(cells.length);
  const j: Join = { edge: -1, access: 0, alongU: 0, alongV: 0 };
  let n = 0;
  for (let q = 0; q < cells.length; q++) {
    const k = cells[q]!;
    const col = k % grid.cols;
    const row = (k - col) / grid.cols;
    const px = grid.x0 + (col + 0.5) * grid.cellM;
    const py = grid.y0 + (row + 0.5) * grid.cellM;
    if (!index.nearest(px, py, snapM, j)) continue;
    joinOf[k] = n;
    cell[n] = k;
    edge[n] = j.edge;
    access[n] = j.access;
    alongU[n] = j.alongU;
    alongV[n] = j.alongV;
    n++;
  }
  const edgeStart = new Int32Array(graph.edgeCount + 1);
  for (let i = 0; i < n; i++) edgeStart[edge[i]! + 1]!++;
  for (let e = 0; e < graph.edgeCount; e++) edgeStart[e + 1]! += edgeStart[e]!;
  const edgeJoins = new Int32Array(n);
  const fill = edgeStart.slice(0, graph.edgeCount);
  for (let i = 0; i < n; i++) edgeJoins[fill[edge[i]!]!++] = i;
  return {
    snapM,
    joinOf,
    cell: cell.slice(0, n),
    edge: edge.slice(0, n),
    access: access.slice(0, n),
    alongU: alongU.slice(0, n),
    alongV: alongV.slice(0, n),
    edgeStart,
    edgeJoins,
  };
}
