/**
 * Exact covering models solved with HiGHS (WebAssembly MILP), and their LP relaxations as bounds.
 *
 *   close the gap, full (every reachable row):  min Σ x_j   s.t. Σ_{j∈S_r} x_j ≥ 1            ∀ r
 *   close the gap, a share:                     min Σ x_j   s.t. Σ_{j∈S_r} x_j − y_r ≥ 0      ∀ r,
 *                                                               Σ_r w_r y_r ≥ need,  0 ≤ y ≤ 1
 *   best N:                                     max Σ w_r y_r s.t. Σ_{j∈S_r} x_j − y_r ≥ 0   ∀ r,
 *                                                               Σ_j x_j ≤ N,  0 ≤ y ≤ 1
 * with x binary. y may stay continuous: with x integral, an optimal y_r is 1 exactly when a chosen
 * candidate reaches row r. The heuristic's solution is passed as a MIP start, so a time-limited run
 * never ends worse than the heuristic, and HiGHS's dual bound says how far from optimal it might be.
 *
 * HiGHS is injected (a loaded `Highs` runtime): Node loads it by default, a browser worker with the
 * wasm URL; this module stays free of loading concerns.
 */
import type { Highs, HighsCallbackMap, ModelData } from 'highs';
import type { CoverInstance } from './instance';

export type CoverGoal = { kind: 'cover'; need: number } | { kind: 'max'; n: number };

export interface ExactProgress {
  seconds: number;
  /** Best solution's objective so far (sites, or covered weight for best N), when one exists. */
  primal: number | null;
  /** Proven bound (lower on sites; upper on weight for best N). */
  dual: number | null;
}

export interface ExactOutcome {
  status: 'optimal' | 'time-limit' | 'infeasible' | 'other';
  /** Open candidates of the best solution found, or null when none. */
  open: number[] | null;
  objective: number | null;
  /** The proven bound: a lower bound on the site count, or an upper bound on the covered weight. */
  bound: number | null;
  ms: number;
}

interface Built {
  model: ModelData;
  full: boolean;
}

/** Total weight of the instance's rows (everything a candidate can reach). */
export function reachableWeight(inst: CoverInstance): number {
  let w = 0;
  for (let r = 0; r < inst.nRows; r++) w += inst.weight[r]!;
  return w;
}

function build(highs: Highs, inst: CoverInstance, goal: CoverGoal, integer: boolean): Built {
  const { nCand, nRows, rowStart, rowCand, weight } = inst;
  // Full cover needs no y: every row must be reached. It is also by far the tighter LP.
  const full = goal.kind === 'cover' && goal.need >= reachableWeight(inst) - 1e-9;
  const nY = full ? 0 : nRows;
  const numCols = nCand + nY;
  const extra = full ? 0 : 1; // the coverage row, or the budget row
  const numRows = nRows + extra;
  const nnz = rowCand.length + nY + (goal.kind === 'cover' ? nY : nCand);
  const starts = new Int32Array(numRows + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let t = 0;
  for (let r = 0; r < nRows; r++) {
    for (let q = rowStart[r]!; q < rowStart[r + 1]!; q++) {
      indices[t] = rowCand[q]!;
      values[t++] = 1;
    }
    if (!full) {
      indices[t] = nCand + r;
      values[t++] = -1;
    }
    starts[r + 1] = t;
  }
  if (!full) {
    if (goal.kind === 'cover') {
      for (let r = 0; r < nRows; r++) {
        indices[t] = nCand + r;
        values[t++] = weight[r]!;
      }
    } else {
      for (let j = 0; j < nCand; j++) {
        indices[t] = j;
        values[t++] = 1;
      }
    }
    starts[numRows] = t;
  }
  const inf = highs.infinity;
  const colCost = new Float64Array(numCols);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(1);
  if (goal.kind === 'cover') colCost.fill(1, 0, nCand);
  else for (let r = 0; r < nRows; r++) colCost[nCand + r] = weight[r]!;
  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows).fill(inf);
  if (full) rowLower.fill(1);
  else if (goal.kind === 'cover') rowLower[nRows] = goal.need;
  else {
    rowLower[nRows] = -inf;
    rowUpper[nRows] = goal.n;
  }
  const integrality = integer ? new Int32Array(numCols).fill(0).fill(1, 0, nCand) : undefined;
  return {
    full,
    model: {
      numCols,
      numRows,
      sense: goal.kind === 'cover' ? highs.constants.objectiveSense.minimize : highs.constants.objectiveSense.maximize,
      colCost,
      colLower,
      colUpper,
      rowLower,
      rowUpper,
      matrix: { format: 'csr', numRows, numCols, starts, indices, values },
      ...(integrality ? { integrality } : {}),
    },
  };
}

