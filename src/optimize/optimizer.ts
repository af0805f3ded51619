/**
 * The siting optimiser: where new sites of one type would close a coverage gap with the fewest
 * sites ("close the gap", location set covering), or cover the most with N sites ("best N",
 * maximal covering), keeping the existing sites fixed.
 *
 * Steps: the scope's 50 m grid (the engine's own grid code) → the existing sites' distance field
 * (a CoverageEngine) → candidates on land in the scope → the covering instance → lazy greedy + local
 * search → optionally HiGHS's exact MILP, started from the heuristic's answer and time-limited (or its
 * LP relaxation as a bound) → the sites ordered by what each adds → a re-measurement of the claim by
 * a fresh CoverageEngine holding existing + proposed sites.
 *
 * Objective (issue #15): the land of the scope (default), or its residents — then demand is the cell
 * parts with residents (the same spreading of the same population input as the coverage worker's,
 * src/coverage/population.ts, on the scope's grid, whose cells are the city grid's), weighted by
 * residents: close the gap reaches every populated cell, best N adds the most residents, and every
 * share, bound and proof is in residents. The land each proposed site adds is reported beside.
 *
 * "100 %" may be out of reach with a discrete candidate set (corners no candidate on land reaches):
 * the reachable share (every candidate open) is computed and the target is capped there, and the
 * result says so.
 */
import type { Highs } from 'highs';
import { CoverageEngine, coveredAt, type CoverageRule, type EngineSite } from '../coverage/engine';
import { buildPopulationLayer, cellResidents, type RegionResidents } from '../coverage/population';
import type { PopulationInput, PopulationSource } from '../domain/population';
import { capFor } from '../coverage/syncedEngine';
import { ruleReachKm } from '../domain/serviceRule';
import { boxOf, latticeCandidates, listedCandidates, type Candidate, type CandidateSet } from './candidates';
import { CoverState } from './coverState';
import { lazyGreedy } from './greedy';
import { buildInstance, residentUnits, type CoverInstance, type ObjectiveKind } from './instance';
import { createLandTest, type WaterSources } from './landMask';
import { dropRedundant, improveCover, improveMaxCover } from './localSearch';
import { rowWeightingSearch } from './rowWeighting';
import { lpBound, reachableWeight, rowGenerationLpBound, solveExact, type CoverGoal, type ExactOutcome } from './milp';
import { reduceDominated } from './reduce';
import { greedyDual } from './dualBound';
import { buildScope, type AreaGeometry, type RingChoice, type Scope } from './scope';

export type OptimizeGoal = { kind: 'close-gap'; targetShare: number } | { kind: 'best-n'; n: number };
export type SolverChoice = 'auto' | 'heuristic' | 'exact';
export type { ObjectiveKind } from './instance';
export type CandidateSpec = { kind: 'lattice'; spacingM: number } | { kind: 'list'; points: Candidate[] };

export interface OptimizeInput {
  district: { id: string; geometry: AreaGeometry };
  outerRing: ReadonlyArray<AreaGeometry>;
  ring: RingChoice;
  /** The facility type's rule (km per ring part). */
  rule: CoverageRule;
  water: WaterSources;
  /** Land polygons: demand is the land in the scope (water and flats inside the polygon are not served). */
  land?: ReadonlyArray<AreaGeometry>;
  /**
   * Sites kept fixed (those of the coverage layer's types, with their own radius when they have one,
   * and their year when they have one: the optimiser keeps every one, the staging by year only those
   * built by each year).
   */
  existing: ReadonlyArray<EngineSite & { year?: number | undefined }>;
  goal: OptimizeGoal;
  candidates: CandidateSpec;
  solver: SolverChoice;
  /** MILP time limit (s); default 20. */
  exactTimeLimitS?: number;
  /** Local-search budget (ms); default 3000. */
  heuristicMs?: number;
  /**
   * The heuristic's answer is due this long (ms) after the run starts (default 4500): on a slow or
   * busy machine the local search gets what is left after the preparation (at least 300 ms).
   */
  answerWithinMs?: number;
  seed?: number;
  /** Grid cell (m); default 50 (the map's). */
  cellM?: number;
  /** What a share counts: the scope's land (default) or its residents (then `population` is needed). */
  objective?: ObjectiveKind;
  /** The residents input the coverage worker spreads (the loaded layer or the district census). */
  population?: PopulationInput | null;
}

