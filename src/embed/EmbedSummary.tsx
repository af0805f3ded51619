import { PublishedNote } from '../ui/PublishedNote';
import { populationStrings } from '../ui/population/strings';
import { groundLine, residentsLine } from '../ui/population/residentsText';
import { useMemo } from 'react';
import type { AssumptionValues } from '../domain/assumptions';
import { resolveViewRule, type CoverageView } from '../domain/coverageViews';
import type { Plan } from '../domain/plan';
import type { ZoneCollection } from '../domain/geodata';
import type { ScenarioMeta } from '../domain/scenarioFile';
import type { CoverageState } from '../ui/coverage/useCoverage';
import { coverageSettling } from '../ui/coverage/coverageAnswers';
import { viewLabel } from '../ui/coverage/viewLabel';
import { CitySummary } from '../ui/scorecard/CitySummary';
import { TargetRow } from '../ui/scorecard/TargetRow';
import type { ZoneNames } from '../ui/scorecard/describeTarget';
import { useT } from '../ui/i18n';
import { scorecardStrings } from '../ui/scorecard/strings';
import { embedStrings } from './strings';

interface Props {
  plans: readonly Plan[];
  meta: ScenarioMeta | null;
  siteCount: number;
  illustrative: boolean;
  view: CoverageView | null;
  assumptions: AssumptionValues;
  coverage: CoverageState;
  zones: ZoneCollection | undefined;
  district: string | null;
  /** The selected district's name in the UI language (any of the 16 districts). */
  districtName: string | null;
  zone: string | null;
  /** The as-of year (null: every site). */
  asOf: number | null;
  onPickDistrict: (adcode: string | null) => void;
}

/** The embed's read-only scorecard: the scenario, its covered share, and the plan targets by district. */
export function EmbedSummary({ plans, meta, siteCount, illustrative, view, assumptions, coverage, zones, district, districtName, zone, asOf, onPickDistrict }: Props) {
  const { t, num, pick, lang } = useT(embedStrings, scorecardStrings);
  const popTr = useT(populationStrings);
  const zoneNames: ZoneNames = useMemo(
    () => Object.fromEntries((zones?.features ?? []).map((f) => [f.properties.id, f.properties])),
    [zones],
  );
  const plan = plans.find((p) => p.district === district) ?? null;
  const stats = coverage.view && coverage.view.viewId === view?.id ? coverage.view : null;
  const figures = stats ? (district ? stats.breakdown.districts[district] : stats.breakdown.all) : undefined;
  const share = figures?.land.share;
  const zoneTargets = plan?.targets.filter((target) => zone === null || (target.scope.kind === 'zone' && target.scope.zone === zone)) ?? [];
  const place = district ? (districtName ?? district) : t('wholeCity');
  const zoneName = zone && zoneNames[zone] ? pick(zoneNames[zone].name, zoneNames[zone].name_en) : zone;

  return (
    <section className="embed-summary" data-testid="embed-summary" aria-label={t('scorecard')}>
      <div className="scenario-name" data-testid="embed-scenario-name">
        {meta ? pick(meta.name_zh, meta.name_en) : t('shr_unnamedScenario')}
        {illustrative ? <span className="approx-badge illustrative-badge">{t('illustrative')}</span> : null}
      </div>
      {illustrative ? <p className="illustrative-note">{t('illustrativeNote')}</p> : null}
      <PublishedNote meta={meta} />
      <p className="muted" data-testid="embed-site-count" data-count={siteCount}>
        {t('sitesLoaded')}: {num(siteCount)}
        {asOf !== null ? (
          <span data-testid="embed-as-of" data-year={asOf}>
            {' · '}
            {t('asOf')} {t('asOfYear', { year: asOf })}
          </span>
        ) : null}
      </p>
      {view ? (
        <div className="embed-coverage" data-testid="embed-coverage" data-pending={coverageSettling(coverage) ? 'true' : 'false'}>
          <div className="muted">{viewLabel(lang, view, resolveViewRule(view, assumptions))}</div>
          <div>
            {place}
            {zoneName ? ` · ${zoneName}` : ''} · {t('coveredShare')}:{' '}
            <strong data-testid="embed-covered-share" data-share={share === undefined ? '' : share.toFixed(6)}>
              {share === undefined ? '…' : `${num(share * 100, 1)}%`}
            </strong>{' '}
            {t('ground_land')}
            {figures ? (
              <span className="muted" data-testid="embed-covered-share-polygon" data-share={figures.polygon.share.toFixed(6)}>
                {' '}
                · {t('ground_polygon')} {num(figures.polygon.share * 100, 1)}%
              </span>
            ) : null}
          </div>
          {figures?.residents && stats?.population ? (
            <div className="muted embed-residents" data-testid="embed-residents" data-residents-share={figures.residents.share.toFixed(6)}>
              {residentsLine(popTr, figures.residents)} · {groundLine(popTr, stats.population.source, null)}
            </div>
          ) : null}
        </div>
      ) : null}
      {coverage.error ? (
        <p className="error" role="alert">
          {coverage.error}
        </p>
      ) : null}
      <h2>{t('scorecard')}</h2>
      {plan ? (
        <>
          <div className="embed-scope">
            <strong data-testid="embed-district-name">{place}</strong>
            {zoneName ? <span className="scope-chip">{zoneName}</span> : null}
            <button type="button" className="link" data-testid="embed-back-to-city" onClick={() => onPickDistrict(null)}>
              {t('shr_backToCity')}
            </button>
          </div>
          <ul className="target-list">
            {zoneTargets.map((target) => (
              <TargetRow
                key={target.id}
                target={target}
                check={coverage.results?.get(target.id)}
                assumptions={assumptions}
                zones={zoneNames}
                documentTitle={plan.document.title}
                timeline={coverage.timeline?.get(target.id)}
                asOf={asOf}
              />
            ))}
          </ul>
        </>
      ) : (
        <CitySummary plans={plans} results={coverage.results} onPickDistrict={onPickDistrict} />
      )}
    </section>
  );
}
