import { PublishedNote } from '../PublishedNote';
import type { ScenarioMeta } from '../../domain/scenarioFile';
import { useEffect, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { CheckStatus } from '../../domain/checker';
import { useT, type CommonKey } from '../i18n';
import { exportStrings } from './strings';
import type { ReportModel } from './reportModel';
import { ATTRIBUTION_TEXT } from './exportLegend';
import './report.css';

export type SnapshotState = { state: 'pending' } | { state: 'ready'; url: string } | { state: 'failed'; message: string };

interface Props {
  adcode: string;
  model: ReportModel;
  scenarioName: string;
  illustrative: boolean;
  /** The scenario's meta: a published dataset's date, source and licence are printed with its name. */
  meta?: ScenarioMeta | null;
  siteCount: number;
  generatedAt: string;
  /** True while the checker has not answered the latest edit. */
  pending: boolean;
  snapshot: SnapshotState;
  /** The current coverage layer in this district, as the coverage panel shows it. */
  layer: { label: string; share: string; uncoveredKm2: string; polygonShare: string; residents: string | null } | null;
  /** The district's townships under the same layer (src/ui/townships/ReportTownships.tsx), when it has any. */
  townships?: ReactNode;
  /** The figures by network distance beside the straight line's (src/ui/network/ReportNetwork.tsx), when a road file is in use. */
  network?: ReactNode;
  onClose: () => void;
}

const STATUS_KEYS: ReadonlyArray<[CheckStatus, CommonKey]> = [
  ['met', 'status_met'],
  ['short', 'status_short'],
  ['not-computed', 'status_notComputed'],
  ['not-checkable', 'status_notCheckable'],
];

/**
 * The printable scorecard of one plan district: a page laid over the app on screen and the only thing
 * printed (report.css hides the app under @media print). Every value is text from the report model.
 */
export function ReportView(props: Props) {
  const { model, snapshot, onClose } = props;
  const { t, num, pick } = useT(exportStrings);
  const colon = t('colon');

  useEffect(() => {
    const root = document.documentElement;
    root.classList.add('report-open');
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      root.classList.remove('report-open');
      window.removeEventListener('keydown', onKey);
    };
  }, [onClose]);

  return createPortal(
    <div className="report-view" role="dialog" aria-label={t('exp_reportTitle')} data-testid="report-view" data-adcode={props.adcode}>
      <div className="report-toolbar">
        <button type="button" data-testid="report-print" onClick={() => window.print()}>
          {t('exp_print')}
        </button>
        <button type="button" data-testid="report-close" onClick={onClose}>
          {t('exp_closeReport')}
        </button>
      </div>
      <article className="report-page">
        <header className="report-head">
          <h1 data-testid="report-title">
            {t('exp_reportTitle')} · {model.districtName}
          </h1>
          <dl className="report-meta">
            <dt>{t('scenario')}</dt>
            <dd data-testid="report-scenario">
              {props.scenarioName}
              {props.illustrative ? <span className="report-badge">{t('illustrative')}</span> : null}
              <PublishedNote meta={props.meta} />
            </dd>
            <dt>{t('exp_generated')}</dt>
            <dd data-testid="report-date">{props.generatedAt}</dd>
            <dt>{t('sitesLoaded')}</dt>
            <dd>{num(props.siteCount)}</dd>
            <dt>{t('planDocument')}</dt>
            <dd>
              <span lang="zh-CN">{model.documentTitle}</span>
              {model.documentTitleEn ? <span className="muted"> ({model.documentTitleEn})</span> : null}
              {model.documentNumber ? ` · ${model.documentNumber}` : ''} · {model.documentDate}
            </dd>
            <dd data-testid="report-years">{model.years}</dd>
          </dl>
          {props.illustrative ? (
            <p className="report-illustrative" data-testid="report-illustrative">
              {t('exp_illustrativeReport')}
            </p>
          ) : null}
          {props.pending ? <p className="report-pending">{t('exp_pendingNote')}</p> : null}
        </header>

        <ul className="report-counts" data-testid="report-counts">
          {STATUS_KEYS.map(([status, key]) => (
            <li key={status} className={`count-${status}`}>
              {t(key)} <strong>{num(model.counts[status])}</strong>
            </li>
          ))}
          <li>
            {t('targets')} <strong>{num(model.rows.length)}</strong>
          </li>
        </ul>

        <figure className="report-map">
          {snapshot.state === 'ready' ? (
            <img src={snapshot.url} alt={`${t('exp_mapSnapshot')} · ${model.districtName}`} data-testid="report-map" />
          ) : (
            <div className="report-map-placeholder" data-testid="report-map-pending">
              {snapshot.state === 'pending' ? t('exp_snapshotPending') : `${t('exp_snapshotFailed')}: ${snapshot.message}`}
            </div>
          )}
          <figcaption>
            {props.layer ? (
              <span data-testid="report-layer">
                {t('coverageLayer')}
                {colon}
                {props.layer.label} · {t('ground_land')} {t('coveredShare')} {props.layer.share} · {t('uncoveredKm2')} {props.layer.uncoveredKm2} ·{' '}
                {t('ground_polygon')} {props.layer.polygonShare}
                {props.layer.residents ? ` · ${props.layer.residents}` : ''}
              </span>
            ) : null}
            <span className="muted"> {ATTRIBUTION_TEXT}</span>
          </figcaption>
        </figure>
        {props.townships}
        {props.network}

        {model.residentsGround ? (
          <p className="muted report-residents-ground" data-testid="report-residents-ground">
            {model.residentsGround}
          </p>
        ) : null}
        <table className="report-targets" data-testid="report-targets">
          <thead>
            <tr>
              <th>{t('exp_colFacility')}</th>
              <th>{t('exp_colScope')}</th>
              <th>{t('exp_colDeadline')}</th>
              <th>{t('goal')}</th>
              <th>{t('current')}</th>
              <th>{t('exp_colStatus')}</th>
              <th>{t('source')}</th>
            </tr>
          </thead>
          <tbody>
            {model.rows.map((r) => (
              <tr key={r.targetId} data-target-id={r.targetId} className={`status-${r.status ?? 'pending'}`}>
                <td className="facility-cell">{r.facility}</td>
                <td>{r.scope}</td>
                <td>{r.deadline}</td>
                <td>
                  {r.goal}
                  {r.reported ? <div className="report-reported">{r.reported}</div> : null}
                  {r.reportedDone ? <div className="report-reported">{t('reportedDone')}</div> : null}
                </td>
                <td className="num" data-testid="report-current">
                  {r.current ?? '…'}
                  {r.yearUnknown ? (
                    <div className="report-ground muted" data-testid="report-year-unknown">
                      {r.yearUnknown}
                    </div>
                  ) : null}
                  {r.ground ? <div className="report-ground muted">{r.ground}</div> : null}
                  {r.residents ? (
                    <div className="report-ground muted" data-testid="report-residents">
                      {r.residents}
                    </div>
                  ) : null}
                  {r.aim ? (
                    <div className="report-aim">
                      {t('aim')}: {r.aim}
                    </div>
                  ) : null}
                </td>
                <td className={`badge-${r.status ?? 'pending'}`} data-testid="report-status">
                  {r.statusText ?? '…'}
                </td>
                <td className="report-cite">
                  <div className="clause">{r.clause}</div>
                  <blockquote lang="zh-CN">「{r.quote}」</blockquote>
                  {pick(null, <div className="muted">{r.note}</div>)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>

        {model.assumptions.length > 0 ? (
          <section className="report-assumptions">
            <h2>{t('exp_assumptionsUsed')}</h2>
            <ul>
              {model.assumptions.map((a) => (
                <li key={a.label}>
                  {a.label}: {a.value}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <footer className="report-foot muted">
          <p>{t('exp_valuesNote')}</p>
        </footer>
      </article>
    </div>,
    document.body,
  );
}
