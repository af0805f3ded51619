/**
 * The plan checker: how far a set of sites goes towards each plan target. Pure; no map, no React.
 *
 * Counting rules (the scorecard shows `reason` so users see them too):
 * - Which sites: those of the target's facility type and its `alsoCounts`, with a status in
 *   `options.statuses` (default: existing, planned and candidate), lying in the scope polygon.
 *   A site exactly on a boundary is inside (see `containsPoint`), so a site on a shared district border
 *   counts for both districts. Sites outside every district count nowhere.
 * - Units: if the target's own facility type counts by capacity (piles, bays, camera channels, sensors),
 *   each site adds its `capacity` (1 when absent); otherwise each site adds 1.
 * - `count`, mode `cumulative`: all such sites vs `value`.
 * - As of a year (`options.asOf`): the caller passes only the sites built by the end of that year
 *   (`sitesAsOf`, siteYear.ts); the checker uses the year only for `new` counts.
 * - `count`, mode `new`, with the plan's period known (`options.periods`, every app and CLI caller):
 *   the sites whose `year` lies in the period, up to the target's deadline and the as-of year, any
 *   status, vs `value`. A site without a year is never new: its units are reported as `yearUnknown`
 *   beside the count. The `aim` is checked against (text baseline + new units), or without a text
 *   baseline every unit in the scope. The rules below hold only when no period is known.
 * - `count`, mode `new`, plan target: only sites not yet `existing` (planned / candidate) vs `value`;
 *   existing sites are the baseline. The optional `aim` is checked against
 *   (text baseline, or existing sites when the text gives none) + new sites.
 * - `count`, mode `new`, reported-done: the reported units have been built, so `existing` sites are
 *   counted; older existing sites are included too, so "met" means "the map holds at least that many".
 * - `density`: units / scope area (km²): the land in the scope when `options.landAreaKm2` knows it
 *   (`ground: 'land'`, the polygon's figure beside it), else the polygon's geodesic area. A goal
 *   without a figure is `not-checkable` but still reports the current density.
 * - `presence`: units in the place's polygon vs `minCount`.
 * - `service-radius`: the covered share comes from an optional `radiusEvaluator` (the coverage engine)
 *   on land (`current`, `ground: 'land'`) with the whole polygon's share beside it (`polygon`);
 *   without one the result is `not-computed` with `current: null`. Radii come from the plan (`radiusKm`)
 *   or from the assumption values passed in (`radiusFrom`).
 * The checker never invents a number: what it cannot compute is `not-computed` (inputs missing) or
 * `not-checkable` (the text gives no figure, or names a place the map has no polygon for).
 */
import { FACILITY_TYPES, type FacilityTypeId } from './facilityTypes';
import {
  targetFacilities,
  type CountTarget,
  type DensityTarget,
  type PresenceTarget,
  type RingPart,
  type ServiceRadiusTarget,
  type Target,
  type TargetMetric,
} from './plan';
import type { Site, SiteStatus } from './site';
import { containsPoint, type AreaFeature, type ScopeIndex, type ScopeResult } from './scopes';
import { assumptionKeyOf, type AssumptionValues } from './assumptions';
import { IncrementalFilter, IncrementalSum } from './incrementalFilter';
import type { Ground } from './serviceRule';
import { isNewIn, type Period } from './siteYear';
import type { ResidentsCoverage } from './coverageResults';

export type CheckStatus = 'met' | 'short' | 'not-computed' | 'not-checkable';

