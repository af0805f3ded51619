/**
 * A run's report: what it found (new sites, the share before and after, checked again on the fine
 * grid), how far that is from the optimum (proven, or the bound and its source, each naming its
 * model), the candidates it could not use, and the proposals to accept (ProposalList).
 */
import type { OptimizeResult } from '../../optimize/optimizer';
import { useT } from '../i18n';
import type { CandidateFile } from './CandidateFileField';
import { ProposalList, type ProposalListProps } from './ProposalList';
import { optimizerStrings } from './strings';

interface Props extends Omit<ProposalListProps, 'result'> {
  result: OptimizeResult;
  /** The candidate file the run used, to name refused candidates by their row. */
  file: CandidateFile | null;
  pct: (share: number, digits?: number) => string;
}

export function ResultView({ result: r, file, pct, ...proposals }: Props) {
  const { t, num, pick } = useT(optimizerStrings);
  const residents = r.residents;
  /** A share of the residents as a count beside it: shares, bounds and targets are of residents then. */
  const people = (share: number) => (residents ? ` (${num(Math.round(share * residents.total))} ${t('opt_residentsUnit')})` : '');
  const count = r.sites.length;
  const closeGap = r.goal.kind === 'close-gap';
  const unreachable = closeGap && r.targetShare !== null && r.aimShare !== null && r.aimShare < r.targetShare - 1e-12;
  // Every claim names its model: which candidates, which grid, which ground.
  const model =
    r.model.latticeM !== null
      ? `${num(r.model.candidates)} ${t('opt_modelLattice')} ${num(r.model.latticeM)} m${t('opt_modelLatticeEnd')}`
      : `${num(r.model.candidates)} ${t('opt_modelListed')}`;
  const modelText = `${t('opt_modelAmong')}${model}${t('opt_modelDemand')} ${num(r.model.cellM)} m ${t(residents ? 'opt_modelGridResidents' : 'opt_modelGrid')}`;
  const boundText = (() => {
    if (r.proven) return `${t('opt_proven')} (${modelText})`;
    if (r.bound === null) return t('opt_noBound');
    const from = r.boundFrom ? ` (${t(`opt_boundFrom_${r.boundFrom}`)})` : '';
    const gap = r.gap !== null ? ` · ${t('opt_gap')} ≤ ${num(r.gap * 100, 1)}%` : '';
    return closeGap
      ? `${t('opt_boundSites')} ${num(r.bound)} ${t('opt_sitesUnit')}${from}${gap} (${modelText})`
      : `${t('opt_boundShare')} ${pct(r.bound, 2)}${people(r.bound)}${from}${gap} (${modelText})`;
  })();
  return (
    <div
      className="opt-result"
      data-testid="opt-result"
      data-solver={r.solver}
      data-proven={String(r.proven)}
      data-sites={count}
      data-share-after={r.shareAfter.toFixed(6)}
      data-recheck={r.recheckShare.toFixed(6)}
      data-objective={r.model.objective}
    >
      <h3>{t('opt_result')}</h3>
      {r.areaKm2 === 0 ? <p className="opt-warning">{t('opt_noArea')}</p> : null}
      {residents && residents.total === 0 && r.areaKm2 > 0 ? <p className="opt-warning">{t('opt_noResidents')}</p> : null}
      {unreachable ? (
        <p className="opt-warning" data-testid="opt-unreachable">
          {t('opt_unreachable')} {pct(r.shareReachable, 2)} · {t('opt_aimAt')}
        </p>
      ) : null}
      {closeGap && count === 0 && r.areaKm2 > 0 ? <p>{t('opt_alreadyMet')}</p> : null}
      <dl className="opt-facts">
        <dt>{t('opt_newSites')}</dt>
        <dd data-testid="opt-count">{num(count)}</dd>
        <dt>{t('opt_ground')}</dt>
        <dd>{residents ? t('opt_groundResidents') : t('ground_land')}</dd>
        {residents ? (
          <>
            <dt>{t('opt_residentsTotal')}</dt>
            <dd data-testid="opt-residents-total" data-residents={residents.total.toFixed(1)}>
              {num(Math.round(residents.total))} {t('opt_residentsUnit')} <span className="muted">· {t('opt_residentsSource')} {pick(residents.source.label.zh, residents.source.label.en)}</span>
            </dd>
          </>
        ) : null}
        <dt>{t('opt_shareBefore')}</dt>
        <dd>
          {pct(r.shareBefore, 2)}
          {people(r.shareBefore)}
        </dd>
        <dt>{t('opt_shareAfter')}</dt>
        <dd>
          {pct(r.shareAfter, 2)}
          {people(r.shareAfter)}{' '}
          <span className="muted">
            ({t('opt_recheck')} {pct(r.recheckShare, 2)})
          </span>
        </dd>
        {residents ? (
          <>
            <dt>{t('opt_landShare')}</dt>
            <dd data-testid="opt-land-share">
              {pct(r.land.shareBefore, 2)} → {pct(r.land.shareAfter, 2)}
            </dd>
          </>
        ) : null}
        <dt>{t('opt_ran')}</dt>
        <dd data-testid="opt-solver-used">
          {t(`opt_ran_${r.solver}`)}
          {r.solver === 'exact' || r.exact ? (
            <span className="muted">
              {' '}
              · {t('opt_heuristicFound')} {num(r.heuristic.sites)}
            </span>
          ) : null}
        </dd>
        <dt>{t('opt_optimality')}</dt>
        <dd data-testid="opt-bound">{boundText}</dd>
      </dl>
      {r.exactSkipped === 'too-large' ? <p className="muted">{t('opt_exactTooLarge')}</p> : null}
      {r.exact?.status === 'time-limit' ? <p className="muted">{t('opt_exactTimeLimit')}</p> : null}
      <p className="muted">
        {num(r.instance.candidates)} {t('opt_candidatesUsed')}
        {r.instance.rejected.length > 0 ? ` · ${num(r.instance.rejected.length)} ${t('opt_rejected')}` : ''}
      </p>
      {file && r.instance.rejected.length > 0 ? (
        <ul className="rejected-rows">
          {r.instance.rejected.slice(0, 10).map((x, i) => (
            <li key={i}>
              {t('row')} {file.rows[x.index] ?? x.index + 1}: {t(`opt_reason_${x.reason}`)}
            </li>
          ))}
        </ul>
      ) : null}
      {count > 0 ? <ProposalList result={r} {...proposals} /> : null}
    </div>
  );
}
