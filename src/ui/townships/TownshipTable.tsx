/**
 * The townships (街道 / 镇) of the selected district in the coverage panel: each one's share of land
 * covered under the coverage layer's rule (and its residents, when the figures carry them), sortable;
 * a click selects the township (the map fits and outlines it) and its figures show at the top. A
 * district without township polygons says so and points to the import below.
 */
import { useState } from 'react';
import type { CoverageView } from '../../domain/coverageViews';
import { resolveViewRule } from '../../domain/coverageViews';
import type { AssumptionValues } from '../../domain/assumptions';
import type { CapacityFigures, CoverageResult } from '../../domain/coverageResults';
import type { DistrictCollection } from '../../domain/geodata';
import { townshipsOf } from '../../domain/townships';
import { useT } from '../i18n';
import { useAppStore } from '../state/appStore';
import { ruleText } from '../coverage/viewLabel';
import { townshipStrings } from './strings';
import { townshipRows, type TownshipSort, type TownshipSortKey } from './townshipRows';
import { TownshipImport } from './TownshipImport';
import { CapacityControls, useUnitWord } from './CapacityControls';
import type { TownshipFileControl } from './useTownshipFile';
import './townships.css';
import { networkStrings } from '../network/strings';
import { networkGroundShort } from '../network/NetworkTargetLine';

interface Props {
  districts: DistrictCollection | undefined;
  view: CoverageView | null;
  assumptions: AssumptionValues;
  file: TownshipFileControl;
}

