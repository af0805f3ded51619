/**
 * The district action plans as data: schema, types and the checker.
 *
 * A plan file (`seeds/plans/<district>.json`, discovered: see planFolder.ts) lists every target of one document that has a place on a
 * map, each with a short verbatim quote so a reader can find it in `seeds/sources/`. Targets come in four
 * metrics, each with its own `goal` payload:
 *
 * - `count`          — `{ value, mode: 'cumulative' | 'new', baseline?, aim?, valueKind }`
 * - `density`        — `{ perKm2 | null, note_en? }` (null: the text only says "raise coverage per km²")
 * - `presence`       — `{ place, minCount }` (at least `minCount` units at the place)
 * - `service-radius` — `{ rule: [{ part, radiusKm | radiusFrom }], targetShare | null }`
 *
 * Full-coverage goals ("5G全覆盖") have no radius in the documents. Their rule parts carry
 * `radiusFrom: "assumption:<key>"` pointing into `seeds/assumptions.json` instead of a `radiusKm`,
 * and the target carries `qualitative: true`. A rule part never has both, so a plan figure
 * (Minhang charging 0.9 / 1.5 km) can never be confused with an assumption.
 */
import { z } from 'zod';
import { adcodeSchema } from './geodata';
import { facilityTypeIdSchema, type FacilityTypeId } from './facilityTypes';
import { KEBAB_ID, zoneIdSchema } from './zoneIds';
import { ASSUMPTION_REF_PREFIX, assumptionKeyOf } from './assumptions';
import { byCodePoint } from './byCodePoint';

const kebabId = z.string().regex(KEBAB_ID, 'ids are kebab-case');

/** Seed document file names look like `000_71f8e23333d7bc4b.txt`. */
export const seedFileSchema = z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, 'not a seed document file name');

/** Part of a scope relative to the Outer Ring (S20): 外环内 `inside`, 外环外 `outside`, or `all`. */
export const ringPartSchema = z.enum(['inside', 'outside', 'all']);
export type RingPart = z.infer<typeof ringPartSchema>;

/**
 * Where a target applies.
 * - `district`: the whole district of the plan.
 * - `ring`: the district inside / outside the Outer Ring.
 * - `zone`: a named zone whose polygon ships in `zones.geojson`.
 * - `place`: a place the text names but the map has no polygon for (智行生态谷, 湾谷科技园, unnamed
 *   "key areas"). Listed so nothing is hidden, but never checkable.
 */
export const scopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('district') }),
  z.object({ kind: z.literal('ring'), ring: z.enum(['inside', 'outside']) }),
  z.object({ kind: z.literal('zone'), zone: zoneIdSchema }),
  z.object({ kind: z.literal('place'), name_zh: z.string().min(1), name_en: z.string().min(1) }),
]);
export type Scope = z.infer<typeof scopeSchema>;

const assumptionRefSchema = z
  .string()
  .refine((s) => assumptionKeyOf(s) !== null, { message: `must look like "${ASSUMPTION_REF_PREFIX}<key>"` });

/** One part of a service-radius rule: a plan radius (`radiusKm`) or an assumption (`radiusFrom`), never both. */
export const radiusRuleSchema = z
  .object({
    part: ringPartSchema,
    /** The text's own words for the part, e.g. 郊区新城及其他区域. */
    label_zh: z.string().min(1).optional(),
    radiusKm: z.number().positive().max(10).optional(),
    radiusFrom: assumptionRefSchema.optional(),
  })
  .refine((r) => (r.radiusKm === undefined) !== (r.radiusFrom === undefined), {
    message: 'a rule part needs exactly one of radiusKm (plan figure) or radiusFrom (assumption)',
  });
export type RadiusRule = z.infer<typeof radiusRuleSchema>;