export interface TargetCheck {
  targetId: string;
  metric: TargetMetric;
  status: CheckStatus;
  /** Units counted, units per km², or covered share (0..1); null when not computed. */
  current: number | null;
  /** The number `current` is compared with; null when the text gives none. */
  target: number | null;
  unit: 'units' | 'per-km2' | 'share';
  /** `target − current` when short. */
  shortBy?: number;
  /** Progress 0..1 for a bar (0 when nothing could be computed). */
  share: number;
  /** The figure the document reports as achieved, passed through. */
  reported?: Target['reported'];
  /** For counts with an aim (奉贤 力争累计达到3000个): the cumulative check. */
  aim?: { target: number; current: number; met: boolean };
  /** Why it could not be computed/checked, or how it was counted, in one English sentence. */
  reason?: string;
  /** Shares and densities: the ground `current` is measured on (land unless no land figure exists). */
  ground?: Ground;
  /** With `ground: 'land'`: the same figure over the whole administrative polygon. */
  polygon?: number;
  /** Service-radius targets, with a residents layer: the residents of the scope the rule reaches. */
  residents?: ResidentsCoverage;
  /** `new` counts with a period: the years a site's year must lie in to count (first, last). */
  newYears?: Period;
  /** `new` counts with a period: units in the scope whose site has no year (never counted as new). */
  yearUnknown?: number;
}

/** A service-radius rule part with its radius resolved and its polygon (null when that part has no area). */
export interface ResolvedRadiusPart {
  part: RingPart;
  radiusKm: number;
  /** True when the radius is an assumption, not a plan figure. */
  assumed: boolean;
  /** The part's polygon, clipped on first read (null when that part has no area). */
  readonly area: AreaFeature | null;
}

export interface RadiusEvaluatorInput {
  target: ServiceRadiusTarget;
  parts: ResolvedRadiusPart[];
  /** Sites of the target's types and statuses, anywhere: a site just outside the scope still covers into it. */
  sites: readonly Site[];
}

/** Covered share (0..1) of the scope's land and of its whole polygon, or null when the engine cannot compute it. */
/** The covered shares of a service-radius target; with a residents layer, its residents too. */
export type RadiusEvaluator = (input: RadiusEvaluatorInput) => { land: number; polygon: number; residents?: ResidentsCoverage } | null;

/** The land area (km²) of a district's scope, or null when unknown (then densities use the polygon). */
export type LandAreaOf = (district: string, scope: Target['scope']) => number | null;

export interface EvaluateOptions {
  /** The coverage engine; without it service-radius targets are `not-computed`. */
  radiusEvaluator?: RadiusEvaluator;
  /** Assumption values by key (`assumptionValues(loadAssumptions())`), for `radiusFrom` rules. */
  assumptions?: AssumptionValues;
  /** Which site statuses count (default all three). */
  statuses?: readonly SiteStatus[];
  /** Land area of a scope, for densities per km² of land. */
  landAreaKm2?: LandAreaOf;
  /**
   * Kept between evaluations of one session (the coverage worker's): the site lists and unit
   * counts of the last evaluation, patched where the new list replaced a few slots (a drag step)
   * instead of filtered and counted again — at 200,000 sites, ~100 ms a step less.
   */
  memo?: CheckerMemo;
  /** The as-of year (null or absent: every site): `new` counts stop at it. */
  asOf?: number | null;
  /** Each plan's period by district adcode (`planPeriods(plans)`), for `new` counts. */
  periods?: ReadonlyMap<string, Period>;
}

/** What an evaluation keeps for the next one (see EvaluateOptions.memo). */
export class CheckerMemo {
  readonly lists = new Map<string, IncrementalFilter<Site>>();
  readonly sums = new WeakMap<AreaFeature, Map<string, IncrementalSum<Site>>>();
}

const ALL_STATUSES: readonly SiteStatus[] = ['existing', 'planned', 'candidate'];

function progress(current: number, target: number): number {
  if (target <= 0) return 1;
  return Math.max(0, Math.min(1, current / target));
}

function compared(
  base: Pick<TargetCheck, 'targetId' | 'metric' | 'reported' | 'unit'>,
  current: number,
  target: number,
  reason?: string,
): TargetCheck {
  const met = current >= target;
  return {
    ...base,
    status: met ? 'met' : 'short',
    current,
    target,
    share: progress(current, target),
    ...(met ? {} : { shortBy: target - current }),
    ...(reason === undefined ? {} : { reason }),
  };
}

