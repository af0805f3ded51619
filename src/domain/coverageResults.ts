/**
 * What the coverage engine answers, as the app, the share links and the reports use it: the covered
 * share and km² of each area, on land and on the whole polygon, inside and outside the Outer Ring.
 * Types only, in the lowest floor, so the UI, share and worker floors name them without importing
 * the engine or the worker's messages.
 */
import type { ResolvedRule } from './coverageViews';
import type { PopulationSummary } from './population';

/** What the coverage picture shows: uncovered cells, distance to the nearest site, or nothing. */
export type CoverageMode = 'gaps' | 'distance' | 'none';

export interface PartCoverage {
  areaKm2: number;
  coveredKm2: number;
  share: number;
}

/** Coverage of one ground of an area. */
export interface GroundCoverage {
  /** Covered / area over the rule's parts (0 when the area is empty). */
  share: number;
  areaKm2: number;
  coveredKm2: number;
  uncoveredKm2: number;
  /** Per ring part; null when the rule leaves the part out. */
  inside: PartCoverage | null;
  outside: PartCoverage | null;
}

/** Residents of one ring part of an area. */
export interface PartResidents {
  residents: number;
  covered: number;
  share: number;
}

/**
 * Residents of an area under a rule: those whose cell is within the radius that serves their ground,
 * those not reached, and the share — over the rule's ring parts, like the areas. Residents live on
 * land (src/coverage/population.ts), so there is one figure for both grounds.
 */
export interface ResidentsCoverage {
  /** Covered / residents over the rule's parts (0 when the area has none). */
  share: number;
  residents: number;
  covered: number;
  notReached: number;
  /** Per ring part; null when the rule leaves the part out. */
  inside: PartResidents | null;
  outside: PartResidents | null;
}

/** Coverage of an area on land (the default ground of every share) and on the whole polygon. */
export interface CoverageResult {
  land: GroundCoverage;
  polygon: GroundCoverage;
  /** Present when a residents layer was given (the district census spread evenly, or a loaded file). */
  residents?: ResidentsCoverage;
}

export interface CoverageBreakdown {
  all: CoverageResult;
  districts: Record<string, CoverageResult>;
  zones: Record<string, CoverageResult>;
  /** By 9-digit code, when the grid holds townships. */
  townships?: Record<string, CoverageResult>;
}

/** Units (piles, bays) against residents by two-step floating catchment (src/coverage/capacity.ts), for one area. */
export interface CapacityFigures {
  /** Residents of the area on the rule's sides of the ring. */
  residents: number;
  /** Residents per unit within reach (the reciprocal of their mean access); null when no unit reaches anybody there. */
  residentsPerUnit: number | null;
  /** Residents no site reaches. */
  notReached: number;
}

export interface CapacityBreakdown {
  districts: Record<string, CapacityFigures>;
  /** By 9-digit code, when the grid holds townships. */
  townships: Record<string, CapacityFigures>;
  sites: number;
  units: number;
  /** Sites that carry no capacity and were counted as one unit each. */
  assumedUnits: number;
}

/** The coverage layer's figures: its rule, how many of its sites, and the breakdown by area. */
export interface ViewCoverage {
  viewId: string;
  rule: ResolvedRule;
  sites: number;
  breakdown: CoverageBreakdown;
  /** Where the breakdown's resident figures come from (absent: no residents layer). */
  population?: PopulationSummary;
  /** Residents per unit by district and township, when residents are set and a site of the layer carries a capacity. */
  capacity?: CapacityBreakdown;
}