export type OptimizePhase = 'grid' | 'candidates' | 'demand' | 'heuristic' | 'exact' | 'bound' | 'check';

export interface OptimizeProgress {
  phase: OptimizePhase;
  /** 0..1 over the whole run (phases have fixed slices; the MILP's slice is its time limit). */
  fraction: number;
  /** During the MILP: the incumbent and the proven bound. */
  exact?: { primal: number | null; dual: number | null; seconds: number };
}

export interface ProposedSite {
  lon: number;
  lat: number;
  /** Land this site adds given the existing sites and the proposed sites listed before it (km²). */
  gainKm2: number;
  /** What it adds as a share of the scope's objective (land, or residents), 0..1. */
  gainShare: number;
  /** Residents it adds (residents objective only; null with the area objective). */
  gainResidents: number | null;
  insideRing: boolean;
}

export interface OptimizeResult {
  goal: OptimizeGoal;
  /** Which method produced the proposed sites. */
  solver: 'heuristic' | 'exact';
  /**
   * True when the answer shown is proven optimal — for this model only: the candidates offered, the
   * demand on the grid's cells, on land (see `model`).
   */
  proven: boolean;
  /** What "optimal" and the bounds are relative to. */
  model: { candidates: number; latticeM: number | null; cellM: number; ground: 'land' | 'polygon'; objective: ObjectiveKind };
  /**
   * Residents objective: the scope's residents, and where they come from; every share of the result
   * (before, after, reachable, target, bound, recheck, a site's gain) is then a share of them.
   */
  residents: { total: number; source: PopulationSource } | null;
  /** The land shares before and with the proposed sites (the same as the shares with the area objective). */
  land: { shareBefore: number; shareAfter: number };
  /**
   * Close the gap: a proven lower bound on the number of sites; best N: a proven upper bound on the
   * share reachable with N sites. Null when nothing was proved.
   */
  bound: number | null;
  /** Where the bound comes from. */
  boundFrom: 'milp' | 'lp' | 'dual' | null;
  /** Relative gap between the answer and the bound (0 when proven). */
  gap: number | null;
  sites: ProposedSite[];
  areaKm2: number;
  shareBefore: number;
  /** The share the optimiser claims with the proposed sites. */
  shareAfter: number;
  /** The share with every candidate open. */
  shareReachable: number;
  /** Close the gap: the share asked for, and the share aimed at (capped at the reachable share). */
  targetShare: number | null;
  aimShare: number | null;
  /** The same share measured by a fresh CoverageEngine with existing + proposed sites. */
  recheckShare: number;
  heuristic: { sites: number; shareAfter: number; ms: number };
  exact: { status: ExactOutcome['status']; sites: number | null; shareAfter: number | null; ms: number } | null;
  /** Why the exact solver did not run in auto mode. */
  exactSkipped: 'too-large' | 'no-solver' | 'not-asked' | null;
  /** Sizes: rows after merging equal sets, and the rows / matrix entries the exact model had. */
  instance: { candidates: number; rejected: CandidateSet['rejected']; rows: number; items: number; exactRows: number; nonzeros: number };
  ms: { prepare: number; heuristic: number; reduce: number; exact: number; total: number };
}

/** Above this many matrix entries, auto mode skips the MILP (it rarely finishes in its limit). */
export const AUTO_EXACT_MAX_NONZEROS = 400_000;
/** Time limit of the LP relaxation run for a bound when the MILP is not (s). */
export const LP_TIME_LIMIT_S = 10;

/** The engine's cap: the largest radius of the rule, rounded up as the app's engines are. */
function capM(rule: CoverageRule): number {
  return capFor({ radiusM: ruleReachKm(rule) * 1000, factor: 1 });
}

