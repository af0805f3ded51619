/**
 * The nearest point on the nearest edge, for sites and for cell centres: a bucket grid over the
 * network (square buckets of `bucketM`, each listing the edges whose segment passes through it, in
 * CSR), searched ring by ring outwards from the query's bucket until no unseen edge can be nearer.
 *
 * Exact: an edge's nearest point to the query lies in a bucket the edge is listed in; a bucket r
 * rings out is at least (r − 1)·bucketM + (the query's distance to its own bucket's nearest side)
 * away, so once the best distance is below that, the rest of the grid cannot hold a nearer edge. Ties go to the lower edge index, so the answer does not depend
 * on the order buckets are visited in.
 *
 * Why not flatbush: its k-nearest search orders items by their boxes' distance and cannot stop on
 * the segments' own distance, and an edge is a segment, not its box; a grid of buckets listing
 * segments where they pass is exact, allocation-free per query, and ~100 lines.
 */
import type { RoadGraph } from './graph';

/** Where a point joins the network: the edge, the straight distance to the join point, and the way along the edge to each end. */
export interface Join {
  edge: number;
  /** Straight distance (m) from the point to the join point. */
  access: number;
  /** Length along the edge from the join point to edgeU / edgeV (m). */
  alongU: number;
  alongV: number;
}

export class EdgeIndex {
  readonly graph: RoadGraph;
  readonly bucketM: number;
  /** South-west corner of the bucket grid (projected metres). */
  readonly x0: number;
  readonly y0: number;
  readonly cols: number;
  readonly rows: number;
  private readonly start: Int32Array;
  private readonly items: Int32Array;
  private maxX: number;
  private maxY: number;

