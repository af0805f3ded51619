/**
 * The report's township rows: each township of the report's district with its share of land covered
 * under the coverage layer's rule — the numbers of the township table, laid out for paper. Nothing
 * when the district has no township polygons or the layer's figures are not in yet.
 */
import type { CoverageView, ResolvedRule } from '../../domain/coverageViews';
import { townshipsOf } from '../../domain/townships';
import { useT } from '../i18n';
import { useAppStore } from '../state/appStore';
import { viewLabel } from '../coverage/viewLabel';
import { townshipStrings } from './strings';
import { townshipRows } from './townshipRows';
import { useUnitWord } from './CapacityControls';
import { networkStrings } from '../network/strings';
import { networkGroundShort } from '../network/NetworkTargetLine';

export function ReportTownships({ adcode, districtName, view, rule }: { adcode: string; districtName: string; view: CoverageView | null; rule: ResolvedRule | null }) {
  const { t, num, lang } = useT(townshipStrings);
  const townships = useAppStore((s) => s.townships);
  const stats = useAppStore((s) => s.coverage.view);
  const selected = useAppStore((s) => s.selection.township);
  const figures = view && stats?.viewId === view.id ? stats.breakdown.townships : undefined;
  // Residents per unit, when the township table shows them (the worker computes them only then).
  const perUnit = view && stats?.viewId === view.id ? stats.capacity?.townships : undefined;
  const threshold = useAppStore((s) => s.capacity.threshold);
  const unit = useUnitWord(view);
  const rows = townshipRows(townshipsOf(townships, adcode), figures, { key: 'code', descending: false }, perUnit);
  const net = useT(networkStrings);
  const network = useAppStore((s) => s.network);
  const netGround = networkGroundShort(network, net.t);
  const netFigures = netGround !== null && view && network.viewId === view.id ? network.breakdown?.townships : undefined;
  if (!view || !figures || rows.length === 0) return null;
  const withResidents = rows.some((r) => r.result?.residents !== undefined);
  const pct = (share: number) => `${num(share * 100, 1)}%`;
  const perUnitText = (c: (typeof rows)[number]['capacity']) => {
    if (!c || c.residents === 0) return '—';
    const over = c.residentsPerUnit === null || c.residentsPerUnit > threshold;
    return `${c.residentsPerUnit === null ? t('cap_none') : num(c.residentsPerUnit, 0)}${over ? ' ⚑' : ''}`;
  };
  return (
    <table className="report-targets report-townships" data-testid="report-townships">
      <caption>{t('tw_reportTitle', { district: districtName, rule: viewLabel(lang, view, rule) })}</caption>
      <thead>
        <tr>
          <th>{t('tw_col_name')}</th>
          <th>{t('tw_code')}</th>
          <th>{t('tw_col_land')}</th>
          {netFigures ? <th title={netGround ?? ''}>{net.t('net_twCol')}</th> : null}
          <th>{t('tw_col_uncovered')}</th>
          <th>{t('tw_col_area')}</th>
          {withResidents ? <th>{t('tw_col_residentsShare')}</th> : null}
          {perUnit ? <th>{t('cap_col', { unit })}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.code} data-testid={`report-township-${r.code}`} className={r.code === selected ? 'selected' : ''}>
            <td>{r.name}</td>
            <td>{r.code}</td>
            <td data-share={r.result?.land.share.toFixed(6)}>{r.result ? pct(r.result.land.share) : '—'}</td>
            {netFigures ? <td data-share-network={netFigures[r.code]?.land.share.toFixed(6)}>{netFigures[r.code] ? pct(netFigures[r.code]!.land.share) : '—'}</td> : null}
            <td>{r.result ? num(r.result.land.uncoveredKm2, 2) : '—'}</td>
            <td>{r.result ? num(r.result.land.areaKm2, 2) : '—'}</td>
            {withResidents ? <td>{r.result?.residents ? pct(r.result.residents.share) : '—'}</td> : null}
            {perUnit ? <td>{perUnitText(r.capacity)}</td> : null}
          </tr>
        ))}
      </tbody>
      {netFigures ? (
        <tfoot>
          <tr>
            <td colSpan={99} className="muted">
              {net.t('net_twNote', { ground: netGround ?? '', file: network.summary?.fileName ?? '' })}
            </td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}