export interface Prepared {
  scope: Scope;
  engine: CoverageEngine;
  candidates: CandidateSet;
  inst: CoverInstance;
  /** Residents objective: the land instance (for the land each site adds) and the scope's residents. */
  landInst: CoverInstance | null;
  residents: RegionResidents | null;
  ms: number;
}

/** The scope's grid, an engine holding `existing`, and (residents objective) the scope's residents. */
export interface PreparedScope {
  scope: Scope;
  engine: CoverageEngine;
  residents: RegionResidents | null;
}

/**
 * The scope, its engine (the existing sites set) and the residents spread on its grid: what the
 * optimiser, its re-measure and the staging by year (staging.ts) share.
 */
export function prepareScope(input: OptimizeInput, existing: readonly EngineSite[] = input.existing): PreparedScope {
  const scope = buildScope({ district: input.district, outerRing: input.outerRing, land: input.land, ring: input.ring, rule: input.rule, cellM: input.cellM });
  const engine = new CoverageEngine(scope.grid, { maxDistanceM: capM(scope.rule) });
  engine.setSites(existing);
  if ((input.objective ?? 'area') === 'area') return { scope, engine, residents: null };
  if (!input.population) throw new Error('the residents objective needs a population input (the loaded layer or the district census)');
  return { scope, engine, residents: buildPopulationLayer(scope.grid, input.population).regions.get(scope.region)! };
}

/** Grid, existing coverage, candidates and the covering instance. */
export function prepare(input: OptimizeInput, onProgress: (p: OptimizeProgress) => void = () => {}): Prepared {
  const t0 = performance.now();
  onProgress({ phase: 'grid', fraction: 0 });
  const { scope, engine, residents } = prepareScope(input);
  onProgress({ phase: 'candidates', fraction: 0.04 });
  const land = createLandTest(input.water, scope.grid.projection);
  const filter = { contains: scope.contains, land };
  const geometry = input.district.geometry;
  const rings = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).flat();
  const candidates =
    input.candidates.kind === 'lattice'
      ? latticeCandidates(boxOf(rings), input.candidates.spacingM, scope.grid.projection, filter)
      : listedCandidates(input.candidates.points, filter);
  onProgress({ phase: 'demand', fraction: 0.08 });
  const base = { grid: scope.grid, region: scope.region, rule: scope.rule, existing: engine.coverTest(scope.rule), candidates: candidates.candidates };
  if (!residents) return { scope, engine, candidates, inst: buildInstance(base), landInst: null, residents: null, ms: performance.now() - t0 };
  const inst = buildInstance({ ...base, residents });
  return { scope, engine, candidates, inst, landInst: buildInstance(base), residents, ms: performance.now() - t0 };
}

/** The chosen candidates ordered so that each adds the most of what is left; each with its gain. */
function orderByGain(inst: CoverInstance, chosen: readonly number[]): Array<{ j: number; gain: number }> {
  const state = new CoverState(inst);
  const left = new Set(chosen);
  const out: Array<{ j: number; gain: number }> = [];
  while (left.size > 0) {
    let best = -1;
    let bestGain = -1;
    for (const j of left) {
      const g = state.gain(j);
      if (g > bestGain || (g === bestGain && j < best)) {
        best = j;
        bestGain = g;
      }
    }
    state.add(best);
    left.delete(best);
    out.push({ j: best, gain: bestGain });
  }
  return out;
}

/**
 * The share of the scope's residents a fresh engine's field reaches (in the instance's whole units,
 * so that it compares exactly with the claim): the recheck of a residents answer.
 */
function residentsShareCovered(scope: Scope, engine: CoverageEngine, residents: RegionResidents): number {
  const test = engine.coverTest(scope.rule);
  const { region } = scope;
  let total = 0;
  let covered = 0;
  for (let q = 0; q < region.cells.length; q++) {
    const k = region.cells[q]!;
    const parts = cellResidents(region, residents, q);
    for (const part of [0, 1] as const) {
      if ((part === 0 ? test.insideM : test.outsideM) < 0) continue;
      const w = residentUnits(parts[part]);
      total += w;
      if (coveredAt(test, k, part === 0)) covered += w;
    }
  }
  return total > 0 ? covered / total : 0;
}

