/**
 * The one selection of the app: a district (any of the 16; a plan district's scorecard shows its
 * targets), within a plan district a zone, and within the district a township (街道 / 镇, by its
 * 9-digit code: the township table and the map highlight it). The map outlines it and the district panel describes
 * it while `shown`; the scorecard, the share link and the export read the same district and zone.
 * Pure transitions, so the main app's store and the embed keep one rule.
 */
import { zoneDistrict } from '../../domain/bundledPlans';
import { isPlanDistrictAdcode } from '../../domain/planDocuments';
import { townshipDistrict } from '../../domain/townships';
import type { AreaSelector } from '../../coverage/engine';

export interface Selection {
  /** null: the whole city. */
  district: string | null;
  /** A zone of the district, or null for the whole district. */
  zone: string | null;
  /** A township of the district (9-digit NBS code), or null. */
  township: string | null;
  /** Whether the map outlines the district and the district panel describes it (closed: still selected). */
  shown: boolean;
}

export const NO_SELECTION: Selection = { district: null, zone: null, township: null, shown: false };

/**
 * The selection a share link opens with: its district (shown), its zone when the zone lies in it, and
 * its township when the township lies in it (links made before townships carry none).
 */
export function linkSelection(link: { district: string | null; zone: string | null; township?: string | null } | null | undefined): Selection {
  const district = link?.district ?? null;
  return { district, zone: inDistrict(link?.zone ?? null, district), township: townshipIn(link?.township ?? null, district), shown: district !== null };
}

/**
 * A click on the map: a district is selected and shown (a click inside the selected township's district
 * keeps the township); a click on no district only hides the panel.
 */
export function selectOnMap(s: Selection, adcode: string | null): Selection {
  if (adcode === null) return { ...s, shown: false };
  return { district: adcode, zone: null, township: townshipIn(s.township, adcode), shown: true };
}

/** The scorecard's (or the embed host's) choice of district and zone; the panel, if open, follows it. The township stays while the district does. */
export function selectScope(s: Selection, district: string | null, zone: string | null): Selection {
  return { district, zone: inDistrict(zone, district), township: townshipIn(s.township, district), shown: s.shown && district !== null };
}

/**
 * A township chosen (the township table): its district is selected and shown with it; the zone stays
 * when it lies in that district. Null clears the township only.
 */
export function selectTownship(s: Selection, code: string | null): Selection {
  if (code === null) return { ...s, township: null };
  const district = townshipDistrict(code);
  return { district, zone: inDistrict(s.zone, district), township: code, shown: true };
}

/** The plan district the scorecard shows (null: the whole city, also for a district without a plan). */
export function scorecardDistrict(s: Selection): string | null {
  return s.district !== null && isPlanDistrictAdcode(s.district) ? s.district : null;
}

function townshipIn(township: string | null, district: string | null): string | null {
  return township !== null && district !== null && townshipDistrict(township) === district ? township : null;
}

function inDistrict(zone: string | null, district: string | null): string | null {
  return zone !== null && district !== null && zoneDistrict(zone) === district ? zone : null;
}

/** The area the selection names, narrowest first (township, zone, district; nothing: the whole city). */
export function selectedArea(s: Selection): AreaSelector {
  if (s.township) return { township: s.township };
  if (s.zone) return { zone: s.zone };
  if (s.district) return { district: s.district };
  return 'all';
}
