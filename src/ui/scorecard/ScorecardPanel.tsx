import { useEffect, useMemo } from 'react';
import type { Assumption, AssumptionValues } from '../../domain/assumptions';
import type { Plan, Target } from '../../domain/plan';
import type { ZoneCollection } from '../../domain/geodata';
import { useT } from '../i18n';
import { scorecardStrings } from './strings';
import { useAppStore } from '../state/appStore';
import { coverageSettling } from '../coverage/coverageAnswers';
import { CitySummary } from './CitySummary';
import { TargetRow } from './TargetRow';
import { ResidentsGround, usePopulationInUse } from '../population/ResidentsCells';
import { AssumptionsEditor } from './AssumptionsEditor';
import { AsOfControl } from './AsOfControl';
import { NetworkTargetLine } from '../network/NetworkTargetLine';
import type { ZoneNames } from './describeTarget';
import { noteFirstNumbers } from '../firstNumbers';

export interface ScorecardScope {
  /** null: the whole-city summary. */
  district: string | null;
  /** A zone id within the district, or null for all of the district's targets. */
  zone: string | null;
}

interface Props {
  plans: readonly Plan[];
  scope: ScorecardScope;
  onScopeChange: (scope: ScorecardScope) => void;
  siteCount: number;
  zones: ZoneCollection | undefined;
  assumptions: readonly Assumption[];
  assumptionValues: AssumptionValues;
  onAssumptionChange: (key: string, value: number) => void;
  /** The compared scenario's name while comparing (its checks are in `checker.compare`). */
  compareName?: string | null;
}

function targetZone(target: Target): string | null {
  return target.scope.kind === 'zone' ? target.scope.zone : null;
}

export function ScorecardPanel(props: Props) {
  const { plans, scope, onScopeChange, siteCount, zones } = props;
  const checker = useAppStore((s) => s.coverage);
  const asOf = useAppStore((s) => s.asOf);
  const { t, num, pick } = useT(scorecardStrings);
  const population = usePopulationInUse();
  const zoneNames: ZoneNames = useMemo(
    () => Object.fromEntries((zones?.features ?? []).map((f) => [f.properties.id, f.properties])),
    [zones],
  );
  useFirstNumbersMark(checker);
  const plan = plans.find((p) => p.district === scope.district);
  const planZones = plan ? [...new Set(plan.targets.map(targetZone).filter((z): z is string => z !== null))] : [];
  const rows = plan ? plan.targets.filter((target) => scope.zone === null || targetZone(target) === scope.zone) : [];

  return (
    <section className="panel scorecard" data-testid="scorecard" aria-label={t('scorecard')}>
      <h2>{t('scorecard')}</h2>
      <div className="scope-tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={scope.district === null}
          data-testid="scorecard-city"
          onClick={() => onScopeChange({ district: null, zone: null })}
        >
          {t('wholeCity')}
        </button>
        {plans.map((p) => (
          <button
            key={p.district}
            type="button"
            role="tab"
            aria-selected={scope.district === p.district}
            data-testid={`scorecard-tab-${p.district}`}
            onClick={() => onScopeChange({ district: p.district, zone: null })}
          >
            {pick(p.name_zh, p.name_en)}
          </button>
        ))}
      </div>
      <AsOfControl />
      <p className="muted sites-note" data-testid="sites-note" data-pending={coverageSettling(checker) ? 'true' : 'false'}>
        {t('sitesLoaded')}: {num(siteCount)}
        {siteCount === 0 ? ` — ${t('noSitesYet')}` : ''}
        {checker.timings !== null ? ` · ${t('checkedIn')} ${num(checker.timings.totalMs, 0)} ms` : ''}
      </p>
      {props.compareName ? (
        <p className="muted scorecard-compare" data-testid="scorecard-compare">
          {t('scn_comparedWith')}: <strong>{props.compareName}</strong>
        </p>
      ) : null}
      {checker.error ? (
        <p className="error" role="alert">
          {checker.error}
        </p>
      ) : null}
      {plan ? (
        <>
          <div className="doc-line muted">
            {plan.document.title} {plan.document.number ? `· ${plan.document.number}` : ''} · {plan.document.date}
            {' · '}
            <span data-testid="plan-period" title={`「${plan.period.quote}」`}>
              {t('period', { start: plan.period.start, end: plan.period.end })}
            </span>
          </div>
          {checker.results !== null && checker.timeline === null && rows.some((r) => r.metric === 'count') ? (
            <p className="muted" data-testid="timeline-none">
              {t('noYears')}
            </p>
          ) : null}
          {planZones.length > 0 ? (
            <label className="zone-picker">
              {t('zone')}:{' '}
              <select
                data-testid="scorecard-zone"
                value={scope.zone ?? ''}
                onChange={(e) => onScopeChange({ district: scope.district, zone: e.target.value || null })}
              >
                <option value="">{t('allTargets')}</option>
                {planZones.map((z) => (
                  <option key={z} value={z}>
                    {zoneNames[z] ? pick(zoneNames[z].name, zoneNames[z].name_en) : z}
                    {zoneNames[z]?.user_source ? ` · ${t('userBoundary')}` : ''}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {population && rows.some((r) => checker.results?.get(r.id)?.residents) ? <ResidentsGround source={population.source} /> : null}
          <ul className="target-list">
            {rows.map((target) => (
              <TargetRow
                key={target.id}
                target={target}
                check={checker.results?.get(target.id)}
                assumptions={props.assumptionValues}
                zones={zoneNames}
                documentTitle={plan.document.title}
                timeline={checker.timeline?.get(target.id)}
                asOf={asOf}
                network={target.metric === 'service-radius' ? <NetworkTargetLine targetId={target.id} comparing={Boolean(props.compareName && checker.compare)} /> : null}
                compare={
                  props.compareName && checker.compare
                    ? { check: checker.compare.results.get(target.id), name: props.compareName }
                    : null
                }
              />
            ))}
          </ul>
        </>
      ) : (
        <CitySummary plans={plans} results={checker.results} onPickDistrict={(d) => onScopeChange({ district: d, zone: null })} />
      )}
      <AssumptionsEditor
        assumptions={props.assumptions}
        values={props.assumptionValues}
        onChange={props.onAssumptionChange}
      />
    </section>
  );
}

/**
 * The start-up mark `scorecard:numbers` (bench/startup.ts): the first commit in which the scorecard
 * shows computed numbers for the opened scenario — an answer with nothing newer pending, after the
 * library put the current scenario in place (`library:ready`), so an early answer for no sites does not count.
 */
function useFirstNumbersMark(checker: { results: unknown; pending: boolean }): void {
  useEffect(() => {
    if (checker.results === null || checker.pending || performance.getEntriesByName('scorecard:numbers').length > 0) return;
    if (performance.getEntriesByName('library:ready').length === 0) return;
    performance.mark('scorecard:numbers');
    noteFirstNumbers();
  }, [checker]);
}
