import { useState } from 'react';
import type { TargetCheck } from '../../domain/checker';
import type { Target } from '../../domain/plan';
import type { AssumptionValues } from '../../domain/assumptions';
import { translate, type Lang } from '../i18n';
import { currentText, facilityLabel, goalText, reportedText, scopeLabel, statusText, type ZoneNames } from './describeTarget';

interface Props {
  lang: Lang;
  target: Target;
  check: TargetCheck | undefined;
  assumptions: AssumptionValues;
  zones: ZoneNames;
  documentTitle: string;
}

/** One target: goal, current value from the loaded sites, status with a bar, and its citation on click. */
export function TargetRow({ lang, target, check, assumptions, zones, documentTitle }: Props) {
  const [open, setOpen] = useState(false);
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
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
          {t('current')}: <strong data-testid="target-current">{check ? currentText(check, lang) : '…'}</strong>
        </span>
        <span className={`status-badge badge-${status}`} data-testid="target-status">
          {check ? statusText(check, lang) : '…'}
        </span>
      </div>
      <div className="bar" aria-hidden="true">
        <span style={{ width: `${Math.round((check?.share ?? 0) * 100)}%` }} />
      </div>
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
          {lang === 'en' || target.note_en ? <div className="note">{target.note_en}</div> : null}
        </div>
      ) : null}
    </li>
  );
}
