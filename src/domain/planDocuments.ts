/**
 * Which district action plan covers a district: the document block of each plan file
 * (`seeds/plans/*.json`, checked against the text in `seeds/sources/`).
 */
import { BUNDLED_PLANS } from './bundledPlans';

export interface PlanDocument {
  adcode: string;
  /** Seed file name in seeds/sources/. */
  file: string;
  title: string;
  title_en: string;
  /** Document number (文号), null when the published text has none. */
  number: string | null;
  date: string;
}

export const PLAN_DOCUMENTS: readonly PlanDocument[] = BUNDLED_PLANS.map((plan) => ({
  adcode: plan.district,
  file: plan.document.file,
  title: plan.document.title,
  title_en: plan.document.title_en,
  number: plan.document.number,
  date: plan.document.date,
}));

const BY_ADCODE = new Map(PLAN_DOCUMENTS.map((d) => [d.adcode, d]));

export function planDocumentFor(adcode: string): PlanDocument | undefined {
  return BY_ADCODE.get(adcode);
}

export const PLAN_DISTRICT_ADCODES: readonly string[] = PLAN_DOCUMENTS.map((d) => d.adcode);

export function isPlanDistrictAdcode(adcode: string): boolean {
  return BY_ADCODE.has(adcode);
}