function unresolved(
  base: Pick<TargetCheck, 'targetId' | 'metric' | 'reported' | 'unit'>,
  status: 'not-computed' | 'not-checkable',
  reason: string,
  target: number | null,
  current: number | null = null,
): TargetCheck {
  return { ...base, status, current, target, share: 0, reason };
}

/** Not-ok scope results map to a status: no polygon by design → not-checkable; data missing → not-computed. */
function scopeProblem(scope: ScopeResult): { status: 'not-computed' | 'not-checkable'; reason: string } | null {
  if (scope.status === 'no-polygon') return { status: 'not-checkable', reason: scope.reason };
  if (scope.status === 'missing') return { status: 'not-computed', reason: scope.reason };
  return null;
}

/**
 * Point-in-polygon answers per scope polygon and site object. Sites are immutable values (an edit
 * makes a new object), so while a user drags one site the other 9,999 keep their answers and the
 * count targets cost a few map lookups instead of thousands of polygon tests.
 */
const membership = new WeakMap<AreaFeature, WeakMap<Site, boolean>>();

function inScope(feature: AreaFeature, site: Site): boolean {
  let known = membership.get(feature);
  if (!known) {
    known = new WeakMap();
    membership.set(feature, known);
  }
  let inside = known.get(site);
  if (inside === undefined) {
    inside = containsPoint(feature, site.lon, site.lat);
    known.set(site, inside);
  }
  return inside;
}

/** Sum of units of `sites` inside the scope (0 for an empty scope). */
function unitsIn(scope: ScopeResult, sites: readonly Site[], unit: 'site' | 'capacity'): number {
  if (scope.status !== 'ok') return 0;
  let total = 0;
  for (const s of sites) {
    if (inScope(scope.feature, s)) total += unit === 'capacity' ? (s.capacity ?? 1) : 1;
  }
  return total;
}

class SitePool {
  private readonly byType = new Map<FacilityTypeId, Site[]>();
  constructor(
    private readonly sites: readonly Site[],
    private readonly memo: CheckerMemo | null,
  ) {
    if (memo) return; // lists come from the memo's filters
    for (const s of sites) {
      const list = this.byType.get(s.type);
      if (list) list.push(s);
      else this.byType.set(s.type, [s]);
    }
  }
  /** Sites of the target's types whose status is in `statuses`. */
  of(target: Target, statuses: readonly SiteStatus[]): readonly Site[] {
    const types = targetFacilities(target);
    if (!this.memo) return types.flatMap((t) => (this.byType.get(t) ?? []).filter((s) => statuses.includes(s.status)));
    const key = `${types.join(',')}|${statuses.join(',')}`;
    let filter = this.memo.lists.get(key);
    if (!filter) this.memo.lists.set(key, (filter = new IncrementalFilter<Site>()));
    const typeSet = new Set<string>(types);
    return filter.apply(this.sites, (s) => typeSet.has(s.type) && statuses.includes(s.status), key);
  }
  /** Units (sites, or their capacity) of `of(target, statuses)` inside the scope. */
  units(scope: ScopeResult, target: Target, statuses: readonly SiteStatus[], unit: 'site' | 'capacity'): number {
    const sites = this.of(target, statuses);
    if (!this.memo || scope.status !== 'ok') return unitsIn(scope, sites, unit);
    const feature = scope.feature;
    let sums = this.memo.sums.get(feature);
    if (!sums) this.memo.sums.set(feature, (sums = new Map()));
    const key = `${targetFacilities(target).join(',')}|${statuses.join(',')}|${unit}`;
    let sum = sums.get(key);
    if (!sum) sums.set(key, (sum = new IncrementalSum<Site>()));
    return sum.apply(sites, (s) => (inScope(feature, s) ? (unit === 'capacity' ? (s.capacity ?? 1) : 1) : 0));
  }
}

function baseOf(target: Target, unit: TargetCheck['unit']): Pick<TargetCheck, 'targetId' | 'metric' | 'reported' | 'unit'> {
  return {
    targetId: target.id,
    metric: target.metric,
    unit,
    ...(target.reported === undefined ? {} : { reported: target.reported }),
  };
}

