/**
 * Proposed sites → scenario sites. Pure, so the panel adds them as ONE edit (one undo step) and a
 * unit test can check the ids, names and fields.
 */
import type { FacilityTypeId } from '../domain/facilityTypes';
import type { Site, SiteStatus } from '../domain/site';

export interface AcceptOptions {
  type: FacilityTypeId;
  status: Extract<SiteStatus, 'candidate' | 'planned'>;
  /** The word in front of the number in names: "proposed" → "proposed 3". */
  nameWord: string;
}

/**
 * New sites for `picked` (positions, numbered as in the result list), with ids `proposed-<k>` not yet
 * used in `existing` and names "<word> <n>"; a pick with a `year` (staged by year, staging.ts) gives
 * its site that year.
 */
export function proposedToSites(existing: readonly Site[], picked: ReadonlyArray<{ lon: number; lat: number; n: number; year?: number | undefined }>, options: AcceptOptions): Site[] {
  const taken = new Set(existing.map((s) => s.id));
  let k = 1;
  return picked.map((p) => {
    while (taken.has(`proposed-${k}`)) k++;
    const id = `proposed-${k}`;
    taken.add(id);
    const site: Site = { id, type: options.type, lon: p.lon, lat: p.lat, status: options.status, name: `${options.nameWord} ${p.n}` };
    return p.year === undefined ? site : { ...site, year: p.year };
  });
}
