import { translate, type Lang } from './i18n';

export interface HoverInfo {
  x: number;
  y: number;
  kind: 'district' | 'zone';
  properties: Record<string, unknown>;
}

/** Rendered as React text nodes: feature properties never reach innerHTML. */
export function HoverTooltip({ lang, info }: { lang: Lang; info: HoverInfo }) {
  const p = info.properties;
  const name = String((lang === 'zh' ? p.name : p.name_en) ?? '');
  const other = String((lang === 'zh' ? p.name_en : p.name) ?? '');
  const approximate = p.precision === 'approximate';
  return (
    <div className="hover-tooltip" data-testid="hover-tooltip" style={{ left: info.x + 14, top: info.y + 14 }}>
      <div className="hover-name">
        {name}
        {approximate ? <span className="approx-badge">{translate(lang, 'approx')}</span> : null}
      </div>
      <div className="hover-sub">{other}</div>
      {info.kind === 'zone' ? (
        <div className="hover-basis">
          {translate(lang, `precision_${String(p.precision)}` as 'precision_exact')} ·{' '}
          {String((lang === 'zh' ? p.basis : p.basis_en) ?? '')}
        </div>
      ) : null}
    </div>
  );
}