/** The years in which a site is new for target `t`: the plan's period, up to the target's deadline. */
export function newYearsOf(t: Target, period: Period): Period {
  return { start: period.start, end: Math.max(period.start, Math.min(period.end, t.deadline)) };
}

function evaluateCount(t: CountTarget, pool: SitePool, scopes: ScopeIndex, statuses: readonly SiteStatus[], options: EvaluateOptions): TargetCheck {
  const base = baseOf(t, 'units');
  const scope = scopes.resolve(t.district, t.scope);
  const problem = scopeProblem(scope);
  if (problem) return unresolved(base, problem.status, problem.reason, t.goal.value);
  const unit = FACILITY_TYPES[t.facility].countUnit;
  if (t.goal.mode === 'cumulative') return compared(base, pool.units(scope, t, statuses, unit), t.goal.value);
  const period = options.periods?.get(t.district);
  if (period !== undefined) {
    const years = newYearsOf(t, period);
    const asOf = options.asOf ?? null;
    const sites = pool.of(t, statuses);
    const added = unitsIn(scope, sites.filter((s) => isNewIn(s, years, asOf)), unit);
    const yearUnknown = unitsIn(scope, sites.filter((s) => s.year === undefined), unit);
    const result: TargetCheck = {
      ...compared(base, added, t.goal.value, `new units: sites whose year is ${years.start}–${Math.min(years.end, asOf ?? years.end)}; sites without a year are not counted`),
      newYears: years,
      yearUnknown,
    };
    if (t.goal.aim !== undefined) {
      const total = t.goal.baseline === undefined ? pool.units(scope, t, statuses, unit) : t.goal.baseline + added;
      result.aim = { target: t.goal.aim, current: total, met: total >= t.goal.aim };
    }
    return result;
  }
  const existing = statuses.filter((s) => s === 'existing');
  const newer = statuses.filter((s) => s !== 'existing');

  if (t.status === 'reported-done') {
    const built = pool.units(scope, t, existing, unit);
    return compared(base, built, t.goal.value, 'reported as built: existing sites counted, older ones included');
  }
  const added = pool.units(scope, t, newer, unit);
  const result = compared(base, added, t.goal.value, 'new units: planned and candidate sites counted');
  if (t.goal.aim !== undefined) {
    const baseline = t.goal.baseline ?? pool.units(scope, t, existing, unit);
    const total = baseline + added;
    result.aim = { target: t.goal.aim, current: total, met: total >= t.goal.aim };
  }
  return result;
}

function evaluateDensity(t: DensityTarget, pool: SitePool, scopes: ScopeIndex, options: EvaluateOptions, statuses: readonly SiteStatus[]): TargetCheck {
  const base = baseOf(t, 'per-km2');
  const scope = scopes.resolve(t.district, t.scope);
  const problem = scopeProblem(scope);
  if (problem) return unresolved(base, problem.status, problem.reason, t.goal.perKm2);
  if (scope.status !== 'ok') return unresolved(base, 'not-computed', 'the scope has no area', t.goal.perKm2);
  const units = pool.units(scope, t, statuses, FACILITY_TYPES[t.facility].countUnit);
  const landKm2 = options.landAreaKm2?.(t.district, t.scope) ?? null;
  const polygon = units / scope.areaKm2;
  const density = landKm2 !== null && landKm2 > 0 ? units / landKm2 : polygon;
  const grounds: Pick<TargetCheck, 'ground' | 'polygon'> = landKm2 !== null && landKm2 > 0 ? { ground: 'land', polygon } : { ground: 'polygon' };
  if (t.goal.perKm2 === null) {
    return { ...unresolved(base, 'not-checkable', t.goal.note_en ?? 'the text gives no density figure', null, density), ...grounds };
  }
  return { ...compared(base, density, t.goal.perKm2), ...grounds };
}

