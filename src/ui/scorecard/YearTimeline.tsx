import type { TargetTimeline } from '../../worker/coverageProtocol';
import { useT } from '../i18n';
import { scorecardStrings } from './strings';

const W = 180;
const H = 46;
const LABEL_H = 11;

/**
 * A count target's value at the end of each year of its plan's period, as bars (SVG) against the
 * target's figure (the dashed line): whether 2021 was on track. The as-of year's bar is outlined.
 */
export function YearTimeline({ timeline, target, asOf }: { timeline: TargetTimeline; target: number | null; asOf: number | null }) {
  const { t, num } = useT(scorecardStrings);
  const values = timeline.points.map((p) => p.current ?? 0);
  const top = Math.max(1, target ?? 0, ...values);
  const n = timeline.points.length;
  const slot = W / n;
  const barW = Math.min(34, slot * 0.6);
  const plotH = H - LABEL_H;
  // A bar of a value above 0 stays visible (1.5 px) however far below the target it is.
  const y = (v: number) => plotH - (v > 0 ? Math.max(1.5, (v / top) * (plotH - 2)) : 0);
  const summary = timeline.points.map((p) => `${p.year}: ${p.current === null ? '—' : num(p.current)}`).join(', ');
  return (
    <figure className="year-timeline" data-testid="target-timeline" data-values={values.join(',')}>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${t('timeline')}: ${summary}`}>
        {timeline.points.map((p, i) => {
          const v = p.current ?? 0;
          const x = i * slot + (slot - barW) / 2;
          return (
            <g key={p.year} data-year={p.year} data-value={v}>
              <rect
                x={x}
                y={y(v)}
                width={barW}
                height={plotH - y(v)}
                className={`tl-bar tl-${p.status}${asOf === p.year ? ' tl-asof' : ''}`}
              />
              <text x={x + barW / 2} y={Math.max(8, y(v) - 2)} textAnchor="middle" className="tl-value">
                {num(v)}
              </text>
              <text x={x + barW / 2} y={H - 1} textAnchor="middle" className="tl-year">
                {p.year}
              </text>
            </g>
          );
        })}
        {target !== null ? <line x1={0} x2={W} y1={y(target)} y2={y(target)} className="tl-target" /> : null}
      </svg>
      <figcaption className="muted">{t('timelineNote', { target: target === null ? '—' : num(target) })}</figcaption>
    </figure>
  );
}
