import type { CoverageView } from '../../domain/coverageViews';
import { resolveViewRule } from '../../domain/coverageViews';
import type { AssumptionValues } from '../../domain/assumptions';
import type { Plan } from '../../domain/plan';
import type { CoverageMode } from '../../worker/coverageProtocol';
import { css, DISTANCE_NONE, DISTANCE_STOPS, GAP_RGBA, ONLY_A_RGBA, ONLY_B_RGBA } from '../../map/coverageColours';
import { formatNumber, translate, type Lang } from '../i18n';
import type { CoverageState } from './useCoverage';
import { viewLabel } from './viewLabel';

export interface FacilityDisplay {
  /** Sites of the coverage layer's types. */
  sites: boolean;
  /** Sites of every other type, faded. */
  otherSites: boolean;
  circles: boolean;
}

interface Props {
  lang: Lang;
  views: readonly CoverageView[];
  viewId: string | null;
  onViewChange: (id: string) => void;
  mode: CoverageMode;
  onModeChange: (mode: CoverageMode) => void;
  display: FacilityDisplay;
  onDisplayChange: (display: FacilityDisplay) => void;
  assumptions: AssumptionValues;
  coverage: CoverageState;
  plans: readonly Plan[];
  selectedAdcode: string | null;
  /** The compared scenario's name while comparing. */
  compareName?: string | null;
}

const MODES: readonly CoverageMode[] = ['gaps', 'distance', 'none'];
const TOGGLES = [
  ['sites', 'show-sites', 'showSites'],
  ['circles', 'show-circles', 'showCircles'],
  ['otherSites', 'show-other-sites', 'showOtherSites'],
] as const satisfies ReadonlyArray<readonly [keyof FacilityDisplay, string, Parameters<typeof translate>[1]]>;

