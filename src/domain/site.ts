/**
 * A site on the map: an existing, planned or candidate facility at one point.
 *
 * Sites are what the checker counts against plan targets. Coordinates are WGS-84; a site outside the
 * Shanghai region box is rejected, which also catches swapped longitude/latitude columns.
 */
import { z } from 'zod';
import { facilityTypeIdSchema } from './facilityTypes';
import { SHANGHAI_REGION_BBOX } from './geojson';
import { OWN_RADIUS_KM } from './serviceRule';
import { SITE_YEAR } from './siteYear';
import { isObject } from './isObject';

export const siteStatusSchema = z.enum(['existing', 'planned', 'candidate']);
export type SiteStatus = z.infer<typeof siteStatusSchema>;

export const siteSchema = z
  .object({
    id: z.string().min(1),
    type: facilityTypeIdSchema,
    lon: z.number().min(SHANGHAI_REGION_BBOX.west).max(SHANGHAI_REGION_BBOX.east),
    lat: z.number().min(SHANGHAI_REGION_BBOX.south).max(SHANGHAI_REGION_BBOX.north),
    name: z.string().min(1).optional(),
    status: siteStatusSchema,
    /** Units at this site (piles, bays, camera channels, sensors); counted for types whose unit is capacity. */
    capacity: z.number().int().positive().optional(),
    /**
     * The site's own service radius (km), 10 m – 50 km: it serves that radius on both sides of the
     * Outer Ring instead of the rule's radius (a fast-charging hub, a macro 5G site).
     */
    radiusKm: z.number().min(OWN_RADIUS_KM.min).max(OWN_RADIUS_KM.max).optional(),
    /**
     * The year the site was built or is planned for (1990–2100); absent when unknown. A site
     * without a year exists at every as-of year but is never "new" (see siteYear.ts).
     */
    year: z.number().int().min(SITE_YEAR.min).max(SITE_YEAR.max).optional(),
    /** Made up to show how the map works; the UI marks it and it is never real data. */
    illustrative: z.boolean().optional(),
  })
  .strict();
export type Site = z.infer<typeof siteSchema>;

const sitesChecked = z
  .array(siteSchema)
  .refine((sites) => new Set(sites.map((s) => s.id)).size === sites.length, { message: 'site ids must be unique' });

const SITE_KEYS = new Set(Object.keys(siteSchema.shape));
const TYPE_IDS = new Set<unknown>(facilityTypeIdSchema.options);
const STATUSES = new Set<unknown>(siteStatusSchema.options);
const BOX = SHANGHAI_REGION_BBOX;
const absentOr = (v: unknown, ok: (v: unknown) => boolean) => v === undefined || ok(v);
const num = (v: unknown): v is number => typeof v === 'number';

/**
 * True only for a site `siteSchema` takes as it is: checked by hand, field by field, with the
 * schema's bounds. Conservative — anything it is unsure of goes to zod — and tested to imply zod's
 * verdict (tests/domain/site.test.ts).
 */
export function surelyValidSite(o: unknown): boolean {
  if (!isObject(o)) return false;
  for (const k in o) if (!Object.hasOwn(o, k) || !SITE_KEYS.has(k)) return false;
  return (
    typeof o.id === 'string' && o.id.length > 0 &&
    TYPE_IDS.has(o.type) &&
    STATUSES.has(o.status) &&
    num(o.lon) && o.lon >= BOX.west && o.lon <= BOX.east &&
    num(o.lat) && o.lat >= BOX.south && o.lat <= BOX.north &&
    absentOr(o.name, (v) => typeof v === 'string' && v.length > 0) &&
    absentOr(o.capacity, (v) => Number.isSafeInteger(v) && (v as number) > 0) &&
    absentOr(o.radiusKm, (v) => num(v) && v >= OWN_RADIUS_KM.min && v <= OWN_RADIUS_KM.max) &&
    absentOr(o.year, (v) => Number.isSafeInteger(v) && (v as number) >= SITE_YEAR.min && (v as number) <= SITE_YEAR.max) &&
    absentOr(o.illustrative, (v) => typeof v === 'boolean')
  );
}

/**
 * A list of sites, ids unique. The usual list (every site sound, as saved by this app) is checked by
 * hand — zod's object parse of a 3,000-site scenario took ≈ 75 ms of the page's start, cold — and
 * kept as given; any other goes through zod, which names the bad site and field.
 */
export const sitesSchema = z.custom<Site[]>().superRefine((value, ctx) => {
  if (Array.isArray(value) && value.every(surelyValidSite) && new Set(value.map((s: Site) => s.id)).size === value.length) return;
  const checked = sitesChecked.safeParse(value);
  if (!checked.success) for (const issue of checked.error.issues) ctx.addIssue({ ...issue, code: 'custom', path: issue.path as PropertyKey[] });
});

/**
 * Validates a list of sites.
 * @throws ZodError naming the bad row and field.
 */
export function parseSites(raw: unknown): Site[] {
  return sitesSchema.parse(raw);
}
