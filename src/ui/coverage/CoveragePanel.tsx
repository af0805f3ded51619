import type { ReactNode } from 'react';
import { CellSizeControl } from './CellSizeControl';
import type { CoverageView } from '../../domain/coverageViews';
import { resolveViewRule } from '../../domain/coverageViews';
import type { AssumptionValues } from '../../domain/assumptions';
import type { Plan } from '../../domain/plan';
import type { CoverageMode } from '../../worker/coverageProtocol';
import type { Ground } from '../../domain/serviceRule';
import type { DifferenceKm2 } from '../../coverage/difference';
import { css, DISTANCE_NONE, DISTANCE_STOPS, GAP_RGBA, ONLY_A_RGBA, ONLY_B_RGBA } from '../../map/coverageColours';
import { useT, type KeyOf } from '../i18n';
import { coverageStrings } from './strings';
import { useAppStore } from '../state/appStore';
import { viewLabel } from './viewLabel';
import { NetworkComparison } from '../network/NetworkComparison';
import { ResidentsTable } from '../population/ResidentsTable';
import { GapPatchList } from '../population/GapPatchList';
import type { DistrictCollection, ZoneCollection } from '../../domain/geodata';

export interface FacilityDisplay {
  /** Sites of the coverage layer's types. */
  sites: boolean;
  /** Sites of every other type, faded. */
  otherSites: boolean;
  circles: boolean;
}

export interface CoveragePanelProps {
  views: readonly CoverageView[];
  viewId: string | null;
  onViewChange: (id: string) => void;
  mode: CoverageMode;
  onModeChange: (mode: CoverageMode) => void;
  /** Which ground the picture paints (the table shows both). */
  ground: Ground;
  onGroundChange: (ground: Ground) => void;
  display: FacilityDisplay;
  onDisplayChange: (display: FacilityDisplay) => void;
  assumptions: AssumptionValues;
  plans: readonly Plan[];
  selectedAdcode: string | null;
  /** The compared scenario's name while comparing. */
  compareName?: string | null;
  /** District and zone names for the largest gaps by residents. */
  districts?: DistrictCollection | undefined;
  zones?: ZoneCollection | undefined;
  /** Shown under the table (the selected district's townships: src/ui/townships/TownshipTable.tsx). */
  children?: ReactNode;
}

const MODES: readonly CoverageMode[] = ['gaps', 'distance', 'none'];
const GROUND_CHOICES: readonly Ground[] = ['land', 'polygon'];
/** Chongming's district: even its land layer (1,486 km²) exceeds the official land area (1,185 km²). */
const CHONGMING = '310151';
const TOGGLES = [
  ['sites', 'show-sites', 'showSites'],
  ['circles', 'show-circles', 'showCircles'],
  ['otherSites', 'show-other-sites', 'showOtherSites'],
] as const satisfies ReadonlyArray<readonly [keyof FacilityDisplay, string, KeyOf<typeof coverageStrings>]>;

