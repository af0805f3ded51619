/**
 * The scorecard numbers the embed shows and posts to its host page: per plan district the targets
 * by status and the coverage layer's covered share, and the selected district's (or zone's) targets.
 * Pure: built from the checker's results, no React.
 */
import type { TargetCheck } from '../domain/checker';
import type { Plan } from '../domain/plan';
import type { ViewCoverage } from '../domain/coverageResults';
import type { ScorecardSummary } from './hostApi';

export interface SummaryInput {
  plans: readonly Plan[];
  results: ReadonlyMap<string, TargetCheck>;
  /** The coverage layer's numbers; null while none has come back. */
  coverage: ViewCoverage | null;
  mode: 'gaps' | 'distance' | 'none';
  district: string | null;
  zone: string | null;
  illustrative: boolean;
}

export function scorecardSummary(input: SummaryInput): ScorecardSummary {
  const { plans, results, coverage } = input;
  const districts = plans.map((plan) => {
    const counts = { targets: plan.targets.length, met: 0, short: 0, notComputed: 0, notCheckable: 0 };
    for (const target of plan.targets) {
      const status = results.get(target.id)?.status;
      if (status === 'met') counts.met++;
      else if (status === 'short') counts.short++;
      else if (status === 'not-checkable') counts.notCheckable++;
      else counts.notComputed++;
    }
    const c = coverage?.breakdown.districts[plan.district];
    return { adcode: plan.district, name_zh: plan.name_zh, name_en: plan.name_en, ...counts, coveredShare: c?.land.share ?? null, coveredSharePolygon: c?.polygon.share ?? null };
  });
  const plan = plans.find((p) => p.district === input.district);
  const zoneOf = (t: Plan['targets'][number]) => (t.scope.kind === 'zone' ? t.scope.zone : null);
  const targets = (plan?.targets ?? [])
    .filter((t) => input.zone === null || zoneOf(t) === input.zone)
    .map((t) => {
      const check = results.get(t.id);
      return {
        id: t.id,
        zone: zoneOf(t),
        facility: t.facility,
        metric: t.metric,
        status: check?.status ?? ('not-computed' as const),
        current: check?.current ?? null,
        target: check?.target ?? null,
        unit: check?.unit ?? ('units' as const),
        ground: check?.ground ?? null,
        polygon: check?.polygon ?? null,
      };
    });
  return {
    scope: { district: input.district, zone: input.zone },
    districts,
    targets,
    coverage: coverage
      ? { viewId: coverage.viewId, mode: input.mode, ground: 'land' as const, cityShare: coverage.breakdown.all.land.share, citySharePolygon: coverage.breakdown.all.polygon.share }
      : null,
    illustrative: input.illustrative,
  };
}
