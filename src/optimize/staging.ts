/**
 * Staging the optimiser's proposals by year (issue #18): given the proposed sites, a start year and a
 * budget of sites per year, which to build first.
 *
 * The model is greedy, year by year: in year y the existing sites are those built by the end of y
 * (a site without a year exists at every year, siteYear.ts), plus every proposal staged in earlier
 * years; among the proposals left, the year's budget goes to those that add the most of the run's
 * objective (land, or residents), one at a time, each given the ones taken before it (lazy greedy on
 * a covering instance built for that year, the optimiser's own code). Proposals that add nothing
 * that year fill the rest of its budget in their list order, so every proposal gets a year. It is
 * NOT optimal across years: a site that adds most now may make a better pair later impossible, and
 * nothing looks ahead to existing sites built in later years.
 *
 * Each year's cumulative coverage (existing as of y + staged up to y) is re-measured by a fresh
 * coverage engine — the optimiser's own re-measure (`remeasure`), so the last year's share with the
 * same existing sites is the optimiser's re-checked share. Pure: no React, no map.
 */
import { buildInstance } from './instance';
import { CoverState } from './coverState';
import { lazyGreedy } from './greedy';
import { prepareScope, remeasure, type OptimizeInput } from './optimizer';
import { SITE_YEAR, sitesAsOf } from '../domain/siteYear';

export interface StagingPlan {
  /** The first year sites are built in. */
  startYear: number;
  /** Sites per year: one number for every year, or one per year from the start (the last repeats). */
  perYear: number | readonly number[];
}

/** What is wrong with a plan, for a message naming the field (null: nothing). */
export type StagingProblem =
  | { kind: 'start-year'; value: number }
  | { kind: 'budget'; /** Position in the list (0-based); null for a single number. */ index: number | null; value: number }
  | { kind: 'too-many-years'; lastYear: number };

export interface StagedSite {
  /** Position in the proposal list given (0-based). */
  index: number;
  lon: number;
  lat: number;
  /** What it adds that year, given everything built before it: a share of the objective (0..1). */
  gainShare: number;
  /** The land it adds (km²). */
  gainKm2: number;
  /** The residents it adds (residents objective only). */
  gainResidents: number | null;
}

export interface StagedYear {
  year: number;
  /** The proposals built this year, in the order they were taken. */
  sites: StagedSite[];
  /** Existing sites whose year is this one (built this year, counted before the proposals). */
  existingBuilt: number;
  /** The sum of the year's gains: share of the objective, land (km²), residents. */
  addedShare: number;
  addedKm2: number;
  addedResidents: number | null;
  /** Re-measured by a fresh engine: the objective's share and the land share, existing + staged by the year's end. */
  share: number;
  landShare: number;
  /** Close the gap: whether `share` reaches the share asked for; null for best N. */
  meetsTarget: boolean | null;
}

export interface Staging {
  objective: 'area' | 'residents';
  startYear: number;
  /** Re-measured with the sites existing at the start year and no proposal. */
  shareBefore: number;
  landShareBefore: number;
  /** The scope's land (km²), the ground of the land shares. */
  areaKm2: number;
  /** The scope's residents (residents objective only), to turn shares into counts. */
  residentsTotal: number | null;
  /** Close the gap: the share asked for; null for best N. */
  targetShare: number | null;
  years: StagedYear[];
}

/** The budget of each year until `n` sites are staged. */
export function yearBudgets(perYear: StagingPlan['perYear'], n: number): number[] {
  const list = typeof perYear === 'number' ? [perYear] : perYear;
  const out: number[] = [];
  let left = n;
  for (let t = 0; left > 0; t++) {
    const b = Math.min(left, list[Math.min(t, list.length - 1)]!);
    out.push(b);
    left -= b;
  }
  return out;
}

/** The first problem of a plan for `n` proposals, or null. */
export function stagingProblem(plan: StagingPlan, n: number): StagingProblem | null {
  const { startYear, perYear } = plan;
  if (!Number.isInteger(startYear) || startYear < SITE_YEAR.min || startYear > SITE_YEAR.max) return { kind: 'start-year', value: startYear };
  const list = typeof perYear === 'number' ? [perYear] : perYear;
  if (list.length === 0) return { kind: 'budget', index: 0, value: NaN };
  const bad = list.findIndex((b) => !Number.isInteger(b) || b < 1);
  if (bad >= 0) return { kind: 'budget', index: typeof perYear === 'number' ? null : bad, value: list[bad]! };
  const lastYear = startYear + yearBudgets(perYear, n).length - 1;
  if (lastYear > SITE_YEAR.max) return { kind: 'too-many-years', lastYear };
  return null;
}

