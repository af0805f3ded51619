/**
 * Words for a target's goal and result in the interface language. Pure: no React, so the texts
 * are testable. Assumed radii are always marked as assumptions.
 */
import { facilityType } from '../../domain/facilityTypes';
import { assumptionKeyOf, type AssumptionValues } from '../../domain/assumptions';
import type { TargetCheck } from '../../domain/checker';
import type { Target } from '../../domain/plan';
import { translator, type KeyOf, type Lang } from '../i18n';
import { scorecardStrings } from './strings';
import { DRAWN_SOURCE } from '../../domain/userZones';

/** Zones by id: their names, and where the user replaced the boundary, its source and date. */
export type ZoneNames = Readonly<Record<string, { name: string; name_en: string; user_source?: string | undefined; user_saved_at?: string | undefined }>>;

type ScorecardKey = KeyOf<typeof scorecardStrings>;

const RING_KEYS = {
  inside: 'insideRing',
  outside: 'outsideRing',
  all: 'tgt_wholeScope',
} as const satisfies Record<'inside' | 'outside' | 'all', ScorecardKey>;

const STATUS_KEYS = {
  met: 'tgt_met',
  'not-computed': 'tgt_notComputed',
  'not-checkable': 'tgt_notCheckable',
} as const satisfies Record<Exclude<TargetCheck['status'], 'short'>, ScorecardKey>;

const words = (lang: Lang) => translator(lang, scorecardStrings);

export function facilityLabel(target: Target, lang: Lang): string {
  const type = facilityType(target.facility);
  return words(lang).pick(type.label_zh, type.label_en);
}

export function scopeLabel(target: Target, lang: Lang, zones: ZoneNames): string {
  const { t, pick } = words(lang);
  const s = target.scope;
  switch (s.kind) {
    case 'district':
      return t('tgt_wholeDistrict');
    case 'ring':
      return t(RING_KEYS[s.ring]);
    case 'zone': {
      const z = zones[s.zone];
      if (!z) return s.zone;
      // A user's boundary is named wherever the zone is (scorecard, report): its figures are on it.
      const user = z.user_source ? t('tgt_userBoundary', { source: z.user_source === DRAWN_SOURCE ? t('tgt_drawn') : z.user_source, date: (z.user_saved_at ?? '').slice(0, 10) }) : '';
      return pick(z.name, z.name_en) + user;
    }
    case 'place':
      return pick(s.name_zh, s.name_en);
  }
}

/** The goal as the plan states it, e.g. "≥ 4,500 (cumulative)" or "0.9 km inside / 1.5 km outside, 100%". */
export function goalText(target: Target, lang: Lang, assumptions: AssumptionValues): string {
  const { t, num: n } = words(lang);
  switch (target.metric) {
    case 'count': {
      const g = target.goal;
      const approx = g.valueKind === 'order-of-magnitude' ? t('tgt_orderOfMagnitude') : '';
      const main = t(g.mode === 'new' ? 'tgt_goalNew' : 'tgt_goalCumulative', { n: n(g.value) });
      const aim = g.aim ? t('tgt_goalAim', { n: n(g.aim) }) : '';
      return `${main}${approx}${aim}`;
    }
    case 'density':
      return target.goal.perKm2 === null ? t('tgt_densityNoFigure') : `≥ ${n(target.goal.perKm2, 1)} / km²`;
    case 'presence':
      return t('tgt_atLeast', { n: n(target.goal.minCount) });
    case 'service-radius': {
      const parts = target.goal.rule.map((r) => {
        const key = r.radiusFrom ? assumptionKeyOf(r.radiusFrom) : null;
        const km = r.radiusKm ?? (key !== null ? assumptions[key] : undefined);
        const value = km === undefined ? '?' : `${n(km, km < 1 ? 2 : 1)} km`;
        const assumed = key !== null ? t('tgt_assumed') : '';
        const where = r.part === 'all' ? '' : `${t(RING_KEYS[r.part])} `;
        return `${where}${value}${assumed}`;
      });
      const share = target.goal.targetShare;
      const shareText = share === null ? '' : t('tgt_covered', { pct: n(share * 100) });
      return t('tgt_radius', { parts: parts.join(' / '), share: shareText });
    }
  }
}

/** "met", "short by 1,200", "not computed", "not checkable". */
export function statusText(check: TargetCheck, lang: Lang): string {
  const { t, num } = words(lang);
  if (check.status !== 'short') return t(STATUS_KEYS[check.status]);
  const by = check.shortBy ?? 0;
  const amount = check.unit === 'share' ? `${num(by * 100, 1)} pp` : num(by, check.unit === 'per-km2' ? 2 : 0);
  return t('tgt_shortBy', { amount });
}

/**
 * Which ground a share or density is measured on, and the whole polygon's figure beside it:
 * "陆域 · 行政区域 92.1%" / "land · polygon 92.1%"; null for counts.
 */
export function groundText(check: TargetCheck, lang: Lang): string | null {
  if (check.ground === undefined || check.current === null) return null;
  const { t, num } = words(lang);
  const land = t('ground_land');
  const polygon = t('ground_polygon');
  if (check.ground === 'polygon') return polygon;
  if (check.polygon === undefined) return land;
  const value = check.unit === 'share' ? `${num(check.polygon * 100, 1)}%` : `${num(check.polygon, 2)} / km²`;
  return `${land} · ${polygon} ${value}`;
}

export function currentText(check: TargetCheck, lang: Lang): string {
  const { num } = words(lang);
  if (check.current === null) return '—';
  if (check.unit === 'share') return `${num(check.current * 100, 1)}%`;
  if (check.unit === 'per-km2') return `${num(check.current, 2)} / km²`;
  return num(check.current);
}

export function reportedText(target: Target, lang: Lang): string | null {
  const r = target.reported;
  if (!r) return null;
  const { t, num } = words(lang);
  const more = r.qualifier === 'more-than' ? t('tgt_over') : '';
  return t('tgt_reported', { year: r.year, more, n: num(r.value) });
}
