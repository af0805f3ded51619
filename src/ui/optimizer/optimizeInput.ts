/**
 * What the optimiser is asked, from the panel's settings: the district and its ground (land, sea,
 * rivers, the Outer Ring), the coverage rule, the scenario's sites of the layer's types (kept as
 * they are), the goal, the candidates (a lattice or the listed points) and the solver.
 */
import type { ResolvedRule } from '../../domain/coverageViews';
import type { Site } from '../../domain/site';
import type { Geodata } from '../../io/loadGeodata';
import type { ObjectiveKind, OptimizeInput, SolverChoice } from '../../optimize/optimizer';
import type { PopulationInput } from '../../domain/population';
import type { RingChoice } from '../../optimize/scope';
import type { FacilityTypeId } from '../../domain/facilityTypes';

export interface OptimizerSettings {
  goal: 'close-gap' | 'best-n';
  /** What a share counts: land area (default) or residents. */
  objective: ObjectiveKind;
  /** close-gap: the share of land (or of residents) to reach, in per cent. */
  targetPct: number;
  /** best-n: how many new sites. */
  n: number;
  /** The district's adcode. */
  district: string;
  ring: RingChoice;
  /** The type new sites get (null: the layer's primary type). */
  type: FacilityTypeId | null;
  /** The candidate lattice's spacing in metres (when no candidate file is given). */
  spacing: number;
  solver: SolverChoice;
}

export const DEFAULT_SETTINGS: OptimizerSettings = {
  goal: 'close-gap',
  objective: 'area',
  targetPct: 100,
  n: 5,
  district: '310112', // Minhang: the first plan district
  ring: 'all',
  type: null,
  spacing: 250,
  solver: 'auto',
};

/** Whether the files the optimiser needs for `district` are loaded (the run button waits for them). Cheap: asked at every render. */
export function groundLoaded(data: Geodata | null, district: string): boolean {
  return !!(data?.districts?.features.some((f) => f.properties.adcode === district) && data.outerRingArea && data.land && data.ocean && data.rivers);
}

/** The optimiser's input; null when a file it needs is missing. Built only when a run starts (it copies every site of the layer's types). */
export function optimizeInput(
  settings: OptimizerSettings,
  facilities: readonly string[],
  rule: ResolvedRule,
  data: Geodata | null,
  sites: readonly Site[],
  candidates: Array<{ lon: number; lat: number }> | null,
  /** The residents the coverage worker uses (the loaded layer or the census default). */
  population: PopulationInput | null = null,
): OptimizeInput | null {
  const { goal, targetPct, n, district, ring, spacing, solver, objective } = settings;
  if (objective === 'residents' && !population) return null;
  const districtFeature = data?.districts?.features.find((f) => f.properties.adcode === district);
  if (!districtFeature || !data?.outerRingArea || !data.land || !data.ocean || !data.rivers) return null;
  const types = new Set<string>(facilities);
  return {
    district: { id: district, geometry: districtFeature.geometry },
    outerRing: data.outerRingArea.features.map((f) => f.geometry),
    ring,
    rule: { insideKm: rule.insideKm, outsideKm: rule.outsideKm },
    water: {
      land: data.land.features.map((f) => ({ geometry: f.geometry })),
      ocean: data.ocean.features.map((f) => ({ geometry: f.geometry })),
      rivers: data.rivers.features.map((f) => ({ geometry: f.geometry, properties: { wdbii_level: Number(f.properties.wdbii_level) || undefined } })),
    } as OptimizeInput['water'],
    land: data.land.features.map((f) => f.geometry),
    existing: sites
      .filter((s) => types.has(s.type))
      .map((s) => ({ id: s.id, lon: s.lon, lat: s.lat, ...(s.radiusKm === undefined ? {} : { radiusKm: s.radiusKm }), ...(s.year === undefined ? {} : { year: s.year }) })),
    goal: goal === 'close-gap' ? { kind: 'close-gap', targetShare: Math.min(100, Math.max(0, targetPct)) / 100 } : { kind: 'best-n', n: Math.max(1, Math.floor(n)) },
    candidates: candidates ? { kind: 'list', points: candidates } : { kind: 'lattice', spacingM: Math.max(50, spacing) },
    solver,
    exactTimeLimitS: solver === 'exact' ? 60 : 20,
    objective,
    ...(objective === 'residents' ? { population } : {}),
  };
}
