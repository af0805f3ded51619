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

export const sitesSchema = z
  .array(siteSchema)
  .refine((sites) => new Set(sites.map((s) => s.id)).size === sites.length, { message: 'site ids must be unique' });

/**
 * Validates a list of sites.
 * @throws ZodError naming the bad row and field.
 */
export function parseSites(raw: unknown): Site[] {
  return sitesSchema.parse(raw);
}