export const serviceRadiusGoalSchema = z
  .object({
    rule: z.array(radiusRuleSchema).min(1),
    /** Share of the scope's area to be within reach (1 = full coverage); null when the text gives none. */
    targetShare: z.number().min(0).max(1).nullable(),
  })
  .refine((g) => {
    const parts = g.rule.map((r) => r.part);
    return new Set(parts).size === parts.length && !(parts.includes('all') && parts.length > 1);
  }, { message: "rule parts must be distinct, and 'all' stands alone" });

export const countGoalSchema = z
  .object({
    value: z.number().int().positive(),
    /** `cumulative`: total in the scope; `new`: added on top of what existed when the plan was written. */
    mode: z.enum(['cumulative', 'new']),
    /** For `new`: the count the new ones are added to, when the text gives it. */
    baseline: z.number().int().nonnegative().optional(),
    /** For `new`: a cumulative total the text hopes for (奉贤 力争累计达到3000个). */
    aim: z.number().int().positive().optional(),
    /** `order-of-magnitude` for 十万级 / 万级 style figures; checked as "at least" but labelled so. */
    valueKind: z.enum(['at-least', 'order-of-magnitude']).default('at-least'),
  })
  .refine((g) => g.mode === 'new' || (g.baseline === undefined && g.aim === undefined), {
    message: 'baseline and aim only make sense for mode "new"',
  });

export const densityGoalSchema = z
  .object({
    perKm2: z.number().positive().nullable(),
    note_en: z.string().min(1).optional(),
  })
  .refine((g) => g.perKm2 !== null || g.note_en !== undefined, {
    message: 'a density without a figure needs a note saying what the text asks for',
  });

export const presenceGoalSchema = z.object({
  /** A zone id (then the scope is that zone) or the text's name for the place. */
  place: z.string().min(1),
  minCount: z.number().int().positive(),
});

export const citationSchema = z.object({
  file: seedFileSchema,
  /** Clause path as the text numbers it, e.g. 二(三)2, 行动五 17. */
  clause: z.string().min(1),
  /** A short verbatim quote; tests check it character by character against the source text. */
  quote: z.string().min(1).max(80),
});

export const reportedSchema = z.object({
  value: z.number().nonnegative(),
  year: z.number().int().min(2015).max(2030),
  /** `more-than` for 超过 / 以上 figures. */
  qualifier: z.enum(['exact', 'more-than']).default('exact'),
});

const targetBase = {
  id: kebabId,
  district: adcodeSchema,
  facility: facilityTypeIdSchema,
  /** Other types the text's word includes (5G基站 counts pole sites too). Counted in the target's unit. */
  alsoCounts: z.array(facilityTypeIdSchema).optional(),
  scope: scopeSchema,
  deadline: z.number().int().min(2020).max(2030),
  status: z.enum(['plan-target', 'reported-done']),
  /** A figure the document reports as achieved. */
  reported: reportedSchema.optional(),
  citation: citationSchema,
  note_en: z.string().min(1).max(300),
  /** A coverage-style goal with no figure in the text, mapped with an assumption radius or a minimal count. */
  qualitative: z.boolean().optional(),
};

export const targetSchema = z
  .discriminatedUnion('metric', [
    z.object({ ...targetBase, metric: z.literal('service-radius'), goal: serviceRadiusGoalSchema }),
    z.object({ ...targetBase, metric: z.literal('count'), goal: countGoalSchema }),
    z.object({ ...targetBase, metric: z.literal('density'), goal: densityGoalSchema }),
    z.object({ ...targetBase, metric: z.literal('presence'), goal: presenceGoalSchema }),
  ])
  .superRefine((t, ctx) => {
    if (t.status === 'reported-done' && t.reported === undefined) {
      ctx.addIssue({ code: 'custom', path: ['reported'], message: 'a reported-done target needs its reported figure' });
    }
    if (t.alsoCounts?.includes(t.facility)) {
      ctx.addIssue({ code: 'custom', path: ['alsoCounts'], message: 'alsoCounts repeats the main facility' });
    }
    if (t.metric === 'presence' && t.scope.kind === 'zone' && t.goal.place !== t.scope.zone) {
      ctx.addIssue({ code: 'custom', path: ['goal', 'place'], message: 'a presence target scoped to a zone names that zone as its place' });
    }
    if (t.metric === 'service-radius' && t.goal.rule.some((r) => r.radiusFrom !== undefined) && t.qualitative !== true) {
      ctx.addIssue({ code: 'custom', path: ['qualitative'], message: 'a target whose radius is an assumption must say qualitative: true' });
    }
  });