/** What a re-measure finds: the objective's share (land, or residents), the land share and the scope's land (km²). */
export interface Remeasure {
  share: number;
  landShare: number;
  areaKm2: number;
}

/**
 * The claim checked again: a fresh engine on the scope's grid holding `existing` and `proposed`
 * (ids of their own), measuring the objective's share — land, or residents in the instance's
 * whole units — and the land share. The optimiser's re-check of its answer, and the staging's of
 * each year's cumulative set.
 */
export function remeasure(prep: Pick<PreparedScope, 'scope' | 'residents'>, existing: readonly EngineSite[], proposed: ReadonlyArray<{ lon: number; lat: number }>): Remeasure {
  const { scope } = prep;
  const check = new CoverageEngine(scope.grid, { maxDistanceM: capM(scope.rule) });
  check.setSites([...existing, ...proposed.map((s, i) => ({ id: `\u0000proposed-${i}`, lon: s.lon, lat: s.lat }))]);
  const land = check.regionCoverage(scope.region, scope.rule).land;
  return { share: prep.residents ? residentsShareCovered(scope, check, prep.residents) : land.share, landShare: land.share, areaKm2: land.areaKm2 };
}

export interface OptimizeDeps {
  /** A loaded HiGHS runtime; without one, only the heuristic runs. */
  highs?: Highs | null;
  onProgress?: (p: OptimizeProgress) => void;
}

