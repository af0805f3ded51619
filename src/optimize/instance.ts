/**
 * The covering instance: which candidates reach which demand, with the demand's weight.
 *
 * Demand is every part of a scope cell's LAND that the fixed (existing) sites leave uncovered: the
 * cell's land sub-samples inside the Outer Ring if no existing site serves the cell centre on that side
 * (the rule's inside radius, or a site's own radius), and likewise outside. Without a land layer in
 * the grid, land is the whole polygon. A candidate covers a demand part when the cell centre is within that
 * part's radius, measured exactly as the coverage engine measures (Euclidean on the TM plane from the
 * site's projected position to the cell centre, rounded to float32), so a claim made on this instance
 * is what the engine reports.
 *
 * Parts covered by the same set of candidates are merged into one row (weights added): on the 50 m
 * grid with candidates hundreds of metres apart, neighbouring cells often share their set, and the
 * MILP gets one row per distinct set instead of one per cell.
 *
 * Weights are whole sub-samples (1/16 of a cell), so sums are exact integers. With residents as the
 * objective (issue #15), a cell part's weight is its residents in whole 1/1024ths of a resident
 * ({@link RESIDENT_UNITS}; a part with any residents weighs at least 1), so sums stay exact integers
 * (2⁵³ holds 8·10¹² residents); parts with no residents are no demand: unpopulated land need not be
 * reached.
 */
import { COUNT_LAND_IN, COUNT_LAND_OUT, type CoverageGrid, type Region } from '../coverage/grid';
import { coveredAt, type CoverageRule, type CoverTest } from '../coverage/engine';
import { groundRadiusM } from '../domain/serviceRule';
import { cellResidents, type RegionResidents } from '../coverage/population';

/** Weight units per resident with the residents objective (a resident is 1024 units). */
export const RESIDENT_UNITS = 1024;

export type ObjectiveKind = 'area' | 'residents';

/** A cell part's weight in residents units: 0 for none, else at least 1. */
export function residentUnits(residents: number): number {
  return residents > 0 ? Math.max(1, Math.round(residents * RESIDENT_UNITS)) : 0;
}

export interface CoverInstance {
  nCand: number;
  nRows: number;
  /** Weight (sub-samples) per row. */
  weight: Float64Array;
  /** Row → candidates (CSR, ascending). */
  rowStart: Int32Array;
  rowCand: Int32Array;
  /** Candidate → rows (CSC, ascending). */
  candStart: Int32Array;
  candRow: Int32Array;
  /** Candidate positions on the grid plane (m from the grid's south-west corner), for neighbourhoods. */
  candX: Float64Array;
  candY: Float64Array;
  /** The largest radius of the rule (m): candidates farther apart than twice this share no demand. */
  reachM: number;
  /** Weight of the scope under the rule (the share's denominator). */
  total: number;
  /** Weight the fixed sites already cover. */
  existing: number;
  /** Uncovered weight no candidate reaches. */
  unreachable: number;
  /** km² per land sub-sample (the grid's; the weight's unit with the area objective). */
  unitKm2: number;
  /** What the weights count: land sub-samples, or residents in {@link RESIDENT_UNITS}ths. */
  objective: ObjectiveKind;
  /** The weight's unit in its own terms: km² (area) or residents. */
  unit: number;
  /** Uncovered cell parts before merging (for the report). */
  items: number;
}

export interface InstanceInput {
  grid: CoverageGrid;
  region: Region;
  rule: CoverageRule;
  /** The fixed sites' coverage (a CoverageEngine's `coverTest(rule)`). */
  existing: CoverTest;
  /** Candidates in lon/lat (already rounded; projected here as the engine projects sites). */
  candidates: ReadonlyArray<{ lon: number; lat: number }>;
  /** The region's residents (aligned with its cells): given, the weights are residents, not land. */
  residents?: RegionResidents | undefined;
}

