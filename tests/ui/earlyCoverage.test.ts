/**
 * The early coverage worker is taken over only when the grid asked for is the one it builds: the
 * shipped files' objects, the townships merged with no file, the same cell size.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sameGrid, shippedSources } from '../../src/ui/coverage/earlyCoverage';
import { mergeTownships } from '../../src/domain/townships';
import { zonesInUse } from '../../src/domain/userZones';
import type { Geodata } from '../../src/io/loadGeodata';

const read = (f: string) => JSON.parse(readFileSync(new URL(`../../public/data/${f}`, import.meta.url), 'utf8'));
const data = {
  districts: read('districts.geojson'),
  zones: read('zones.geojson'),
  outerRingArea: read('outer-ring-area.geojson'),
  land: read('land.geojson'),
  townships: read('townships.geojson'),
} as Geodata;

/** The sources the app's coverage feed sends (useCoverageWorker), for the data and townships in use. */
const feedSources = (d: Geodata, townships: ReturnType<typeof mergeTownships>) => ({ districts: d.districts!, zones: d.zones, outerRing: d.outerRingArea, land: d.land, townships });

describe('early coverage worker', () => {
  const early = shippedSources(data)!;
  it('matches the app’s grid with no kept file or boundary, at the same cell only', () => {
    const app = feedSources({ ...data, zones: zonesInUse(data.zones!, new Map()) }, mergeTownships(data.townships!.features, []));
    expect(sameGrid(early, 50, app, 50)).toBe(true);
    expect(sameGrid(early, 50, app, 25)).toBe(false);
  });

  it('does not match once a township file or a zone boundary is in use', () => {
    const f = data.townships!.features[0]!;
    const imported = [{ code: f.properties.code, name: f.properties.name, district: f.properties.district, geometry: data.townships!.features[1]!.geometry }];
    expect(sameGrid(early, 50, feedSources(data, mergeTownships(data.townships!.features, imported)), 50)).toBe(false);
    const z = data.zones!.features[0]!;
    const zones = zonesInUse(data.zones!, new Map([[z.properties.id, { id: z.properties.id, geometry: data.zones!.features[1]!.geometry, source: 'test.geojson', savedAt: 'now' }]]) as never);
    expect(sameGrid(early, 50, feedSources({ ...data, zones }, mergeTownships(data.townships!.features, [])), 50)).toBe(false);
  });
});
