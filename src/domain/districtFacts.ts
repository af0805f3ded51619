/**
 * The facts the district panel shows, computed from the shipped data: area from the polygon
 * (geodesic, turf), 2020 census population, density, the plan document and the key zones.
 */
import * as turf from '@turf/turf';
import type { District, PopulationRow, Zone } from './geodata';
import { planDocumentFor, type PlanDocument } from './planDocuments';

export interface DistrictFacts {
  adcode: string;
  name: string;
  name_en: string;
  /** Geodesic area of the polygon in km², computed here (not copied from the data). */
  areaKm2: number;
  population: number | null;
  /** People per km² of polygon area; null without a census row. */
  densityPerKm2: number | null;
  plan: PlanDocument | undefined;
  zones: Zone[];
}

export function districtFacts(
  district: District,
  population: readonly PopulationRow[] | undefined,
  zones: readonly Zone[] | undefined,
): DistrictFacts {
  const { adcode, name, name_en } = district.properties;
  const areaKm2 = turf.area(district) / 1e6;
  const row = population?.find((r) => r.adcode === adcode);
  const people = row ? row.population_2020_census : null;
  return {
    adcode,
    name,
    name_en,
    areaKm2,
    population: people,
    densityPerKm2: people === null ? null : people / areaKm2,
    plan: planDocumentFor(adcode),
    zones: (zones ?? []).filter((z) => z.properties.district === adcode),
  };
}