export type Target = z.infer<typeof targetSchema>;
export type TargetMetric = Target['metric'];
export type CountTarget = Extract<Target, { metric: 'count' }>;
export type DensityTarget = Extract<Target, { metric: 'density' }>;
export type PresenceTarget = Extract<Target, { metric: 'presence' }>;
export type ServiceRadiusTarget = Extract<Target, { metric: 'service-radius' }>;

export const planDocumentSchema = z.object({
  /** Seed file name in `seeds/sources/`. */
  file: seedFileSchema,
  title: z.string().min(1),
  /** The title in English, as the interface shows it. */
  title_en: z.string().min(1),
  /** 文号, e.g. 闵府发〔2020〕16号; null when the published text carries none. */
  number: z.string().min(1).nullable(),
  /** Date the document was signed or issued (YYYY-MM-DD). */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

/**
 * The years a plan runs, first and last inclusive, as its own words say (the title's "(2020-2022年)",
 * or Yangpu's "2020年工作进展和2021年工作计划"). The quote holds both years; the unit tests find it
 * verbatim in the plan's document. "New" count targets count the sites built in these years
 * (domain/siteYear.ts).
 */
export const planPeriodSchema = z
  .object({
    start: z.number().int().min(2015).max(2035),
    end: z.number().int().min(2015).max(2035),
    /** Where in the document the quote stands. */
    from: z.enum(['title', 'body']),
    /** Verbatim text of the document naming the period. */
    quote: z.string().min(4).max(80),
  })
  .strict()
  .refine((p) => p.start <= p.end, { message: 'the period ends before it starts' })
  .refine((p) => p.quote.includes(String(p.start)) && p.quote.includes(String(p.end)), { message: 'the quote must name the first and the last year' });
export type PlanPeriod = z.infer<typeof planPeriodSchema>;

export const planSchema = z
  .object({
    district: adcodeSchema,
    name_zh: z.string().min(1),
    name_en: z.string().min(1),
    document: planDocumentSchema,
    period: planPeriodSchema,
    /**
     * The named zones of this district that its targets are scoped to (their polygons ship in
     * `zones.geojson`, drawn by geodata/scripts/zones.ts). A plan with no zones lists none.
     */
    zones: z.array(zoneIdSchema).default([]),
    targets: z.array(targetSchema).min(1),
  })
  .superRefine((p, ctx) => {
    const zones = new Set(p.zones);
    if (zones.size !== p.zones.length) ctx.addIssue({ code: 'custom', path: ['zones'], message: 'a zone is listed twice' });
    p.targets.forEach((t, i) => {
      if (t.scope.kind === 'zone' && !zones.has(t.scope.zone)) {
        ctx.addIssue({ code: 'custom', path: ['targets', i, 'scope', 'zone'], message: `zone ${t.scope.zone} is not one of the plan's zones` });
      }
      if (t.district !== p.district) {
        ctx.addIssue({ code: 'custom', path: ['targets', i, 'district'], message: `target ${t.id} is not in ${p.district}` });
      }
      if (t.citation.file !== p.document.file) {
        ctx.addIssue({ code: 'custom', path: ['targets', i, 'citation', 'file'], message: `target ${t.id} cites another document` });
      }
    });
  });
export type Plan = z.infer<typeof planSchema>;

/** The facility types a target counts: its own type first, then `alsoCounts`. */
export function targetFacilities(target: Target): FacilityTypeId[] {
  return [target.facility, ...(target.alsoCounts ?? [])];
}

/** Every `assumption:<key>` key a target's radius rule refers to. */
export function assumptionKeysOf(target: Target): string[] {
  if (target.metric !== 'service-radius') return [];
  return target.goal.rule.flatMap((r) => {
    const key = r.radiusFrom === undefined ? null : assumptionKeyOf(r.radiusFrom);
    return key === null ? [] : [key];
  });
}

/**
 * Validates plan files and the rules that span files: target ids unique across all plans, one plan per
 * district, and every `radiusFrom` pointing at a known assumption key.
 * @param files parsed JSON of the plan files, by file name.
 * @param assumptionKeys keys of `seeds/assumptions.json`.
 * @returns the plans and a list of problems (empty when all is well), each naming the file (and the target id).
 */
export function checkPlans(
  files: Readonly<Record<string, unknown>>,
  assumptionKeys: Iterable<string>,
): { plans: Plan[]; issues: string[] } {
  const known = new Set(assumptionKeys);
  const issues: string[] = [];
  const plans: Plan[] = [];
  for (const [name, raw] of Object.entries(files)) {
    const r = planSchema.safeParse(raw);
    if (r.success) plans.push(r.data);
    else issues.push(...r.error.issues.map((e) => `${name}: ${e.path.join('.') || '(file)'}: ${e.message}`));
  }
  // In the order of their documents in seeds/sources (000_…, 001_…), whatever the file names.
  plans.sort((a, b) => byCodePoint(a.document.file, b.document.file) || byCodePoint(a.district, b.district));
  const seenIds = new Set<string>();
  const seenDistricts = new Set<string>();
  const zoneOwner = new Map<string, string>();
  for (const plan of plans) {
    if (seenDistricts.has(plan.district)) issues.push(`district ${plan.district} has two plans`);
    seenDistricts.add(plan.district);
    for (const zone of plan.zones) {
      const owner = zoneOwner.get(zone);
      if (owner !== undefined && owner !== plan.district) issues.push(`zone ${zone} is listed by the plans of ${owner} and ${plan.district}`);
      zoneOwner.set(zone, plan.district);
    }
    for (const t of plan.targets) {
      if (seenIds.has(t.id)) issues.push(`target id ${t.id} is used twice`);
      seenIds.add(t.id);
      for (const key of assumptionKeysOf(t)) {
        if (!known.has(key)) issues.push(`target ${t.id} refers to unknown assumption ${key}`);
      }
    }
  }
  return { plans, issues };
}

/**
 * The plans of `files` (by file name), validated, in document order.
 * @param assumptionKeys keys of the assumptions file (from `loadAssumptions()`), so a dangling
 *   `radiusFrom` is caught at load rather than showing an empty coverage map.
 * @throws Error listing every problem, each with its file, when a plan file is invalid.
 */
export function loadPlans(files: Readonly<Record<string, unknown>>, assumptionKeys: Iterable<string>): Plan[] {
  const { plans, issues } = checkPlans(files, assumptionKeys);
  if (issues.length > 0) throw new Error(`invalid plan files:\n${issues.join('\n')}`);
  if (plans.length === 0) throw new Error('no plan files in seeds/plans');
  return plans;
}

/** Each zone a plan lists → the district (adcode) of that plan. */
export function zoneDistricts(plans: readonly Plan[]): ReadonlyMap<string, string> {
  return new Map(plans.flatMap((p) => p.zones.map((z) => [z, p.district] as const)));
}

/** Each plan's period (first and last year) by district adcode, for the checker's "new" counts. */
export function planPeriods(plans: readonly Plan[]): ReadonlyMap<string, { start: number; end: number }> {
  return new Map(plans.map((p) => [p.district, { start: p.period.start, end: p.period.end }]));
}

/** All targets of the given plans, in file order. */
export function allTargets(plans: readonly Plan[]): Target[] {
  return plans.flatMap((p) => p.targets);
}
