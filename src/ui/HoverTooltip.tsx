import type { ReactNode } from 'react';
import { UserBoundaryBadge } from './zones/UserBoundaryBadge';
import type { Site } from '../domain/site';
import type { z } from 'zod';
import { FACILITY_TYPES } from '../domain/facilityTypes';
import type { precisionSchema } from '../domain/geodata';
import { useT, type CommonKey } from './i18n';
import { cutText } from './cutText';
import type { CoverageResult } from '../domain/coverageResults';
import { townshipKind } from '../domain/townships';
import { townshipStrings } from './townships/strings';

/** What the tooltip says of a hovered township besides its name: its district and its figures under the coverage layer's rule. */
export interface TownshipHover {
  districtName: string;
  /** Null while the coverage worker has not answered for it. */
  result: CoverageResult | null;
  /** The coverage layer and its rule, in words. */
  ruleLabel: string | null;
}

/** The pointer's distance to the site of the coverage layer that serves it best (the nearest, unless a site has its own radius). */
export interface PointReadout {
  layerLabel: string;
  distanceM: number;
  /** The radius that site serves this ground with (m); null when the rule leaves this ring part out. */
  radiusM: number | null;
  /** True when that radius is the site's own, not the rule's. */
  ownRadius: boolean;
  siteName: string;
}

export interface HoverInfo {
  x: number;
  y: number;
  area?: { kind: 'district' | 'zone' | 'township'; properties: Record<string, unknown> };
  site?: Site;
  readout?: PointReadout;
}

/** A zone's precision (validated by precisionSchema) as the tooltip names it. */
const PRECISION_KEYS: Readonly<Record<z.infer<typeof precisionSchema>, CommonKey>> = {
  exact: 'precision_exact',
  derived: 'precision_derived',
  approximate: 'precision_approximate',
};

/** Rendered as React text nodes: feature properties and site names never reach innerHTML. */
export function HoverTooltip({ info, township = null, children }: { info: HoverInfo; township?: TownshipHover | null; children?: ReactNode }) {
  const { t, num, pick } = useT(townshipStrings);
  const km = (m: number) => `${num(m / 1000, 2)} km`;
  const p = info.area?.properties;
  const { site, readout } = info;
  return (
    <div className="hover-tooltip" data-testid="hover-tooltip" style={{ left: info.x + 14, top: info.y + 14 }}>
      {site ? (
        <div className="hover-site" data-testid="hover-site">
          <div className="hover-name">
            {cutText(site.name ?? site.id)}
            {site.illustrative ? <span className="approx-badge">{t('illustrative')}</span> : null}
          </div>
          <div className="hover-sub">
            {pick(FACILITY_TYPES[site.type].label_zh, FACILITY_TYPES[site.type].label_en)} · {t(`status_${site.status}`)}
            {site.capacity !== undefined ? ` · ${t('capacity')} ${num(site.capacity)}` : ''}
          </div>
          <div className="hover-sub">
            {site.lon.toFixed(5)}, {site.lat.toFixed(5)}
          </div>
        </div>
      ) : null}
      {p && !site && info.area?.kind === 'township' ? (
        <div data-testid="hover-township">
          <div className="hover-name">{cutText(String(p.name ?? ''))}</div>
          <div className="hover-sub">
            {t(`tw_kind_${townshipKind(String(p.name ?? ''))}`)} · {township?.districtName ?? ''} · {t('tw_code')} {String(p.code ?? '')}
          </div>
          {township?.result ? (
            <div className="hover-basis">
              {t('tw_hoverFigures', {
                share: `${num(township.result.land.share * 100, 1)}%`,
                covered: num(township.result.land.coveredKm2, 2),
                area: num(township.result.land.areaKm2, 2),
              })}
              {township.result.residents
                ? ` · ${t('tw_hoverResidents', {
                    share: `${num(township.result.residents.share * 100, 1)}%`,
                    covered: num(township.result.residents.covered),
                    residents: num(township.result.residents.residents),
                  })}`
                : ''}
              {township.ruleLabel ? <div className="hover-sub">{t('tw_hoverRule', { rule: township.ruleLabel })}</div> : null}
            </div>
          ) : null}
        </div>
      ) : null}
      {p && !site && info.area?.kind !== 'township' ? (
        <>
          <div className="hover-name">
            {cutText(String(pick(p.name, p.name_en) ?? ''))}
            {typeof p.user_source === 'string' ? (
              <UserBoundaryBadge id={String(p.id)} source={p.user_source} savedAt={typeof p.user_saved_at === 'string' ? p.user_saved_at : undefined} />
            ) : p.precision === 'approximate' ? (
              <span className="approx-badge">{t('approx')}</span>
            ) : null}
          </div>
          <div className="hover-sub">{String(pick(p.name_en, p.name) ?? '')}</div>
          {info.area?.kind === 'zone' && typeof p.user_source !== 'string' ? (
            <div className="hover-basis">
              {t(PRECISION_KEYS[p.precision as keyof typeof PRECISION_KEYS])} · {String(pick(p.basis, p.basis_en) ?? '')}
            </div>
          ) : null}
        </>
      ) : null}
      {readout ? (
        <div className="hover-distance" data-testid="hover-distance">
          {t('nearest')} {readout.layerLabel}: <strong>{km(readout.distanceM)}</strong>
          {readout.radiusM !== null ? (
            <span className={readout.distanceM <= readout.radiusM ? 'covered' : 'uncovered'}>
              {' '}
              ({readout.distanceM <= readout.radiusM ? t('withinRadius') : t('beyondRadius')} {km(readout.radiusM)}
              {readout.ownRadius ? `, ${t('ownRadius')}` : ''})
            </span>
          ) : null}
          <div className="hover-sub">{cutText(readout.siteName)}</div>
        </div>
      ) : null}
      {children}
    </div>
  );
}