function info(model: { info: { get(name: string): number | bigint } }, name: string): number | null {
  try {
    const v = Number(model.info.get(name));
    return Number.isFinite(v) ? v : null;
  } catch {
    return null;
  }
}

/**
 * Solves the MILP within `timeLimitS`, starting from `start` (open candidates) when given.
 */
export function solveExact(
  highs: Highs,
  inst: CoverInstance,
  goal: CoverGoal,
  options: { timeLimitS: number; start?: readonly number[]; onProgress?: (p: ExactProgress) => void; relGap?: number },
): ExactOutcome {
  const t0 = performance.now();
  const { model: data, full } = build(highs, inst, goal, true);
  const model = highs.createModel(data);
  try {
    model.options.set({
      output_flag: false,
      time_limit: options.timeLimitS,
      // Site counts are integers: stop once the bound proves the incumbent optimal.
      mip_rel_gap: options.relGap ?? 0,
      mip_abs_gap: goal.kind === 'cover' ? 0.999 : 1e-6,
    });
    if (options.start && options.start.length > 0) {
      const col = new Float64Array(data.numCols);
      for (const j of options.start) col[j] = 1;
      if (!full) {
        // y_r = 1 where the start reaches row r.
        for (const j of options.start) for (let q = inst.candStart[j]!; q < inst.candStart[j + 1]!; q++) col[inst.nCand + inst.candRow[q]!] = 1;
      }
      model.setSolution({ colValue: col });
    }
    const { callbackType } = highs.constants;
    let last = -Infinity;
    const callbacks: HighsCallbackMap = {
      [callbackType.mipInterrupt](event) {
        const now = performance.now();
        if (now - last < 200) return;
        last = now;
        const d = event.data;
        const fin = (v: number | undefined) => (v !== undefined && Number.isFinite(v) && Math.abs(v) < 1e29 ? v : null);
        options.onProgress?.({ seconds: d.running_time ?? (now - t0) / 1000, primal: fin(d.mip_primal_bound), dual: fin(d.mip_dual_bound) });
      },
    };
    model.run(options.onProgress ? callbacks : undefined);
    const s = model.getModelStatus();
    const ms = highs.constants.modelStatus;
    const status: ExactOutcome['status'] =
      s === ms.optimal ? 'optimal' : s === ms.timeLimit ? 'time-limit' : s === ms.infeasible ? 'infeasible' : 'other';
    const primalOk = info(model, 'primal_solution_status') === 2;
    let open: number[] | null = null;
    let objective: number | null = null;
    if (primalOk) {
      const x = model.getSolution().colValue;
      open = [];
      for (let j = 0; j < inst.nCand; j++) if (x[j]! > 0.5) open.push(j);
      objective = model.getObjectiveValue();
    }
    let bound = info(model, 'mip_dual_bound');
    if (status === 'optimal' && objective !== null) bound = objective;
    return { status, open, objective, bound, ms: performance.now() - t0 };
  } finally {
    model.dispose();
  }
}

/**
 * The LP relaxation's optimum: a lower bound on the site count (its ceiling is one too), or an upper
 * bound on the weight best N can cover. Null when it does not finish within the limit.
 */
