import type { CoverageView, ResolvedRule } from '../../domain/coverageViews';
import { FACILITY_TYPES } from '../../domain/facilityTypes';
import { formatNumber, translate, type Lang } from '../i18n';

/** "EV charging · 0.9 km inside the Outer Ring / 1.5 km outside" in the UI language. */
export function viewLabel(lang: Lang, view: CoverageView, rule: ResolvedRule | null): string {
  const type = FACILITY_TYPES[view.primary];
  const name = lang === 'zh' ? type.label_zh : type.label_en;
  return `${name} · ${ruleText(lang, rule)}${view.assumed ? ` (${translate(lang, 'assumedRadius')})` : ''}`;
}

export function ruleText(lang: Lang, rule: ResolvedRule | null): string {
  if (!rule) return '?';
  const km = (v: number) => `${formatNumber(lang, v, v < 1 ? 2 : 1)} km`;
  if (rule.insideKm !== null && rule.insideKm === rule.outsideKm) return km(rule.insideKm);
  const parts: string[] = [];
  if (rule.insideKm !== null) parts.push(`${translate(lang, 'insideRing')} ${km(rule.insideKm)}`);
  if (rule.outsideKm !== null) parts.push(`${translate(lang, 'outsideRing')} ${km(rule.outsideKm)}`);
  return parts.join(' / ');
}
