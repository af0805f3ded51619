/**
 * The counts of one region under a cover test: sub-samples covered per ring part (polygon and land)
 * and residents reached — the breakdown's hot loop (issue #19), apart from the engine so that the
 * breakdown's helper threads run the very same code (breakdownPool.ts). A region is read only through
 * its cells, their counts and its runs; its residents only through the arrays below, so a thread that
 * holds them as views on shared memory counts exactly as the engine's own thread.
 */
import { COUNT_IN, COUNT_LAND_IN, COUNT_LAND_OUT, COUNT_OUT, type Region } from './grid';
import type { CoverTest } from './engine';
import type { RegionResidents } from './population';
import { coveredInRuns, regionRuns, type RegionRuns } from './regionRuns';

/** What the counts read of a region. */
export type RegionCells = Pick<Region, 'cells' | 'counts'>;
/** What the counts read of a region's residents. */
export type ResidentsCells = Pick<RegionResidents, 'values' | 'splitCells' | 'splitInside' | 'onlyInside' | 'onlyOutside'>;

/**
 * What a region's result is made of: sub-samples covered per ring part (polygon and land) and
 * residents reached. The sub-sample counts are integers, so sums of them are exact in any order.
 */
export interface RegionCounts {
  covIn: number;
  covOut: number;
  landIn: number;
  landOut: number;
  resIn: number;
  resOut: number;
}

/**
 * The counts of one region under a cover test (the hot loop of every update): by runs (regionRuns.ts),
 * with residents walked in the region's order so their sums stay a plain loop's; with own-radius
 * sites and residents cell by cell.
 */
export function regionCounts(region: RegionCells, t: CoverTest, res?: ResidentsCells, runsOf: (r: RegionCells) => RegionRuns = regionRuns): RegionCounts {
  if (!res) return areaCounts(region, t, runsOf);
  const { cells, counts } = region;
  let covIn = 0;
  let covOut = 0;
  let landIn = 0;
  let landOut = 0;
  let resIn = 0;
  let resOut = 0;
  // −1 never matches (distances are ≥ 0): a side the rule leaves out is never covered (nor counted).
  const rIn = t.insideM;
  const rOut = t.outsideM;
  const dist = t.dist;
  const own = t.own;
  // The hot loop of every update, once per district and zone: kept monomorphic per case.
  if (dist !== null && own === null) {
    // A cell's residents count on the side its land lies on (cells with land on both sides: below).
    // Those NOT reached are summed — the reached are the rest: a layer worth measuring covers most
    // cells, so this adds the fewer numbers (each add waits on the last; counts of sub-samples don't).
    // The region's runs (regionRuns.ts) and its other cells are walked together in the region's
    // order, so every sum takes its terms in the order of a plain loop over the cells: the same bits.
    const rv = res.values;
    const { inStart, inLen, inQ, outStart, outLen, outQ, rest } = runsOf(region);
    // [whole cells reached, residents not reached] inside / outside, added to term by term.
    const sumIn = new Float64Array(2);
    const sumOut = new Float64Array(2);
    let notIn = 0;
    let notOut = 0;
    let a = 0;
    let b = 0;
    let c = 0;
    const END = cells.length;
    for (;;) {
      const qa = a < inQ.length ? inQ[a]! : END;
      const qb = b < outQ.length ? outQ[b]! : END;
      const qc = c < rest.length ? rest[c]! : END;
      if (qa < qb && qa < qc) {
        // Wholly inside the ring and on land: counts (16, 0, 16, 0), residents on the inside only.
        sumIn[1] = notIn;
        walkRun(dist, rv, inStart[a]!, qa, inLen[a++]!, rIn, sumIn);
        notIn = sumIn[1]!;
      } else if (qb < qc) {
        sumOut[1] = notOut;
        walkRun(dist, rv, outStart[b]!, qb, outLen[b++]!, rOut, sumOut);
        notOut = sumOut[1]!;
      } else if (qc < END) {
        const q = qc;
        c++;
        const d = dist[cells[q]!]!;
        const code = counts[q]!;
        if (d <= rIn) {
          covIn += COUNT_IN[code]!;
          landIn += COUNT_LAND_IN[code]!;
        } else if (COUNT_LAND_OUT[code] === 0) notIn += rv[q]!;
        if (d <= rOut) {
          covOut += COUNT_OUT[code]!;
          landOut += COUNT_LAND_OUT[code]!;
        } else if (COUNT_LAND_IN[code] === 0) notOut += rv[q]!;
      } else break;
    }
    covIn += 16 * sumIn[0]!;
    landIn += 16 * sumIn[0]!;
    covOut += 16 * sumOut[0]!;
    landOut += 16 * sumOut[0]!;
    resIn = res.onlyInside - notIn;
    resOut = res.onlyOutside - notOut;
  } else if (dist !== null || own !== null) {
    const rv = res.values;
    for (let q = 0; q < cells.length; q++) {
      const k = cells[q]!;
      const o = own !== null && own[k]! <= 1;
      const d = dist === null ? Infinity : dist[k]!;
      const code = counts[q]!;
      if (rIn >= 0 && (o || d <= rIn)) {
        covIn += COUNT_IN[code]!;
        landIn += COUNT_LAND_IN[code]!;
        if (COUNT_LAND_OUT[code] === 0) resIn += rv[q]!;
      }
      if (rOut >= 0 && (o || d <= rOut)) {
        covOut += COUNT_OUT[code]!;
        landOut += COUNT_LAND_OUT[code]!;
        if (COUNT_LAND_IN[code] === 0) resOut += rv[q]!;
      }
    }
  }
  [resIn, resOut] = addSplitReached(region, res, t, resIn, resOut);
  return { covIn, covOut, landIn, landOut, resIn, resOut };
}