export function lpBound(highs: Highs, inst: CoverInstance, goal: CoverGoal, timeLimitS: number): number | null {
  const { model: data } = build(highs, inst, goal, false);
  const model = highs.createModel(data);
  try {
    model.options.set({ output_flag: false, time_limit: timeLimitS });
    model.run();
    if (model.getModelStatus() !== highs.constants.modelStatus.optimal) return null;
    return model.getObjectiveValue();
  } finally {
    model.dispose();
  }
}

/**
 * The LP relaxation of a FULL cover by row generation: solve the LP over a few rows, add the rows
 * its solution leaves short (Σ x_j < 1), solve again. Dropping rows only lowers an LP's optimum, so
 * every round's value is a valid lower bound, rising to the full LP's when no row is short. On
 * district instances the rows that bind are a small share (the rest are implied by their
 * neighbours), so this reaches the full LP in a fraction of the time one solve over every row takes.
 * @param seedRows rows to start from (e.g. those a feasible dual puts weight on).
 * @returns the best bound proved within the limit (null when not even the first round finished).
 */
export function rowGenerationLpBound(
  highs: Highs,
  inst: CoverInstance,
  seedRows: readonly number[],
  timeLimitS: number,
  /** Stop once the bound rounds up to this (a known cover's size: nothing more to prove). */
  stopAt = Infinity,
): { bound: number | null; complete: boolean; rounds: number } {
  const t0 = performance.now();
  const { nCand, nRows, rowStart, rowCand } = inst;
  const inModel = new Uint8Array(nRows);
  let rows = [...new Set(seedRows)];
  for (const r of rows) inModel[r] = 1;
  let best: number | null = null;
  const perRound = Math.max(500, Math.ceil(nRows / 20));
  for (let round = 1; ; round++) {
    const left = timeLimitS - (performance.now() - t0) / 1000;
    if (left <= 0.05 || rows.length === 0) return { bound: best, complete: false, rounds: round - 1 };
    const starts = new Int32Array(rows.length + 1);
    rows.forEach((r, i) => (starts[i + 1] = starts[i]! + rowStart[r + 1]! - rowStart[r]!));
    const indices = new Int32Array(starts[rows.length]!);
    rows.forEach((r, i) => indices.set(rowCand.subarray(rowStart[r]!, rowStart[r + 1]!), starts[i]!));
    const model = highs.createModel({
      numCols: nCand,
      numRows: rows.length,
      colCost: new Float64Array(nCand).fill(1),
      colLower: new Float64Array(nCand),
      colUpper: new Float64Array(nCand).fill(1),
      rowLower: new Float64Array(rows.length).fill(1),
      rowUpper: new Float64Array(rows.length).fill(highs.infinity),
      matrix: { format: 'csr', numRows: rows.length, numCols: nCand, starts, indices, values: new Float64Array(indices.length).fill(1) },
    });
    let x: Float64Array;
    try {
      model.options.set({ output_flag: false, time_limit: left });
      model.run();
      if (model.getModelStatus() !== highs.constants.modelStatus.optimal) return { bound: best, complete: false, rounds: round - 1 };
      const value = model.getObjectiveValue();
      best = best === null ? value : Math.max(best, value);
      x = model.getSolution().colValue;
      if (Math.ceil(best - 1e-6) >= stopAt) return { bound: best, complete: false, rounds: round };
    } finally {
      model.dispose();
    }
    // The rows the LP's solution leaves short, most short first.
    const short: Array<[number, number]> = [];
    for (let r = 0; r < nRows; r++) {
      if (inModel[r]) continue;
      let s = 0;
      for (let t = rowStart[r]!; t < rowStart[r + 1]!; t++) s += x[rowCand[t]!]!;
      if (s < 1 - 1e-7) short.push([r, s]);
    }
    if (short.length === 0) return { bound: best, complete: true, rounds: round };
    short.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    rows = rows.concat(short.slice(0, perRound).map(([r]) => r));
    for (const [r] of short.slice(0, perRound)) inModel[r] = 1;
  }
}
