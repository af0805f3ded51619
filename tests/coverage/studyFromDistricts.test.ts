/**
 * The breakdown's study area is summed from its districts (less the sub-samples where districts
 * overlap): it must equal the study area counted cell by cell (regionCoverageOf on grid.study).
 */
import { describe, expect, it } from 'vitest';
import { sideRules, square } from './squares';
import { buildGrid } from '../../src/coverage/grid';
import { breakdownOf, CoverageEngine, gridSourcesFrom, regionCoverageOf, studyExcess } from '../../src/coverage/engine';
import { data } from '../geodata/load';

const rules = sideRules;

function expectStudyEqual(engine: CoverageEngine) {
  for (const rule of rules) {
    const t = engine.coverTest(rule);
    expect(breakdownOf(engine.grid, rule, t).all).toEqual(regionCoverageOf(engine.grid, engine.grid.study, rule, t));
  }
}

describe('study area from the districts', () => {
  it('overlapping districts (a shared strip, one inside another) and a land layer', () => {
    const districts = [
      { id: 'a', geometry: square(121.40, 31.10, 121.46, 31.15) },
      { id: 'b', geometry: square(121.45, 31.12, 121.52, 31.18) }, // overlaps a
      { id: 'c', geometry: square(121.41, 31.11, 121.42, 31.12) }, // inside a
    ];
    const grid = buildGrid({ districts, outerRing: [square(121.43, 31.0, 121.6, 31.3)], land: [square(121.38, 31.09, 121.5, 31.16)] }, { cellM: 50 });
    expect(studyExcess(grid).cells.length).toBeGreaterThan(100);
    const engine = new CoverageEngine(grid, { maxDistanceM: 1500 });
    engine.setSites([
      { id: 's1', lon: 121.44, lat: 31.13 },
      { id: 's2', lon: 121.47, lat: 31.15 },
      { id: 's3', lon: 121.415, lat: 31.115, radiusKm: 0.3 },
    ]);
    expectStudyEqual(engine);
    engine.removeSite('s3');
    expectStudyEqual(engine);
  });

  it('the shipped districts (Minhang and Xuhui), no sites and sites', () => {
    const all = data('districts.geojson') as never as { features: { properties: { adcode: string } }[] };
    const two = { features: all.features.filter((f) => ['310104', '310112'].includes(f.properties.adcode)) };
    const grid = buildGrid(gridSourcesFrom(two as never, undefined, data('outer-ring-area.geojson') as never), { cellM: 100 });
    const engine = new CoverageEngine(grid, { maxDistanceM: 1500 });
    expectStudyEqual(engine);
    engine.setSites(Array.from({ length: 60 }, (_, i) => ({ id: `s${i}`, lon: 121.3 + (i % 10) * 0.03, lat: 31.0 + Math.floor(i / 10) * 0.035 })));
    expectStudyEqual(engine);
  });
});
