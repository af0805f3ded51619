/**
 * Covered shares against turf's (circle 64 steps → union → intersect → area), stored in
 * tests/fixtures/coverage/*.expected.json by tests/coverage/fixtures.ts, on both grounds: the whole
 * district polygon and its land (∩ public/data/land.geojson). Some fixtures mix sites that use the
 * rule (0.9 km inside the Outer Ring / 1.5 km outside, by where the ground lies) with sites that carry
 * their own radius. The engine runs on turf's sphere here (TURF_SPHERE) so that both sides use the
 * same earth; on WGS-84 radii differ by up to 0.3 %.
 *
 * Tolerances, 2–3× the largest errors measured over these fixtures (both grounds): share 0.050
 * percentage points (sparse Yangpu, a small district), scope area 0.010 %, covered km² 0.23 % where 5 km²
 * or more are covered (turf's 64-gon discs are 0.16 % smaller than circles, most of that), and
 * 0.0062 km² absolute for smaller covered areas.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGrid, type CoverageGrid } from '../../src/coverage/grid';
import { CoverageEngine, gridSourcesFrom, GROUNDS } from '../../src/coverage/engine';
import { TURF_SPHERE } from '../../src/coverage/projection';
import { data } from '../geodata/load';
import { FIXTURE_NAMES, loadFixture } from './fixtures';

const SHARE_PP = 0.12; // percentage points
const AREA_REL = 0.00025; // the scope's area
const COVERED_REL = 0.006; // covered km², for covered areas of 5 km² or more
const COVERED_SMALL_KM2 = 0.015; // absolute, below 5 km²

let grid: CoverageGrid;
beforeAll(() => {
  grid = buildGrid(
    gridSourcesFrom(
      data('districts.geojson') as never,
      data('zones.geojson') as never,
      data('outer-ring-area.geojson') as never,
      data('land.geojson') as never,
    ),
    { cellM: 50, earth: TURF_SPHERE },
  );
});

describe('covered share vs turf at 50 m cells, on land and on the polygon', () => {
  for (const name of FIXTURE_NAMES) {
    it(`${name}: within ${SHARE_PP} percentage points; areas within ${AREA_REL * 100} %, covered km² within ${COVERED_REL * 100} %`, () => {
      const { sites, expected } = loadFixture(name);
      const engine = new CoverageEngine(grid, { maxDistanceM: 3000 });
      engine.setSites(
        sites.features.map((f) => ({
          id: f.properties.id,
          lon: f.geometry.coordinates[0]!,
          lat: f.geometry.coordinates[1]!,
          ...(f.properties.radiusKm === undefined ? {} : { radiusKm: f.properties.radiusKm }),
        })),
      );
      for (const [code, byGround] of Object.entries(expected)) {
        const got = engine.coverage({ district: code }, sites.metadata.rule);
        for (const ground of GROUNDS) {
          const want = byGround[ground];
          const g = got[ground];
          const where = `${code} ${ground}`;
          expect(Math.abs(g.share - want.share) * 100, `${where} share ${g.share} vs turf ${want.share}`).toBeLessThan(SHARE_PP);
          expect(Math.abs(g.areaKm2 / want.areaKm2 - 1), `${where} area`).toBeLessThan(AREA_REL);
          if (want.coveredKm2 >= 5) expect(Math.abs(g.coveredKm2 / want.coveredKm2 - 1), `${where} covered`).toBeLessThan(COVERED_REL);
          else expect(Math.abs(g.coveredKm2 - want.coveredKm2), `${where} covered`).toBeLessThan(COVERED_SMALL_KM2);
        }
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
