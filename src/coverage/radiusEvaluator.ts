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
 * Sites: the engine is recomputed only when the site list differs from the previous call's (the
 * checker builds a fresh array per target, so lists are compared by content). The distance cap
 * follows the largest radius asked for (rounded up to 0.5 km); a larger one rebuilds the engine.
 */
import type { RadiusEvaluator, RadiusEvaluatorInput } from '../domain/checker';
import type { CoverageGrid } from './grid';
import { CoverageEngine, ruleFromParts } from './engine';

export function createRadiusEvaluator(grid: CoverageGrid): RadiusEvaluator {
  let engine: CoverageEngine | null = null;
  let key = '';

  return (input: RadiusEvaluatorInput): number | null => {
    const { target, parts, sites } = input;
    const rule = ruleFromParts(parts);
    const scope = target.scope;
    if (scope.kind === 'place') return null;
    if (scope.kind === 'ring') {
      if (scope.ring === 'inside') rule.outsideKm = null;
      else rule.insideKm = null;
    }
    const region = scope.kind === 'zone' ? grid.zones.get(scope.zone) : grid.districts.get(target.district);
    if (!region) return null;

    const needM = Math.ceil(Math.max(rule.insideKm ?? 0, rule.outsideKm ?? 0) * 2) * 500;
    const siteKey = sites.map((s) => `${s.id}|${s.lon}|${s.lat}`).join(';');
    if (!engine || engine.maxDistanceM < needM) {
      engine = new CoverageEngine(grid, { maxDistanceM: Math.max(needM, 500) });
      key = '';
    }
    if (siteKey !== key) {
      engine.setSites(sites);
      key = siteKey;
    }
    const result = engine.regionCoverage(region, rule);
    return result.areaKm2 > 0 ? result.share : null;
  };
}