/** A problem in English (the panel words it in both languages from the same fields). */
export function stagingProblemText(p: StagingProblem): string {
  switch (p.kind) {
    case 'start-year':
      return `start year ${p.value} is not a whole year in ${SITE_YEAR.min}–${SITE_YEAR.max}`;
    case 'budget':
      return `sites per year${p.index === null ? '' : ` (year ${p.index + 1})`} must be a whole number of at least 1, not ${p.value}`;
    case 'too-many-years':
      return `the staging would run to ${p.lastYear}, past ${SITE_YEAR.max}: build more sites per year`;
  }
}

/**
 * Stages `proposed` (the optimiser's sites, or any candidate list in the scope) by year for the
 * scope, rule, objective and existing sites of `input`.
 * @throws RangeError naming the field when the plan is invalid (see {@link stagingProblem}).
 */
export function stageProposals(input: OptimizeInput, proposed: ReadonlyArray<{ lon: number; lat: number }>, plan: StagingPlan): Staging {
  const problem = stagingProblem(plan, proposed.length);
  if (problem) throw new RangeError(stagingProblemText(problem));
  const startExisting = sitesAsOf(input.existing, plan.startYear);
  const prep = prepareScope(input, startExisting);
  const { scope, engine, residents } = prep;
  const before = remeasure(prep, startExisting, []);
  const targetShare = input.goal.kind === 'close-gap' ? input.goal.targetShare : null;
  let left = proposed.map((p, index) => ({ index, lon: p.lon, lat: p.lat }));
  const staged: StagedSite[] = [];
  const years: StagedYear[] = [];
  let residentsTotal: number | null = null;
  yearBudgets(plan.perYear, proposed.length).forEach((budget, t) => {
    const year = plan.startYear + t;
    const existing = sitesAsOf(input.existing, year);
    // The sites built by the end of last year, and the existing ones of this year: fixed.
    engine.setSites([...existing, ...staged.map((s, i) => ({ id: `\u0000staged-${i}`, lon: s.lon, lat: s.lat }))]);
    const base = { grid: scope.grid, region: scope.region, rule: scope.rule, existing: engine.coverTest(scope.rule), candidates: left };
    const landInst = buildInstance(base);
    const inst = residents ? buildInstance({ ...base, residents }) : landInst;
    if (residents) residentsTotal = inst.total * inst.unit;
    const picks = lazyGreedy(new CoverState(inst), { maxOpen: budget });
    // Those adding nothing this year fill the budget in list order.
    for (let j = 0; j < left.length && picks.length < budget; j++) if (!picks.includes(j)) picks.push(j);
    const state = new CoverState(inst);
    const landState = residents ? new CoverState(landInst) : state;
    const sites = picks.map((j): StagedSite => {
      const gain = state.gain(j);
      state.add(j);
      const land = residents ? landState.gain(j) : gain;
      if (residents) landState.add(j);
      return {
        ...left[j]!,
        gainShare: inst.total > 0 ? gain / inst.total : 0,
        gainKm2: land * landInst.unitKm2,
        gainResidents: residents ? gain * inst.unit : null,
      };
    });
    staged.push(...sites);
    const taken = new Set(picks);
    left = left.filter((_, j) => !taken.has(j));
    const measured = remeasure(prep, existing, staged);
    years.push({
      year,
      sites,
      existingBuilt: input.existing.filter((s) => s.year === year).length,
      addedShare: sites.reduce((a, s) => a + s.gainShare, 0),
      addedKm2: sites.reduce((a, s) => a + s.gainKm2, 0),
      addedResidents: residents ? sites.reduce((a, s) => a + s.gainResidents!, 0) : null,
      share: measured.share,
      landShare: measured.landShare,
      meetsTarget: targetShare === null ? null : measured.share >= targetShare - 1e-12,
    });
  });
  return {
    objective: residents ? 'residents' : 'area',
    startYear: plan.startYear,
    shareBefore: before.share,
    landShareBefore: before.landShare,
    areaKm2: before.areaKm2,
    residentsTotal,
    targetShare,
    years,
  };
}