/** Coverage layer picker, picture legend and the layer's covered share per plan district and ring. */
export function CoveragePanel(props: Props) {
  const { lang, views, viewId, coverage, plans } = props;
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  const view = views.find((v) => v.id === viewId) ?? null;
  const rule = view ? resolveViewRule(view, props.assumptions) : null;
  const stats = coverage.view && coverage.view.viewId === viewId ? coverage.view : null;
  const pct = (share: number) => `${formatNumber(lang, share * 100, 1)}%`;
  const rows = plans.map((p) => ({ adcode: p.district, name: lang === 'zh' ? p.name_zh : p.name_en }));
  const other = props.compareName && coverage.compare?.view?.viewId === viewId ? coverage.compare : null;
  const difference = other?.difference ?? null;
  const km2 = (v: number) => `${formatNumber(lang, v, 1)} km²`;
  /** Share difference in percentage points, signed. */
  const deltaCell = (a: number, b: number | undefined, where: { onlyAKm2: number; onlyBKm2: number } | undefined) => {
    if (b === undefined) return <td className="delta">…</td>;
    const d = (a - b) * 100;
    const sign = d > 0.05 ? '+' : d < -0.05 ? '−' : '±';
    return (
      <td className="delta" data-delta={(a - b).toFixed(6)} title={where ? `${t('scn_onlyA')} ${km2(where.onlyAKm2)} · ${t('scn_onlyB')} ${km2(where.onlyBKm2)}` : undefined}>
        {sign}
        {formatNumber(lang, Math.abs(d), 1)}
      </td>
    );
  };

  return (
    <section className="panel coverage-panel" data-testid="coverage-panel">
      <h2>
        {t('coverageTitle')}
        {coverage.pending ? <span className="muted updating"> · {t('updating')}</span> : null}
      </h2>
      <label className="coverage-layer">
        {t('coverageLayer')}
        <select data-testid="coverage-view" value={viewId ?? ''} onChange={(e) => props.onViewChange(e.target.value)}>
          {views.map((v) => (
            <option key={v.id} value={v.id}>
              {viewLabel(lang, v, resolveViewRule(v, props.assumptions))}
            </option>
          ))}
        </select>
      </label>
      <div className="coverage-modes" role="radiogroup">
        {MODES.map((m) => (
          <label key={m}>
            <input type="radio" name="coverage-mode" data-testid={`coverage-mode-${m}`} checked={props.mode === m} onChange={() => props.onModeChange(m)} />
            {t(`mode_${m}`)}
          </label>
        ))}
      </div>
      <div className="coverage-toggles">
        {TOGGLES.map(([key, testId, label]) => (
          <label key={key}>
            <input
              type="checkbox"
              data-testid={testId}
              checked={props.display[key]}
              onChange={() => props.onDisplayChange({ ...props.display, [key]: !props.display[key] })}
            />
            {t(label)}
          </label>
        ))}
      </div>
      {other && props.mode !== 'none' ? (
        <div className="coverage-legend" data-testid="difference-legend">
          <div className="muted">{t('scn_comparingNote')}</div>
          <div>
            <span className="swatch swatch-fill" style={{ background: css(ONLY_A_RGBA) }} /> {t('scn_onlyA')}
            {difference ? ` · ${km2(difference.all.onlyAKm2)}` : ''}
          </div>
          <div>
            <span className="swatch swatch-fill" style={{ background: css(ONLY_B_RGBA) }} /> {t('scn_onlyB')} ({props.compareName})
            {difference ? ` · ${km2(difference.all.onlyBKm2)}` : ''}
          </div>
        </div>
      ) : null}
      {props.mode === 'gaps' && !other ? (
        <div className="coverage-legend">
          <span className="swatch swatch-fill" style={{ background: css(GAP_RGBA) }} /> {t('gapLegend')}
        </div>
      ) : null}
      {props.mode === 'distance' && !other ? (
        <div className="coverage-legend">
          <div>{t('distanceLegend')}</div>
          <div
            className="ramp"
            style={{
              background: `linear-gradient(to right, ${DISTANCE_STOPS.map(([f, c]) => `${css(c)} ${(f / 2) * 100}%`).join(', ')})`,
            }}
          />
          <div className="ramp-ticks">
            <span>0</span>
            <span>1×</span>
            <span>2×</span>
          </div>
          <div>
            <span className="swatch swatch-fill" style={{ background: css(DISTANCE_NONE) }} /> {t('noSiteInReach')}
          </div>
        </div>
      ) : null}
      {view && stats ? (
        <table className="coverage-table" data-testid="coverage-table">
          <thead>
            <tr>
              <th>{t('district')}</th>
              <th>{t('coveredShare')}</th>
              <th>{t('uncoveredKm2')}</th>
              {other ? <th title={`${t('scn_vs')} ${props.compareName}`}>{t('scn_delta')} pp</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const c = stats.breakdown.districts[r.adcode];
              if (!c) return null;
              const parts = [
                c.inside ? `${t('insideRing')} ${pct(c.inside.share)}` : null,
                c.outside ? `${t('outsideRing')} ${pct(c.outside.share)}` : null,
              ].filter(Boolean);
              return (
                <tr key={r.adcode} data-testid={`coverage-row-${r.adcode}`} className={r.adcode === props.selectedAdcode ? 'selected' : ''}>
                  <td>{r.name}</td>
                  <td title={parts.join(' · ')} data-share={c.share.toFixed(6)}>
                    {pct(c.share)}
                  </td>
                  <td>{formatNumber(lang, c.uncoveredKm2, 1)}</td>
                  {other ? deltaCell(c.share, other.view?.breakdown.districts[r.adcode]?.share, difference?.districts[r.adcode]) : null}
                </tr>
              );
            })}
            <tr className="total">
              <td>{t('city')}</td>
              <td data-share={stats.breakdown.all.share.toFixed(6)}>{pct(stats.breakdown.all.share)}</td>
              <td>{formatNumber(lang, stats.breakdown.all.uncoveredKm2, 1)}</td>
              {other ? deltaCell(stats.breakdown.all.share, other.view?.breakdown.all.share, difference?.all) : null}
            </tr>
          </tbody>
        </table>
      ) : null}
      {stats ? (
        <p className="muted">
          {t('sitesOfLayer')}: {formatNumber(lang, stats.sites)} · {rule ? '' : ''}
          {coverage.timings ? `${formatNumber(lang, coverage.timings.totalMs, 0)} ms` : ''}
        </p>
      ) : null}
    </section>
  );
}
