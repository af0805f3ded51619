import * as turf from '@turf/turf';
import type { MultiPolygon, Point, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { zonePropsSchema } from '../../src/domain/geodata';
import { PLAN_ZONES } from '../../src/domain/bundledPlans';
import { type AreaFeature, data, district, km2, source, zones } from './load';

/** The zones the plan files list, with their districts: the contract between plans and geodata. */
const EXPECTED: Readonly<Record<string, string>> = Object.fromEntries(PLAN_ZONES.map((z) => [z.zone, z.district]));

const all = zones();
function zone(id: string): AreaFeature {
  const z = all.find((f) => f.properties.id === id);
  if (!z) throw new Error(`no zone ${id}`);
  return z;
}
const areaKm2 = (id: string) => km2(turf.area(zone(id)));
const stations = data<Point>('metro-stations.geojson').features;
const station = (nameZh: string) => stations.find((s) => s.properties.name_zh === nameZh)!.geometry.coordinates;

describe('zones.geojson', () => {
  it('has exactly the expected ids, each in the expected district', () => {
    expect(Object.fromEntries(all.map((f) => [f.properties.id, f.properties.district]))).toEqual(EXPECTED);
  });

  it('has exactly the contract properties', () => {
    // The user-boundary marks are the app's (src/domain/userZones.ts), never in the shipped file.
    const keys = Object.keys(zonePropsSchema.shape)
      .filter((k) => !k.startsWith('user_'))
      .sort();
    for (const f of all) expect(Object.keys(f.properties).sort()).toEqual(keys);
  });

  it('says in its basis how far it can be trusted', () => {
    for (const f of all) {
      expect(f.properties.basis_en.startsWith(`${f.properties.precision}:`), f.properties.id).toBe(true);
      if (f.properties.precision === 'approximate') {
        expect(f.properties.basis_en, f.properties.id).toMatch(/not (an|the) official( subdistrict)? boundary|low confidence/);
      }
    }
  });

  // Every zone lies inside its district. Zones that are a part of the district polygon must be
  // turf-booleanWithin it; zones cut out by clipping (turf.intersect, then rounding to 6 decimals)
  // must have at least 99% of their area inside it.
  it.each(all.map((f) => [f.properties.id, f.properties.precision] as const))(
    '%s (%s) lies inside its district',
    (id) => {
      const z = zone(id);
      const d = district(z.properties.district as string);
      const inside = turf.intersect(turf.featureCollection<Polygon | MultiPolygon>([z, d]));
      expect(inside, 'zone does not overlap its district').not.toBeNull();
      expect(turf.area(inside!) / turf.area(z)).toBeGreaterThanOrEqual(0.99);
      if (z.properties.precision === 'exact') {
        expect(turf.booleanWithin(z, d)).toBe(true);
      }
    },
  );

  it('no zone is empty or a sliver', () => {
    for (const f of all) expect(km2(turf.area(f)), f.properties.id).toBeGreaterThan(0.03);
  });
});

describe('exact and derived zones match their source geometry', () => {
  const anchors = source<Point>('zone_anchor_points_partial.geojson').features;
  const anchor = (zoneName: string) => anchors.find((a) => a.properties.zone === zoneName)!.geometry.coordinates;

  it.each([
    ['changxing-island', 'Changxing Island'],
    ['hengsha-island', 'Hengsha Island'],
  ])('%s is the Chongming part that contains its anchor point', (id, anchorName) => {
    const z = zone(id);
    expect(z.geometry.type).toBe('Polygon');
    expect(turf.booleanPointInPolygon(anchor(anchorName), z)).toBe(true);
    const chongming = district('310151');
    if (chongming.geometry.type !== 'MultiPolygon') throw new Error('Chongming should be a MultiPolygon');
    const parts = chongming.geometry.coordinates.map((p) => turf.polygon(p));
    const containing = parts.filter((p) => turf.booleanPointInPolygon(anchor(anchorName), p));
    expect(containing).toHaveLength(1);
    expect(km2(turf.area(z))).toBeCloseTo(km2(turf.area(containing[0]!)), 2);
  });

  it('Changxing and Hengsha are the two mid-sized islands (not the main island, not the islet)', () => {
    expect(areaKm2('changxing-island')).toBeGreaterThan(100);
    expect(areaKm2('changxing-island')).toBeLessThan(200);
    expect(areaKm2('hengsha-island')).toBeGreaterThan(50);
    expect(areaKm2('hengsha-island')).toBeLessThan(100);
  });

  it('daning is the 大宁路街道 township polygon (clipped to Jing\'an loses < 1%)', () => {
    const township = source<Polygon>('shanghai_townships_subset8_osm.geojson').features.find(
      (f) => f.properties.name === '大宁路街道',
    )!;
    expect(Math.abs(areaKm2('daning') / km2(turf.area(township)) - 1)).toBeLessThan(0.01);
    expect(turf.booleanPointInPolygon(anchor('Daning'), zone('daning'))).toBe(true);
  });
});

describe('approximate zones are where and how large the plans say', () => {
  // Official or plan-text sizes, with the tolerance the approximation is held to.
  it.each([
    ['maqiao-ai-zone', 15.7, 0.1], // 2019 announcement: ~15.7 km²
    ['da-lingkong-wan', 1.3, 0.15], // plan text: 1.3 km² T-shaped core
    ['fengxian-new-city', 67.9, 0.1], // official new-city area ≈ 67.9 km²
    ['oriental-beauty-valley', 18.49, 0.15], // core area ~18.49 km² (press)
    ['shibei-hightech-park', 3.13, 0.15], // official 3.13 km²
    ['xinhongqiao-medical-park', 1.0, 0.2], // ~100 ha
    ['baozhen-bus-station', 0.04, 0.2], // ~200 m square
  ] as const)('%s is about %s km²', (id, expected, tolerance) => {
    expect(Math.abs(areaKm2(id) / expected - 1)).toBeLessThan(tolerance);
  });

  it.each([
    ['wujiaochang', '五角场'],
    ['changyang', '宁国路'],
    ['changyang', '江浦公园'],
    ['nanjing-west-road', '南京西路'],
    ['nanjing-west-road', '静安寺'],
    ['suhe-bay', '曲阜路'],
    ['suhe-bay', '汉中路'],
    ['fengxian-new-city', '金海湖'],
    ['fengxian-new-city', '奉贤新城'],
    ['zizhu', '紫竹高新区'],
    ['da-lingkong-wan', '东川路'],
    ['hongqiao-business-district', '虹桥火车站'],
  ])('%s contains the %s metro station', (id, stationName) => {
    expect(turf.booleanPointInPolygon(station(stationName), zone(id))).toBe(true);
  });

  it.each([
    ['suhe-bay', '自然博物馆'], // south of Suzhou Creek
    ['suhe-bay', '新闸路'], // south of Suzhou Creek
    ['maqiao-ai-zone', '闵行开发区'], // the development zone lies south of Jiangchuan Rd
  ])('%s does not contain the %s metro station', (id, stationName) => {
    expect(turf.booleanPointInPolygon(station(stationName), zone(id))).toBe(false);
  });

  it('Maqiao AI zone contains Maqiao town (121.36, 31.035)', () => {
    expect(turf.booleanPointInPolygon([121.36, 31.035], zone('maqiao-ai-zone'))).toBe(true);
  });

  it('Shibei lies north of Wenshui Rd (the 汶水路 station latitude)', () => {
    const [, south] = turf.bbox(zone('shibei-hightech-park'));
    expect(south).toBeGreaterThanOrEqual(station('汶水路')[1]! - 1e-6);
  });

  it('Yangpu Riverside runs along the Pudong boundary (the Huangpu) for over 10 km', () => {
    const strip = zone('yangpu-binjiang');
    const pudong = district('310115');
    const yangpu = district('310110');
    // Every strip vertex is within ~0.85 km of Pudong, across the river.
    const pudongLine = turf.polygonToLine(turf.simplify(pudong, { tolerance: 0.0005 }));
    const lines = pudongLine.type === 'FeatureCollection' ? pudongLine.features : [pudongLine];
    turf.coordEach(strip, (p) => {
      const d = Math.min(...lines.map((l) => turf.pointToLineDistance(p, l as never, { units: 'kilometers' })));
      expect(d).toBeLessThan(0.9);
    });
    const [w, s, e, n] = turf.bbox(strip);
    expect(turf.distance([w, s], [e, n])).toBeGreaterThan(10);
    expect(km2(turf.area(strip)) / km2(turf.area(yangpu))).toBeLessThan(0.3);
  });

  it('Da Lingkong Wan touches both the SJTU and ECNU Minhang campus area (within 0.5 km of each)', () => {
    const z = zone('da-lingkong-wan');
    for (const p of [
      [121.437, 31.025], // SJTU Minhang campus (plan text)
      [121.45, 31.03], // ECNU Minhang campus (plan text)
    ]) {
      const line = turf.polygonToLine(z);
      const outside = !turf.booleanPointInPolygon(p, z);
      const d = outside ? turf.pointToLineDistance(p, line as never, { units: 'kilometers' }) : 0;
      expect(d).toBeLessThan(0.5);
    }
  });
});