export function TownshipTable({ districts, view, assumptions, file }: Props) {
  const { t, num, pick, lang } = useT(townshipStrings);
  const district = useAppStore((s) => s.selection.district);
  const selected = useAppStore((s) => s.selection.township);
  const townships = useAppStore((s) => s.townships);
  const coverage = useAppStore((s) => s.coverage.view);
  const selectTownship = useAppStore((s) => s.selectTownship);
  const [sort, setSort] = useState<TownshipSort>({ key: 'code', descending: false });
  const stats = coverage && view && coverage.viewId === view.id ? coverage : null;
  const rule = view ? resolveViewRule(view, assumptions) : null;
  const districtFeature = districts?.features.find((d) => d.properties.adcode === district);
  const districtName = districtFeature ? pick(districtFeature.properties.name, districtFeature.properties.name_en) : (district ?? '');
  const list = townshipsOf(townships, district);
  const capacityShown = useAppStore((s) => s.capacity.shown);
  const threshold = useAppStore((s) => s.capacity.threshold);
  const unit = useUnitWord(view);
  const perUnit = capacityShown ? stats?.capacity?.townships : undefined;
  const rows = townshipRows(list, stats?.breakdown.townships, sort, perUnit);
  // The same townships by network distance: only when the network worker measured this layer on them.
  const net = useT(networkStrings);
  const network = useAppStore((s) => s.network);
  const netGround = networkGroundShort(network, net.t);
  const netTownships = netGround !== null && view && network.viewId === view.id ? network.breakdown?.townships : undefined;
  const withResidents = rows.some((r) => r.result?.residents !== undefined);
  const pct = (share: number) => `${num(share * 100, 1)}%`;
  const chosen = rows.find((r) => r.code === selected) ?? null;
  const header = (key: TownshipSortKey, label: string, title?: string) => (
    <th aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        className="tw-sort"
        data-testid={`tw-sort-${key}`}
        title={title ?? t('tw_sortBy')}
        onClick={() => setSort((s) => ({ key, descending: s.key === key ? !s.descending : key !== 'code' && key !== 'name' }))}
      >
        {label}
        {sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );

  return (
    <div className="township-section" data-testid="township-section">
      <h3>{district === null ? t('tw_title') : t('tw_of', { district: districtName })}</h3>
      {district === null ? <p className="muted">{t('tw_pickDistrict')}</p> : null}
      {district !== null && list.length === 0 ? (
        <p className="muted" data-testid="tw-none">
          {t('tw_noneShipped', { district: districtName })}
        </p>
      ) : null}
      {chosen ? <SelectedTownship name={chosen.name} code={chosen.code} result={chosen.result} onClear={() => selectTownship(null)} /> : null}
      {list.length > 0 && !stats?.breakdown.townships ? <p className="muted">{view ? t('tw_waiting') : ''}</p> : null}
      {list.length > 0 && stats?.breakdown.townships ? (
        <>
          <div className="tw-scroll">
            <table className="coverage-table township-table" data-testid="township-table">
              <thead>
                <tr>
                  {header('name', t('tw_col_name'))}
                  {header('land', t('tw_col_land'))}
                  {netTownships ? <th title={netGround ?? ''}>{net.t('net_twCol')}</th> : null}
                  {header('uncovered', t('tw_col_uncovered'))}
                  {header('area', t('tw_col_area'))}
                  {withResidents ? header('residentsShare', t('tw_col_residentsShare')) : null}
                  {withResidents ? header('residents', t('tw_col_residents')) : null}
                  {perUnit ? header('perUnit', t('cap_col', { unit })) : null}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.code} data-testid={`township-row-${r.code}`} className={r.code === selected ? 'selected' : ''}>
                    <td>
                      <button type="button" className="tw-name" data-testid={`township-select-${r.code}`} title={r.code} onClick={() => selectTownship(r.code)}>
                        {r.name}
                      </button>
                      {r.imported ? (
                        <span className="approx-badge" title={t('tw_importedTitle', { file: file.imported?.fileName ?? '' })}>
                          {t('tw_imported')}
                        </span>
                      ) : null}
                    </td>
                    {r.result ? (
                      <>
                        <td data-share={r.result.land.share.toFixed(6)}>{pct(r.result.land.share)}</td>
                        {netTownships ? (
                          <td className="tw-net" data-share-network={netTownships[r.code]?.land.share.toFixed(6)} title={netGround ?? ''}>
                            {netTownships[r.code] ? pct(netTownships[r.code]!.land.share) : '—'}
                          </td>
                        ) : null}
                        <td>{num(r.result.land.uncoveredKm2, 2)}</td>
                        <td className="muted" data-area-km2={r.result.land.areaKm2.toFixed(4)}>{num(r.result.land.areaKm2, 2)}</td>
                        {withResidents ? <td data-residents-share={r.result.residents?.share.toFixed(6)}>{r.result.residents ? pct(r.result.residents.share) : '—'}</td> : null}
                        {withResidents ? <td>{r.result.residents ? num(r.result.residents.covered) : '—'}</td> : null}
                        {perUnit ? <PerUnitCell figures={r.capacity} threshold={threshold} unit={unit} /> : null}
                      </>
                    ) : (
                      <td colSpan={(withResidents ? 5 : 3) + (perUnit ? 1 : 0) + (netTownships ? 1 : 0)} className="muted">
                        —
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted coverage-note" data-testid="tw-ground">
            {t('tw_ground', { rule: ruleText(lang, rule) })}
            {withResidents && stats.population ? ` ${t('tw_residentsGround', { source: pick(stats.population.source.label.zh, stats.population.source.label.en) })}` : ''}
          </p>
          {netTownships ? (
            <p className="muted coverage-note" data-testid="tw-network-ground">
              {net.t('net_twNote', { ground: netGround ?? '', file: network.summary?.fileName ?? '' })}
            </p>
          ) : null}
        </>
      ) : null}
      {district !== null && list.length > 0 ? <CapacityControls view={view} rule={rule} stats={stats} district={district} districtName={districtName} /> : null}
      <TownshipImport file={file} />
    </div>
  );
}

/** A township's residents per unit, flagged above the threshold (and where no unit reaches anybody). */
function PerUnitCell({ figures, threshold, unit }: { figures: CapacityFigures | null; threshold: number; unit: string }) {
  const { t, num } = useT(townshipStrings);
  if (!figures || figures.residents === 0) return <td className="muted">—</td>;
  const value = figures.residentsPerUnit;
  const over = value === null || value > threshold;
  return (
    <td
      className={over ? 'tw-over' : ''}
      data-per-unit={value === null ? 'none' : value.toFixed(3)}
      data-over={over ? 'true' : 'false'}
      title={value === null ? t('cap_noneTitle', { unit }) : over ? t('cap_over', { threshold: num(threshold), unit }) : undefined}
    >
      {value === null ? t('cap_none') : num(value, 0)}
      {over ? ' ⚑' : ''}
    </td>
  );
}

/** The selected township's figures: land (and the ring parts), the polygon, residents when given. */
function SelectedTownship({ name, code, result, onClear }: { name: string; code: string; result: CoverageResult | null; onClear: () => void }) {
  const { t, num } = useT(townshipStrings);
  const pct = (share: number) => `${num(share * 100, 1)}%`;
  return (
    <div className="tw-selected" data-testid="township-selected" data-code={code}>
      <div>
        <span className="muted">{t('tw_selected')}:</span> <strong>{name}</strong> <span className="muted">{code}</span>
        <button type="button" className="tw-clear" data-testid="township-clear" title={t('tw_clearTitle')} onClick={onClear}>
          {t('tw_clear')}
        </button>
      </div>
      {result ? (
        <div data-share={result.land.share.toFixed(6)}>
          {t('tw_hoverFigures', { share: pct(result.land.share), covered: num(result.land.coveredKm2, 2), area: num(result.land.areaKm2, 2) })}
          {result.land.inside && result.land.inside.areaKm2 > 0 && result.land.outside && result.land.outside.areaKm2 > 0
            ? ` · ${t('insideRing')} ${pct(result.land.inside.share)} · ${t('outsideRing')} ${pct(result.land.outside.share)}`
            : ''}
          {` · ${t('ground_polygon')} ${pct(result.polygon.share)}`}
          {result.residents
            ? ` · ${t('tw_hoverResidents', { share: pct(result.residents.share), covered: num(result.residents.covered), residents: num(result.residents.residents) })}`
            : ''}
        </div>
      ) : null}
    </div>
  );
}
