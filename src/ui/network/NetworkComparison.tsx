import { Fragment } from 'react';
import { useT } from '../i18n';
import { useAppStore } from '../state/appStore';
import { networkStrings } from './strings';
import { comparisonRows } from './networkAnswers';
import { shareDelta } from './NetworkTargetLine';

/**
 * Beside the coverage table: for each area the road file reaches, the coverage layer's share of land
 * by straight line and by network distance, each labelled with its ground, and the share of land the
 * network does not reach within the snap distance.
 */
export function NetworkComparison({ viewId }: { viewId: string | null }) {
  const { t, num, pick } = useT(networkStrings);
  const network = useAppStore((s) => s.network);
  const straightView = useAppStore((s) => s.coverage.view);
  const names = useAppStore((s) => s.areaNames);
  if (!network.summary || network.status === 'none') return null;
  const straight = straightView && straightView.viewId === viewId ? straightView.breakdown : null;
  const answer = network.viewId === viewId ? network.breakdown : null;
  const pct = (share: number) => `${num(share * 100, 1)}%`;
  const groundLabel = t(`net_ground_${network.summary.mode}`, { file: network.summary.fileName });
  const rows = answer && network.reached ? comparisonRows(straight, answer, network.reached) : [];
  // While comparing scenarios: the compared sites' figure on the same ground, and the difference.
  const other = answer ? network.compareBreakdown : null;
  const otherOf = (r: (typeof rows)[number]) => (other ? other[`${r.kind}s` as const]?.[r.id] : undefined);
  const cols = other ? 5 : 4;
  return (
    <div className="network-compare" data-testid="network-compare">
      <h3>
        {t('net_compareTitle')}
        {network.pending ? <span className="muted updating"> · {t('net_updating')}</span> : null}
      </h3>
      {!answer ? <p className="muted">{t('net_wait')}</p> : null}
      {answer ? (
        <table className="coverage-table" data-testid="network-table">
          <caption className="network-grounds">
            <span>
              <b>{t('net_col_straight')}</b>: <span data-testid="network-head-straight">{t('net_straight')}</span>
            </span>
            <span>
              <b>{t(`net_col_${network.summary.mode}`)}</b>: <span data-testid="network-head-network">{groundLabel}</span>
            </span>
            <span>
              <b>{t('net_unreached')}</b>: {t('net_unreachedHelp', { snap: network.snapM })}
            </span>
          </caption>
          <thead>
            <tr>
              <th>{t('net_area')}</th>
              <th title={t('net_straight')}>{t('net_col_straight')}</th>
              <th title={groundLabel}>{t(`net_col_${network.summary.mode}`)}</th>
              <th title={t('net_unreachedHelp', { snap: network.snapM })}>{t('net_unreached')}</th>
              {other ? <th title={groundLabel}>{t('net_col_delta')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const name = names.get(r.id);
              const group = r.kind !== 'district' && rows[i - 1]?.kind !== r.kind;
              return (
                <Fragment key={`${r.kind}:${r.id}`}>
                  {group ? (
                    <tr className="network-group">
                      <td colSpan={cols}>{t(r.kind === 'zone' ? 'net_zone' : 'net_township')}</td>
                    </tr>
                  ) : null}
                  <tr data-testid={`network-row-${r.id}`} data-kind={r.kind}>
                    <td>{name ? pick(name.zh, name.en) : r.id}</td>
                    <td data-share-straight={r.straight?.land.share.toFixed(6)}>{r.straight ? pct(r.straight.land.share) : '…'}</td>
                    <td className="net" data-share-network={r.network.land.share.toFixed(6)} title={`${groundLabel}: ${num(r.network.land.coveredKm2, 2)} / ${num(r.network.land.areaKm2, 2)} km²`}>
                      {pct(r.network.land.share)}
                    </td>
                    <td className="muted" data-unreached={(1 - r.reached.land.share).toFixed(6)}>
                      {pct(1 - r.reached.land.share)}
                    </td>
                    {other ? (
                      <td data-delta-network={otherOf(r) ? (r.network.land.share - otherOf(r)!.land.share).toFixed(6) : undefined} title={otherOf(r) ? t('net_vsCompare', { share: pct(otherOf(r)!.land.share) }) : undefined}>
                        {otherOf(r) ? shareDelta(r.network.land.share, otherOf(r)!.land.share, num, t('net_deltaUnit')) : '…'}
                      </td>
                    ) : null}
                  </tr>
                </Fragment>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <p className="muted coverage-ground-note">{t('net_compareNote')}</p>
    </div>
  );
}
