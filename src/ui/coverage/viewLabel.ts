import type { CoverageView, ResolvedRule } from '../../domain/coverageViews';
import { FACILITY_TYPES } from '../../domain/facilityTypes';
import { translator, type Lang } from '../i18n';
import { coverageStrings } from './strings';

/** "EV charging · 0.9 km inside the Outer Ring / 1.5 km outside" in the UI language. */
export function viewLabel(lang: Lang, view: CoverageView, rule: ResolvedRule | null): string {
  const { t, pick } = translator(lang, coverageStrings);
  const type = FACILITY_TYPES[view.primary];
  return `${pick(type.label_zh, type.label_en)} · ${ruleText(lang, rule)}${view.assumed ? ` (${t('assumedRadius')})` : ''}`;
}

export function ruleText(lang: Lang, rule: ResolvedRule | null): string {
  if (!rule) return '?';
  const { t, num } = translator(lang);
  const km = (v: number) => `${num(v, v < 1 ? 2 : 1)} km`;
  if (rule.insideKm !== null && rule.insideKm === rule.outsideKm) return km(rule.insideKm);
  const parts: string[] = [];
  if (rule.insideKm !== null) parts.push(`${t('insideRing')} ${km(rule.insideKm)}`);
  if (rule.outsideKm !== null) parts.push(`${t('outsideRing')} ${km(rule.outsideKm)}`);
  return parts.join(' / ');
}
