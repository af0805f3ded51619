/**
 * The shipped townships (街道 / 镇): public/data/townships.geojson (113 OSM polygons of 8 districts,
 * clipped to them) and public/data/township-codes.csv (the NBS 2023 list of all 234), as the build
 * writes them from geodata/source/.
 */
import { describe, expect, it } from 'vitest';
import { area, bbox, booleanIntersects, featureCollection, intersect } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { townshipsSchema } from '../../src/domain/geodata';
import { data, dataText, source, type AreaFeature, type DistrictProps } from './load';

type TownshipProps = { code: string; name: string; district: string; osm_relation: number; area_km2_geodesic: number };
const townships = data<Polygon | MultiPolygon, TownshipProps>('townships.geojson');
const districts = data<Polygon | MultiPolygon, DistrictProps>('districts.geojson');
const codes = dataText('township-codes.csv')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [code, name, district, osm, geometry] = line.split(',');
    return { code: code!, name: name!, district: district!, osm: osm!, geometry: geometry! };
  });

describe('townships', () => {
  it('113 polygons of the 8 districts, valid, each coded and named as in the NBS 2023 list', () => {
    expect(townshipsSchema.safeParse(townships).success).toBe(true);
    expect(townships.features).toHaveLength(113);
    const byCode = new Map(codes.map((c) => [c.code, c]));
    for (const f of townships.features) {
      const row = byCode.get(f.properties.code)!;
      expect(row, f.properties.code).toBeDefined();
      expect(row.name).toBe(f.properties.name);
      expect(row.district).toBe(f.properties.district);
      expect(Number(row.osm)).toBe(f.properties.osm_relation);
      expect(row.geometry).toBe('townships.geojson');
    }
    expect(new Set(townships.features.map((f) => f.properties.district))).toEqual(new Set(['310101', '310104', '310105', '310106', '310107', '310109', '310110', '310115']));
  });

  it('the code list holds all 234 units, unique, in the 16 districts; the three source codes that disagree with it are corrected', () => {
    expect(codes).toHaveLength(234);
    expect(new Set(codes.map((c) => c.code)).size).toBe(234);
    const adcodes = new Set(districts.features.map((f) => f.properties.adcode));
    for (const c of codes) {
      expect(adcodes.has(c.district)).toBe(true);
      expect(c.code.startsWith(c.district)).toBe(true);
    }
    expect(codes.filter((c) => c.geometry === 'townships.geojson')).toHaveLength(113);
    const named = (name: string) => townships.features.find((f) => f.properties.name === name)!.properties.code;
    // The source file had 310106100 for 彭浦镇 and swapped the codes of 真如镇街道 and 万里街道.
    expect(named('彭浦镇')).toBe('310106101');
    expect(named('万里街道')).toBe('310107021');
    expect(named('真如镇街道')).toBe('310107022');
    const src = source<Polygon | MultiPolygon, { name: string; code_2023: string }>('shanghai_townships_osm_8districts.geojson');
    expect(src.features.find((f) => f.properties.name === '彭浦镇')!.properties.code_2023).toBe('310106100000');
  });

  it('each lies in its district and no two overlap (turf, 0.01 km²)', () => {
    const districtOf = new Map(districts.features.map((f) => [f.properties.adcode, f as AreaFeature]));
    const boxes = townships.features.map((f) => bbox(f));
    townships.features.forEach((f, i) => {
      const inside = intersect(featureCollection<Polygon | MultiPolygon>([f, districtOf.get(f.properties.district)!]));
      expect(area(inside!) / area(f), f.properties.name).toBeGreaterThan(0.999);
      for (let j = i + 1; j < townships.features.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        if (a[2] < b[0] || b[2] < a[0] || a[3] < b[1] || b[3] < a[1]) continue;
        const g = townships.features[j]!;
        if (!booleanIntersects(f, g)) continue;
        const both = intersect(featureCollection<Polygon | MultiPolygon>([f, g]));
        expect(both ? area(both) / 1e6 : 0, `${f.properties.name} ∩ ${g.properties.name}`).toBeLessThan(0.01);
      }
    });
  }, 120_000);

  it('areas: the recorded geodesic area is the polygon’s (turf’s sphere reads ~0.1 % larger), and the 8 districts are mostly covered', () => {
    let sum = 0;
    for (const f of townships.features) {
      expect(area(f) / 1e6 / f.properties.area_km2_geodesic - 1, f.properties.name).toBeGreaterThan(-0.002);
      expect(area(f) / 1e6 / f.properties.area_km2_geodesic - 1, f.properties.name).toBeLessThan(0.004);
      sum += f.properties.area_km2_geodesic;
    }
    const eight = districts.features.filter((f) => ['310101', '310104', '310105', '310106', '310107', '310109', '310110', '310115'].includes(f.properties.adcode));
    const districtsKm2 = eight.reduce((s, f) => s + f.properties.area_km2_geodesic, 0);
    // The shared README: union 1,692 km² against 1,730 km² for the districts' polygons (coast and water).
    expect(sum / districtsKm2).toBeGreaterThan(0.95);
    expect(sum / districtsKm2).toBeLessThan(1);
  });
});
