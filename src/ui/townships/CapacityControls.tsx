/**
 * Residents per unit (2SFCA, src/coverage/capacity.ts) for the township table: the switch that asks
 * the coverage worker for them, the threshold townships are flagged above, and the district's own
 * figure with the method and the residents' source. Shown only where it means something: a residents
 * layer is set and a site of the coverage layer carries a capacity.
 */
import type { CoverageView } from '../../domain/coverageViews';
import type { ResolvedRule } from '../../domain/coverageViews';
import type { ViewCoverage } from '../../domain/coverageResults';
import { FACILITY_TYPES } from '../../domain/facilityTypes';
import { useT } from '../i18n';
import { useAppStore } from '../state/appStore';
import { ruleText } from '../coverage/viewLabel';
import { townshipStrings } from './strings';

/** The word for a unit of the layer: piles for charging, units otherwise. */
export function useUnitWord(view: CoverageView | null): string {
  const { t } = useT(townshipStrings);
  return view && FACILITY_TYPES[view.primary].family === 'charging' ? t('cap_unit_pile') : t('cap_unit_unit');
}

/** Whether a site of the layer's types carries a capacity (the figures need one). */
export function useLayerHasCapacity(view: CoverageView | null): boolean {
  return useAppStore((s) => view !== null && s.history.present.sites.some((site) => site.capacity !== undefined && view.facilities.includes(site.type)));
}

interface Props {
  view: CoverageView | null;
  rule: ResolvedRule | null;
  stats: ViewCoverage | null;
  district: string | null;
  districtName: string;
}

export function CapacityControls({ view, rule, stats, district, districtName }: Props) {
  const { t, num, pick, lang } = useT(townshipStrings);
  const capacity = useAppStore((s) => s.capacity);
  const setCapacity = useAppStore((s) => s.setCapacity);
  const hasCapacity = useLayerHasCapacity(view);
  const unit = useUnitWord(view);
  if (!view || !hasCapacity || !stats?.population) return null;
  const figures = stats.capacity;
  const own = district !== null ? figures?.districts[district] : undefined;
  return (
    <div className="tw-capacity" data-testid="capacity-controls">
      <label title={t('cap_showTitle', { unit })}>
        <input type="checkbox" data-testid="capacity-toggle" checked={capacity.shown} onChange={(e) => setCapacity({ shown: e.target.checked })} /> {t('cap_show', { unit })}
      </label>
      {capacity.shown ? (
        <label className="tw-capacity-threshold">
          {t('cap_threshold')}{' '}
          <input
            type="number"
            min={1}
            step={100}
            data-testid="capacity-threshold"
            value={capacity.threshold}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (Number.isFinite(v) && v > 0) setCapacity({ threshold: v });
            }}
          />{' '}
          {t('cap_thresholdUnit', { unit })}
        </label>
      ) : null}
      {capacity.shown && !figures ? <p className="muted">{t('cap_waiting', { unit })}</p> : null}
      {capacity.shown && figures ? (
        <p className="muted coverage-note" data-testid="capacity-ground">
          {own
            ? own.residentsPerUnit === null
              ? `${t('cap_districtNone', { district: districtName })} `
              : `${t('cap_district', { district: districtName, unit, perUnit: num(own.residentsPerUnit, 0), notReached: num(own.notReached, 0) })} `
            : ''}
          {t('cap_ground', { unit, rule: ruleText(lang, rule), source: pick(stats.population.source.label.zh, stats.population.source.label.en) })}
          {figures.assumedUnits > 0 ? ` ${t('cap_assumed', { n: num(figures.assumedUnits), unit })}` : ''}
        </p>
      ) : null}
    </div>
  );
}