function evaluatePresence(t: PresenceTarget, pool: SitePool, scopes: ScopeIndex, statuses: readonly SiteStatus[]): TargetCheck {
  const base = baseOf(t, 'units');
  const scope = scopes.resolve(t.district, t.scope);
  const problem = scopeProblem(scope);
  if (problem) return unresolved(base, problem.status, problem.reason, t.goal.minCount);
  return compared(base, pool.units(scope, t, statuses, FACILITY_TYPES[t.facility].countUnit), t.goal.minCount);
}

function evaluateRadius(
  t: ServiceRadiusTarget,
  pool: SitePool,
  scopes: ScopeIndex,
  options: EvaluateOptions,
  statuses: readonly SiteStatus[],
): TargetCheck {
  const base = baseOf(t, 'share');
  const want = t.goal.targetShare;
  const problem = scopeProblem(scopes.resolve(t.district, t.scope));
  if (problem) return unresolved(base, problem.status, problem.reason, want);

  const parts: ResolvedRadiusPart[] = [];
  for (const r of t.goal.rule) {
    const key = r.radiusFrom === undefined ? null : assumptionKeyOf(r.radiusFrom);
    const radiusKm = r.radiusKm ?? (key === null ? undefined : options.assumptions?.[key]);
    if (radiusKm === undefined) return unresolved(base, 'not-computed', `assumption ${key ?? '?'} has no value`, want);
    const partProblem = scopes.partProblem(t.district, t.scope, r.part);
    if (partProblem) return unresolved(base, partProblem.status === 'no-polygon' ? 'not-checkable' : 'not-computed', partProblem.reason, want);
    // The part's polygon is clipped only when read: the grid engine measures on its own masks and
    // never does, and the clip was most of the app's first check (~0.5 s of turf).
    const { district, scope } = t;
    const part = r.part;
    parts.push({
      part,
      radiusKm,
      assumed: r.radiusKm === undefined,
      get area() {
        const area = scopes.resolvePart(district, scope, part);
        return area.status === 'ok' ? area.feature : null;
      },
    });
  }
  if (!options.radiusEvaluator) return unresolved(base, 'not-computed', 'the coverage engine has not run', want);
  const covered = options.radiusEvaluator({ target: t, parts, sites: pool.of(t, statuses) });
  if (covered === null) return unresolved(base, 'not-computed', 'the coverage engine returned no result', want);
  // "Full coverage" is about the land people live on: land decides the status; the polygon is shown beside it.
  const grounds: Pick<TargetCheck, 'ground' | 'polygon' | 'residents'> = {
    ground: 'land',
    polygon: covered.polygon,
    ...(covered.residents ? { residents: covered.residents } : {}),
  };
  if (want === null) {
    return { ...unresolved(base, 'not-checkable', 'the text asks to extend coverage but gives no share', null, covered.land), ...grounds };
  }
  return { ...compared(base, covered.land, want), ...grounds };
}

/**
 * Checks each target against the sites.
 * @param targets plan targets (any districts).
 * @param sites sites of any types; only those matching a target's types and statuses are used.
 * @param scopes polygons for scopes, from `createScopeIndex`.
 * @param options coverage engine, assumption values, site statuses to count.
 * @returns one result per target, in the same order.
 */
export function evaluateTargets(
  targets: readonly Target[],
  sites: readonly Site[],
  scopes: ScopeIndex,
  options: EvaluateOptions = {},
): TargetCheck[] {
  const pool = new SitePool(sites, options.memo ?? null);
  const statuses = options.statuses ?? ALL_STATUSES;
  return targets.map((t) => {
    switch (t.metric) {
      case 'count':
        return evaluateCount(t, pool, scopes, statuses, options);
      case 'density':
        return evaluateDensity(t, pool, scopes, options, statuses);
      case 'presence':
        return evaluatePresence(t, pool, scopes, statuses);
      case 'service-radius':
        return evaluateRadius(t, pool, scopes, options, statuses);
    }
  });
}
