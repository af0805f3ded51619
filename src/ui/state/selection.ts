/**
 * The one selection of the app: a district (any of the 16; a plan district's scorecard shows its
 * targets) and, within a plan district, a zone. The map outlines it and the district panel describes
 * it while `shown`; the scorecard, the share link and the export read the same district and zone.
 * Pure transitions, so the main app's store and the embed keep one rule.
 */
import { zoneDistrict } from '../../domain/bundledPlans';
import { isPlanDistrictAdcode } from '../../domain/planDocuments';

export interface Selection {
  /** null: the whole city. */
  district: string | null;
  /** A zone of the district, or null for the whole district. */
  zone: string | null;
  /** Whether the map outlines the district and the district panel describes it (closed: still selected). */
  shown: boolean;
}

export const NO_SELECTION: Selection = { district: null, zone: null, shown: false };

/** The selection a share link opens with: its district (shown) and its zone when the zone lies in it. */
export function linkSelection(link: { district: string | null; zone: string | null } | null | undefined): Selection {
  const district = link?.district ?? null;
  return { district, zone: inDistrict(link?.zone ?? null, district), shown: district !== null };
}

/** A click on the map: a district is selected and shown; a click on no district only hides the panel. */
export function selectOnMap(s: Selection, adcode: string | null): Selection {
  return adcode === null ? { ...s, shown: false } : { district: adcode, zone: null, shown: true };
}

/** The scorecard's (or the embed host's) choice of district and zone; the panel, if open, follows it. */
export function selectScope(s: Selection, district: string | null, zone: string | null): Selection {
  return { district, zone: inDistrict(zone, district), shown: s.shown && district !== null };
}

/** The plan district the scorecard shows (null: the whole city, also for a district without a plan). */
export function scorecardDistrict(s: Selection): string | null {
  return s.district !== null && isPlanDistrictAdcode(s.district) ? s.district : null;
}

function inDistrict(zone: string | null, district: string | null): string | null {
  return zone !== null && district !== null && zoneDistrict(zone) === district ? zone : null;
}
