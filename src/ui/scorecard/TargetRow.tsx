import { useState } from 'react';
import type { TargetCheck } from '../../domain/checker';
import type { Target } from '../../domain/plan';
import type { AssumptionValues } from '../../domain/assumptions';
import { useT, type KeyOf, type Translator } from '../i18n';
import { scorecardStrings } from './strings';
import { ResidentsLine } from '../population/ResidentsLine';
import type { TargetTimeline } from '../../worker/coverageProtocol';
import { YearTimeline } from './YearTimeline';
import type { ReactNode } from 'react';
import { currentText, facilityLabel, goalText, groundText, reportedText, scopeLabel, statusText, type ZoneNames } from './describeTarget';

interface Props {
  target: Target;
  check: TargetCheck | undefined;
  assumptions: AssumptionValues;
  zones: ZoneNames;
  documentTitle: string;
  /** While comparing scenarios: the compared scenario's check of this target, and its name. */
  compare?: { check: TargetCheck | undefined; name: string } | null;
  /** Count targets: the value year by year of the plan period (undefined: no site has a year). */
  timeline?: TargetTimeline | undefined;
  /** The as-of year (null: every site). */
  asOf?: number | null;
  /** The app's line of the figure by network distance (src/ui/network/NetworkTargetLine.tsx); the embed has none. */
  network?: ReactNode;
}

/** "+1.2 pp" for shares, "+12" for counts, "+0.35 / km²" for densities. */
function deltaText(a: TargetCheck, b: TargetCheck, { t, num }: Translator<KeyOf<typeof scorecardStrings>>): { text: string; value: number } | null {
  if (a.current === null || b.current === null) return null;
  const d = a.current - b.current;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  const abs = Math.abs(d);
  if (a.unit === 'share') return { text: `${sign}${num(abs * 100, 1)} ${t('tgt_pointsUnit')}`, value: d };
  if (a.unit === 'per-km2') return { text: `${sign}${num(abs, 2)} / km²`, value: d };
  return { text: `${sign}${num(abs)}`, value: d };
}

/** One target: goal, current value from the loaded sites, status with a bar, and its citation on click. */
export function TargetRow({ target, check, assumptions, zones, documentTitle, compare, timeline, asOf = null, network }: Props) {
  const { t, pick, lang, num } = useT(scorecardStrings);
  const [open, setOpen] = useState(false);
  const status = check?.status ?? 'not-computed';
  const reported = reportedText(target, lang);
  return (
    <li className={`target-row status-${status}`} data-testid="target-row" data-target-id={target.id}>
      <div className="row-head">
        <span className="facility">{facilityLabel(target, lang)}</span>
        <span className="scope-chip">{scopeLabel(target, lang, zones)}</span>
        <span className="deadline">{target.deadline}</span>
        {target.status === 'reported-done' ? <span className="reported-chip">{t('reportedDone')}</span> : null}
      </div>
      <div className="goal" data-testid="target-goal">
        {t('goal')}: {goalText(target, lang, assumptions)}
      </div>
      <div className="values">
        <span>
          {t('current')}: <strong data-testid="target-current" data-current={check?.current !== null && check?.current !== undefined ? check.current.toFixed(6) : ''}>{check ? currentText(check, lang) : '…'}</strong>
          {check?.yearUnknown !== undefined ? (
            <span className="muted year-unknown" data-testid="target-year-unknown" data-n={check.yearUnknown} title={t('yearUnknownHelp')}>
              {' · '}
              {t('yearUnknown', { n: num(check.yearUnknown) })}
            </span>
          ) : null}
          {check && groundText(check, lang) ? (
            <span className="muted target-ground" data-testid="target-ground">
              {' '}
              ({groundText(check, lang)})
            </span>
          ) : null}
        </span>
        <span className={`status-badge badge-${status}`} data-testid="target-status">
          {check ? statusText(check, lang) : '…'}
        </span>
      </div>
      {check?.residents ? <ResidentsLine residents={check.residents} /> : null}
      {network ?? null}
      {compare ? <CompareLine check={check} other={compare.check} name={compare.name} /> : null}
      <div className="bar" aria-hidden="true">
        <span style={{ width: `${Math.round((check?.share ?? 0) * 100)}%` }} />
      </div>
      {check?.newYears ? (
        <div className="muted new-years" data-testid="target-new-years">
          {t('newYears', { start: check.newYears.start, end: asOf === null ? check.newYears.end : Math.min(check.newYears.end, asOf) })}
        </div>
      ) : null}
      {timeline ? <YearTimeline timeline={timeline} target={check?.target ?? null} asOf={asOf} /> : null}
      {reported ? <div className="reported">{reported}</div> : null}
      {check?.aim ? (
        <div className="reported">
          {t('aim')}: {check.aim.current} / {check.aim.target}
        </div>
      ) : null}
      <button type="button" className="cite" data-testid="cite-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('source')} {target.citation.clause} {open ? '▾' : '▸'}
      </button>
      {open ? (
        <div className="citation" data-testid="citation">
          <blockquote lang="zh-CN">「{target.citation.quote}」</blockquote>
          <div className="muted">
            {documentTitle} · {target.citation.clause}
          </div>
          {pick(Boolean(target.note_en), true) ? <div className="note">{target.note_en}</div> : null}
        </div>
      ) : null}
    </li>
  );
}

/** The compared scenario's value of the target and the difference (this − compared). */
function CompareLine({ check, other, name }: { check: TargetCheck | undefined; other: TargetCheck | undefined; name: string }) {
  const tr = useT(scorecardStrings);
  const { t, lang } = tr;
  const delta = check && other ? deltaText(check, other, tr) : null;
  return (
    <div className="target-delta" data-testid="target-delta" data-delta={delta ? String(delta.value) : ''}>
      <span title={name}>{t('scn_vs')}</span>: {other ? currentText(other, lang) : '…'}
      {delta ? (
        <>
          {' · '}
          <strong className={delta.value > 0 ? 'up' : delta.value < 0 ? 'down' : ''}>{delta.text}</strong>
        </>
      ) : null}
      {check && other && check.status !== other.status ? ` · ${statusText(other, lang)} → ${statusText(check, lang)}` : null}
    </div>
  );
}
