/**
 * Ids of the named zones that plan targets may use as their scope.
 *
 * Each plan file lists its zones (`zones` in `seeds/plans/*.json`); their polygons ship in
 * `public/data/zones.geojson` (geodata/scripts/zones.ts). The plan checker ties the two ends: a
 * target may only be scoped to a zone its plan lists, and no zone belongs to two districts; a unit
 * test checks that every listed zone has its polygon, in its plan's district.
 */
import { z } from 'zod';

/** Plan, target and zone ids: lower-case words joined by hyphens. */
export const KEBAB_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const zoneIdSchema = z.string().regex(KEBAB_ID, 'zone ids are kebab-case');
export type ZoneId = z.infer<typeof zoneIdSchema>;