  constructor(graph: RoadGraph, bucketM = 64) {
    this.graph = graph;
    this.bucketM = bucketM;
    const { x, y, nodeCount } = graph;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let i = 0; i < nodeCount; i++) {
      x0 = Math.min(x0, x[i]!);
      x1 = Math.max(x1, x[i]!);
      y0 = Math.min(y0, y[i]!);
      y1 = Math.max(y1, y[i]!);
    }
    if (nodeCount === 0) x0 = y0 = x1 = y1 = 0;
    this.x0 = x0;
    this.y0 = y0;
    this.maxX = x1;
    this.maxY = y1;
    this.cols = Math.max(1, Math.floor((x1 - x0) / bucketM) + 1);
    this.rows = Math.max(1, Math.floor((y1 - y0) / bucketM) + 1);
    const counts = new Int32Array(this.cols * this.rows + 1);
    for (let e = 0; e < graph.edgeCount; e++) this.visit(e, (b) => counts[b + 1]!++);
    for (let b = 0; b < this.cols * this.rows; b++) counts[b + 1]! += counts[b]!;
    this.start = counts;
    this.items = new Int32Array(counts[this.cols * this.rows]!);
    const fill = counts.slice(0, this.cols * this.rows);
    for (let e = 0; e < graph.edgeCount; e++) this.visit(e, (b) => (this.items[fill[b]!++] = e));
  }

  /** Calls `fn` with each bucket edge `e`'s segment passes through (row by row: the segment's x-span in each row band). */
  private visit(e: number, fn: (bucket: number) => void): void {
    const { x, y, edgeU, edgeV } = this.graph;
    const B = this.bucketM;
    const ax = x[edgeU[e]!]! - this.x0;
    const ay = y[edgeU[e]!]! - this.y0;
    const bx = x[edgeV[e]!]! - this.x0;
    const by = y[edgeV[e]!]! - this.y0;
    const dy = by - ay;
    const r0 = this.clampRow(Math.floor(Math.min(ay, by) / B));
    const r1 = this.clampRow(Math.floor(Math.max(ay, by) / B));
    for (let r = r0; r <= r1; r++) {
      let t0 = 0;
      let t1 = 1;
      if (dy !== 0 && r0 !== r1) {
        const ta = (r * B - ay) / dy;
        const tb = ((r + 1) * B - ay) / dy;
        t0 = Math.max(0, Math.min(ta, tb));
        t1 = Math.min(1, Math.max(ta, tb));
      }
      const xa = ax + t0 * (bx - ax);
      const xb = ax + t1 * (bx - ax);
      const c0 = this.clampCol(Math.floor(Math.min(xa, xb) / B));
      const c1 = this.clampCol(Math.floor(Math.max(xa, xb) / B));
      for (let c = c0; c <= c1; c++) fn(r * this.cols + c);
    }
  }

  private clampRow(r: number): number {
    return Math.min(this.rows - 1, Math.max(0, r));
  }

  private clampCol(c: number): number {
    return Math.min(this.cols - 1, Math.max(0, c));
  }

  /**
   * The join of point (px, py) (projected metres): its nearest point on the nearest edge, if that is
   * within `maxDist`; false otherwise. Writes into `out`.
   */
  nearest(px: number, py: number, maxDist: number, out: Join): boolean {
    const g = this.graph;
    if (g.edgeCount === 0) return false;
    // Far outside the network's box: nothing within maxDist.
    const ox = Math.max(this.x0 - px, px - this.maxX, 0);
    const oy = Math.max(this.y0 - py, py - this.maxY, 0);
    if (ox * ox + oy * oy > maxDist * maxDist) return false;
    const B = this.bucketM;
    const qx = px - this.x0;
    const qy = py - this.y0;
    const bx = Math.floor(qx / B);
    const by = Math.floor(qy / B);
    const { x, y, edgeU, edgeV } = g;
    // Squared distances in the loop (one square root at the end).
    let best2 = maxDist * maxDist;
    let bestE = -1;
    let bestT = 0;
    // The query's distance to its own bucket's nearest side: ring r ≥ 1 is at least (r − 1)·B + that away.
    const inner = Math.min(qx - bx * B, (bx + 1) * B - qx, qy - by * B, (by + 1) * B - qy);
    for (let r = 0; ; r++) {
      if (r > 0) {
        const lb = (r - 1) * B + (inner > 0 ? inner : 0);
        if (lb * lb > best2) break;
      }
      const rLo = by - r;
      const rHi = by + r;
      const cLo = bx - r;
      const cHi = bx + r;
      if (rLo < 0 && rHi >= this.rows && cLo < 0 && cHi >= this.cols) {
        // The ring lies wholly outside the grid: so do all further rings.
        if (r > 0) break;
      }
      for (let row = Math.max(0, rLo); row <= Math.min(this.rows - 1, rHi); row++) {
        const onEdgeRow = row === rLo || row === rHi;
        const step = onEdgeRow ? 1 : cHi - cLo;
        for (let col = cLo; col <= cHi; col += step > 0 ? step : 1) {
          if (col < 0 || col >= this.cols) continue;
          const b = row * this.cols + col;
          for (let q = this.start[b]!; q < this.start[b + 1]!; q++) {
            const e = this.items[q]!;
            const ux = x[edgeU[e]!]!;
            const uy = y[edgeU[e]!]!;
            const dx = x[edgeV[e]!]! - ux;
            const dy = y[edgeV[e]!]! - uy;
            let t = ((px - ux) * dx + (py - uy) * dy) / (dx * dx + dy * dy);
            t = t < 0 ? 0 : t > 1 ? 1 : t;
            const ex = px - (ux + t * dx);
            const ey = py - (uy + t * dy);
            const d2 = ex * ex + ey * ey;
            if (d2 < best2 || (d2 === best2 && (bestE < 0 || e < bestE))) {
              best2 = d2;
              bestE = e;
              bestT = t;
            }
          }
        }
      }
    }
    if (bestE < 0) return false;
    const len = g.edgeLen[bestE]!;
    out.edge = bestE;
    out.access = Math.sqrt(best2);
    out.alongU = bestT * len;
    out.alongV = len - out.alongU;
    return true;
  }
}
