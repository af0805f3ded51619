import type { CoverageBreakdown, ResidentsCoverage } from '../../domain/coverageResults';
import type { PopulationSource } from '../../domain/population';
import { useT } from '../i18n';
import { ResidentsGround } from './ResidentsCells';
import { formatResidents } from './residentsText';
import { populationStrings } from './strings';

interface Props {
  rows: ReadonlyArray<{ adcode: string; name: string }>;
  breakdown: CoverageBreakdown;
  source: PopulationSource;
  selectedAdcode: string | null;
  cityName: string;
  /** The compared scenario's breakdown on the same layer (while comparing): a column of the difference in residents covered. */
  other?: CoverageBreakdown | null;
  otherName?: string | null;
}

/**
 * The coverage layer's residents beside its land shares, by the same districts: those within the
 * radius, those not reached, and their share — under a line naming where they come from.
 */
export function ResidentsTable({ rows, breakdown, source, selectedAdcode, cityName, other = null, otherName = null }: Props) {
  const tr = useT(populationStrings);
  const { t } = tr;
  const cells = (r: ResidentsCoverage | undefined) =>
    r ? (
      <>
        <td data-residents={r.residents.toFixed(3)} data-residents-covered={r.covered.toFixed(3)} title={t('res_rowTitle', { covered: formatResidents(tr, r.covered), notReached: formatResidents(tr, r.notReached), residents: formatResidents(tr, r.residents) })}>
          {formatResidents(tr, r.covered)}
        </td>
        <td data-residents-not-reached={r.notReached.toFixed(3)}>{formatResidents(tr, r.notReached)}</td>
        <td data-residents-share={r.share.toFixed(6)}>{r.residents > 0 ? `${tr.num(r.share * 100, 1)}%` : '—'}</td>
      </>
    ) : (
      <td colSpan={3} />
    );
  // This scenario's residents covered minus the compared one's (blank until both are in).
  const delta = (mine: ResidentsCoverage | undefined, theirs: ResidentsCoverage | undefined) => {
    if (!other) return null;
    if (!mine || !theirs) return <td className="delta">…</td>;
    const d = mine.covered - theirs.covered;
    return (
      <td className="delta" data-residents-delta={d.toFixed(3)}>
        {d > 0 ? '+' : d < 0 ? '−' : ''}
        {formatResidents(tr, Math.abs(d))}
      </td>
    );
  };
  return (
    <>
      <ResidentsGround source={source} />
      <table className="coverage-table residents-table" data-testid="residents-table">
        <thead>
          <tr>
            <th>{t('res_area')}</th>
            <th title={t('res_help')}>{t('col_residents')}</th>
            <th title={t('res_help')}>{t('col_notReached')}</th>
            <th title={t('res_help')}>{t('col_residentShare')}</th>
            {other ? <th title={t('res_deltaHelp', { other: otherName ?? '' })}>{t('col_residentsDelta')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.adcode} data-testid={`residents-row-${r.adcode}`} className={r.adcode === selectedAdcode ? 'selected' : ''}>
              <td>{r.name}</td>
              {cells(breakdown.districts[r.adcode]?.residents)}
              {delta(breakdown.districts[r.adcode]?.residents, other?.districts[r.adcode]?.residents)}
            </tr>
          ))}
          <tr className="total" data-testid="residents-row-city">
            <td>{cityName}</td>
            {cells(breakdown.all.residents)}
            {delta(breakdown.all.residents, other?.all.residents)}
          </tr>
        </tbody>
      </table>
    </>
  );
}
