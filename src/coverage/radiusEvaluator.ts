/**
 * Adapts the coverage engine to the checker's `RadiusEvaluator` (src/domain/checker.ts).
 *
 * The checker passes the rule parts with their turf-clipped polygons; we use only their radii and
 * measure on the engine's own rasterised masks, keyed by the target's scope: a district scope → the
 * district's region, a ring scope → the district's region with the other ring part left out, a zone
 * scope → the zone's region. That avoids rasterising polygons per call and uses the same sub-sample
 * ring split as the map's gap layer. A scope the grid has no region for returns null (the checker then
 * reports `not-computed`).
 *
 * Sites: one engine per facility-type set, kept in an {@link EnginePool} and synced by difference,
 * so after a one-site edit every target of that type is re-measured after a local update only. The
 * pool is exposed so the map's gap and distance layers read the very same distance field.
 */
import type { RadiusEvaluator, RadiusEvaluatorInput } from '../domain/checker';
import { targetFacilities, type RingPart, type Target } from '../domain/plan';
import type { CoverageGrid, Region } from './grid';
import { regionCoverageOf, ruleFromParts, type CoverageRule } from './engine';
import type { PopulationLayer } from './population';
import { EnginePool } from './syncedEngine';
import { ruleReachKm } from '../domain/serviceRule';

/** The pool key of a set of facility types: the sorted ids. */
export function facilityKey(types: readonly string[]): string {
  return [...new Set(types)].sort().join('+');
}

export interface RadiusEvaluatorWithPool extends RadiusEvaluator {
  pool: EnginePool;
}

/** The region and rule a service-radius target is measured on, or null (place scope, unknown id). */
export function regionAndRule(
  grid: CoverageGrid,
  input: { target: Target; parts: ReadonlyArray<{ part: RingPart; radiusKm: number }> },
): { region: Region; rule: CoverageRule } | null {
  const { target, parts } = input;
  const rule = ruleFromParts(parts);
  const scope = target.scope;
  if (scope.kind === 'place') return null;
  if (scope.kind === 'ring') {
    if (scope.ring === 'inside') rule.outsideKm = null;
    else rule.insideKm = null;
  }
  const region = scope.kind === 'zone' ? grid.zones.get(scope.zone) : grid.districts.get(target.district);
  return region ? { region, rule } : null;
}

export function targetPoolKey(target: Target): string {
  return facilityKey(targetFacilities(target));
}

/**
 * @param population the residents layer in use, read at each call (null: results carry no residents)
 */
export function createRadiusEvaluator(grid: CoverageGrid, pool = new EnginePool(grid), population: () => PopulationLayer | null = () => null): RadiusEvaluatorWithPool {
  const evaluate = (input: RadiusEvaluatorInput): ReturnType<RadiusEvaluator> => {
    const found = regionAndRule(grid, input);
    if (!found) return null;
    const { region, rule } = found;
    const areaKm2 = (rule.insideKm === null ? 0 : region.insideKm2) + (rule.outsideKm === null ? 0 : region.outsideKm2);
    if (!(areaKm2 > 0)) return null;
    const layer = population();
    // No sites: nothing is covered; no need to hold a city-sized engine for an empty type.
    if (input.sites.length === 0) {
      if (!layer) return { land: 0, polygon: 0 };
      const none = { dist: null, own: null, insideM: rule.insideKm === null ? -1 : rule.insideKm * 1000, outsideM: rule.outsideKm === null ? -1 : rule.outsideKm * 1000 };
      const residents = regionCoverageOf(grid, region, rule, none, layer).residents;
      return { land: 0, polygon: 0, ...(residents ? { residents } : {}) };
    }
    const engine = pool.engineFor(targetPoolKey(input.target), input.sites, { radiusM: ruleReachKm(rule) * 1000, factor: 1 });
    const result = regionCoverageOf(grid, region, rule, engine.coverTest(rule), layer);
    return { land: result.land.share, polygon: result.polygon.share, ...(result.residents ? { residents: result.residents } : {}) };
  };
  return Object.assign(evaluate, { pool });
}
