/**
 * The plans and assumptions shipped with the app (every file in seeds/plans, see planFolder.ts),
 * validated once on import. A broken seed file fails here with every problem listed, each with its
 * file, which the unit tests catch first.
 */
import { loadAssumptions, type Assumption } from './assumptions';
import { loadPlans, zoneDistricts, type Plan } from './plan';
import { PLAN_FILES } from './planFiles';

export const BUNDLED_ASSUMPTIONS: readonly Assumption[] = loadAssumptions();
export const BUNDLED_PLANS: readonly Plan[] = loadPlans(PLAN_FILES, BUNDLED_ASSUMPTIONS.map((a) => a.key));

const ZONE_DISTRICT = zoneDistricts(BUNDLED_PLANS);

/** The district (adcode) of a zone some plan lists, or null for an id that is not such a zone. */
export function zoneDistrict(id: string): string | null {
  return ZONE_DISTRICT.get(id) ?? null;
}

/** The zones the plans list, with their districts, in plan order. */
export const PLAN_ZONES: readonly { zone: string; district: string }[] = [...ZONE_DISTRICT].map(([zone, district]) => ({ zone, district }));