/**
 * One run of whole cells (first grid cell k0, first region index q0): counts into sums[0] the cells
 * within r, and adds into sums[1], in the run's order, the residents of the others.
 */
function walkRun(dist: Float32Array, rv: Float32Array, k0: number, q0: number, len: number, r: number, sums: Float64Array): void {
  let reached = 0;
  let not = sums[1]!;
  for (let i = 0; i < len; i++) {
    if (dist[k0 + i]! <= r) reached++;
    else not += rv[q0 + i]!;
  }
  sums[0]! += reached;
  sums[1] = not;
}

/**
 * The area counts of a region (no residents) from its runs (regionRuns.ts): the whole cells on one
 * side of the ring and on land by one comparison a cell, the others cell by cell. At 25 m for the
 * whole city the breakdown took 60–70 ms CPU cell by cell.
 */
function areaCounts(region: RegionCells, t: CoverTest, runsOf: (r: RegionCells) => RegionRuns): RegionCounts {
  const n: RegionCounts = { covIn: 0, covOut: 0, landIn: 0, landOut: 0, resIn: 0, resOut: 0 };
  const { dist, own } = t;
  if (dist === null && own === null) return n;
  const runs = runsOf(region);
  const wholeIn = 16 * coveredInRuns(runs.inStart, runs.inLen, dist, own, t.insideM);
  const wholeOut = 16 * coveredInRuns(runs.outStart, runs.outLen, dist, own, t.outsideM);
  let covIn = wholeIn;
  let landIn = wholeIn;
  let covOut = wholeOut;
  let landOut = wholeOut;
  const { cells, counts } = region;
  const rest = runs.rest;
  for (let i = 0; i < rest.length; i++) {
    const q = rest[i]!;
    const [a, b] = reachedAt(t, cells[q]!);
    const code = counts[q]!;
    if (a) {
      covIn += COUNT_IN[code]!;
      landIn += COUNT_LAND_IN[code]!;
    }
    if (b) {
      covOut += COUNT_OUT[code]!;
      landOut += COUNT_LAND_OUT[code]!;
    }
  }
  n.covIn = covIn;
  n.covOut = covOut;
  n.landIn = landIn;
  n.landOut = landOut;
  return n;
}


/** Whether cell k of a region is covered on each side under a cover test (the engine's rule). */
export function reachedAt(t: CoverTest, k: number): [boolean, boolean] {
  const o = t.own !== null && t.own[k]! <= 1;
  const d = t.dist === null ? Infinity : t.dist[k]!;
  return [t.insideM >= 0 && (o || d <= t.insideM), t.outsideM >= 0 && (o || d <= t.outsideM)];
}

/** Adds the residents reached in the cells with land on both sides of the ring (kept apart in the layer). */
export function addSplitReached(region: RegionCells, res: ResidentsCells, t: CoverTest, resIn: number, resOut: number): [number, number] {
  const { splitCells, splitInside, values } = res;
  for (let i = 0; i < splitCells.length; i++) {
    const q = splitCells[i]!;
    const [a, b] = reachedAt(t, region.cells[q]!);
    if (a) resIn += splitInside[i]!;
    if (b) resOut += values[q]! - splitInside[i]!;
  }
  return [resIn, resOut];
}

