/**
 * Covered shares against turf's (circle 64 steps → union → intersect → area), stored in
 * tests/fixtures/coverage/*.expected.json by tests/coverage/fixtures.ts. The engine runs on turf's
 * sphere here (TURF_SPHERE) so that both sides use the same earth; on WGS-84 radii differ by up to 0.3 %.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGrid, type CoverageGrid } from '../../src/coverage/grid';
import { CoverageEngine, gridSourcesFrom } from '../../src/coverage/engine';
import { TURF_SPHERE } from '../../src/coverage/projection';
import { data } from '../geodata/load';
import { FIXTURE_NAMES, loadFixture } from './fixtures';

let grid: CoverageGrid;
beforeAll(() => {
  grid = buildGrid(
    gridSourcesFrom(
      data('districts.geojson') as never,
      data('zones.geojson') as never,
      data('outer-ring-area.geojson') as never,
    ),
    { cellM: 50, earth: TURF_SPHERE },
  );
});

describe('covered share vs turf at 50 m cells', () => {
  for (const name of FIXTURE_NAMES) {
    it(`${name}: within 0.3 percentage points, covered km² within 2 %`, () => {
      const { sites, expected } = loadFixture(name);
      const engine = new CoverageEngine(grid, { maxDistanceM: 1500 });
      engine.setSites(sites.features.map((f) => ({ id: f.properties.id, lon: f.geometry.coordinates[0]!, lat: f.geometry.coordinates[1]! })));
      for (const [code, want] of Object.entries(expected)) {
        const got = engine.coverage({ district: code }, sites.metadata.rule);
        expect(Math.abs(got.share - want.share), `${code} share ${got.share} vs turf ${want.share}`).toBeLessThan(0.003);
        expect(Math.abs(got.areaKm2 / want.areaKm2 - 1)).toBeLessThan(0.002);
        if (want.coveredKm2 > 0.5) expect(Math.abs(got.coveredKm2 / want.coveredKm2 - 1)).toBeLessThan(0.02);
        else expect(got.coveredKm2).toBeLessThan(0.5);
      }
    });
  }

  it('district areas on WGS-84 match the files’ geodesic areas within 0.05 %', () => {
    const wgs = buildGrid(gridSourcesFrom(data('districts.geojson') as never), { cellM: 50 });
    for (const f of data<never, { adcode: string; area_km2_geodesic: number }>('districts.geojson').features) {
      const r = wgs.districts.get(f.properties.adcode)!;
      expect(Math.abs(r.areaKm2 / f.properties.area_km2_geodesic - 1)).toBeLessThan(5e-4);
    }
  });
});
