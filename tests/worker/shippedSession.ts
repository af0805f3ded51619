/**
 * Test helper: the coverage worker's session on the shipped districts, zones, Outer Ring and land,
 * with the bundled assumptions — and, unless other sites are given, the illustrative sample — as the
 * app opens it. Used by unit, CLI and browser tests that hold the app's figures to the session's.
 */
import { CoverageSession } from '../../src/worker/coverageSession';
import { parseScenarioFile } from '../../src/domain/scenarioFile';
import { assumptionValues } from '../../src/domain/assumptions';
import { BUNDLED_ASSUMPTIONS } from '../../src/domain/bundledPlans';
import type { Site } from '../../src/domain/site';
import type { Target } from '../../src/domain/plan';
import { data, dataText } from '../geodata/load';

/** The illustrative sample's sites. */
export function sampleSites(): Site[] {
  return parseScenarioFile(JSON.parse(dataText('sample-scenario.geojson'))).sites;
}

/** A session on the shipped layers at `cellM`, its sites and the bundled assumptions set. */
export function shippedSession(cellM: number, options: { sites?: readonly Site[]; targets?: Target[] } = {}): CoverageSession {
  const session = new CoverageSession(
    { districts: data('districts.geojson') as never, zones: data('zones.geojson') as never, outerRing: data('outer-ring-area.geojson') as never, land: data('land.geojson') as never },
    { cellM, ...(options.targets ? { targets: options.targets } : {}) },
  );
  session.applySites({ replace: [...(options.sites ?? sampleSites())] });
  session.setAssumptions(assumptionValues(BUNDLED_ASSUMPTIONS));
  return session;
}
