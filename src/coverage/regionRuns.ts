/**
 * A region's cells as runs for the breakdown's hot loop (issue #19): most cells of a district or zone
 * lie wholly inside it, wholly on one side of the Outer Ring and wholly on land, so their counts are
 * (inside, outside, land inside, land outside) = (16, 0, 16, 0) or (0, 16, 0, 16). Consecutive such
 * cells of one kind are kept as a run of grid cells, and covering a run is counting the cells whose
 * distance is within one radius — one comparison a cell, no look-up of the cell or its counts. The
 * other cells (the region's edges, the ring's edge, water) are kept by their index in the region and
 * counted as before. The sums are integers, so the counts are the same to the bit as the per-cell loop.
 *
 * Built from the region on first use and kept while the region lives (WeakMap): at 25 m for the whole
 * city, a pass over its 11 M district cells once, and ≈ 1 MiB held.
 */
import { countsCode, type Region } from './grid';

const WHOLE_IN = countsCode(16, 0, 16, 0);
const WHOLE_OUT = countsCode(0, 16, 0, 16);

export interface RegionRuns {
  /** Runs of cells counting (16, 0, 16, 0): first grid cell, length and first index in the region of each. */
  inStart: Int32Array;
  inLen: Int32Array;
  inQ: Int32Array;
  /** Runs of cells counting (0, 16, 0, 16). */
  outStart: Int32Array;
  outLen: Int32Array;
  outQ: Int32Array;
  /** Indices into the region's lists of every other cell, ascending. */
  rest: Int32Array;
}

/** What the runs read of a region (its cells and their counts). */
type Cells = Pick<Region, 'cells' | 'counts'>;

const held = new WeakMap<Cells, RegionRuns>();

/** 1: wholly inside the ring and on land; 2: wholly outside and on land; 0: anything else. */
function kindAt(r: Cells, q: number): number {
  const c = r.counts[q]!;
  if (c === WHOLE_IN) return 1;
  if (c === WHOLE_OUT) return 2;
  return 0;
}

/** The runs of a region (built once per region). */
export function regionRuns(region: Cells): RegionRuns {
  const have = held.get(region);
  if (have) return have;
  const { cells } = region;
  const n = cells.length;
  const inStart: number[] = [];
  const inLen: number[] = [];
  const inQ: number[] = [];
  const outStart: number[] = [];
  const outLen: number[] = [];
  const outQ: number[] = [];
  const rest: number[] = [];
  let q = 0;
  while (q < n) {
    const kind = kindAt(region, q);
    if (kind === 0) {
      rest.push(q++);
      continue;
    }
    const k0 = cells[q]!;
    let e = q + 1;
    while (e < n && cells[e] === k0 + (e - q) && kindAt(region, e) === kind) e++;
    (kind === 1 ? inStart : outStart).push(k0);
    (kind === 1 ? inLen : outLen).push(e - q);
    (kind === 1 ? inQ : outQ).push(q);
    q = e;
  }
  const runs: RegionRuns = {
    inStart: Int32Array.from(inStart),
    inLen: Int32Array.from(inLen),
    inQ: Int32Array.from(inQ),
    outStart: Int32Array.from(outStart),
    outLen: Int32Array.from(outLen),
    outQ: Int32Array.from(outQ),
    rest: Int32Array.from(rest),
  };
  held.set(region, runs);
  return runs;
}

/**
 * Holds `runs` as the runs of `region` from now on: the same runs in other arrays (views on shared
 * memory for the breakdown's helper threads, breakdownPool.ts).
 */
export function keepRegionRuns(region: Cells, runs: RegionRuns): void {
  held.set(region, runs);
}

/** Bytes a region's runs hold (0 before they are built). */
export function regionRunsBytes(region: Cells): number {
  const r = held.get(region);
  return r ? [r.inStart, r.inLen, r.inQ, r.outStart, r.outLen, r.outQ, r.rest].reduce((sum, a) => sum + a.byteLength, 0) : 0;
}

/**
 * Cells of the runs within `r` metres in `dist` (or with own[k] ≤ 1 when `own` is given): the cells
 * of the runs covered under a radius. `r` < 0: none.
 */
export function coveredInRuns(start: Int32Array, len: Int32Array, dist: Float32Array | null, own: Float32Array | null, r: number): number {
  if (r < 0) return 0;
  let n = 0;
  if (own === null) {
    if (dist === null) return 0;
    for (let i = 0; i < start.length; i++) {
      for (let k = start[i]!, end = k + len[i]!; k < end; k++) if (dist[k]! <= r) n++;
    }
    return n;
  }
  for (let i = 0; i < start.length; i++) {
    for (let k = start[i]!, end = k + len[i]!; k < end; k++) if (own[k]! <= 1 || (dist !== null && dist[k]! <= r)) n++;
  }
  return n;
}
