/**
 * Row-weighting local search for covering EVERY row with the fewest candidates (unicost set
 * covering), after Gao, Weise & Li, "An efficient local search heuristic with row weighting for the
 * unicost set covering problem", EJOR 246 (2015) — simplified: one-step tabu instead of
 * configuration checking.
 *
 * Whenever the set covers every row it is recorded and its least useful site is closed, so the
 * search always hunts for one site fewer. While rows are uncovered, each step swaps: close the open
 * site whose rows are least needed, open the site that covers the most weight of uncovered rows
 * among those reaching a random uncovered row; then every still-uncovered row gains weight, so
 * rows that are hard to cover pull the search towards them. Weights replace the area: for a full
 * cover every row counts, however small.
 *
 * Run it on the dominance-reduced instance (reduce.ts): a set covering those rows covers all rows.
 */
import type { CoverInstance } from './instance';
import { rng, type SearchOptions } from './localSearch';

/**
 * @param start a cover to improve (repaired greedily if it misses rows).
 * @param options budget; `maxStale` counts steps since the last improvement; `lowerBound` (a proven
 *   bound on the optimum) stops the search once reached; `maxSteps` caps the steps.
 *
 * Gains and losses are summed afresh when needed: keeping them up to date incrementally was tried
 * and ran no faster here (opening a site changes the cover count of hundreds of rows, each with
 * ~90 candidates to update on a district instance).
 */
export function rowWeightingSearch(inst: CoverInstance, start: readonly number[], options: SearchOptions & { lowerBound?: number; maxSteps?: number }): number[] {
  const now = options.now ?? (() => performance.now());
  const t0 = now();
  const random = rng(options.seed ?? 1);
  const { nRows, nCand, rowStart, rowCand, candStart, candRow } = inst;
  const count = new Int32Array(nRows);
  const w = new Float64Array(nRows).fill(1);
  const uncov = new Int32Array(nRows);
  const pos = new Int32Array(nRows).fill(-1);
  let nUncov = 0;
  const inS = new Uint8Array(nCand);
  const sol: number[] = [];
  const age = new Float64Array(nCand);

  for (let r = 0; r < nRows; r++) {
    pos[r] = nUncov;
    uncov[nUncov++] = r;
  }
  const cover = (r: number) => {
    const p = pos[r]!;
    const last = uncov[--nUncov]!;
    uncov[p] = last;
    pos[last] = p;
    pos[r] = -1;
  };
  const uncover = (r: number) => {
    pos[r] = nUncov;
    uncov[nUncov++] = r;
  };
  const add = (j: number, step: number) => {
    inS[j] = 1;
    sol.push(j);
    age[j] = step;
    for (let t = candStart[j]!; t < candStart[j + 1]!; t++) {
      const r = candRow[t]!;
      if (count[r] === 0) cover(r);
      count[r]!++;
    }
  };
  const remove = (j: number, step: number) => {
    inS[j] = 0;
    sol.splice(sol.indexOf(j), 1);
    age[j] = step;
    for (let t = candStart[j]!; t < candStart[j + 1]!; t++) {
      const r = candRow[t]!;
      if (--count[r]! === 0) uncover(r);
    }
  };
  const loss = (j: number) => {
    let s = 0;
    for (let t = candStart[j]!; t < candStart[j + 1]!; t++) if (count[candRow[t]!] === 1) s += w[candRow[t]!]!;
    return s;
  };
  const gain = (j: number) => {
    let s = 0;
    for (let t = candStart[j]!; t < candStart[j + 1]!; t++) if (count[candRow[t]!] === 0) s += w[candRow[t]!]!;
    return s;
  };
  /** The open site losing the least weight if closed (oldest first on ties), other than `not`. */
  const leastUseful = (not: number) => {
    let best = -1;
    let bestLoss = Infinity;
    for (const j of sol) {
      if (j === not) continue;
      const l = loss(j);
      if (l < bestLoss || (l === bestLoss && age[j]! < age[best]!)) {
        best = j;
        bestLoss = l;
      }
    }
    return best;
  };

  for (const j of start) if (!inS[j]) add(j, 0);
  // Repair a start that misses rows (it should not): greedily by uncovered rows.
  while (nUncov > 0) {
    const r = uncov[0]!;
    let best = rowCand[rowStart[r]!]!;
    for (let t = rowStart[r]!; t < rowStart[r + 1]!; t++) if (gain(rowCand[t]!) > gain(best)) best = rowCand[t]!;
    add(best, 0);
  }
  let best = sol.slice();
  let tabuAdd = -1;
  let tabuRemove = -1;
  let improvedAt = 0;
  const lower = Math.max(1, options.lowerBound ?? 1);
  for (let step = 1, maxSteps = options.maxSteps ?? Infinity; step <= maxSteps; step++) {
    if (best.length <= lower) break;
    if (options.maxStale !== undefined && step - improvedAt > options.maxStale) break;
    if ((step & 63) === 0) {
      const used = now() - t0;
      if (used >= options.timeMs) break;
      options.onProgress?.(used / options.timeMs);
    }
    while (nUncov === 0) {
      if (sol.length < best.length) {
        best = sol.slice();
        improvedAt = step;
      }
      if (sol.length === 0) return best;
      remove(leastUseful(-1), step);
    }
    const out = leastUseful(tabuRemove);
    if (out >= 0) {
      remove(out, step);
      tabuAdd = out;
    }
    const r = uncov[Math.floor(random() * nUncov)]!;
    let pick = -1;
    let pickGain = -1;
    for (let t = rowStart[r]!; t < rowStart[r + 1]!; t++) {
      const k = rowCand[t]!;
      if (k === tabuAdd && rowStart[r + 1]! - rowStart[r]! > 1) continue;
      const g = gain(k);
      if (g > pickGain || (g === pickGain && age[k]! < age[pick]!)) {
        pick = k;
        pickGain = g;
      }
    }
    add(pick, step);
    tabuRemove = pick;
    for (let u = 0; u < nUncov; u++) w[uncov[u]!]! += 1;
  }
  return best;
}