/** Coverage layer picker, picture legend and the layer's covered share per plan district and ring. */
export function CoveragePanel(props: CoveragePanelProps) {
  const { views, viewId, plans } = props;
  // The worker's numbers, and what the map could not draw (the app's store: src/ui/state/appStore.ts).
  const coverage = useAppStore((s) => s.coverage);
  const cellM = useAppStore((s) => s.cellM);
  const { circlesHidden, sitesAggregated } = useAppStore((s) => s.mapCounts);
  const { t, num, pick, lang } = useT(coverageStrings);
  const view = views.find((v) => v.id === viewId) ?? null;
  const rule = view ? resolveViewRule(view, props.assumptions) : null;
  const stats = coverage.view && coverage.view.viewId === viewId ? coverage.view : null;
  const pct = (share: number) => `${num(share * 100, 1)}%`;
  const rows = plans.map((p) => ({ adcode: p.district, name: pick(p.name_zh, p.name_en) }));
  const other = props.compareName && coverage.compare?.view?.viewId === viewId ? coverage.compare : null;
  const difference = other?.difference ?? null;
  const km2 = (v: number) => `${num(v, 1)} km²`;
  /** Share difference in percentage points, signed. */
  const deltaCell = (a: number, b: number | undefined, where: DifferenceKm2 | undefined) => {
    if (b === undefined) return <td className="delta">…</td>;
    const d = (a - b) * 100;
    const sign = d > 0.05 ? '+' : d < -0.05 ? '−' : '±';
    return (
      <td className="delta" data-delta={(a - b).toFixed(6)} title={where ? `${t('scn_onlyA')} ${km2(where.onlyAKm2)} · ${t('scn_onlyB')} ${km2(where.onlyBKm2)}` : undefined}>
        {sign}
        {num(Math.abs(d), 1)}
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
      <div className="coverage-modes coverage-ground" role="radiogroup" title={t('groundHelp')}>
        <span className="muted">{t('groundPicture')}</span>
        {GROUND_CHOICES.map((g) => (
          <label key={g}>
            <input type="radio" name="coverage-ground" data-testid={`coverage-ground-${g}`} checked={props.ground === g} onChange={() => props.onGroundChange(g)} />
            {t(`ground_${g}`)}
          </label>
        ))}
      </div>
      <CellSizeControl />
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
        {sitesAggregated ? (
          <p className="muted coverage-note" data-testid="sites-aggregated">
            {t('sitesAggregated', { n: num(sitesAggregated) })}
          </p>
        ) : null}
        {props.display.circles && circlesHidden ? (
          <p className="muted coverage-note" data-testid="circles-hidden">
            {t('circlesHidden', { n: num(circlesHidden) })}
          </p>
        ) : null}
      </div>
      {other && props.mode !== 'none' ? (
        <div className="coverage-legend" data-testid="difference-legend">
          <div className="muted">{t('scn_comparingNote')}</div>
          <div>
            <span className="swatch swatch-fill" style={{ background: css(ONLY_A_RGBA) }} /> {t('scn_onlyA')}
            {difference ? ` · ${km2(difference.all.land.onlyAKm2)} (${t('ground_land')})` : ''}
          </div>
          <div>
            <span className="swatch swatch-fill" style={{ background: css(ONLY_B_RGBA) }} /> {t('scn_onlyB')} ({props.compareName})
            {difference ? ` · ${km2(difference.all.land.onlyBKm2)} (${t('ground_land')})` : ''}
          </div>
        </div>
      ) : null}
      {props.mode === 'gaps' && !other ? (
        <div className="coverage-legend">
          <span className="swatch swatch-fill" style={{ background: css(GAP_RGBA) }} /> {t('gapLegend')}
          {props.ground === 'land' ? ` · ${t('gapLegendLand')}` : ''}
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
              <th title={t('landHelp')}>{t('col_landShare')}</th>
              <th title={t('landHelp')}>{t('col_landUncovered')}</th>
              <th title={t('polygonHelp')}>{t('ground_polygon')}</th>
              {other ? <th title={`${t('scn_vs')} ${props.compareName}`}>{t('scn_delta')} pp</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const c = stats.breakdown.districts[r.adcode];
              if (!c) return null;
              const parts = [
                c.land.inside ? `${t('insideRing')} ${pct(c.land.inside.share)}` : null,
                c.land.outside ? `${t('outsideRing')} ${pct(c.land.outside.share)}` : null,
              ].filter(Boolean);
              return (
                <tr key={r.adcode} data-testid={`coverage-row-${r.adcode}`} className={r.adcode === props.selectedAdcode ? 'selected' : ''}>
                  <td>
                    {r.name}
                    {r.adcode === CHONGMING ? <sup className="muted">*</sup> : null}
                  </td>
                  <td title={`${t('ground_land')} ${km2(c.land.areaKm2)} · ${parts.join(' · ')}`} data-share={c.land.share.toFixed(6)}>
                    {pct(c.land.share)}
                  </td>
                  <td data-uncovered-km2={c.land.uncoveredKm2.toFixed(4)}>{num(c.land.uncoveredKm2, 1)}</td>
                  <td
                    className="muted"
                    title={`${t('ground_polygon')} ${km2(c.polygon.areaKm2)} · ${t('uncoveredKm2')} ${num(c.polygon.uncoveredKm2, 1)}`}
                    data-share-polygon={c.polygon.share.toFixed(6)}
                  >
                    {pct(c.polygon.share)}
                  </td>
                  {other ? deltaCell(c.land.share, other.view?.breakdown.districts[r.adcode]?.land.share, difference?.districts[r.adcode]?.land) : null}
                </tr>
              );
            })}
            <tr className="total">
              <td>{t('city')}</td>
              <td data-share={stats.breakdown.all.land.share.toFixed(6)}>{pct(stats.breakdown.all.land.share)}</td>
              <td>{num(stats.breakdown.all.land.uncoveredKm2, 1)}</td>
              <td className="muted" data-share-polygon={stats.breakdown.all.polygon.share.toFixed(6)}>
                {pct(stats.breakdown.all.polygon.share)}
              </td>
              {other ? deltaCell(stats.breakdown.all.land.share, other.view?.breakdown.all.land.share, difference?.all.land) : null}
            </tr>
          </tbody>
        </table>
      ) : null}
      {view && stats?.population ? (
        <ResidentsTable
          rows={rows}
          breakdown={stats.breakdown}
          source={stats.population.source}
          selectedAdcode={props.selectedAdcode}
          cityName={t('city')}
          other={other?.view?.breakdown ?? null}
          otherName={props.compareName ?? null}
        />
      ) : null}
      {view && stats?.population ? <GapPatchList districts={props.districts} zones={props.zones} viewId={viewId} /> : null}
      {view && stats ? (
        <p className="muted coverage-ground-note" data-testid="coverage-ground-note">
          {t('groundNote')} <span data-testid="cell-size-note">{t('cellSizeNote', { cellM: String(cellM) })}</span>
          {rows.some((r) => r.adcode === CHONGMING) ? (
            <>
              <br />* {t('chongmingLandNote')}
            </>
          ) : null}
        </p>
      ) : null}
      {view ? <NetworkComparison viewId={viewId} /> : null}
      {props.children}
      {stats ? (
        <p className="muted" data-testid="layer-sites" data-n={stats.sites}>
          {t('sitesOfLayer')}: {num(stats.sites)} · {rule ? '' : ''}
          {coverage.timings ? `${num(coverage.timings.totalMs, 0)} ms` : ''}
        </p>
      ) : null}
    </section>
  );
}
