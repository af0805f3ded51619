/**
 * Residents in the coverage worker's compute step (src/worker/coverageSession.ts), on the shipped
 * geometry at 200 m cells: the layer's figures carry the residents a fresh engine with the same layer
 * gives; the status says where they come from; a refused input keeps the layer held; a raster input
 * moves to the worker without a copy.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CoverageSession } from '../../src/worker/coverageSession';
import { CoverageEngine } from '../../src/coverage/engine';
import { buildPopulationLayer } from '../../src/coverage/population';
import { resolveViewRule } from '../../src/domain/coverageViews';
import { assumptionValues } from '../../src/domain/assumptions';
import { BUNDLED_ASSUMPTIONS } from '../../src/domain/bundledPlans';
import { CENSUS_SPREAD_LABEL, censusPopulationInput, fileSource, populationTransferables, type PopulationInput } from '../../src/domain/population';
import { parsePopulationCsv } from '../../src/io/loadGeodata';
import type { Site } from '../../src/domain/site';
import { regionAndRule } from '../../src/coverage/radiusEvaluator';
import { targetFacilities } from '../../src/domain/plan';
import { assumptionKeyOf } from '../../src/domain/assumptions';
import { dataText } from '../geodata/load';
import { sampleSites, shippedSession } from './shippedSession';

const CHARGING_VIEW = 'ev-charging-pile+ev-charging-station+ev-fast-charging-pile|inside:0.9,outside:1.5';
const assumptions = assumptionValues(BUNDLED_ASSUMPTIONS);
let session: CoverageSession;
let sites: Site[];
let census: PopulationInput;

beforeAll(() => {
  sites = sampleSites();
  session = shippedSession(200, { sites });
  session.setView(CHARGING_VIEW, 'none');
  census = censusPopulationInput((parsePopulationCsv(dataText('district-population.csv')) as { value: never }).value);
});

describe('residents in the coverage session', () => {
  it('without a layer: no residents, no status (the figures as before)', () => {
    const u = session.compute();
    expect(u.population).toBeNull();
    expect(u.view!.breakdown.all.residents).toBeUndefined();
    expect(u.view!.population).toBeUndefined();
  });

  it('with the census default: every area carries the residents a fresh engine with the same layer gives, labelled', () => {
    const status = session.setPopulation(census)!;
    expect(status.error).toBeNull();
    expect(status.source.label).toEqual(CENSUS_SPREAD_LABEL);
    const u = session.compute();
    expect(u.population).toEqual(status);
    expect(u.view!.population).toEqual({ source: census.source, report: status.report });
    const view = session.views.get(CHARGING_VIEW)!;
    const rule = resolveViewRule(view, assumptions)!;
    const types = new Set<string>(view.facilities);
    const engine = new CoverageEngine(session.grid, { maxDistanceM: 1500 });
    engine.setSites(sites.filter((s) => types.has(s.type)));
    engine.setPopulation(buildPopulationLayer(session.grid, census));
    expect(u.view!.breakdown).toEqual(engine.breakdown(rule));
    const minhang = u.view!.breakdown.districts['310112']!.residents!;
    expect(minhang.residents).toBeCloseTo(2_653_489, 0); // the census row
    expect(minhang.share).toBeGreaterThan(0);
    expect(minhang.share).toBeLessThan(1);
    expect(u.view!.breakdown.zones['maqiao-ai-zone']!.residents!.residents).toBeGreaterThan(0);
  });

  it('every service-radius target the checker measures carries its residents: those the engine gives for its region and rule', () => {
    const u = session.compute();
    let checked = 0;
    for (const target of session.targets) {
      if (target.metric !== 'service-radius') continue;
      const check = u.results.find((r) => r.targetId === target.id)!;
      if (check.current === null) continue;
      const parts = target.goal.rule.map((r) => ({ part: r.part, radiusKm: r.radiusKm ?? assumptions[assumptionKeyOf(r.radiusFrom!)!]! }));
      const found = regionAndRule(session.grid, { target, parts })!;
      const types = new Set<string>(targetFacilities(target));
      const engine = new CoverageEngine(session.grid, { maxDistanceM: 3000 });
      engine.setSites(sites.filter((s) => types.has(s.type)));
      engine.setPopulation(session.populationLayer);
      const want = engine.regionCoverage(found.region, found.rule).residents!;
      expect(check.residents!.residents).toBeCloseTo(want.residents, 3);
      expect(check.residents!.covered).toBeCloseTo(want.covered, 3);
      expect(check.residents!.notReached).toBeCloseTo(want.residents - want.covered, 3);
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('the compared scenario is measured with the same residents', () => {
    session.setCompare(sites.slice(0, 100));
    const u = session.compute();
    expect(u.compare!.view!.breakdown.all.residents!.residents).toBeCloseTo(u.view!.breakdown.all.residents!.residents, 3);
    expect(u.compare!.view!.breakdown.all.residents!.covered).toBeLessThan(u.view!.breakdown.all.residents!.covered);
    session.setCompare(null);
  });

  it('an input the grid cannot take is refused in the status; the layer held stays in use', () => {
    const far: PopulationInput = { kind: 'raster', source: fileSource('raster', 'elsewhere.tif'), raster: { width: 1, height: 1, west: 100, north: 20, dLon: 0.1, dLat: 0.1, values: new Float32Array([5]) } };
    const status = session.setPopulation(far)!;
    expect(status.error).toBe("none of its 5 residents lies in Shanghai's districts");
    expect(status.source.name).toBe('elsewhere.tif');
    const u = session.compute();
    expect(u.population!.error).not.toBeNull();
    expect(u.view!.population!.source.kind).toBe('district-census');
    expect(u.view!.breakdown.all.residents!.residents).toBeCloseTo(24_870_895, -1);
  });

  it('null removes the residents', () => {
    expect(session.setPopulation(null)).toBeNull();
    expect(session.compute().view!.breakdown.all.residents).toBeUndefined();
  });
});

it('a raster input moves to the worker with its values transferred, not copied', () => {
  const values = new Float32Array(1000).fill(3);
  const input: PopulationInput = { kind: 'raster', source: fileSource('raster', 'x.tif'), raster: { width: 40, height: 25, west: 121, north: 31.5, dLon: 0.01, dLat: 0.01, values } };
  const moved = structuredClone(input, { transfer: populationTransferables(input) });
  expect(values.byteLength).toBe(0); // the sender's copy is gone
  expect(moved.kind === 'raster' && moved.raster.values.length).toBe(1000);
  expect(populationTransferables(census)).toEqual([]);
});
