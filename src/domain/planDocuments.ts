/**
 * Which of the five district action plans covers a district: the document block of each plan file
 * (`seeds/plans/*.json`, checked against the text in `seeds/sources/`), plus an English title.
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

const TITLES_EN: Record<string, string> = {
  '310112': 'Minhang action plan for new infrastructure (2020–2022)',
  '310110': 'Yangpu new infrastructure: 2020 progress and 2021 work plan',
  '310151': 'Chongming action plan for new infrastructure (2020–2022)',
  '310120': 'Fengxian three-year smart city action plan (2020–2022)',
  '310106': "Jing'an action plan for new infrastructure and the online new economy (2020–2022)",
};

export const PLAN_DOCUMENTS: readonly PlanDocument[] = BUNDLED_PLANS.map((plan) => ({
  adcode: plan.district,
  file: plan.document.file,
  title: plan.document.title,
  title_en: TITLES_EN[plan.district] ?? plan.name_en,
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
