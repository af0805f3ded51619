/**
 * User key-zone boundaries (src/domain/userZones.ts): matching a feature to a zone by id or name,
 * the checks on a boundary, the zones in use — and a zone's share recomputed on the user's boundary
 * by the coverage worker's own session equals turf's (boundary ∩ land ∩ union of the sites' discs).
 */
import { area, centroid, circle, destination, featureCollection, intersect, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { matchZone, normaliseZoneName, zoneGeometryProblems, zonesInUse, type UserZone } from '../../src/domain/userZones';
import { zonesSchema } from '../../src/domain/geodata';
import { CoverageSession } from '../../src/worker/coverageSession';
import { allTargets } from '../../src/domain/plan';
import { BUNDLED_ASSUMPTIONS, BUNDLED_PLANS } from '../../src/domain/bundledPlans';
import { assumptionValues } from '../../src/domain/assumptions';
import type { Site } from '../../src/domain/site';
import { data } from '../geodata/load';
import { landOf } from '../geodata/landOf';

type Area = Feature<Polygon | MultiPolygon>;
const shipped = zonesSchema.parse(data('zones.geojson'));
const keys = shipped.features.map((f) => f.properties);

describe('matchZone', () => {
  it('finds a zone by id, by its zh or en name, then by a normalised name', () => {
    expect(matchZone(['nanjing-west-road'], keys)).toEqual({ ok: true, id: 'nanjing-west-road', by: 'id' });
    expect(matchZone(['南京西路'], keys)).toEqual({ ok: true, id: 'nanjing-west-road', by: 'name' });
    expect(matchZone(['Zizhu Hi-tech Park'], keys)).toEqual({ ok: true, id: 'zizhu', by: 'name' });
    expect(matchZone(['  nanjing west road '], keys)).toEqual({ ok: true, id: 'nanjing-west-road', by: 'normalised name' });
    expect(matchZone(['ＮＡＮＪＩＮＧ_WEST_ROAD'], keys)).toEqual({ ok: true, id: 'nanjing-west-road', by: 'normalised name' });
    // The first value that matches wins: an unknown id field, then a good name.
    expect(matchZone(['zone-17', '苏河湾'], keys)).toMatchObject({ ok: true, id: 'suhe-bay' });
    expect(normaliseZoneName('Wujiaochang – Greater KIC')).toBe('wujiaochanggreaterkic');
  });

  it('says when nothing matches, when a normalised name is shared, and when nothing is named', () => {
    const none = matchZone(['人民广场'], keys);
    expect(none.ok).toBe(false);
    expect(!none.ok && none.problem).toContain('no key zone is named "人民广场"');
    const twins = [
      { id: 'a-b', name: '甲', name_en: 'A B' },
      { id: 'ab', name: '乙', name_en: 'Other' },
    ];
    const amb = matchZone(['A-B '], twins);
    // Exact first: "A-B " trimmed is neither id nor name exactly; normalised it is both zones.
    expect(!amb.ok && amb.problem).toContain('ambiguous: it could be a-b or ab');
    expect(matchZone(['a-b'], twins)).toMatchObject({ ok: true, id: 'a-b', by: 'id' });
    expect(matchZone([' ', ''], keys)).toMatchObject({ ok: false, problem: expect.stringContaining('names no zone') });
  });
});

const square = (lon: number, lat: number, d: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]],
});

describe('zoneGeometryProblems', () => {
  const nwr = shipped.features.find((f) => f.properties.id === 'nanjing-west-road')!;
  const [cx, cy] = centroid(nwr.geometry).geometry.coordinates as [number, number];
  it('accepts a plain boundary near the shipped zone', () => {
    expect(zoneGeometryProblems(square(cx, cy, 0.005), nwr.geometry)).toEqual([]);
  });
  it('names a bow-tie, an open ring, a place far from Shanghai, a zero area, and a boundary far from its zone', () => {
    const bow: Polygon = { type: 'Polygon', coordinates: [[[cx, cy], [cx + 0.01, cy + 0.01], [cx + 0.01, cy], [cx, cy + 0.01], [cx, cy]]] };
    expect(zoneGeometryProblems(bow, nwr.geometry)[0]).toMatch(/self-intersecting \(1 crossing, the first near 121\.\d{5}, 31\.\d{5}\)/);
    expect(zoneGeometryProblems({ type: 'Polygon', coordinates: [[[cx, cy], [cx + 0.01, cy], [cx, cy + 0.01]]] }, nwr.geometry)[0]).toContain('not closed');
    expect(zoneGeometryProblems(square(116.4, 39.9, 0.01), nwr.geometry)[0]).toContain('far from Shanghai');
    const flat: Polygon = { type: 'Polygon', coordinates: [[[cx, cy], [cx + 0.01, cy], [cx + 0.02, cy], [cx, cy]]] };
    expect(zoneGeometryProblems(flat, nwr.geometry).join()).toContain('not an area');
    expect(zoneGeometryProblems(square(121.9, 31.0, 0.01), nwr.geometry)[0]).toMatch(/centre is \d+\.\d km from the shipped zone/);
  });
});

