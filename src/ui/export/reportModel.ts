/**
 * The rows of the printable scorecard report. The texts come from the same functions the scorecard
 * panel uses (src/ui/scorecard/describeTarget.ts) applied to the same checker results, so the report
 * cannot show a number the app does not: it invents none, it only lays them out for paper.
 */
import { assumptionKeysOf, type Plan } from '../../domain/plan';
import type { Assumption, AssumptionValues } from '../../domain/assumptions';
import type { CheckStatus, TargetCheck } from '../../domain/checker';
import { planDocumentFor } from '../../domain/planDocuments';
import { currentText, facilityLabel, goalText, groundText, reportedText, scopeLabel, statusText, type ZoneNames } from '../scorecard/describeTarget';
import { translator, type Lang } from '../i18n';
import type { PopulationSource } from '../../domain/population';
import type { LoadedPopulationFile } from '../population/populationLoad';
import { populationStrings } from '../population/strings';
import { groundLine, residentsLine } from '../population/residentsText';
import { scorecardStrings } from '../scorecard/strings';

export interface ReportRow {
  targetId: string;
  facility: string;
  scope: string;
  deadline: number;
  goal: string;
  /** null while the checker has no result for the target. */
  current: string | null;
  /** The ground a share or density is measured on, with the polygon's figure beside it. */
  ground: string | null;
  status: CheckStatus | null;
  statusText: string | null;
  reported: string | null;
  reportedDone: boolean;
  aim: string | null;
  /** Service-radius targets with a residents layer: their share of residents and those not reached. */
  residents: string | null;
  /** `new` counts: the sites left out for want of a year ("year unknown: N"). */
  yearUnknown: string | null;
  clause: string;
  /** Verbatim Chinese quote from the plan text. */
  quote: string;
  note: string;
}

export interface ReportModel {
  districtName: string;
  documentTitle: string;
  /** The English title beside the Chinese one in an English report. */
  documentTitleEn: string | null;
  documentNumber: string | null;
  documentDate: string;
  rows: ReportRow[];
  counts: Record<CheckStatus, number>;
  assumptions: Array<{ label: string; value: string }>;
  /** Where the resident figures come from (null: no residents layer). */
  residentsGround: string | null;
  /** The plan period and the as-of year the values are for ("plan period 2020–2022 · as of end of 2021"). */
  years: string;
}

/** The residents layer the figures use, and the file loaded (for its date). */
export interface ReportPopulation {
  source: PopulationSource;
  active: LoadedPopulationFile | null;
}

export function reportModel(
  plan: Plan,
  results: ReadonlyMap<string, TargetCheck> | null,
  lang: Lang,
  zones: ZoneNames,
  assumptions: readonly Assumption[],
  values: AssumptionValues,
  population: ReportPopulation | null = null,
  asOf: number | null = null,
): ReportModel {
  const { num, pick } = translator(lang);
  const sc = translator(lang, scorecardStrings);
  const tr = translator(lang, populationStrings);
  const counts: Record<CheckStatus, number> = { met: 0, short: 0, 'not-computed': 0, 'not-checkable': 0 };
  const rows = plan.targets.map((target): ReportRow => {
    const check = results?.get(target.id);
    if (check) counts[check.status] += 1;
    return {
      targetId: target.id,
      facility: facilityLabel(target, lang),
      scope: scopeLabel(target, lang, zones),
      deadline: target.deadline,
      goal: goalText(target, lang, values),
      current: check ? currentText(check, lang) : null,
      ground: check ? groundText(check, lang) : null,
      status: check?.status ?? null,
      statusText: check ? statusText(check, lang) : null,
      reported: reportedText(target, lang),
      reportedDone: target.status === 'reported-done',
      aim: check?.aim ? `${num(check.aim.current)} / ${num(check.aim.target)}` : null,
      residents: check?.residents ? residentsLine(tr, check.residents) : null,
      yearUnknown: check?.yearUnknown === undefined ? null : sc.t('yearUnknown', { n: num(check.yearUnknown) }),
      clause: target.citation.clause,
      quote: target.citation.quote,
      note: target.note_en,
    };
  });
  const used = new Set(plan.targets.flatMap(assumptionKeysOf));
  const doc = planDocumentFor(plan.district);
  return {
    districtName: pick(plan.name_zh, plan.name_en),
    documentTitle: plan.document.title,
    documentTitleEn: pick(null, doc?.title_en ?? null),
    documentNumber: plan.document.number,
    documentDate: plan.document.date,
    rows,
    counts,
    assumptions: assumptions
      .filter((a) => used.has(a.key))
      .map((a) => ({ label: pick(a.label_zh, a.label_en), value: `${num(values[a.key] ?? a.value, 2)} ${a.unit}` })),
    residentsGround: population ? groundLine(tr, population.source, population.active) : null,
    years: `${sc.t('period', { start: plan.period.start, end: plan.period.end })} · ${sc.t('asOf')} ${asOf === null ? sc.t('asOfAll') : sc.t('asOfYear', { year: asOf })}`,
  };
}