export function optimize(input: OptimizeInput, deps: OptimizeDeps = {}): OptimizeResult {
  const t0 = performance.now();
  const progress = deps.onProgress ?? (() => {});
  const prep = prepare(input, progress);
  const { scope, inst, candidates } = prep;
  const { total, existing } = inst;
  const reachable = existing + reachableWeight(inst);
  const share = (w: number) => (total > 0 ? w / total : 0);
  const goal = input.goal;

  // What the covering models are asked.
  let coverGoal: CoverGoal;
  let targetShare: number | null = null;
  let aimShare: number | null = null;
  if (goal.kind === 'close-gap') {
    targetShare = goal.targetShare;
    // Whole sub-samples: the least covered weight whose share reaches the target.
    const targetW = Math.min(total, Math.ceil(goal.targetShare * total - 1e-9));
    const aimW = Math.min(targetW, reachable);
    aimShare = share(aimW);
    coverGoal = { kind: 'cover', need: Math.max(0, aimW - existing) };
  } else {
    coverGoal = { kind: 'max', n: Math.max(0, Math.floor(goal.n)) };
  }

  // A full cover only needs the rows no other row's set lies inside (reduce.ts).
  const trivial = coverGoal.kind === 'cover' ? coverGoal.need <= 0 : coverGoal.n === 0 || inst.nRows === 0;
  const full = coverGoal.kind === 'cover' && !trivial && coverGoal.need >= reachableWeight(inst) - 1e-9;
  const tr = performance.now();
  const exactInst = full ? reduceDominated(inst) : inst;
  const exactGoal: CoverGoal = full ? { kind: 'cover', need: reachableWeight(exactInst) } : coverGoal;
  // A feasible dual of the full cover's LP: a lower bound in one pass (dualBound.ts).
  const dual = full ? greedyDual(exactInst) : null;
  const dualBound = dual ? Math.ceil(dual.bound - 1e-6) : 0;
  const reduceMs = performance.now() - tr;

  // Heuristic: lazy greedy, then local search.
  progress({ phase: 'heuristic', fraction: 0.15 });
  const th = performance.now();
  const state = new CoverState(inst);
  const budget = Math.min(input.heuristicMs ?? 3000, Math.max(300, (input.answerWithinMs ?? 4500) - (performance.now() - t0)));
  const seed = input.seed ?? 1;
  const onSearch = (f: number) => progress({ phase: 'heuristic', fraction: 0.15 + 0.25 * f });
  if (coverGoal.kind === 'cover') {
    if (coverGoal.need > 0) {
      lazyGreedy(state, { needWeight: coverGoal.need });
      if (full) {
        dropRedundant(state, coverGoal.need);
        // Stops at the budget, after many steps without a smaller cover, or at the dual bound.
        if (budget > 0) {
          const better = rowWeightingSearch(exactInst, state.openList(), { timeMs: budget, seed, onProgress: onSearch, maxStale: 100_000, lowerBound: dualBound });
          for (const j of state.openList()) state.remove(j);
          for (const j of better) state.add(j);
        }
      } else {
        // Small instances settle long before the budget: stop after many fruitless moves.
        if (budget <= 0) dropRedundant(state, coverGoal.need);
        else improveCover(state, coverGoal.need, { timeMs: budget, seed, onProgress: onSearch, maxStale: 400 + 20 * state.size });
      }
    }
  } else if (coverGoal.n > 0) {
    lazyGreedy(state, { maxOpen: coverGoal.n });
    if (budget > 0) improveMaxCover(state, { timeMs: budget, seed, onProgress: onSearch, maxStale: 400 + 20 * state.size });
  }
  let chosen = state.openList();
  const heuristicCovered = state.covered;
  const heuristicMs = performance.now() - th;
  const heuristic = { sites: chosen.length, shareAfter: share(existing + heuristicCovered), ms: heuristicMs };

  // Exact MILP, or an LP bound — unless the dual bound already proves the heuristic's cover optimal.
  const nonzeros = exactInst.rowCand.length;
  const provenByDual = full && chosen.length <= dualBound;
  let exactSkipped: OptimizeResult['exactSkipped'] = null;
  let runExact = false;
  if (trivial || provenByDual) exactSkipped = null;
  else if (!deps.highs) exactSkipped = input.solver === 'heuristic' ? 'not-asked' : 'no-solver';
  else if (input.solver === 'heuristic') exactSkipped = 'not-asked';
  else if (input.solver === 'auto' && nonzeros > AUTO_EXACT_MAX_NONZEROS) exactSkipped = 'too-large';
  else runExact = true;

  let solver: OptimizeResult['solver'] = 'heuristic';
  let proven = trivial || provenByDual;
  let bound: number | null = provenByDual ? dualBound : null;
  let boundFrom: OptimizeResult['boundFrom'] = provenByDual ? 'dual' : null;
  let exact: OptimizeResult['exact'] = null;
  let covered = heuristicCovered;
  const te = performance.now();
  if (runExact && deps.highs) {
    const limit = input.exactTimeLimitS ?? 20;
    progress({ phase: 'exact', fraction: 0.4 });
    const out = solveExact(deps.highs, exactInst, exactGoal, {
      timeLimitS: limit,
      start: chosen,
      onProgress: (p) => progress({ phase: 'exact', fraction: 0.4 + 0.5 * Math.min(1, p.seconds / limit), exact: p }),
    });
    const exactCovered = out.open ? new CoverState(inst) : null;
    if (exactCovered && out.open) for (const j of out.open) exactCovered.add(j);
    exact = { status: out.status, sites: out.open?.length ?? null, shareAfter: exactCovered ? share(existing + exactCovered.covered) : null, ms: out.ms };
    // Take the MILP's answer when it is valid and no worse than the heuristic's.
    if (out.open && exactCovered) {
      const valid = coverGoal.kind === 'cover' ? exactCovered.covered >= coverGoal.need : out.open.length <= coverGoal.n;
      const better =
        coverGoal.kind === 'cover'
          ? out.open.length < chosen.length || (out.open.length === chosen.length && exactCovered.covered >= covered)
          : exactCovered.covered >= covered;
      if (valid && better) {
        chosen = out.open;
        covered = exactCovered.covered;
        solver = 'exact';
      }
    }
    if (out.bound !== null) {
      bound = out.bound;
      boundFrom = 'milp';
    }
    // Proven only when the answer shown is the MILP's optimum; a rejected MILP answer proves nothing
    // about the heuristic's (its bound may still prove it below).
    proven = out.status === 'optimal' && solver === 'exact';
  } else if (!trivial && !provenByDual && deps.highs) {
    // No MILP: the LP relaxation still bounds the answer. A full cover's LP is built up from the
    // rows the dual found binding (row generation: a valid bound after every round, and much
    // faster than one LP over every row); other goals solve their LP in one go.
    progress({ phase: 'bound', fraction: 0.45 });
    let lp: number | null;
    if (dual) {
      const seedRows: number[] = [];
      dual.u.forEach((v, r) => {
        if (v > 0) seedRows.push(r);
      });
      lp = rowGenerationLpBound(deps.highs, exactInst, seedRows, LP_TIME_LIMIT_S, chosen.length).bound;
    } else lp = lpBound(deps.highs, exactInst, exactGoal, LP_TIME_LIMIT_S);
    if (lp !== null) {
      bound = lp;
      boundFrom = 'lp';
    }
  }
  if (full && !proven && (bound === null || dualBound > bound)) {
    // The feasible dual may beat a time-limited MILP's bound, or stand in for a missing one.
    bound = dualBound;
    boundFrom = 'dual';
  }
  const exactMs = performance.now() - te;

  // Bounds in the result's units: whole sites for close the gap, a share for best N.
  let resultBound: number | null = null;
  let gap: number | null = null;
  if (proven) gap = 0;
  if (bound !== null) {
    if (coverGoal.kind === 'cover') {
      resultBound = Math.max(0, Math.ceil(bound - 1e-6));
      if (chosen.length > 0) gap = (chosen.length - resultBound) / chosen.length;
      if (resultBound >= chosen.length) {
        proven = true;
        gap = 0;
      }
    } else {
      resultBound = share(existing + bound);
      if (covered > 0) gap = Math.max(0, (bound - covered) / bound);
      if (bound - covered <= 1e-9) {
        proven = true;
        gap = 0;
      }
    }
  } else if (proven) resultBound = coverGoal.kind === 'cover' ? chosen.length : share(existing + covered);

  // Sites with their gains, and the engine's re-measurement.
  progress({ phase: 'check', fraction: 0.92 });
  const ordered = orderByGain(inst, chosen);
  const list = candidates.candidates;
  // The land each site adds: the same order on the land instance (the objective's own with area).
  const landInst = prep.landInst ?? inst;
  const landState = new CoverState(landInst);
  const residentsMode = inst.objective === 'residents';
  const sites: ProposedSite[] = ordered.map(({ j, gain }) => {
    const land = landState.gain(j);
    landState.add(j);
    return {
      lon: list[j]!.lon,
      lat: list[j]!.lat,
      gainKm2: land * landInst.unitKm2,
      gainShare: share(gain),
      gainResidents: residentsMode ? gain * inst.unit : null,
      insideRing: scope.insideRing(list[j]!.lon, list[j]!.lat),
    };
  });
  const landShare = (w: number) => (landInst.total > 0 ? w / landInst.total : 0);
  const recheckShare = remeasure(prep, input.existing, sites).share;
  progress({ phase: 'check', fraction: 1 });

  return {
    goal,
    solver,
    proven,
    model: {
      candidates: inst.nCand,
      latticeM: input.candidates.kind === 'lattice' ? input.candidates.spacingM : null,
      cellM: scope.grid.cellM,
      ground: 'land',
      objective: inst.objective,
    },
    residents: residentsMode && input.population ? { total: total * inst.unit, source: input.population.source } : null,
    land: { shareBefore: landShare(landInst.existing), shareAfter: landShare(landInst.existing + landState.covered) },
    bound: resultBound,
    boundFrom,
    gap,
    sites,
    areaKm2: landInst.total * landInst.unitKm2,
    shareBefore: share(existing),
    shareAfter: share(existing + covered),
    shareReachable: share(reachable),
    targetShare,
    aimShare,
    recheckShare,
    heuristic,
    exact,
    exactSkipped,
    instance: { candidates: inst.nCand, rejected: candidates.rejected, rows: inst.nRows, items: inst.items, exactRows: exactInst.nRows, nonzeros },
    ms: { prepare: prep.ms, heuristic: heuristicMs, reduce: reduceMs, exact: exactMs, total: performance.now() - t0 },
  };
}
