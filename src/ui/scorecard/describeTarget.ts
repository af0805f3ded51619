/**
 * Words for a target's goal and result in the interface language. Pure: no React, so the texts
 * are testable. Assumed radii are always marked as assumptions.
 */
import { facilityType } from '../../domain/facilityTypes';
import { assumptionKeyOf, type AssumptionValues } from '../../domain/assumptions';
import type { TargetCheck } from '../../domain/checker';
import type { Target } from '../../domain/plan';
import { formatNumber, type Lang } from '../i18n';

export type ZoneNames = Readonly<Record<string, { name: string; name_en: string }>>;

const RING_WORDS: Record<Lang, Record<'inside' | 'outside' | 'all', string>> = {
  zh: { inside: '外环内', outside: '外环外', all: '全域' },
  en: { inside: 'inside the Outer Ring', outside: 'outside the Outer Ring', all: 'whole scope' },
};

export function facilityLabel(target: Target, lang: Lang): string {
  const type = facilityType(target.facility);
  return lang === 'zh' ? type.label_zh : type.label_en;
}

export function scopeLabel(target: Target, lang: Lang, zones: ZoneNames): string {
  const s = target.scope;
  switch (s.kind) {
    case 'district':
      return lang === 'zh' ? '全区' : 'whole district';
    case 'ring':
      return RING_WORDS[lang][s.ring];
    case 'zone': {
      const z = zones[s.zone];
      return z ? (lang === 'zh' ? z.name : z.name_en) : s.zone;
    }
    case 'place':
      return lang === 'zh' ? s.name_zh : s.name_en;
  }
}

/** The goal as the plan states it, e.g. "≥ 4,500 (cumulative)" or "0.9 km inside / 1.5 km outside, 100%". */
export function goalText(target: Target, lang: Lang, assumptions: AssumptionValues): string {
  const n = (v: number, d = 0) => formatNumber(lang, v, d);
  const zh = lang === 'zh';
  switch (target.metric) {
    case 'count': {
      const g = target.goal;
      const approx = g.valueKind === 'order-of-magnitude' ? (zh ? '（量级）' : ' (order of magnitude)') : '';
      const main = g.mode === 'new' ? `+${n(g.value)} ${zh ? '新增' : 'new'}` : `≥ ${n(g.value)} ${zh ? '累计' : 'cumulative'}`;
      const aim = g.aim ? (zh ? `，力争累计 ${n(g.aim)}` : `, aiming at ${n(g.aim)} in all`) : '';
      return `${main}${approx}${aim}`;
    }
    case 'density':
      return target.goal.perKm2 === null
        ? zh
          ? '提高每平方公里覆盖（文件未给数值）'
          : 'raise coverage per km² (no figure in the text)'
        : `≥ ${n(target.goal.perKm2, 1)} / km²`;
    case 'presence':
      return zh ? `至少 ${n(target.goal.minCount)} 处` : `at least ${n(target.goal.minCount)}`;
    case 'service-radius': {
      const parts = target.goal.rule.map((r) => {
        const key = r.radiusFrom ? assumptionKeyOf(r.radiusFrom) : null;
        const km = r.radiusKm ?? (key !== null ? assumptions[key] : undefined);
        const value = km === undefined ? '?' : `${n(km, km < 1 ? 2 : 1)} km`;
        const assumed = key !== null ? (zh ? '（假设）' : ' (assumed)') : '';
        const where = r.part === 'all' ? '' : `${RING_WORDS[lang][r.part]} `;
        return `${where}${value}${assumed}`;
      });
      const share = target.goal.targetShare;
      const shareText = share === null ? '' : `, ${zh ? '覆盖' : 'covered'} ${n(share * 100)}%`;
      return `${zh ? '服务半径' : 'radius'} ${parts.join(' / ')}${shareText}`;
    }
  }
}

/** "met", "short by 1,200", "not computed", "not checkable". */
export function statusText(check: TargetCheck, lang: Lang): string {
  const zh = lang === 'zh';
  switch (check.status) {
    case 'met':
      return zh ? '已达标' : 'met';
    case 'short': {
      const by = check.shortBy ?? 0;
      const amount = check.unit === 'share' ? `${formatNumber(lang, by * 100, 1)} pp` : formatNumber(lang, by, check.unit === 'per-km2' ? 2 : 0);
      return zh ? `差 ${amount}` : `short by ${amount}`;
    }
    case 'not-computed':
      return zh ? '未计算' : 'not computed';
    case 'not-checkable':
      return zh ? '无法核查' : 'not checkable';
  }
}

/**
 * Which ground a share or density is measured on, and the whole polygon's figure beside it:
 * "陆域 · 行政区域 92.1%" / "land · polygon 92.1%"; null for counts.
 */
export function groundText(check: TargetCheck, lang: Lang): string | null {
  if (check.ground === undefined || check.current === null) return null;
  const zh = lang === 'zh';
  const land = zh ? '陆域' : 'land';
  const polygon = zh ? '行政区域' : 'polygon';
  if (check.ground === 'polygon') return polygon;
  if (check.polygon === undefined) return land;
  const value = check.unit === 'share' ? `${formatNumber(lang, check.polygon * 100, 1)}%` : `${formatNumber(lang, check.polygon, 2)} / km²`;
  return `${land} · ${polygon} ${value}`;
}

export function currentText(check: TargetCheck, lang: Lang): string {
  if (check.current === null) return '—';
  if (check.unit === 'share') return `${formatNumber(lang, check.current * 100, 1)}%`;
  if (check.unit === 'per-km2') return `${formatNumber(lang, check.current, 2)} / km²`;
  return formatNumber(lang, check.current);
}

export function reportedText(target: Target, lang: Lang): string | null {
  const r = target.reported;
  if (!r) return null;
  const more = r.qualifier === 'more-than' ? (lang === 'zh' ? '超过 ' : 'over ') : '';
  return lang === 'zh' ? `${r.year} 年报告：${more}${formatNumber(lang, r.value)}` : `reported ${r.year}: ${more}${formatNumber(lang, r.value)}`;
}
