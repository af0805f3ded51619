/**
 * Values the map needs but the plans do not give (5G cell radii, sensor and locker reach).
 *
 * They live in `seeds/assumptions.json`, apart from the plan files, and every entry says
 * `source: "assumption"` so the UI can label them as such and let the user change them. A plan target
 * refers to one by key (`radiusFrom: "assumption:<key>"`), never by copying its value.
 */
import { z } from 'zod';
import assumptionsJson from '../../seeds/assumptions.json';

export const assumptionKeySchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'assumption keys are kebab-case');

export const assumptionSchema = z
  .object({
    key: assumptionKeySchema,
    value: z.number().positive(),
    unit: z.enum(['km']),
    label_zh: z.string().min(1),
    label_en: z.string().min(1),
    /** Why this value is a reasonable default, in one or two sentences. */
    rationale_en: z.string().min(20),
    /** Always "assumption": these are never plan figures. */
    source: z.literal('assumption'),
    /** Bounds for a UI control that lets the user change the value. */
    min: z.number().positive(),
    max: z.number().positive(),
  })
  .refine((a) => a.min <= a.value && a.value <= a.max, { message: 'value must lie within [min, max]' });

export const assumptionsFileSchema = z
  .object({
    note_en: z.string().min(1),
    assumptions: z.array(assumptionSchema).min(1),
  })
  .refine((f) => new Set(f.assumptions.map((a) => a.key)).size === f.assumptions.length, {
    message: 'assumption keys must be unique',
  });

export type Assumption = z.infer<typeof assumptionSchema>;
export type AssumptionsFile = z.infer<typeof assumptionsFileSchema>;
/** Assumption values by key, e.g. `{ '5g-macro-radius-inside-outer-ring': 0.3 }` (km). */
export type AssumptionValues = Readonly<Record<string, number>>;

/** Prefix of a reference from a plan rule to an assumption: `assumption:<key>`. */
export const ASSUMPTION_REF_PREFIX = 'assumption:';

/**
 * Validates an assumptions file.
 * @throws ZodError naming the bad field when the file does not match the schema.
 */
export function parseAssumptions(raw: unknown): AssumptionsFile {
  return assumptionsFileSchema.parse(raw);
}

/** The validated assumptions shipped in `seeds/assumptions.json`. */
export function loadAssumptions(): Assumption[] {
  return parseAssumptions(assumptionsJson).assumptions;
}

/** `{ key: value }` for the checker and the coverage engine; pass user overrides on top. */
export function assumptionValues(
  assumptions: readonly Assumption[],
  overrides: AssumptionValues = {},
): AssumptionValues {
  const values: Record<string, number> = {};
  for (const a of assumptions) values[a.key] = a.value;
  return { ...values, ...overrides };
}

/**
 * The key in an `assumption:<key>` reference.
 * @returns the key, or `null` when the string is not such a reference.
 */
export function assumptionKeyOf(ref: string): string | null {
  if (!ref.startsWith(ASSUMPTION_REF_PREFIX)) return null;
  const key = ref.slice(ASSUMPTION_REF_PREFIX.length);
  return assumptionKeySchema.safeParse(key).success ? key : null;
}