export function buildInstance(input: InstanceInput): CoverInstance {
  const { grid, region, rule, existing: fixed, candidates, residents } = input;
  const { cellM, cols, rows } = grid;
  // Candidates are new sites: they serve with the rule's radius of each side.
  const rIn = groundRadiusM(rule, 'inside');
  const rOut = groundRadiusM(rule, 'outside');
  const R = Math.max(rIn, rOut);

  // 1. Demand items: uncovered cell parts. itemOf[2k] inside part of cell k, itemOf[2k+1] outside.
  const itemOf = new Int32Array(2 * cols * rows).fill(-1);
  const itemW: number[] = [];
  let total = 0;
  let existing = 0;
  const pair: [number, number] = [0, 0];
  for (let q = 0; q < region.cells.length; q++) {
    const k = region.cells[q]!;
    if (residents) {
      const [a, b] = cellResidents(region, residents, q);
      pair[0] = residentUnits(a);
      pair[1] = residentUnits(b);
    } else {
      pair[0] = COUNT_LAND_IN[region.counts[q]!]!;
      pair[1] = COUNT_LAND_OUT[region.counts[q]!]!;
    }
    for (const [part, r, w] of [[0, rIn, pair[0]], [1, rOut, pair[1]]] as const) {
      if (r < 0 || w === 0) continue;
      total += w;
      if (coveredAt(fixed, k, part === 0)) existing += w;
      else {
        itemOf[2 * k + part] = itemW.length;
        itemW.push(w);
      }
    }
  }
  const nItems = itemW.length;

  // 2. Candidate positions exactly as DistanceField.link computes them.
  const nCand = candidates.length;
  const candX = new Float64Array(nCand);
  const candY = new Float64Array(nCand);
  const p = new Float64Array(2);
  candidates.forEach((c, j) => {
    grid.projection.forward(c.lon, c.lat, p);
    candX[j] = p[0]! - grid.x0;
    candY[j] = p[1]! - grid.y0;
  });

  // 3. Stamp each candidate's disc once, collecting (item, candidate) pairs; a counting sort by item
  // then lists each item's candidates in ascending order (candidates are stamped in that order).
  let cap = 1 << 16;
  let pairItem = new Int32Array(cap);
  let pairCand = new Int32Array(cap);
  let np = 0;
  const push = (i: number, j: number) => {
    if (np === cap) {
      cap *= 2;
      const a = new Int32Array(cap);
      a.set(pairItem);
      pairItem = a;
      const b = new Int32Array(cap);
      b.set(pairCand);
      pairCand = b;
    }
    pairItem[np] = i;
    pairCand[np++] = j;
  };
  for (let j = 0; R > 0 && j < nCand; j++) {
    const sx = candX[j]!;
    const sy = candY[j]!;
    const rowLo = Math.max(0, Math.ceil((sy - R) / cellM - 0.5));
    const rowHi = Math.min(rows - 1, Math.floor((sy + R) / cellM - 0.5));
    for (let row = rowLo; row <= rowHi; row++) {
      const dy = (row + 0.5) * cellM - sy;
      const half = Math.sqrt(Math.max(0, R * R - dy * dy));
      // One column of slack either side: the exact test below decides.
      const colLo = Math.max(0, Math.ceil((sx - half) / cellM - 0.5) - 1);
      const colHi = Math.min(cols - 1, Math.floor((sx + half) / cellM - 0.5) + 1);
      for (let col = colLo; col <= colHi; col++) {
        const k = row * cols + col;
        const a = itemOf[2 * k]!;
        const b = itemOf[2 * k + 1]!;
        if (a < 0 && b < 0) continue;
        const dx = (col + 0.5) * cellM - sx;
        // The engine stores distances as float32 and compares those with the radius.
        const d = Math.fround(Math.sqrt(dx * dx + dy * dy));
        if (a >= 0 && d <= rIn) push(a, j);
        if (b >= 0 && d <= rOut) push(b, j);
      }
    }
  }
  const count = new Int32Array(nItems + 1);
  for (let t = 0; t < np; t++) count[pairItem[t]! + 1]!++;
  for (let i = 0; i < nItems; i++) count[i + 1]! += count[i]!;
  const itemCand = new Int32Array(np);
  const fill = count.slice(0, nItems);
  for (let t = 0; t < np; t++) itemCand[fill[pairItem[t]!]!++] = pairCand[t]!;

  // 4. Merge items with the same candidate set.
  let unreachable = 0;
  const rowOfHash = new Map<number, number[]>();
  const rowFirstItem: number[] = [];
  const rowWeight: number[] = [];
  const same = (a: number, b: number) => {
    const a0 = count[a]!, a1 = count[a + 1]!, b0 = count[b]!, b1 = count[b + 1]!;
    if (a1 - a0 !== b1 - b0) return false;
    for (let t = 0; t < a1 - a0; t++) if (itemCand[a0 + t] !== itemCand[b0 + t]) return false;
    return true;
  };
  for (let i = 0; i < nItems; i++) {
    const s = count[i]!;
    const e = count[i + 1]!;
    if (s === e) {
      unreachable += itemW[i]!;
      continue;
    }
    let h = 0x811c9dc5 ^ (e - s);
    for (let t = s; t < e; t++) h = Math.imul(h ^ itemCand[t]!, 0x01000193);
    const bucket = rowOfHash.get(h);
    const hit = bucket?.find((r) => same(rowFirstItem[r]!, i));
    if (hit !== undefined) rowWeight[hit]! += itemW[i]!;
    else {
      const r = rowFirstItem.length;
      rowFirstItem.push(i);
      rowWeight.push(itemW[i]!);
      if (bucket) bucket.push(r);
      else rowOfHash.set(h, [r]);
    }
  }
  const nRows = rowFirstItem.length;
  const rowStart = new Int32Array(nRows + 1);
  for (let r = 0; r < nRows; r++) rowStart[r + 1] = rowStart[r]! + count[rowFirstItem[r]! + 1]! - count[rowFirstItem[r]!]!;
  const rowCand = new Int32Array(rowStart[nRows]!);
  const candStart = new Int32Array(nCand + 1);
  for (let r = 0; r < nRows; r++) {
    const i = rowFirstItem[r]!;
    rowCand.set(itemCand.subarray(count[i]!, count[i + 1]!), rowStart[r]!);
  }
  for (let t = 0; t < rowCand.length; t++) candStart[rowCand[t]! + 1]!++;
  for (let j = 0; j < nCand; j++) candStart[j + 1]! += candStart[j]!;
  const candRow = new Int32Array(rowCand.length);
  const cfill = candStart.slice(0, nCand);
  for (let r = 0; r < nRows; r++) for (let t = rowStart[r]!; t < rowStart[r + 1]!; t++) candRow[cfill[rowCand[t]!]!++] = r;

  return {
    nCand,
    nRows,
    weight: Float64Array.from(rowWeight),
    rowStart,
    rowCand,
    candStart,
    candRow,
    candX,
    candY,
    reachM: Math.max(R, 0),
    total,
    existing,
    unreachable,
    unitKm2: (cellM * cellM) / 1e6 / 16,
    objective: residents ? 'residents' : 'area',
    unit: residents ? 1 / RESIDENT_UNITS : (cellM * cellM) / 1e6 / 16,
    items: nItems,
  };
}