describe('zonesInUse', () => {
  it('puts a user boundary in place of its zone, marked with source and date; the others are the shipped ones', () => {
    expect(zonesInUse(shipped, new Map())).toBe(shipped);
    const user: UserZone = { id: 'daning', geometry: square(121.45, 31.28, 0.01), source: 'official.kml', savedAt: '2026-12-02T01:00:00.000Z' };
    const inUse = zonesInUse(shipped, new Map([[user.id, user]]));
    const daning = inUse.features.find((f) => f.properties.id === 'daning')!;
    expect(daning.geometry).toEqual(user.geometry);
    expect(daning.properties).toMatchObject({ user_source: 'official.kml', user_saved_at: user.savedAt, precision: 'derived' });
    expect(inUse.features.filter((f) => f.properties.user_source !== undefined)).toHaveLength(1);
    expect(inUse.features.length).toBe(shipped.features.length);
    // Still a valid zones file.
    expect(zonesSchema.safeParse(inUse).success).toBe(true);
  });
});

describe('a zone share on a user boundary', () => {
  it('the coverage session’s share of 南京西路 on a user boundary equals turf (boundary ∩ land ∩ union of discs)', () => {
    const JINGAN = '310106';
    const districts = data<Polygon | MultiPolygon, { adcode: string }>('districts.geojson');
    const land = data<Polygon | MultiPolygon>('land.geojson');
    const jingan = { ...districts, features: districts.features.filter((f) => f.properties.adcode === JINGAN) };
    const nwr = shipped.features.find((f) => f.properties.id === 'nanjing-west-road')!;
    const c = centroid(nwr.geometry);
    // A user boundary unlike the shipped one: a pentagon of ~1 km radius around the zone's centre.
    const ringPts = [0, 72, 144, 216, 288].map((deg) => destination(c, deg === 0 ? 1.1 : 0.9, deg, { units: 'kilometers' }).geometry.coordinates);
    const boundary: Polygon = { type: 'Polygon', coordinates: [[...ringPts, ringPts[0]!]] };
    expect(zoneGeometryProblems(boundary, nwr.geometry)).toEqual([]);
    const zones = zonesInUse(shipped, new Map([['nanjing-west-road', { id: 'nanjing-west-road', geometry: boundary, source: 'test.geojson', savedAt: '2026-12-02' }]]));
    const target = allTargets(BUNDLED_PLANS).find((t) => t.id === 'jingan-nanjing-west-road-lockers')!;
    const session = new CoverageSession(
      { districts: jingan as never, zones: { features: zones.features.filter((f) => f.properties.district === JINGAN) }, outerRing: data('outer-ring-area.geojson') as never, land: land as never },
      { cellM: 20, targets: [target] },
    );
    const sitesAt = [
      destination(c, 0.7, 30, { units: 'kilometers' }),
      destination(c, 0.8, 200, { units: 'kilometers' }),
    ].map((p, i): Site => ({ id: `l${i}`, type: 'parcel-locker', lon: p.geometry.coordinates[0]!, lat: p.geometry.coordinates[1]!, status: 'existing' }) as Site);
    session.applySites({ replace: sitesAt });
    const assumptions = assumptionValues(BUNDLED_ASSUMPTIONS);
    session.setAssumptions(assumptions);
    const [r] = session.compute().results;
    const km = assumptions['parcel-locker-radius']!;
    // turf, independently: the boundary's land, and its part within `km` of a site.
    const zoneLand = landOf(boundary, land.features)!;
    const discs = union(featureCollection(sitesAt.map((p) => circle([p.lon, p.lat], km, { steps: 256, units: 'kilometers' }))))!;
    const covered = intersect(featureCollection([zoneLand, discs as Area]));
    const want = covered ? area(covered) / area(zoneLand) : 0;
    expect(want).toBeGreaterThan(0.2);
    expect(want).toBeLessThan(0.9);
    expect(r!.current).not.toBeNull();
    // 20 m cells over a ~2.5 km² boundary against turf's exact cut: measured 0.0001 (0.3947 vs 0.3946); ~3× that.
    expect(Math.abs(r!.current! - want), `${r!.current} vs turf ${want}`).toBeLessThan(0.0003);
  });
});
